import { LRUCache } from 'lru-cache';
import type { RequestSnapshots } from '../tokens.js';

export type SnapshotOutcome = 'hit' | 'shared' | 'computed';

/**
 * Values computed from the database, kept per key with the database snapshot they were computed at
 * (`currentSnapshot`), and given again only to a caller at that same snapshot.
 *
 * Why a kept value is never stale: a caller takes the database's current snapshot `S` before it asks; every
 * transaction that commits changes it, on any instance. A value kept under `S` was computed by a caller that took `S`
 * before its statements ran, so it saw every commit `S` includes (and perhaps later ones). A later caller that takes
 * the same `S` proves that nothing committed in between, so the kept value is exactly what it would compute. Callers
 * that take `S` while the value for `S` is being computed wait for that computation instead of starting their own
 * (same argument). A write's own answer is sent after its commit, so a read that follows it takes a newer snapshot.
 *
 * A `null` value, a value `keepable` refuses or a failure is never kept (callers already waiting for it get it).
 * Memory is bounded (least recently used first): by count, or by size when `sizeOf` is given, with no single value
 * over `maxEntrySize`.
 */
export class SnapshotCache<V extends object> {
  private readonly kept: LRUCache<string, { snapshot: string; value: V }>;
  private readonly inFlight = new Map<string, Promise<V | null>>();

  constructor(
    limits:
      | { max: number }
      | { maxSize: number; maxEntrySize: number; sizeOf: (value: V, key: string) => number },
    /** Whether a computed value may be kept (one that also depends on something besides the database may not). */
    private readonly keepable: (value: V) => boolean = () => true,
  ) {
    this.kept =
      'max' in limits
        ? new LRUCache({ max: limits.max })
        : new LRUCache({
            maxSize: limits.maxSize,
            maxEntrySize: limits.maxEntrySize,
            sizeCalculation: (e, key) => limits.sizeOf(e.value, key) + e.snapshot.length,
          });
  }

  /** Size of what is kept (by `sizeOf`), or the number of values kept. */
  get size(): number {
    return this.kept.calculatedSize || this.kept.size;
  }

  /**
   * The value of `key` at `snapshot` (taken by the caller before it asked): kept, being computed, or computed now.
   * `recompute` computes it again even when one is kept (and keeps the new one).
   */
  async get<R extends V | null>(
    key: string,
    snapshot: string,
    compute: () => Promise<R>,
    recompute = false,
  ): Promise<{ value: R; outcome: SnapshotOutcome }> {
    const flightKey = `${snapshot}\0${key}`;
    if (!recompute) {
      // what is kept or flying under a key was computed by that key's computation, which answers an R
      const kept = this.kept.get(key);
      if (kept?.snapshot === snapshot) return { value: kept.value as R, outcome: 'hit' };
      const flying = this.inFlight.get(flightKey);
      if (flying) return { value: (await flying) as R, outcome: 'shared' };
    }
    const flight = compute()
      .then((value) => {
        if (value !== null && this.keepable(value)) this.kept.set(key, { snapshot, value });
        return value;
      })
      .finally(() => {
        if (this.inFlight.get(flightKey) === flight) this.inFlight.delete(flightKey);
      });
    this.inFlight.set(flightKey, flight);
    return { value: await flight, outcome: 'computed' };
  }

  /**
   * The value of `key` at `request`'s database snapshot (read once per request by `snapshots`); without snapshots
   * (READ_CACHE_MB=0) or a request, computed as it is.
   */
  async atSnapshotOf<R extends V | null>(
    snapshots: RequestSnapshots | null,
    request: object | undefined,
    key: string,
    compute: () => Promise<R>,
  ): Promise<R> {
    if (!snapshots || !request) return compute();
    return (await this.get(key, await snapshots.of(request), compute)).value;
  }
}
