import type { Platform } from '../../platform/platform';
import type { App } from '../../platform/http';
import { SESSION_COOKIE } from '../../platform/auth/sessions';
import { endSessionBody, ownSessionView, passwordBody, profileBody, sessionView, signInBody, meView } from './auth.schemas';
import { z } from 'zod';
import { changeOwnPassword, endOwnSessions, loadMe, ownSessions, presentMe, signIn, signOut, updateProfile } from './auth.service';

export function authRoutes(app: App, platform: Platform): void {
  const cookieOptions = { path: '/', httpOnly: true, sameSite: 'strict' as const, secure: platform.config.cookieSecure };

  app.post('/api/auth/sign-in', {
    config: { public: true, rateLimit: { max: platform.config.signInRateLimit, timeWindow: '1 minute' } },
    schema: { tags: ['auth'], summary: '登录 Sign in', body: signInBody, response: { 200: sessionView } },
  }, async (request, reply) => {
    const { username, password } = request.body;
    const result = await signIn(platform, request.ctx, username, password, request.headers['user-agent'] ?? null);
    reply.setCookie(SESSION_COOKIE, result.token, cookieOptions);
    return { account: result.me, csrfToken: result.csrfToken };
  });

  app.post('/api/auth/sign-out', {
    config: { signedIn: true, duringPasswordChange: true },
    schema: { tags: ['auth'], summary: '退出 Sign out' },
  }, async (request, reply) => {
    await signOut(platform, request.ctx, request.sessionId!);
    reply.clearCookie(SESSION_COOKIE, cookieOptions);
    return reply.status(204).send();
  });

  app.post('/api/auth/sign-out-everywhere', {
    config: { signedIn: true, duringPasswordChange: true },
    schema: { tags: ['auth'], summary: '退出全部会话 Sign out everywhere' },
  }, async (request, reply) => {
    await endOwnSessions(platform, request.ctx, 'all');
    reply.clearCookie(SESSION_COOKIE, cookieOptions);
    return reply.status(204).send();
  });

  app.get('/api/auth/sessions', {
    config: { signedIn: true },
    schema: { tags: ['auth'], summary: '我的登录会话 My active sessions', response: { 200: z.array(ownSessionView) } },
  }, async (request) => ownSessions(platform.database.db, request.actor!.id, request.sessionId!));

  app.post('/api/auth/sessions/end', {
    config: { signedIn: true },
    schema: { tags: ['auth'], summary: '结束一个会话 End one of my sessions', body: endSessionBody },
  }, async (request, reply) => {
    await endOwnSessions(platform, request.ctx, { id: request.body.id });
    if (request.body.id === request.sessionId) reply.clearCookie(SESSION_COOKIE, cookieOptions);
    return reply.status(204).send();
  });

  app.get('/api/auth/session', {
    config: { signedIn: true, duringPasswordChange: true },
    schema: { tags: ['auth'], summary: '当前会话 Current session', response: { 200: sessionView } },
  }, async (request) => {
    const row = await loadMe(platform.database.db, request.actor!.id);
    return { account: presentMe(row, request.mustChangePassword), csrfToken: request.csrfToken! };
  });

  app.post('/api/auth/password', {
    config: { signedIn: true, duringPasswordChange: true },
    schema: { tags: ['auth'], summary: '修改密码 Change password', body: passwordBody },
  }, async (request, reply) => {
    await changeOwnPassword(platform, request.ctx, request.body.currentPassword, request.body.newPassword, request.sessionId!);
    return reply.status(204).send();
  });

  app.put('/api/auth/profile', {
    config: { signedIn: true },
    schema: { tags: ['auth'], summary: '个人资料 Profile', body: profileBody, response: { 200: meView } },
  }, async (request) => updateProfile(platform, request.ctx, request.body));
}
