import { sql } from 'kysely';
import type { z } from 'zod';
import type { Platform } from '../../platform/platform';
import type { Actor, RequestContext } from '../../platform/actor';
import type { Executor } from '../../platform/db/database';
import type { NotificationsTable } from '../../platform/db/schema';
import { notFound } from '../../platform/errors';
import { noticesAnsweredBy, noticesScope, rectificationsOwnedBy, rectificationsSupervisedBy } from '../../platform/scope';
import { deadlineDay, readRectificationSettings, writeRectificationSettings, type RectificationSettings } from '../rectification/rectification-settings';
import { lightOf, owedStatuses, type Light, type RectificationStatus } from '../rectification/rectification-status';
import { acknowledgeableStatuses, replyableStatuses } from '../notices/notice-status';
import { myWorkKinds, type MyWorkKind, type myWorkEntry } from './workbench.schemas';

// ---------------------------------------------------------------------------------------------------------
// Notifications: only ever the caller's own rows; another account's notification is simply not found.

function presentNotification(n: NotificationsTable) {
  return {
    id: n.id, kind: n.kind, title: n.title, body: n.body, link: n.link, entityType: n.entity_type, entityId: n.entity_id,
    createdAt: n.created_at, readAt: n.read_at,
  };
}

async function unreadCount(db: Executor, accountId: string): Promise<number> {
  const row = await db.selectFrom('notifications').select((eb) => eb.fn.countAll<number>().as('n'))
    .where('account_id', '=', accountId).where('read_at', 'is', null).executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function listNotifications(db: Executor, actor: Actor, q: { page: number; pageSize: number; unread?: boolean }) {
  let base = db.selectFrom('notifications').where('account_id', '=', actor.id);
  if (q.unread) base = base.where('read_at', 'is', null);
  const { total } = await base.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
  const rows = await base.selectAll().orderBy('created_at', 'desc').orderBy('id', 'desc').limit(q.pageSize).offset((q.page - 1) * q.pageSize).execute();
  return { items: rows.map(presentNotification), total: Number(total), page: q.page, pageSize: q.pageSize, unreadCount: await unreadCount(db, actor.id) };
}

/**
 * Marking read is the reader's own view of their inbox, not a change to any record: it is not audited
 * (the audit chain would otherwise grow by one entry per click).
 */
export async function markNotificationRead(platform: Platform, actor: Actor, id: string) {
  const db = platform.database.db;
  await db.updateTable('notifications').set({ read_at: platform.clock.now().toISOString() })
    .where('id', '=', id).where('account_id', '=', actor.id).where('read_at', 'is', null).execute();
  const row = await db.selectFrom('notifications').selectAll().where('id', '=', id).where('account_id', '=', actor.id).executeTakeFirst();
  if (!row) throw notFound();
  return presentNotification(row);
}

export async function markAllNotificationsRead(platform: Platform, actor: Actor) {
  const db = platform.database.db;
  const result = await db.updateTable('notifications').set({ read_at: platform.clock.now().toISOString() })
    .where('account_id', '=', actor.id).where('read_at', 'is', null).executeTakeFirst();
  return { updated: Number(result.numUpdatedRows), unreadCount: await unreadCount(db, actor.id) };
}

// ---------------------------------------------------------------------------------------------------------
// My work

type Entry = z.infer<typeof myWorkEntry>;

/** The order kinds are listed in when deadlines tie (the order of `myWorkKinds`). */
const kindOrder = new Map<MyWorkKind, number>(myWorkKinds.map((k, i) => [k, i]));

/** The earliest deadline among a notice's items, for sorting and the light. */
const noticeDeadline = sql<string | null>`(select min(notice_items.deadline) from notice_items where notice_items.notice_id = notices.id)`;
/** Notices without items sort after every dated entry. */
const noticeDeadlineOrder = sql<string>`coalesce(${noticeDeadline}, '9999-12-31')`;

/**
 * Everything that waits on the caller, through the scope layer, each kind only when the caller holds the
 * permission to act on it. Order: the earliest deadline first — overdue items at the top, then those due
 * soonest; entries without a deadline last; ties by kind (acknowledge, reply, approve, returned, submit,
 * verify, sign off, decide extension), then by title. At most `limit` entries per kind (its most urgent
 * ones); `counts` are complete. Which notices still take an acknowledgement or a reply is the notices'
 * state table's rule (`acknowledgeableStatuses`, `replyableStatuses`).
 */
export async function myWork(platform: Platform, actor: Actor, q: { kind?: MyWorkKind; limit: number }) {
  const db = platform.database.db;
  const day = await deadlineDay(platform);
  const { today } = day;
  const light = (deadline: string | null, status: RectificationStatus = 'pending'): Light => (deadline ? lightOf(status, deadline, day.today, day.yellowDays) : 'none');
  const can = (p: Parameters<typeof actor.permissions.has>[0]) => actor.permissions.has(p);
  const wanted = (k: MyWorkKind) => !q.kind || q.kind === k;
  const counts = Object.fromEntries(myWorkKinds.map((k) => [k, 0])) as Record<MyWorkKind, number>;
  const items: Entry[] = [];

  if (can('notices.respond')) {
    // One entry per recipient row: acknowledge first; once acknowledged, a main recipient still owes a reply.
    const addressed = db.selectFrom('notice_recipients').innerJoin('notices', 'notices.id', 'notice_recipients.notice_id').where(noticesAnsweredBy(actor.scope));
    const toAcknowledge = addressed.where('notices.status', 'in', [...acknowledgeableStatuses]).where('notice_recipients.acknowledged_at', 'is', null);
    const toReply = addressed.where('notices.status', 'in', [...replyableStatuses]).where('notice_recipients.acknowledged_at', 'is not', null)
      .where('notice_recipients.kind', '=', 'main').where('notice_recipients.replied_at', 'is', null);
    for (const [kind, query] of [['acknowledge', toAcknowledge], ['reply', toReply]] as const) {
      counts[kind] = Number((await query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
      if (!wanted(kind) || counts[kind] === 0) continue;
      const rows = await query.innerJoin('units', 'units.id', 'notice_recipients.unit_id')
        .select(['notices.id', 'notices.title', 'notices.doc_number', 'notices.issued_at', 'notice_recipients.id as recipient_id', 'units.name as unit_name'])
        .select(noticeDeadline.as('deadline'))
        .orderBy(noticeDeadlineOrder).orderBy('notices.issued_at').orderBy('notice_recipients.id').limit(q.limit).execute();
      items.push(...rows.map((r) => ({
        kind, key: `${kind}:${r.recipient_id}`, entityId: r.id, title: r.title, context: r.doc_number, link: `/notices/${r.id}`,
        deadline: r.deadline, light: light(r.deadline), unit: r.unit_name, since: r.issued_at, requestedDeadline: null,
      })));
    }
  }

  if (can('notices.approve')) {
    // Someone else's draft, submitted for approval, in an office the caller's scope covers.
    const query = db.selectFrom('notices').where(noticesScope(actor.scope)).where('notices.status', '=', 'submitted').where('notices.drafted_by', '<>', actor.id);
    counts.approve = Number((await query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    if (wanted('approve') && counts.approve > 0) {
      const rows = await query.select(['notices.id', 'notices.title', 'notices.issuer_name', 'notices.submitted_at']).select(noticeDeadline.as('deadline'))
        .orderBy(noticeDeadlineOrder).orderBy('notices.submitted_at').orderBy('notices.id').limit(q.limit).execute();
      items.push(...rows.map((r) => ({
        kind: 'approve' as const, key: `approve:${r.id}`, entityId: r.id, title: r.title, context: r.issuer_name, link: `/notices/${r.id}`,
        deadline: r.deadline, light: light(r.deadline), unit: null, since: r.submitted_at, requestedDeadline: null,
      })));
    }
  }

  if (can('notices.write')) {
    // The caller's own draft, returned by the approver with a note: it waits on them to fix and resubmit.
    const query = db.selectFrom('notices').where(noticesScope(actor.scope)).where('notices.status', '=', 'draft')
      .where('notices.drafted_by', '=', actor.id).where('notices.approval_note', 'is not', null);
    counts.returned = Number((await query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    if (wanted('returned') && counts.returned > 0) {
      const rows = await query.select(['notices.id', 'notices.title', 'notices.approval_note', 'notices.updated_at']).select(noticeDeadline.as('deadline'))
        .orderBy(noticeDeadlineOrder).orderBy('notices.updated_at').orderBy('notices.id').limit(q.limit).execute();
      items.push(...rows.map((r) => ({
        kind: 'returned' as const, key: `returned:${r.id}`, entityId: r.id, title: r.title, context: r.approval_note, link: `/notices/${r.id}`,
        deadline: r.deadline, light: light(r.deadline), unit: null, since: r.updated_at, requestedDeadline: null,
      })));
    }
  }

  const itemColumns = ['rectifications.id', 'rectifications.demand', 'rectifications.deadline', 'rectifications.status', 'rectifications.submitted_at',
    'rectifications.verified_at', 'rectifications.created_at', 'units.name as unit_name', 'notices.title as notice_title'] as const;
  const rectifications = (filter: ReturnType<typeof rectificationsOwnedBy>, statuses: readonly RectificationStatus[]) =>
    db.selectFrom('rectifications').where(filter).where('rectifications.status', 'in', [...statuses]);
  const addItems = async (kind: MyWorkKind, query: ReturnType<typeof rectifications>, since: (r: { created_at: string; submitted_at: string | null; verified_at: string | null }) => string | null) => {
    counts[kind] = Number((await query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    if (!wanted(kind) || counts[kind] === 0) return;
    const rows = await query.innerJoin('units', 'units.id', 'rectifications.unit_id').leftJoin('notices', 'notices.id', 'rectifications.notice_id')
      .select(itemColumns).orderBy('rectifications.deadline').orderBy('rectifications.id').limit(q.limit).execute();
    items.push(...rows.map((r) => ({
      kind, key: `${kind}:${r.id}`, entityId: r.id, title: r.demand, context: r.notice_title, link: `/rectifications/${r.id}`,
      deadline: r.deadline, light: light(r.deadline, r.status as RectificationStatus), unit: r.unit_name, since: since(r), requestedDeadline: null,
    })));
  };

  if (can('rectification.report')) {
    await addItems('submit', rectifications(rectificationsOwnedBy(actor.scope), owedStatuses), (r) => r.created_at);
  }
  if (can('rectification.verify')) {
    const supervised = rectificationsSupervisedBy(actor.scope);
    await addItems('verify', rectifications(supervised, ['submitted']), (r) => r.submitted_at);
    await addItems('sign_off', rectifications(supervised, ['verified']), (r) => r.verified_at);

    const requests = db.selectFrom('rectification_extensions').innerJoin('rectifications', 'rectifications.id', 'rectification_extensions.rectification_id')
      .where(supervised).where('rectification_extensions.status', '=', 'pending').where('rectifications.status', 'in', [...owedStatuses]);
    counts.decide_extension = Number((await requests.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    if (wanted('decide_extension') && counts.decide_extension > 0) {
      const rows = await requests.innerJoin('units', 'units.id', 'rectifications.unit_id').leftJoin('notices', 'notices.id', 'rectifications.notice_id')
        .select(['rectification_extensions.id as extension_id', 'rectification_extensions.requested_deadline', 'rectification_extensions.requested_at', ...itemColumns])
        .orderBy('rectifications.deadline').orderBy('rectification_extensions.id').limit(q.limit).execute();
      items.push(...rows.map((r) => ({
        kind: 'decide_extension' as const, key: `decide_extension:${r.extension_id}`, entityId: r.id, title: r.demand, context: r.notice_title,
        link: `/rectifications/${r.id}`, deadline: r.deadline, light: light(r.deadline, r.status as RectificationStatus), unit: r.unit_name,
        since: r.requested_at, requestedDeadline: r.requested_deadline,
      })));
    }
  }

  items.sort((a, b) =>
    (a.deadline ?? '9999-12-31').localeCompare(b.deadline ?? '9999-12-31')
    || kindOrder.get(a.kind)! - kindOrder.get(b.kind)!
    || a.title.localeCompare(b.title, 'zh-CN')
    || a.key.localeCompare(b.key));
  return { today, items, counts, total: Object.values(counts).reduce((s, n) => s + n, 0) };
}

// ---------------------------------------------------------------------------------------------------------
// Deadline settings (deployment-wide; tuned by the system administrator)

export async function getRectificationSettings(db: Executor): Promise<RectificationSettings> {
  return readRectificationSettings(db);
}

export async function updateRectificationSettings(platform: Platform, ctx: RequestContext, value: RectificationSettings): Promise<RectificationSettings> {
  return platform.database.db.transaction().execute(async (trx) => {
    const before = await readRectificationSettings(trx);
    await writeRectificationSettings(trx, value, platform.clock);
    await platform.audit.record(trx, ctx, { action: 'settings.rectification.update', entityType: 'settings', entityId: 'rectification', detail: { before, after: value } });
    return readRectificationSettings(trx);
  });
}
