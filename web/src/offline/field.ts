import { dehydrate, hydrate, type QueryClient } from '@tanstack/react-query';
import { ApiError } from '../services/client';
import { checklistsApi, problemsApi, tasksApi, visitsApi, type MyTarget, type Packet, type Task, type Visit } from '../services/supervision';
import type { Me } from '../services/auth';
import { fieldStore, type VisitStart } from './fieldStore';
import { uploadQueue } from '../pages/visits/uploadQueue';
import { DRAFT_PREFIX } from '../pages/visits/useVisitDraft';

/** The answers the field pages read, by the first part of their query key; only these are kept offline. */
const fieldQueries = new Set(['session', 'my-targets', 'tasks', 'checklists', 'packet', 'visits', 'problem-areas']);

export const isNetworkError = (e: unknown) => e instanceof ApiError && e.code === 'NETWORK' && e.status === 0;

/** Writes the field pages' current answers to the device, so a reload without a network still shows them. */
export async function keepFieldData(queryClient: QueryClient, targets?: number): Promise<{ bytes: number; at: string }> {
  const state = dehydrate(queryClient, { shouldDehydrateQuery: (q) => q.state.status === 'success' && fieldQueries.has(String(q.queryKey[0])) });
  const bytes = new Blob([JSON.stringify(state)]).size;
  const at = new Date().toISOString();
  const earlier = await fieldStore.prepared();
  await fieldStore.keepPrepared({ state, at, bytes, targets: targets ?? earlier?.targets ?? 0 });
  return { bytes, at };
}

/**
 * "Take offline": everything the day's visits need, fetched now while there is a network — my targets, their
 * tasks and checklists, each target's packet and drafts, the problem areas — and kept on the device.
 */
export async function prepareFieldDay(queryClient: QueryClient, onProgress: (done: number, total: number) => void) {
  const targets = await queryClient.fetchQuery({ queryKey: ['my-targets', ''], queryFn: () => tasksApi.myTargets({ pageSize: 100 }) });
  const taskIds = [...new Set(targets.items.map((t) => t.taskId))];
  const total = taskIds.length + targets.items.length + 1;
  let done = 0;
  const step = () => onProgress(++done, total);
  await queryClient.fetchQuery({ queryKey: ['problem-areas'], queryFn: problemsApi.areas });
  step();
  for (const taskId of taskIds) {
    const task = await queryClient.fetchQuery({ queryKey: ['tasks', taskId], queryFn: () => tasksApi.get(taskId) });
    if (task.checklist) {
      const checklistId = task.checklist.id;
      await queryClient.fetchQuery({ queryKey: ['checklists', checklistId], queryFn: () => checklistsApi.get(checklistId) });
    }
    step();
  }
  for (const target of targets.items) {
    await queryClient.fetchQuery({ queryKey: ['packet', target.taskId, target.id], queryFn: () => tasksApi.packet(target.taskId, target.id) });
    await queryClient.fetchQuery({ queryKey: ['visits', 'drafts', target.id], queryFn: () => visitsApi.list({ targetId: target.id, status: 'draft', pageSize: 10 }) });
    step();
  }
  return { targets: targets.items.length, ...(await keepFieldData(queryClient, targets.items.length)) };
}

/**
 * At start: the prepared answers come back into the cache, so the field pages show them with no network.
 * With a network each page asks the server again at once; the session is then the server's, not the copy.
 */
export async function restoreFieldData(queryClient: QueryClient): Promise<void> {
  const prepared = await fieldStore.prepared();
  if (prepared) {
    const online = navigator.onLine;
    const state = online ? { ...prepared.state, queries: prepared.state.queries.filter((q) => q.queryKey[0] !== 'session') } : prepared.state;
    hydrate(queryClient, state);
  }
  for (const start of await fieldStore.starts()) {
    if (!queryClient.getQueryData(['visits', start.id])) queryClient.setQueryData(['visits', start.id], start.visit);
  }
}

/** A new visit's record made on the phone, in the shape the server will give it, from the prepared data. */
export function localVisit(id: string, me: Me, task: Task, target: MyTarget | undefined, packet: Packet, checklist: Visit['checklist'], visitDate: string): Visit {
  return {
    id, task: { id: task.id, title: task.title }, targetId: packet.target.id, targetName: packet.target.name, targetKind: packet.target.kind,
    unit: packet.target.kind === 'unit' ? { id: target?.unit?.id ?? packet.target.id, name: packet.target.name } : null, region: packet.target.region,
    team: target?.team ?? null, round: 1, visitDate, status: 'draft', recordedBy: { id: me.id, name: me.displayName },
    meetingsCount: 0, interviewedCount: 0, failingCount: 0, submittedAt: null, updatedAt: new Date().toISOString(),
    activities: { reportsHeard: 0, dataVerified: false, documentsChecked: [], meetings: [], interviews: {}, notes: null }, findings: null,
    taskPeriod: { startDate: task.startDate, endDate: task.endDate, rounds: task.rounds }, checklist, answers: {}, evidence: [], problems: [], recommendations: [],
    // Submitting and turning items into problems wait for the server; typing, answers and photos do not.
    abilities: { edit: true, submit: false, convert: false },
  };
}

const inFlight = new Map<string, Promise<void>>();

