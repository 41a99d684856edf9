import type { AqsStep } from '../protocols/aqs';
import type { Box } from '../system/box';
import type { NamedText } from './sample';
import type { AnalysisResult, EventStates } from './worker/protocol';
import type { AppParams } from './store';

/** Everything a reload needs to put the page back where it was. */
export interface SavedSession {
  /** The URL query the session ran under: a reload restores it, a different link starts afresh. */
  readonly query: string;
  readonly data: NamedText;
  readonly potential: NamedText;
  readonly params: AppParams;
  readonly curve: { readonly strain: number[]; readonly stress: number[] };
  readonly events: EventStates[];
  readonly analyses: AnalysisResult[];
  readonly last: AqsStep | null;
  readonly positions: Float64Array;
  readonly box: Box | null;
}

const DB = 'stz-lab';
const STORE = 'session';
const KEY = 'current';

function open(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(DB, 1);
    req.onupgradeneeded = () => req.result.createObjectStore(STORE);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(new Error(`IndexedDB: ${req.error?.message ?? 'cannot open the session store'}`));
  });
}

function request<T>(mode: IDBTransactionMode, work: (s: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  return open().then(
    (db) =>
      new Promise<T>((resolve, reject) => {
        const tx = db.transaction(STORE, mode);
        const req = work(tx.objectStore(STORE));
        tx.oncomplete = () => {
          db.close();
          resolve(req.result);
        };
        tx.onerror = () => reject(new Error(`IndexedDB: ${tx.error?.message ?? 'transaction failed'}`));
      }),
  );
}

export function saveSession(s: SavedSession): Promise<void> {
  return request('readwrite', (store) => store.put(s, KEY)).then(() => undefined);
}

/** The saved session if it ran under this URL query, else null. */
export async function loadSession(query: string): Promise<SavedSession | null> {
  const s = (await request('readonly', (store) => store.get(KEY))) as SavedSession | undefined;
  return s && s.query === query ? s : null;
}
