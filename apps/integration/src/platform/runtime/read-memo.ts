import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * Reads shared within one unit of work that reads the same rows from several places at once — an accept's
 * pre-flight check and its key plan both load the item, its company and its project. Inside `withReadMemo` a
 * repository read wrapped in `memoRead` runs once per key; outside it (and inside any transaction, whose reads must
 * see the rows it locked) every call reads the database. The memo lives as long as the unit of work: a few reads
 * made before its transaction, never across requests.
 */
const storage = new AsyncLocalStorage<Map<string, Promise<unknown>>>();

export function withReadMemo<T>(fn: () => Promise<T>): Promise<T> {
  return storage.run(new Map(), fn);
}

/** `load()` once per `key` within the current `withReadMemo`, unless `inTransaction`. A failed read is not kept. */
export function memoRead<T>(key: string, inTransaction: boolean, load: () => Promise<T>): Promise<T> {
  const memo = storage.getStore();
  if (!memo || inTransaction) return load();
  const known = memo.get(key) as Promise<T> | undefined;
  if (known) return known;
  const read = load();
  memo.set(key, read);
  read.catch(() => memo.delete(key));
  return read;
}
