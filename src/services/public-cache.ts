/**
 * A cache for what the public reads most (a meeting's adjusted minutes, public search), valid while
 * nothing has changed (storage/change-stamp.store.ts). An entry is served only while
 *
 * - no transaction of this process has committed since it was loaded: adjusting minutes, posting a
 *   notice or masking a § (each a use case in one transaction) invalidates it for the next request;
 * - the audit log's change stamp, read at most once every STAMP_MAX_AGE_MS, is the one it was loaded
 *   under: a writer in another process is seen within that time;
 * - it is younger than ENTRY_TTL_MS, for changes made outside the application.
 *
 * Reading the stamp on every request instead cost a database round trip per page, a third of the
 * embedded database's time under load (docs/performance.md).
 */
import { commitGeneration, readChangeStamp, type Database } from '../storage/index.ts';

/** The most entries kept per database; the oldest goes first. */
const MAX_ENTRIES = 1_000;
/** How old the audit log's stamp may be when an entry is served. */
const STAMP_MAX_AGE_MS = 1_000;
/** No entry is served when older than this, whatever the stamps say. */
const ENTRY_TTL_MS = 60_000;

interface Entry {
  generation: number;
  stamp: string;
  loadedAt: number;
  value: Promise<unknown>;
}

interface CacheState {
  entries: Map<string, Entry>;
  /** Finished answers (api/public-answers.ts), apart from the loaded values so that neither evicts the other. */
  answers: Map<string, { mark: ChangeMark; loadedAt: number; value: unknown }>;
  stamp: string | null;
  stampReadAt: number;
  reading: Promise<string> | null;
}

const states = new WeakMap<Database, CacheState>();

function stateOf(db: Database): CacheState {
  let state = states.get(db);
  if (!state) {
    state = { entries: new Map(), answers: new Map(), stamp: null, stampReadAt: 0, reading: null };
    states.set(db, state);
  }
  return state;
}

/** The audit log's stamp, read again when older than STAMP_MAX_AGE_MS; one read at a time. */
function currentStamp(db: Database, state: CacheState, now: number): Promise<string> {
  if (state.stamp !== null && now - state.stampReadAt < STAMP_MAX_AGE_MS) return Promise.resolve(state.stamp);
  if (!state.reading) {
    const reading = readChangeStamp(db).then((stamp) => {
      state.stamp = stamp;
      state.stampReadAt = now;
      return stamp;
    });
    state.reading = reading;
    const clear = () => {
      if (state.reading === reading) state.reading = null;
    };
    reading.then(clear, clear);
  }
  return state.reading;
}

/**
 * `load()`'s value for `key`, from the cache while the database is unchanged since it was loaded.
 * Values are shared between requests: callers must not change them. A load that fails is not kept.
 */
export async function whileUnchanged<T>(db: Database, key: string, load: () => Promise<T>): Promise<T> {
  const state = stateOf(db);
  const now = Date.now();
  const stamp = await currentStamp(db, state, now);
  // Taken after the stamp: a commit while loading leaves the entry one generation behind, so unused.
  const generation = commitGeneration(db);
  const cached = state.entries.get(key);
  if (cached && cached.generation === generation && cached.stamp === stamp && now - cached.loadedAt < ENTRY_TTL_MS) return cached.value as Promise<T>;
  const value = load();
  state.entries.delete(key);
  state.entries.set(key, { generation, stamp, loadedAt: now, value });
  value.catch(() => {
    if (state.entries.get(key)?.value === value) state.entries.delete(key);
  });
  if (state.entries.size > MAX_ENTRIES) state.entries.delete(state.entries.keys().next().value!);
  return value;
}

/** What an answer was made under: this process's commit generation and the audit log's change stamp. */
export interface ChangeMark {
  generation: number;
  stamp: string;
}

/** The most finished answers kept per database; the oldest goes first. */
const MAX_ANSWERS = 500;

/**
 * The mark to make an answer under, taken before the answer's reads: a commit while they run leaves the
 * answer one generation behind, so it is never served. Costs no query while the stamp is fresh.
 */
export async function currentMark(db: Database): Promise<ChangeMark> {
  const stamp = await currentStamp(db, stateOf(db), Date.now());
  return { generation: commitGeneration(db), stamp };
}

/** A finished answer kept under `key`, while nothing has changed since it was made (see whileUnchanged). */
export function keptAnswer<T>(db: Database, key: string, mark: ChangeMark): T | undefined {
  const kept = stateOf(db).answers.get(key);
  if (!kept || kept.mark.generation !== mark.generation || kept.mark.stamp !== mark.stamp) return undefined;
  if (Date.now() - kept.loadedAt >= ENTRY_TTL_MS) return undefined;
  return kept.value as T;
}

/** Keeps an answer made under `mark`; one made under an older mark than the current one is not kept. */
export function keepAnswer(db: Database, key: string, mark: ChangeMark, value: unknown): void {
  if (mark.generation !== commitGeneration(db)) return;
  const { answers } = stateOf(db);
  answers.delete(key);
  answers.set(key, { mark, loadedAt: Date.now(), value });
  if (answers.size > MAX_ANSWERS) answers.delete(answers.keys().next().value!);
}
