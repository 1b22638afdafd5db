import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyError, type FastifyReply, type FastifyRequest } from 'fastify';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import fastifyStatic from '@fastify/static';
import {
  hasZodFastifySchemaValidationErrors,
  isResponseSerializationError,
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import type { Platform } from './platform/platform';
import type { App } from './platform/http';
import { AppError, invalidField } from './platform/errors';
import { fieldLabel, localeFromHeader, t, type Locale } from './platform/i18n';
import { describeFieldIssue, fieldWithNul } from './platform/validation';
import { isBrokenUpload } from './platform/uploads';
import { resumeSession, SESSION_COOKIE } from './platform/auth/sessions';
import { authRoutes } from './modules/auth/auth.routes';
import { regionsRoutes } from './modules/regions/regions.routes';
import { unitsRoutes } from './modules/units/units.routes';
import { filesRoutes } from './modules/files/files.routes';
import { accountsRoutes } from './modules/accounts/accounts.routes';
import { auditRoutes } from './modules/audit/audit.routes';
import { settingsRoutes } from './modules/settings/settings.routes';
import { inspectorsRoutes } from './modules/inspectors/inspectors.routes';
import { expertsRoutes } from './modules/experts/experts.routes';
import { feesRoutes } from './modules/fees/fees.routes';
import { responsibleRoutes } from './modules/responsible/responsible.routes';
import { committeeRoutes } from './modules/committee/committee.routes';
import { supervisionRoutes } from './modules/tasks/supervision.routes';
import { noticesRoutes } from './modules/notices/notices.routes';
import { rectificationRoutes } from './modules/rectification/rectification.routes';
import { workbenchRoutes } from './modules/workbench/workbench.routes';
import { oversightRoutes } from './modules/oversight/oversight.routes';
import { indicatorsRoutes } from './modules/indicators/indicators.routes';
import { balanceRoutes } from './modules/balance/balance.routes';
import { complaintsRoutes } from './modules/complaints/complaints.routes';

export interface RouteInfo {
  method: string;
  url: string;
  permission?: string;
  public?: boolean;
  signedIn?: boolean;
  /** Takes a multipart upload. */
  upload?: boolean;
  /** The route's zod schemas (params, querystring, body), for tests that walk every input. */
  schema?: { params?: unknown; querystring?: unknown; body?: unknown };
}

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function errorBody(request: FastifyRequest, code: string, message: string, extra: Record<string, unknown> = {}) {
  return { error: { code, message, requestId: request.id, ...extra } };
}

/** Build the whole HTTP application on a platform; `routes` lists every API route for the authorization matrix. */
export async function buildApp(platform: Platform, options: { logger?: boolean } = {}): Promise<App & { routeTable: RouteInfo[] }> {
  const { config, database, clock } = platform;
  const fastify = Fastify({
    logger: options.logger === false ? false : { level: config.logLevel },
    genReqId: () => randomUUID(),
    // Behind a load balancer, the client's address (audit, sign-in rate limit) comes from X-Forwarded-For.
    trustProxy: config.trustProxy,
    bodyLimit: 1024 * 1024,
    // Requests in flight finish on SIGTERM; new connections are refused.
    return503OnClosing: true,
  });
  const app = fastify.withTypeProvider<ZodTypeProvider>() as App;
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  const routeTable: RouteInfo[] = [];
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/') || route.url.startsWith('/api/docs')) return;
    const c = route.config ?? {};
    // Deny by default: an API route that states no permission does not start.
    if (!c.permission && !c.public && !c.signedIn) throw new Error(`Route ${route.method} ${route.url} declares no permission`);
    for (const method of [route.method].flat()) {
      if (method === 'HEAD') continue;
      routeTable.push({
        method, url: route.url, permission: c.permission, public: c.public, signedIn: c.signedIn,
        upload: (route.schema as { consumes?: string[] } | undefined)?.consumes?.includes('multipart/form-data') ?? false,
        schema: route.schema as RouteInfo['schema'],
      });
    }
  });

  app.decorateRequest('actor', null);
  app.decorateRequest('sessionId', null);
  app.decorateRequest('csrfToken', null);
  app.decorateRequest('mustChangePassword', false);
  app.decorateRequest('ctx', null as never);

  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // Ant Design writes its styles at run time.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
      },
    },
    // Plain HTTP by LAN address must keep working; HSTS belongs to the TLS terminator.
    hsts: config.cookieSecure,
  });
  await app.register(cookie);
  await app.register(multipart, { limits: { fileSize: config.fileMaxBytes, files: 1, fields: 10 } });
  await app.register(rateLimit, { global: false });
  await app.register(swagger, {
    openapi: {
      info: { title: 'Dudao 督导平台 API', version: '0.1.0' },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE } } },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });

  // While shutting down, answers close their connection, so keep-alive clients do not hold the process open.
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  app.addHook('onSend', async (_request, reply) => {
    if (closing) reply.header('connection', 'close');
  });

  app.addHook('onRequest', async (request) => {
    const locale: Locale = localeFromHeader(request.headers['accept-language']);
    request.ctx = { actor: null, ip: request.ip ?? null, requestId: request.id, locale };
  });

  // Authenticate, then check CSRF, the permission, and a pending password change: before the body is even read.
  app.addHook('onRequest', async (request) => {
    const c = request.routeOptions.config ?? {};
    if (!request.url.startsWith('/api/') || request.url.startsWith('/api/docs')) return;
    const token = request.cookies[SESSION_COOKIE];
    let expired = false;
    let mustChange = false;
    if (token) {
      const settings = await platform.securitySettings();
      const found = await resumeSession(database.db, token, clock.now(), settings.idleTimeoutMinutes, settings.passwordMaxAgeDays);
      if (found.state === 'active') {
        request.actor = found.actor;
        request.sessionId = found.sessionId;
        request.csrfToken = found.csrfToken;
        request.ctx.actor = found.actor;
        request.mustChangePassword = found.mustChangePassword;
        mustChange = found.mustChangePassword;
      } else if (found.state === 'expired') {
        expired = true;
      }
    }
    if (c.public) return;
    if (!request.actor) throw new AppError('UNAUTHENTICATED', expired ? 'SESSION_EXPIRED' : 'UNAUTHENTICATED');
    if (STATE_CHANGING.has(request.method) && request.headers['x-csrf-token'] !== request.csrfToken) throw new AppError('CSRF');
    if (mustChange && !c.duringPasswordChange) throw new AppError('PASSWORD_CHANGE_REQUIRED');
    if (c.permission && !request.actor.permissions.has(c.permission)) throw new AppError('FORBIDDEN');
  });

  // PostgreSQL text cannot hold U+0000: refuse it in every route's input, on both engines alike, before validation.
  app.addHook('preValidation', async (request) => {
    for (const part of [request.params, request.query, request.body]) {
      const field = fieldWithNul(part);
      if (field !== null) throw invalidField(field, 'FIELD_HAS_NUL');
    }
  });

  app.setErrorHandler((error: FastifyError | AppError, request, reply: FastifyReply) => {
    const locale = request.ctx?.locale ?? localeFromHeader(request.headers['accept-language']);
    if (error instanceof AppError) {
      const fields = error.extra.fields?.map((f) => ({ field: f.field, message: t(locale, f.key, { label: fieldLabel(locale, f.field), ...f.params }) }));
      const message = error.code === 'VALIDATION' && fields?.length === 1 && error.messageKey === 'VALIDATION'
        ? fields[0].message
        : t(locale, error.messageKey, error.params);
      return reply.status(error.status).send(errorBody(request, error.code, message, { fields, rows: error.extra.rows }));
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const fields = error.validation.map((v) => {
        const field = v.instancePath.replace(/^\//, '').replace(/\//g, '.') || String((v.params as { keys?: string[] }).keys?.[0] ?? '');
        return { field, message: describeFieldIssue(locale, field, { code: v.keyword, message: v.message, ...(v.params as object) }) };
      });
      return reply.status(400).send(errorBody(request, 'VALIDATION', fields[0]?.message ?? t(locale, 'VALIDATION'), { fields }));
    }
    if (isBrokenUpload(error)) return reply.status(400).send(errorBody(request, 'VALIDATION', t(locale, 'UPLOAD_MALFORMED')));
    const dbConflict = databaseConflict(error);
    if (dbConflict) return reply.status(409).send(errorBody(request, 'CONFLICT', t(locale, 'CONFLICT')));
    if ((error as FastifyError).statusCode === 429) return reply.status(429).send(errorBody(request, 'RATE_LIMITED', t(locale, 'RATE_LIMITED')));
    const status = (error as FastifyError).statusCode;
    // Fastify's own 4xx (bad JSON, wrong content type, body too large): say so without internals.
    if (status && status >= 400 && status < 500 && !isResponseSerializationError(error as never)) {
      const code = status === 413 ? 'VALIDATION' : status === 404 ? 'NOT_FOUND' : 'VALIDATION';
      const message = status === 413 ? t(locale, 'FILE_TOO_LARGE', { max: `${Math.round(config.fileMaxBytes / 1024 / 1024)} MB` }) : t(locale, code === 'NOT_FOUND' ? 'NOT_FOUND' : 'VALIDATION');
      return reply.status(status === 413 ? 413 : status).send(errorBody(request, code, message));
    }
    request.log.error({ err: error, requestId: request.id }, 'request failed');
    return reply.status(500).send(errorBody(request, 'INTERNAL', t(locale, 'INTERNAL', { requestId: request.id })));
  });

  // The public complaint desk is its own page (web/complaint.html), open to anyone.
  app.get('/complaint', { config: { public: true }, schema: { hide: true } }, async (_request, reply) => reply.type('text/html').sendFile('complaint.html'));

  app.setNotFoundHandler((request, reply) => {
    if (request.url.startsWith('/api/') || request.method !== 'GET') {
      const locale = request.ctx?.locale ?? 'zh-CN';
      return reply.status(404).send(errorBody(request, 'NOT_FOUND', t(locale, 'NOT_FOUND')));
    }
    // The web app routes on the client: any other GET gets its page.
    return reply.type('text/html').sendFile('index.html');
  });

  app.get('/healthz', { config: { public: true }, schema: { hide: true } }, async () => ({ status: 'ok' }));
  app.get('/readyz', { config: { public: true }, schema: { hide: true } }, async (_request, reply) => {
    try {
      await sql`select 1`.execute(database.db);
      return { status: 'ready' };
    } catch {
      return reply.status(503).send({ status: 'unavailable' });
    }
  });

  await app.register(async (api) => {
    const scoped = api as unknown as App;
    authRoutes(scoped, platform);
    regionsRoutes(scoped, platform);
    unitsRoutes(scoped, platform);
    filesRoutes(scoped, platform);
    accountsRoutes(scoped, platform);
    auditRoutes(scoped, platform);
    settingsRoutes(scoped, platform);
    inspectorsRoutes(scoped, platform);
    expertsRoutes(scoped, platform);
    feesRoutes(scoped, platform);
    responsibleRoutes(scoped, platform);
    committeeRoutes(scoped, platform);
    supervisionRoutes(scoped, platform);
    noticesRoutes(scoped, platform);
    rectificationRoutes(scoped, platform);
    workbenchRoutes(scoped, platform);
    oversightRoutes(scoped, platform);
    indicatorsRoutes(scoped, platform);
    balanceRoutes(scoped, platform);
    complaintsRoutes(scoped, platform);
  });

  const webRoot = config.webDist;
  if (!fs.existsSync(path.join(webRoot, 'index.html'))) {
    fs.mkdirSync(webRoot, { recursive: true });
    fs.writeFileSync(path.join(webRoot, 'index.html'), '<!doctype html><meta charset="utf-8"><title>督导平台</title><p>The web app is not built: run <code>npm run build:web</code>.</p>');
  }
  await app.register(fastifyStatic, {
    root: webRoot, wildcard: false, index: ['index.html'],
    // The build writes .br and .gz beside each asset; the one the browser accepts is sent.
    preCompressed: true,
    // Hashed assets never change under their name; the page that names them is asked for again each time.
    cacheControl: false,
    setHeaders: (reply: { header(name: string, value: string): unknown }, filePath: string) => {
      const hashed = filePath.split(path.sep).includes('assets');
      reply.header('cache-control', hashed ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });

  return Object.assign(app, { routeTable });
}

/** Unique-key violations from either engine are conflicts, not server faults. */
function databaseConflict(error: unknown): boolean {
  const e = error as { code?: string };
  return e?.code === '23505' || e?.code === 'SQLITE_CONSTRAINT_UNIQUE' || e?.code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}
