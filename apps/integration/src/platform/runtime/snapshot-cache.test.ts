import { describe, expect, it } from 'vitest';
import { SnapshotCache } from './snapshot-cache.js';

/** A database whose snapshot the test moves (a commit), and a computation that answers when told. */
function setUp(limits: ConstructorParameters<typeof SnapshotCache<{ v: unknown }>>[0] = { max: 100 }) {
  let snapshot = 1;
  let computations = 0;
  const pending: ((value: unknown) => void)[] = [];
  const failing: ((e: Error) => void)[] = [];
  const cache = new SnapshotCache<{ v: unknown }>(limits);
  const compute = () => {
    computations++;
    return new Promise<{ v: unknown } | null>((resolve, reject) => {
      pending.push((v) => resolve(v === null ? null : { v }));
      failing.push(reject);
    });
  };
  const tick = () => new Promise((r) => setImmediate(r));
  return {
    cache,
    compute,
    /** `cache.get` at the database's current snapshot, with the value's `v` (null when nothing). */
    read: async (key: string, recompute: boolean, fn: typeof compute) => {
      const r = await cache.get(key, `${snapshot}:${snapshot}:`, fn, recompute);
      return { body: r.value === null ? null : JSON.stringify(r.value.v), outcome: r.outcome };
    },
    commit: () => {
      snapshot++;
    },
    computations: () => computations,
    /** Ends the oldest computation still running with `value`. */
    answer: async (value: unknown) => {
      failing.shift();
      pending.shift()?.(value);
      await tick();
    },
    fail: async (message: string) => {
      pending.shift();
      failing.shift()?.(new Error(message));
      await tick();
    },
    tick,
  };
}

describe('API-9: a value is kept with the database snapshot it was computed at and given again only at that snapshot', () => {
  it('API-9: the same read at the same snapshot is the kept answer; after a commit it is computed again', async () => {
    const s = setUp();
    const first = s.read('u\0/a', false, s.compute);
    await s.tick();
    await s.answer({ n: 1 });
    expect(await first).toEqual({ body: '{"n":1}', outcome: 'computed' });
    expect(await s.read('u\0/a', false, s.compute)).toEqual({ body: '{"n":1}', outcome: 'hit' });
    expect(s.computations()).toBe(1);
    s.commit();
    const third = s.read('u\0/a', false, s.compute);
    await s.tick();
    await s.answer({ n: 2 });
    expect(await third).toEqual({ body: '{"n":2}', outcome: 'computed' });
    expect(s.computations()).toBe(2);
  });

  it('API-9: reads at the snapshot of a running computation wait for it; a read after a commit computes its own', async () => {
    const s = setUp();
    const a = s.read('k', false, s.compute);
    await s.tick();
    const b = s.read('k', false, s.compute);
    await s.tick();
    expect(s.computations()).toBe(1);
    // a commit while it runs: the running computation may not have seen it, so a later read never joins it
    s.commit();
    const c = s.read('k', false, s.compute);
    await s.tick();
    expect(s.computations()).toBe(2);
    await s.answer('before');
    await s.answer('after');
    expect(await a).toEqual({ body: '"before"', outcome: 'computed' });
    expect(await b).toEqual({ body: '"before"', outcome: 'shared' });
    expect(await c).toEqual({ body: '"after"', outcome: 'computed' });
    expect((await s.read('k', false, s.compute)).outcome).toBe('hit');
  });

  it('API-9: keys are kept apart (another user or URL computes its own answer)', async () => {
    const s = setUp();
    const a = s.read('admin\0/a', false, s.compute);
    await s.tick();
    const b = s.read('viewer\0/a', false, s.compute);
    await s.tick();
    expect(s.computations()).toBe(2);
    await s.answer('admin');
    await s.answer('viewer');
    expect((await a).body).toBe('"admin"');
    expect((await b).body).toBe('"viewer"');
    expect((await s.read('viewer\0/a', false, s.compute)).body).toBe('"viewer"');
  });

  it('API-9: revalidation (Cache-Control: no-cache) computes again even at the same snapshot, and keeps the new answer', async () => {
    const s = setUp();
    const a = s.read('k', false, s.compute);
    await s.tick();
    await s.answer(1);
    await a;
    const again = s.read('k', true, s.compute);
    await s.tick();
    expect(s.computations()).toBe(2);
    await s.answer(2);
    expect(await again).toEqual({ body: '2', outcome: 'computed' });
    expect(await s.read('k', false, s.compute)).toEqual({ body: '2', outcome: 'hit' });
  });

  it('API-9: a failed computation is not kept: its waiting reads get its error, the next read computes', async () => {
    const s = setUp();
    const a = s.read('k', false, s.compute);
    await s.tick();
    const b = s.read('k', false, s.compute);
    await s.tick();
    const failedA = expect(a).rejects.toThrow('database went away');
    const failedB = expect(b).rejects.toThrow('database went away');
    await s.fail('database went away');
    await failedA;
    await failedB;
    const c = s.read('k', false, s.compute);
    await s.tick();
    expect(s.computations()).toBe(2);
    await s.answer('ok');
    expect(await c).toEqual({ body: '"ok"', outcome: 'computed' });
  });

  it('API-9: memory is bounded: the least recently read values go first, and one over maxEntrySize is not kept', async () => {
    const s = setUp({ maxSize: 8_000, maxEntrySize: 1_000, sizeOf: (x) => JSON.stringify(x.v).length });
    const put = async (key: string, chars: number) => {
      const r = s.read(key, false, s.compute);
      await s.tick();
      await s.answer('x'.repeat(chars));
      return r;
    };
    for (const k of ['a', 'b', 'c', 'd', 'e', 'f', 'g']) await put(k, 900);
    expect(s.cache.size).toBeLessThanOrEqual(8_000);
    // 'a' read again (kept); then two more push out the least recently read: 'b' and 'c'
    expect((await s.read('a', false, s.compute)).outcome).toBe('hit');
    await put('h', 900);
    await put('i', 900);
    expect(s.cache.size).toBeLessThanOrEqual(8_000);
    expect((await s.read('a', false, s.compute)).outcome).toBe('hit');
    const before = s.computations();
    const b = s.read('b', false, s.compute);
    await s.tick();
    expect(s.computations()).toBe(before + 1);
    await s.answer('b again');
    await b;
    // too big to keep: computed every time
    const big = await put('big', 1_100);
    expect(big.outcome).toBe('computed');
    const n = s.computations();
    const bigAgain = s.read('big', false, s.compute);
    await s.tick();
    expect(s.computations()).toBe(n + 1);
    await s.answer('y');
    await bigAgain;
  });

  it('API-9: nothing (null) is never kept: the next caller computes again', async () => {
    const s = setUp();
    const a = s.read('revoked-token', false, s.compute);
    await s.tick();
    await s.answer(null);
    expect(await a).toEqual({ body: null, outcome: 'computed' });
    const b = s.read('revoked-token', false, s.compute);
    await s.tick();
    expect(s.computations()).toBe(2);
    await s.answer(null);
    await b;
  });
});
