import { api } from './client';

export interface SecuritySettings {
  passwordMinLength: number;
  lockoutThreshold: number;
  lockoutMinutes: number;
  idleTimeoutMinutes: number;
  passwordMaxAgeDays: number;
}

export const settingsApi = {
  security: () => api.get<SecuritySettings>('/api/settings/security'),
  updateSecurity: (settings: SecuritySettings) => api.put<SecuritySettings>('/api/settings/security', settings),
};
