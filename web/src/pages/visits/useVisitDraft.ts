import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from '../../services/client';
import { visitsApi, type Visit, type VisitDraft } from '../../services/supervision';
import { ensureStarted } from '../../offline/field';

export type SaveState = 'saved' | 'saving' | 'offline' | 'invalid';

/** Where a visit's unsent draft waits on this device (read by the field sync too). */
export const DRAFT_PREFIX = 'dudao.visit-draft.';
const storageKey = (id: string) => `${DRAFT_PREFIX}${id}`;

function draftOf(v: Visit): VisitDraft {
  return {
    visitDate: v.visitDate, round: v.round, activities: v.activities, findings: v.findings,
    answers: Object.fromEntries(Object.entries(v.answers).map(([k, a]) => [k, { value: a.value, note: a.note }])),
  };
}

/**
 * The draft of a visit as the phone holds it. Every change is written to this device at once (a reload or a
 * dead battery loses nothing typed) and to the server a moment later (a lost phone loses nothing saved);
 * while the connection is down the device copy is kept and sent when it returns.
 */
export function useVisitDraft(visit: Visit | undefined, onSaved: (v: Visit) => void) {
  const [draft, setDraft] = useState<VisitDraft | null>(null);
  const [state, setState] = useState<SaveState>('saved');
  const [error, setError] = useState<ApiError | null>(null);
  const timer = useRef<number | undefined>(undefined);
  const latest = useRef<VisitDraft | null>(null);
  const id = visit?.id;

  const push = useCallback(async () => {
    if (!id || !latest.current) return;
    const sending = latest.current;
    setState('saving');
    try {
      // A visit started offline reaches the server first; its draft follows.
      await ensureStarted(id);
      const saved = await visitsApi.save(id, sending);
      if (latest.current === sending) {
        localStorage.removeItem(storageKey(id));
        setState('saved');
      }
      setError(null);
      onSaved(saved);
    } catch (e) {
      const apiError = e instanceof ApiError ? e : null;
      if (apiError && apiError.status >= 400 && apiError.status < 500) {
        setState('invalid');
        setError(apiError);
      } else {
        setState('offline');
        timer.current = window.setTimeout(() => void push(), 5000);
      }
    }
  }, [id, onSaved]);

  useEffect(() => {
    if (!visit || draft) return;
    const stored = localStorage.getItem(storageKey(visit.id));
    if (stored && visit.status === 'draft') {
      const local = JSON.parse(stored) as VisitDraft;
      setDraft(local);
      latest.current = local;
      void push();
    } else {
      setDraft(draftOf(visit));
    }
  }, [visit, draft, push]);

  useEffect(() => {
    const online = () => {
      if (latest.current && id && localStorage.getItem(storageKey(id))) void push();
    };
    window.addEventListener('online', online);
    return () => {
      window.removeEventListener('online', online);
      window.clearTimeout(timer.current);
    };
  }, [id, push]);

  const change = useCallback((update: (d: VisitDraft) => VisitDraft) => {
    setDraft((current) => {
      if (!current || !id) return current;
      const next = update(current);
      latest.current = next;
      localStorage.setItem(storageKey(id), JSON.stringify(next));
      return next;
    });
    setState('saving');
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => void push(), 1200);
  }, [id, push]);

  const flush = useCallback(async () => {
    window.clearTimeout(timer.current);
    if (id && localStorage.getItem(storageKey(id))) await push();
  }, [id, push]);

  return { draft, change, state, error, flush };
}
