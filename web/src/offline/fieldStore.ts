import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { DehydratedState } from '@tanstack/react-query';
import type { Visit } from '../services/supervision';

/** A visit started on the phone without a network: the server has not seen it yet. */
export interface VisitStart {
  id: string;
  taskId: string;
  targetId: string;
  visitDate: string;
  round: number;
  /** The record as the phone shows it until the server answers. */
  visit: Visit;
  startedAt: string;
  /** Why the server refused the start, kept with it until the user resolves it. */
  refusal: string | null;
}

export interface Prepared {
  /** The field pages' answers (targets, tasks, checklists, packets) as they were when prepared. */
  state: DehydratedState;
  at: string;
  targets: number;
  bytes: number;
}

interface FieldDB extends DBSchema {
  prepared: { key: 'field'; value: Prepared };
  starts: { key: string; value: VisitStart };
}

/**
 * What the field pages keep on this device (IndexedDB): the prepared day and the visits started offline.
 * Without IndexedDB (a private window refusing storage) nothing is kept and the pages need the network.
 */
let opening: Promise<IDBPDatabase<FieldDB> | null> | null = null;
function db(): Promise<IDBPDatabase<FieldDB> | null> {
  opening ??= typeof indexedDB === 'undefined'
    ? Promise.resolve(null)
    : openDB<FieldDB>('dudao-field', 1, {
      upgrade(database) {
        database.createObjectStore('prepared');
        database.createObjectStore('starts', { keyPath: 'id' });
      },
    }).catch(() => null);
  return opening;
}

export const fieldStore = {
  async prepared(): Promise<Prepared | undefined> {
    return (await db())?.get('prepared', 'field');
  },
  async keepPrepared(prepared: Prepared): Promise<void> {
    await (await db())?.put('prepared', prepared, 'field');
  },
  async starts(): Promise<VisitStart[]> {
    return (await (await db())?.getAll('starts')) ?? [];
  },
  async start(id: string): Promise<VisitStart | undefined> {
    return (await db())?.get('starts', id);
  },
  async keepStart(start: VisitStart): Promise<void> {
    await (await db())?.put('starts', start);
  },
  async forgetStart(id: string): Promise<void> {
    await (await db())?.delete('starts', id);
  },
  /** Signing out: nothing of this account stays on the device. */
  async clear(): Promise<void> {
    const database = await db();
    if (!database) return;
    await database.clear('prepared');
    await database.clear('starts');
  },
};
