import { api } from './client';

export interface SecuritySettings {
  passwordMinLength: number;
  lockoutThreshold: number;
  lockoutMinutes: number;
  idleTimeoutMinutes: number;
  passwordMaxAgeDays: number;
  /** A new sign-in ends the account's other sessions. */
  singleSession: boolean;
}

export const settingsApi = {
  security: () => api.get<SecuritySettings>('/api/settings/security'),
  updateSecurity: (settings: SecuritySettings) => api.put<SecuritySettings>('/api/settings/security', settings),
};
