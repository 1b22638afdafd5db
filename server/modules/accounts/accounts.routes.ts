import type { Platform } from '../../platform/platform';
import { idParams, pageOf, type App } from '../../platform/http';
import { accountCreateBody, accountListQuery, accountUpdateBody, accountView, resetPasswordBody } from './accounts.schemas';
import { accountDetail, createAccount, listAccounts, resetPassword, unlockAccount, updateAccount } from './accounts.service';

export function accountsRoutes(app: App, platform: Platform): void {
  const tags = ['accounts'];

  app.get('/api/accounts', {
    config: { permission: 'accounts.read' },
    schema: { tags, summary: '账号列表 Accounts', querystring: accountListQuery, response: { 200: pageOf(accountView) } },
  }, async (request) => listAccounts(platform, request.actor!, request.query));

  app.get('/api/accounts/:id', {
    config: { permission: 'accounts.read' },
    schema: { tags, summary: '账号 Account', params: idParams, response: { 200: accountView } },
  }, async (request) => accountDetail(platform, request.actor!, request.params.id));

  app.post('/api/accounts', {
    config: { permission: 'accounts.write' },
    schema: { tags, summary: '新建账号 Create account', body: accountCreateBody, response: { 200: accountView } },
  }, async (request) => createAccount(platform, request.ctx, request.body));

  app.patch('/api/accounts/:id', {
    config: { permission: 'accounts.write' },
    schema: { tags, summary: '修改账号 Update account', params: idParams, body: accountUpdateBody, response: { 200: accountView } },
  }, async (request) => updateAccount(platform, request.ctx, request.params.id, request.body));

  app.post('/api/accounts/:id/reset-password', {
    config: { permission: 'accounts.write' },
    schema: { tags, summary: '重置密码 Reset password', params: idParams, body: resetPasswordBody },
  }, async (request, reply) => {
    await resetPassword(platform, request.ctx, request.params.id, request.body.password);
    return reply.status(204).send();
  });

  app.post('/api/accounts/:id/unlock', {
    config: { permission: 'accounts.unlock' },
    schema: { tags, summary: '解锁 Unlock', params: idParams, response: { 200: accountView } },
  }, async (request) => unlockAccount(platform, request.ctx, request.params.id));
}
