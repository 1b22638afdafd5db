import { useCallback, useState } from 'react';
import { ApiError } from '../../services/client';
import { visitsApi, type Evidence } from '../../services/supervision';

export interface PendingUpload {
  key: string;
  itemKey: string | null;
  name: string;
  file: File;
  state: 'uploading' | 'waiting' | 'failed';
  attempts: number;
  error?: string;
}

const newKey = () => `u${Date.now().toString(36)}${Math.random().toString(36).slice(2, 10)}`;
const retryable = (e: unknown) => !(e instanceof ApiError) || e.status === 0 || e.status >= 500 || e.code === 'NETWORK';

/**
 * Evidence uploads that survive a weak signal: each file keeps one client key for all its attempts (so the
 * server stores it once), network failures are retried with growing pauses, and a refusal is shown as it is.
 */
export function useUploads(visitId: string | undefined, onDone: (e: Evidence) => void) {
  const [pending, setPending] = useState<PendingUpload[]>([]);

  const attempt = useCallback(async (u: PendingUpload) => {
    if (!visitId) return;
    const update = (patch: Partial<PendingUpload>) => setPending((list) => list.map((p) => (p.key === u.key ? { ...p, ...patch } : p)));
    update({ state: 'uploading', attempts: u.attempts + 1 });
    try {
      const saved = await visitsApi.upload(visitId, u.key, u.itemKey, u.file, u.name);
      setPending((list) => list.filter((p) => p.key !== u.key));
      onDone(saved);
    } catch (e) {
      if (retryable(e) && u.attempts < 6) {
        update({ state: 'waiting', attempts: u.attempts + 1 });
        window.setTimeout(() => void attempt({ ...u, attempts: u.attempts + 1 }), Math.min(30000, 1000 * 2 ** u.attempts));
      } else {
        update({ state: 'failed', error: e instanceof Error ? e.message : String(e) });
      }
    }
  }, [visitId, onDone]);

  const add = useCallback((file: File, itemKey: string | null) => {
    const u: PendingUpload = { key: newKey(), itemKey, name: file.name, file, state: 'uploading', attempts: 0 };
    setPending((list) => [...list, u]);
    void attempt(u);
  }, [attempt]);

  const retry = useCallback((key: string) => {
    const u = pending.find((p) => p.key === key);
    if (u) void attempt({ ...u, attempts: 0 });
  }, [pending, attempt]);

  const dismiss = useCallback((key: string) => setPending((list) => list.filter((p) => p.key !== key)), []);

  return { pending, add, retry, dismiss };
}
