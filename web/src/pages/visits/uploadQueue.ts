/**
 * Evidence files waiting for the server, kept in this device's IndexedDB so a reload, a closed tab or a dead
 * battery does not lose a photo taken without signal. A file stays here until the server has confirmed it.
 * Without IndexedDB (old browser, private mode refusing storage) every call quietly does nothing and uploads
 * live only as long as the page.
 */
export interface QueuedUpload {
  /** The client key: the same for every attempt, so the server stores the file once. */
  key: string;
  visitId: string;
  itemKey: string | null;
  name: string;
  type: string;
  file: Blob;
  queuedAt: number;
}

export const UPLOAD_DB = 'dudao-uploads';
const STORE = 'uploads';
let opening: Promise<IDBDatabase | null> | null = null;

function open(): Promise<IDBDatabase | null> {
  if (opening) return opening;
  opening = new Promise<IDBDatabase | null>((resolve) => {
    try {
      if (typeof indexedDB === 'undefined') return resolve(null);
      const request = indexedDB.open(UPLOAD_DB, 1);
      request.onupgradeneeded = () => {
        const store = request.result.createObjectStore(STORE, { keyPath: 'key' });
        store.createIndex('visitId', 'visitId');
      };
      request.onsuccess = () => {
        const db = request.result;
        db.onversionchange = () => { db.close(); opening = null; };
        resolve(db);
      };
      request.onerror = () => resolve(null);
      request.onblocked = () => resolve(null);
    } catch {
      resolve(null);
    }
  });
  return opening;
}

async function run<T>(mode: IDBTransactionMode, work: (store: IDBObjectStore) => IDBRequest<T>): Promise<T | undefined> {
  const db = await open();
  if (!db) return undefined;
  return new Promise<T | undefined>((resolve) => {
    try {
      const tx = db.transaction(STORE, mode);
      const request = work(tx.objectStore(STORE));
      tx.oncomplete = () => resolve(request.result);
      tx.onerror = () => resolve(undefined);
      tx.onabort = () => resolve(undefined);
    } catch {
      resolve(undefined);
    }
  });
}

export const uploadQueue = {
  /** Keeps a file until the server has it; resolves false when the device could not keep it. */
  async put(u: QueuedUpload): Promise<boolean> {
    return (await run('readwrite', (s) => s.put(u))) !== undefined;
  },
  async remove(key: string): Promise<void> {
    await run('readwrite', (s) => s.delete(key));
  },
  /** Every file still waiting, of any visit. */
  async all(): Promise<QueuedUpload[]> {
    return (await run<QueuedUpload[]>('readonly', (s) => s.getAll())) ?? [];
  },
  /** How many files of any visit are still waiting for the server. */
  async count(): Promise<number> {
    return (await run<number>('readonly', (s) => s.count())) ?? 0;
  },
  /** Signing out: no photo of this account stays on the device. */
  async clear(): Promise<void> {
    await run('readwrite', (s) => s.clear());
  },
  /** The files of one visit still waiting, oldest first. */
  async of(visitId: string): Promise<QueuedUpload[]> {
    const all = (await run<QueuedUpload[]>('readonly', (s) => s.index('visitId').getAll(visitId))) ?? [];
    return all.sort((a, b) => a.queuedAt - b.queuedAt);
  },
};