/**
 * Before anything else of a visit goes to the server, its start must have: sends a start kept on the device
 * (once at a time per visit; the server answers a repeat with the same visit). A refusal is kept with the
 * start, shown, and not retried until the user acts; no network leaves it waiting.
 */
export function ensureStarted(id: string, queryClient?: QueryClient): Promise<void> {
  const running = inFlight.get(id);
  if (running) return running;
  const work = (async () => {
    const start = await fieldStore.start(id);
    if (!start) return;
    try {
      const visit = await visitsApi.create({ id: start.id, taskId: start.taskId, targetId: start.targetId, visitDate: start.visitDate, round: start.round });
      await fieldStore.forgetStart(id);
      queryClient?.setQueryData(['visits', id], (v: Visit | undefined) => (v ? { ...visit, activities: v.activities, answers: v.answers, findings: v.findings } : visit));
    } catch (e) {
      if (!isNetworkError(e)) await fieldStore.keepStart({ ...start, refusal: e instanceof Error ? e.message : String(e) });
      throw e;
    }
  })().finally(() => inFlight.delete(id));
  inFlight.set(id, work);
  return work;
}

/** Every start waiting on the device, in the order they were made; what is refused stays, with its reason. */
export async function syncStarts(queryClient: QueryClient): Promise<{ sent: number; refused: VisitStart[] }> {
  const starts = (await fieldStore.starts()).sort((a, b) => a.startedAt.localeCompare(b.startedAt));
  let sent = 0;
  for (const start of starts) {
    if (start.refusal) continue;
    try {
      await ensureStarted(start.id, queryClient);
      sent += 1;
    } catch (e) {
      if (isNetworkError(e)) break;
    }
  }
  return { sent, refused: (await fieldStore.starts()).filter((s) => s.refusal) };
}

/** The visits whose typed draft waits on this device. */
function waitingDrafts(): string[] {
  const ids: string[] = [];
  for (let i = 0; i < localStorage.length; i += 1) {
    const key = localStorage.key(i);
    if (key?.startsWith(DRAFT_PREFIX)) ids.push(key.slice(DRAFT_PREFIX.length));
  }
  return ids;
}

/** What waits on this device for the server: visits started offline, unsent drafts, photos. */
export async function waitingCount(): Promise<number> {
  const starts = await fieldStore.starts();
  const drafts = waitingDrafts().filter((id) => !starts.some((s) => s.id === id));
  return starts.length + drafts.length + (await uploadQueue.count());
}

/**
 * Everything waiting, in order — a visit's start, then its draft, then its photos — whether or not its form is
 * open: each is sent once (the start and the photos carry the phone's keys; a draft replaces the one before).
 * Stops at the first lost connection; the next round continues where this one stopped.
 */
export async function syncAll(queryClient: QueryClient, onProgress?: (done: number, total: number) => void): Promise<{ sent: number; refused: VisitStart[] }> {
  const total = await waitingCount();
  let sent = 0;
  const step = () => onProgress?.(++sent, total);
  const starts = await syncStarts(queryClient);
  for (let i = 0; i < starts.sent; i += 1) step();
  const refusedIds = new Set(starts.refused.map((s) => s.id));
  try {
    for (const id of waitingDrafts()) {
      if (refusedIds.has(id) || (await fieldStore.start(id))) continue;
      const stored = localStorage.getItem(`${DRAFT_PREFIX}${id}`);
      if (!stored) continue;
      try {
        const saved = await visitsApi.save(id, JSON.parse(stored));
        // A newer draft typed meanwhile stays for its own turn.
        if (localStorage.getItem(`${DRAFT_PREFIX}${id}`) === stored) localStorage.removeItem(`${DRAFT_PREFIX}${id}`);
        queryClient.setQueryData(['visits', id], saved);
        step();
      } catch (e) {
        if (isNetworkError(e)) throw e;
      }
    }
    for (const visitId of new Set((await uploadQueue.all()).map((u) => u.visitId))) {
      if (refusedIds.has(visitId) || (await fieldStore.start(visitId))) continue;
      for (const u of await uploadQueue.of(visitId)) {
        try {
          await visitsApi.upload(u.visitId, u.key, u.itemKey, u.file, u.name);
          await uploadQueue.remove(u.key);
          step();
        } catch (e) {
          if (isNetworkError(e)) throw e;
        }
      }
      void queryClient.invalidateQueries({ queryKey: ['visits', visitId] });
    }
  } catch (e) {
    if (!isNetworkError(e)) throw e;
  }
  return { sent, refused: starts.refused };
}

/** A refused start the user gives up: its record, draft and photos leave the device. */
export async function discardStart(queryClient: QueryClient, id: string): Promise<void> {
  for (const u of await uploadQueue.of(id)) await uploadQueue.remove(u.key);
  localStorage.removeItem(`${DRAFT_PREFIX}${id}`);
  await fieldStore.forgetStart(id);
  queryClient.removeQueries({ queryKey: ['visits', id] });
}

/** Signing out: nothing of the account's field work stays on the device. */
export async function clearFieldDevice(): Promise<void> {
  for (const id of waitingDrafts()) localStorage.removeItem(`${DRAFT_PREFIX}${id}`);
  await uploadQueue.clear();
  await fieldStore.clear();
}
