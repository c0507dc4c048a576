import DataLoader from 'dataloader';
import type { TxClient } from './transactions.js';

/**
 * Reads batched per client (the plain client, or a transaction's): the `load` calls made on one client in one tick
 * become one call of `batch`, which answers every key in the order given. A batch never mixes clients, so a
 * transaction's reads see its own writes. Nothing is cached (`dataloader` with `cache: false`): each batch reads the
 * database. `maxBatchSize` bounds the keys of one statement (each is a bound parameter).
 */
export class BatchedReads<K, V> {
  private readonly loaders = new WeakMap<TxClient, DataLoader<K, V>>();

  constructor(
    private readonly batch: (db: TxClient, keys: readonly K[]) => Promise<V[]>,
    private readonly maxBatchSize = 5000,
  ) {}

  /** What `batch` answers for each of `keys`, in their order, read together with the rest of this tick's keys. */
  async load(db: TxClient, keys: readonly K[]): Promise<V[]> {
    let loader = this.loaders.get(db);
    if (!loader) {
      loader = new DataLoader<K, V>((batchKeys) => this.batch(db, batchKeys), {
        cache: false,
        maxBatchSize: this.maxBatchSize,
      });
      this.loaders.set(db, loader);
    }
    return (await loader.loadMany(keys)).map((v) => {
      if (v instanceof Error) throw v;
      return v;
    });
  }
}
