import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from '../../services/client';
import { visitsApi, type Evidence } from '../../services/supervision';
import { uploadQueue } from './uploadQueue';
import { ensureStarted } from '../../offline/field';

export interface PendingUpload {
  key: string;
  visitId: string;
  itemKey: string | null;
  name: string;
  file: Blob;
  /**
   * waiting: queued, its turn comes next; offline: held until the device is back online; uploading: being sent;
   * retrying: an attempt failed on the way, another follows after a pause; failed: the server refused it.
   */
  state: 'waiting' | 'offline' | 'uploading' | 'retrying' | 'failed';
  attempts: number;
  error?: string;
}

const newKey = () => `u${Date.now().toString(36)}${Math.random().toString(36).slice(2, 10)}`;
const retryable = (e: unknown) => !(e instanceof ApiError) || e.status === 0 || e.status >= 500 || e.code === 'NETWORK';
const offline = () => typeof navigator !== 'undefined' && navigator.onLine === false;
/** 1 s, 2 s, 4 s … up to a minute, with a little jitter so many phones do not return at the same instant. */
const pause = (attempts: number) => Math.min(60_000, 1000 * 2 ** Math.max(0, attempts - 1)) * (0.8 + Math.random() * 0.4);

/**
 * Evidence uploads that survive a weak signal and a reload: each file is kept on the device (IndexedDB) with
 * one client key for all its attempts (so the server stores it once) until the server confirms it; the
 * visit's waiting files are resumed when its form opens again, held while the device is offline, retried
 * with growing pauses after a failure, and a refusal is shown as it is.
 */
export function useUploads(visitId: string | undefined, onDone: (e: Evidence) => void) {
  const [pending, setPending] = useState<PendingUpload[]>([]);
  const list = useRef<PendingUpload[]>([]);
  const timers = useRef(new Map<string, number>());
  const sending = useRef(new Set<string>());
  const gone = useRef(false);
  const done = useRef(onDone);
  done.current = onDone;
  const visit = useRef(visitId);
  visit.current = visitId;

  const commit = useCallback((next: PendingUpload[]) => {
    list.current = next;
    setPending(next);
  }, []);
  const update = useCallback((key: string, patch: Partial<PendingUpload>) => {
    commit(list.current.map((p) => (p.key === key ? { ...p, ...patch } : p)));
  }, [commit]);
  const clearTimer = useCallback((key: string) => {
    window.clearTimeout(timers.current.get(key));
    timers.current.delete(key);
  }, []);

  const attempt = useCallback(async (key: string) => {
    clearTimer(key);
    const u = list.current.find((p) => p.key === key);
    if (!u || sending.current.has(key) || gone.current) return;
    if (offline()) {
      update(key, { state: 'offline' });
      return;
    }
    sending.current.add(key);
    update(key, { state: 'uploading', error: undefined });
    try {
      await ensureStarted(u.visitId);
      const saved = await visitsApi.upload(u.visitId, u.key, u.itemKey, u.file, u.name);
      await uploadQueue.remove(u.key);
      commit(list.current.filter((p) => p.key !== key));
      if (u.visitId === visit.current) done.current(saved);
    } catch (e) {
      if (!list.current.some((p) => p.key === key)) return; // dismissed meanwhile
      const attempts = (list.current.find((p) => p.key === key)?.attempts ?? 0) + 1;
      if (offline()) {
        update(key, { state: 'offline', attempts });
      } else if (retryable(e)) {
        update(key, { state: 'retrying', attempts });
        timers.current.set(key, window.setTimeout(() => void attempt(key), pause(attempts)));
      } else {
        update(key, { state: 'failed', attempts, error: e instanceof Error ? e.message : String(e) });
      }
    } finally {
      sending.current.delete(key);
    }
  }, [clearTimer, commit, update]);

  // The visit's files left waiting by an earlier page (a reload, a closed tab): show them and send them again.
  useEffect(() => {
    if (!visitId) return;
    // Another visit opened in the same form: its files stay queued on the device, not on this screen.
    if (list.current.some((p) => p.visitId !== visitId)) {
      for (const p of list.current) if (p.visitId !== visitId) clearTimer(p.key);
      commit(list.current.filter((p) => p.visitId === visitId));
    }
    let live = true;
    void uploadQueue.of(visitId).then((stored) => {
      if (!live || visit.current !== visitId) return;
      const known = new Set(list.current.map((p) => p.key));
      const resumed = stored.filter((s) => !known.has(s.key)).map<PendingUpload>((s) => ({
        key: s.key, visitId, itemKey: s.itemKey, name: s.name, attempts: 0, state: offline() ? 'offline' : 'waiting',
        file: s.file instanceof File ? s.file : new File([s.file], s.name, { type: s.type }),
      }));
      if (resumed.length === 0) return;
      commit([...resumed, ...list.current]);
      for (const r of resumed) void attempt(r.key);
    });
    return () => { live = false; };
  }, [visitId, attempt, clearTimer, commit]);

  // Back online: everything held or pausing goes now, without waiting out its pause.
  useEffect(() => {
    const online = () => {
      for (const p of list.current) if (p.state === 'offline' || p.state === 'retrying' || p.state === 'waiting') void attempt(p.key);
    };
    // A page being left (reload, navigation) sends nothing more: its files are on the device for the next one.
    const hide = () => {
      gone.current = true;
      for (const t of timers.current.values()) window.clearTimeout(t);
      timers.current.clear();
    };
    const show = (e: PageTransitionEvent) => {
      if (!e.persisted) return;
      gone.current = false;
      online();
    };
    const pending = timers.current;
    window.addEventListener('online', online);
    window.addEventListener('pagehide', hide);
    window.addEventListener('pageshow', show);
    return () => {
      window.removeEventListener('online', online);
      window.removeEventListener('pagehide', hide);
      window.removeEventListener('pageshow', show);
      for (const t of pending.values()) window.clearTimeout(t);
      pending.clear();
    };
  }, [attempt]);

  const add = useCallback((file: File, itemKey: string | null) => {
    const id = visit.current;
    if (!id) return;
    const u: PendingUpload = { key: newKey(), visitId: id, itemKey, name: file.name, file, state: offline() ? 'offline' : 'waiting', attempts: 0 };
    commit([...list.current, u]);
    // Kept on the device first, so a reload during the upload still finds it; sent even if it could not be kept.
    void uploadQueue.put({ key: u.key, visitId: id, itemKey, name: file.name, type: file.type, file, queuedAt: Date.now() })
      .finally(() => void attempt(u.key));
  }, [attempt, commit]);

  const retry = useCallback((key: string) => {
    update(key, { attempts: 0 });
    void attempt(key);
  }, [attempt, update]);

  const dismiss = useCallback((key: string) => {
    clearTimer(key);
    commit(list.current.filter((p) => p.key !== key));
    void uploadQueue.remove(key);
  }, [clearTimer, commit]);

  return { pending, add, retry, dismiss };
}
