import type { Platform } from '../../platform/platform';
import { idParams, type App } from '../../platform/http';
import { rectificationSettingsSchema } from '../rectification/rectification-settings';
import { myWorkQuery, myWorkView, notificationListQuery, notificationPage, notificationView, readAllView } from './workbench.schemas';
import {
  getRectificationSettings, listNotifications, markAllNotificationsRead, markNotificationRead, myWork, updateRectificationSettings,
} from './workbench.service';

export function workbenchRoutes(app: App, platform: Platform): void {
  const db = platform.database.db;
  const tags = ['workbench'];

  app.get('/api/notifications', {
    config: { signedIn: true },
    schema: { tags, summary: '我的消息 My notifications', querystring: notificationListQuery, response: { 200: notificationPage } },
  }, async (request) => listNotifications(db, request.actor!, request.query));

  app.post('/api/notifications/read-all', {
    config: { signedIn: true },
    schema: { tags, summary: '全部标为已读 Mark all read', response: { 200: readAllView } },
  }, async (request) => markAllNotificationsRead(platform, request.actor!));

  app.post('/api/notifications/:id/read', {
    config: { signedIn: true },
    schema: { tags, summary: '标为已读 Mark read', params: idParams, response: { 200: notificationView } },
  }, async (request) => markNotificationRead(platform, request.actor!, request.params.id));

  app.get('/api/my-work', {
    config: { signedIn: true },
    schema: { tags, summary: '我的待办 My work', querystring: myWorkQuery, response: { 200: myWorkView } },
  }, async (request) => myWork(platform, request.actor!, request.query));

  app.get('/api/settings/rectification', {
    config: { signedIn: true },
    schema: { tags, summary: '整改期限设置 Deadline settings', response: { 200: rectificationSettingsSchema } },
  }, async () => getRectificationSettings(db));

  app.put('/api/settings/rectification', {
    config: { permission: 'dictionaries.write' },
    schema: { tags, summary: '修改整改期限设置 Update deadline settings', body: rectificationSettingsSchema, response: { 200: rectificationSettingsSchema } },
  }, async (request) => updateRectificationSettings(platform, request.ctx, request.body));
}
