import { z } from 'zod';
import type { Platform } from '../../platform/platform';
import { pageOf, pagingQuery, type App } from '../../platform/http';
import { actionName, entityNames, entityTypeName } from './audit.names';

const auditEntry = z.object({
  seq: z.number(), at: z.string(), actorId: z.string().nullable(), actorName: z.string().nullable(),
  // The person's name now (the entry keeps the username it was made with), the action and the record by name.
  actorDisplayName: z.string().nullable(), action: z.string(), actionName: z.string(),
  entityType: z.string().nullable(), entityTypeName: z.string().nullable(), entityId: z.string().nullable(), entityName: z.string().nullable(), ip: z.string().nullable(), success: z.boolean(),
  requestId: z.string().nullable(), detail: z.unknown(),
});

const auditQuery = z.object({
  ...pagingQuery,
  order: z.enum(['asc', 'desc']).default('desc'),
  q: z.string().trim().max(100).optional(),
  action: z.string().trim().max(64).optional(),
  actor: z.string().trim().max(64).optional(),
  from: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
  to: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
  success: z.enum(['true', 'false']).optional(),
});

/** The auditor's window on the log: read and verify only; nothing here or anywhere changes an entry. */
export function auditRoutes(app: App, platform: Platform): void {
  const db = platform.database.db;
  const tags = ['audit'];

  app.get('/api/audit', {
    config: { permission: 'audit.read' },
    schema: { tags, summary: '审计日志 Audit log', querystring: auditQuery, response: { 200: pageOf(auditEntry) } },
  }, async (request) => {
    const q = request.query;
    let base = db.selectFrom('audit_log');
    if (q.q) base = base.where((eb) => eb.or([eb('entity_id', '=', q.q!), eb('detail', 'like', `%${q.q}%`), eb('request_id', '=', q.q!)]));
    if (q.action) base = base.where('action', 'like', `${q.action}%`);
    if (q.actor) base = base.where('actor_name', '=', q.actor);
    if (q.from) base = base.where('at', '>=', new Date(q.from).toISOString());
    // A bare date as the end means the whole of that day.
    if (q.to) base = base.where('at', '<', q.to.length === 10 ? new Date(new Date(q.to).getTime() + 86_400_000).toISOString() : new Date(q.to).toISOString());
    if (q.success) base = base.where('success', '=', q.success === 'true' ? 1 : 0);
    const [{ total }] = await base.select((eb) => eb.fn.countAll<number>().as('total')).execute();
    const rows = await base.leftJoin('accounts', 'accounts.id', 'audit_log.actor_id').selectAll('audit_log').select('accounts.display_name as actor_display_name')
      .orderBy('seq', q.order).limit(q.pageSize).offset((q.page - 1) * q.pageSize).execute();
    const names = await entityNames(db, rows.map((r) => ({ entityType: r.entity_type, entityId: r.entity_id })));
    await platform.audit.recordAlone(request.ctx, { action: 'audit.search', detail: { query: q } });
    return {
      items: rows.map((r) => ({
        seq: r.seq, at: r.at, actorId: r.actor_id, actorName: r.actor_name, actorDisplayName: r.actor_display_name ?? null, action: r.action,
        actionName: actionName(r.action, request.ctx.locale), entityType: r.entity_type, entityTypeName: entityTypeName(r.entity_type, request.ctx.locale), entityId: r.entity_id,
        entityName: r.entity_type && r.entity_id ? (names.get(`${r.entity_type}:${r.entity_id}`) ?? null) : null, ip: r.ip, success: r.success === 1, requestId: r.request_id, detail: r.detail ? JSON.parse(r.detail) : null,
      })),
      total: Number(total), page: q.page, pageSize: q.pageSize,
    };
  });

  app.get('/api/audit/verify', {
    config: { permission: 'audit.read' },
    schema: { tags, summary: '校验审计链 Verify the chain', response: {
      200: z.object({
        ok: z.boolean(), checked: z.number(), brokenAt: z.number().optional(),
        cutShort: z.object({ checkpointSeq: z.number(), checkpointAt: z.string() }).optional(), forgedCheckpoints: z.number().optional(),
      }),
    } },
  }, async (request) => {
    const result = await platform.audit.verify();
    await platform.audit.recordAlone(request.ctx, { action: 'audit.verify', success: result.ok, detail: result });
    return result;
  });
}
