import type { Platform } from '../../platform/platform';
import type { App } from '../../platform/http';
import { securitySettingsSchema, writeSecuritySettings } from '../../platform/security-settings';

/** Security settings belong to the security administrator (三员分立). */
export function settingsRoutes(app: App, platform: Platform): void {
  const tags = ['settings'];

  app.get('/api/settings/security', {
    config: { permission: 'settings.read' },
    schema: { tags, summary: '安全设置 Security settings', response: { 200: securitySettingsSchema } },
  }, async () => platform.securitySettings());

  app.put('/api/settings/security', {
    config: { permission: 'settings.write' },
    schema: { tags, summary: '修改安全设置 Update security settings', body: securitySettingsSchema, response: { 200: securitySettingsSchema } },
  }, async (request) => {
    const before = await platform.securitySettings();
    await platform.database.db.transaction().execute(async (trx) => {
      await writeSecuritySettings(trx, request.body, platform.clock);
      await platform.audit.record(trx, request.ctx, { action: 'settings.security.update', entityType: 'settings', entityId: 'security', detail: { before, after: request.body } });
    });
    return platform.securitySettings();
  });
}
