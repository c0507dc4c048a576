import { createSpectrumClient } from '@bridge/spectrum-client';
import {
  controlClient,
  DEMO_AUTH_ID,
  type RunningSimulator,
  startSimulator,
} from '@bridge/spectrum-simulator';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Env } from '../src/config/env.js';
import type { PrismaClient } from '../src/generated/prisma/client.js';
import { connectDatabase } from '../src/platform/db/prisma.service.js';
import { LEASE_WINDOW_MS, SpectrumCallLimiter } from '../src/spectrum/spectrum-call-limiter.js';
import {
  type CallLimits,
  type LeaseRequest,
  type LeaseResult,
  type PermitKind,
  SpectrumCallPermitsRepository,
} from '../src/spectrum/spectrum-call-permits.repository.js';
import { createScratchDatabase, skipReason, TEST_DATABASE_URL } from './support/postgres.js';

interface Traffic {
  total: number;
  inFlight: number;
  maxConcurrent: number;
  maxPerSecond: number;
}

const silent = pino({ level: 'silent' });
const env = (instance: string, waitMs = 30_000) =>
  ({ INSTANCE_ID: instance, SPECTRUM_TIMEOUT_MS: 30_000, SPECTRUM_CALL_WAIT_MS: waitMs }) as Env;

/**
 * The permit table in memory, for the limiter's own decisions on a fake clock: every lease statement is recorded, and
 * a permit given back is free at once (the database's `freeAt` is not modelled here; the tests on a database are).
 */
class PermitsInMemory {
  readonly statements: LeaseRequest[] = [];
  readonly holders = new Map<string, string>();
  /** What the database would answer as the wait until a used per-second permit is free again. */
  nextRateInMs: number | null = null;
  async ensure(server: string, limits: CallLimits): Promise<void> {
    void server;
    for (let s = 1; s <= limits.maxConcurrent; s++)
      if (!this.holders.has(`call:${s}`)) this.holders.set(`call:${s}`, '');
    for (let s = 1; s <= limits.perSecond; s++)
      if (!this.holders.has(`rate:${s}`)) this.holders.set(`rate:${s}`, '');
  }
  async lease(server: string, holder: string, req: LeaseRequest): Promise<LeaseResult> {
    void server;
    this.statements.push(structuredClone(req));
    const back = new Set(req.givenBack.map((g) => `${g.kind}:${g.slot}`));
    for (const k of back) if (this.holders.get(k) === holder) this.holders.set(k, '');
    const held: { kind: PermitKind; slot: number }[] = [];
    for (const [k, h] of this.holders)
      if (h === holder && !back.has(k))
        held.push({ kind: k.split(':')[0] as PermitKind, slot: Number(k.split(':')[1]) });
    const taken: { kind: PermitKind; slot: number }[] = [];
    const take = (kind: PermitKind, n: number, max: number) => {
      for (const [k, h] of this.holders) {
        const slot = Number(k.split(':')[1]);
        if (taken.filter((t) => t.kind === kind).length >= n) break;
        if (k.startsWith(`${kind}:`) && h === '' && !back.has(k) && slot <= max) {
          this.holders.set(k, holder);
          taken.push({ kind, slot });
        }
      }
    };
    take('call', req.wantCalls, req.limits.maxConcurrent);
    if (req.idleCallsKept > 0 || taken.length > 0) take('rate', req.wantRates, req.limits.perSecond);
    return { held: [...held, ...taken], taken, othersWaiting: 0, nextRateInMs: this.nextRateInMs };
  }
  heldBy(holder: string): string[] {
    return [...this.holders].filter(([, h]) => h === holder).map(([k]) => k);
  }
}

describe('the instance leases Spectrum call permits in batches (fake clock, permits in memory)', () => {
  it('OPS-10, OPS-12: a call slot serves the next call without a statement; a used per-second permit is never reused by the instance and goes back with the rest of its second; all goes back once nothing runs or waits (at once when a call from another client comes)', async () => {
    const permits = new PermitsInMemory();
    const limiter = new SpectrumCallLimiter(
      permits as unknown as SpectrumCallPermitsRepository,
      env('a'),
      silent,
    );
    let t = 1_000;
    limiter.now = () => t;
    const held = () => [...permits.holders.values()].filter((h) => h !== '').length;
    const limits = { maxConcurrent: 2, perSecond: 6 };
    const server = 'https://spectrum.example:443';
    const call = () => limiter.acquire(server, limits, { operation: 'GetJob' });

    // two calls: two slots and two per-second permits, plus per-second permits for the calls the window will bring
    const endA = await call();
    const endB = await call();
    expect(permits.statements.map((s) => s.wantCalls)).toEqual([1, 1]);
    expect(permits.heldBy(permits.holders.get('call:1') as string).sort()).toEqual([
      'call:1',
      'call:2',
      'rate:1',
      'rate:2',
      'rate:3',
      'rate:4',
    ]);

    // a third call waits for a slot; when the first call's answer is read, its slot serves the third call at once
    let endC: (() => void) | null = null;
    const third = call().then((end) => {
      endC = end;
    });
    await Promise.resolve();
    const beforeRelease = permits.statements.length;
    t += 40;
    endA();
    await third;
    expect(endC).not.toBeNull();
    expect(permits.statements.length).toBe(beforeRelease);
    expect(permits.statements.every((s) => s.givenBack.length === 0)).toBe(true);

    // within the window, with a per-second permit at hand, a call costs no statement either
    endB();
    t += 1;
    const fourth = await call();
    fourth();
    expect(permits.statements.length).toBe(beforeRelease);

    // after the window, the next call renews the lease first; the permits of the ended calls go back with what is
    // left of their second (the first two ended at 1,040 ms, the fourth at 1,041 ms; now it is 1,243 ms)
    t = 1_243;
    const fifth = await call();
    const renewal = permits.statements.at(-1) as LeaseRequest;
    expect(renewal.wantCalls).toBe(0);
    expect(renewal.givenBack.map((g) => `${g.kind} ${g.delayMs}`).sort()).toEqual([
      'rate 797',
      'rate 797',
      'rate 798',
    ]);

    // nothing runs or waits any more: the permits wait out the window for the same client's next call...
    (endC as unknown as () => void)();
    fifth();
    await Promise.resolve();
    expect(held()).toBeGreaterThan(0);
    // ...and another client's call finds them given back first, before it leases from the database: the slots at
    // once, the last two calls' per-second permits a second after they ended, the unused ones at once
    const idle = permits.statements.length;
    // the ended calls' per-second permits cool down for most of a second: the call must not wait for them (it
    // leases fresh ones right after the reset)
    permits.nextRateInMs = 900;
    const asked = performance.now();
    const other = await limiter.acquire(server, limits, { operation: 'GetVendor' }, 7);
    expect(performance.now() - asked).toBeLessThan(450);
    // the reset asks for the call's permits in the same statement; here the only free slots are the two it gives
    // back, which one statement cannot take again (it sees one snapshot), so the next statement takes one
    expect(permits.statements.length).toBe(idle + 2);
    permits.nextRateInMs = null;
    const reset = permits.statements[idle] as LeaseRequest;
    expect(reset.wantCalls).toBe(1);
    expect(reset.wantRates).toBeGreaterThan(0);
    const rates = reset.givenBack.filter((g) => g.kind === 'rate').map((g) => g.delayMs);
    expect(rates.filter((d) => d === 1000)).toHaveLength(2);
    expect(rates.every((d) => d === 0 || d === 1000)).toBe(true);
    expect(reset.givenBack.filter((g) => g.kind === 'call').map((g) => g.delayMs)).toEqual([0, 0]);
    other();
    // at the window's end, with nothing running or waiting, everything goes back
    t += LEASE_WINDOW_MS + 1;
    await expect.poll(held).toBe(0);
    await limiter.onModuleDestroy();
  });

  it('OPS-13: a call that gets no permit within SPECTRUM_CALL_WAIT_MS is turned away in plain words, and the leased permits do not outlive the window without a statement', async () => {
    const permits = new PermitsInMemory();
    const limiter = new SpectrumCallLimiter(
      permits as unknown as SpectrumCallPermitsRepository,
      env('b', 200),
      silent,
    );
    const limits = { maxConcurrent: 1, perSecond: 10 };
    const server = 'https://spectrum.example:443';
    const end = await limiter.acquire(server, limits, { operation: 'GetJob' });
    await expect(limiter.acquire(server, limits, { operation: 'GetVendor' })).rejects.toThrow(
      'waited 0.2 s for a free Spectrum call slot; the connection allows 1 call at once and 10 a second across all instances',
    );
    end();
    await limiter.onModuleDestroy();
  });
});

/** The same limit proofs on the embedded database and, when there is one, on PostgreSQL. */
const databases: [string, string | null][] = [
  ['the embedded database', 'pglite://memory'],
  ['PostgreSQL', TEST_DATABASE_URL ? 'scratch' : null],
];

for (const [name, url] of databases) {
  describe.skipIf(!url)(`several limiters on ${name}${url ? '' : ` (${skipReason()})`}`, () => {
    let sim: RunningSimulator;
    let prisma: PrismaClient;
    let statements = 0;
    let close: () => Promise<void> = async () => {};
    beforeAll(async () => {
      sim = await startSimulator({ scenario: 'demo', port: 0, control: true });
      let dbUrl = url as string;
      let drop = async () => {};
      if (url === 'scratch') {
        const scratch = await createScratchDatabase();
        dbUrl = scratch.url;
        drop = scratch.drop;
      }
      const db = await connectDatabase(dbUrl, {
        migrate: true,
        onStatement: (sql) => {
          if (sql.includes('"SpectrumCallPermit"')) statements++;
        },
      });
      prisma = db.prisma;
      close = async () => {
        await db.close();
        await drop();
      };
    }, 120_000);
    afterAll(async () => {
      await sim?.close();
      await close();
    });

    const limiterOn = (instance: string, waitMs?: number) =>
      new SpectrumCallLimiter(
        new SpectrumCallPermitsRepository({ tx: prisma } as never),
        env(instance, waitMs),
        silent,
      );
    const clientOf = (limiter: SpectrumCallLimiter, limits: CallLimits) =>
      createSpectrumClient({
        baseUrl: sim.url,
        companyCode: 'ABC',
        authorizationId: DEMO_AUTH_ID,
        retry: { attempts: 1 },
        gate: limiter.gate(sim.url, limits),
      });

    it('OPS-10, OPS-12, OPS-14: three instances calling at once never exceed the limits at the Spectrum server, reach the concurrency limit, give every permit back, and admit a burst with far fewer statements than calls', async () => {
      const limits = { maxConcurrent: 3, perSecond: 20 };
      const limiters = ['one', 'two', 'three'].map((i) => limiterOn(i));
      await controlClient(sim.url)('POST', '/faults', { service: '*', kind: 'latency', ms: 30 });
      try {
        await controlClient(sim.url)('DELETE', '/traffic');
        statements = 0;
        const CALLS = 16;
        const results = await Promise.all(
          limiters.flatMap((l) => {
            const client = clientOf(l, limits);
            return Array.from({ length: CALLS }, () => client.testConnection());
          }),
        );
        expect(results.every((r) => r.connected)).toBe(true);
        const traffic = (await controlClient(sim.url)('GET', '/traffic')) as Traffic;
        expect(traffic.total).toBe(3 * CALLS);
        expect(traffic.maxConcurrent).toBeLessThanOrEqual(3);
        expect(traffic.maxPerSecond).toBeLessThanOrEqual(20);
        expect(traffic.maxConcurrent).toBe(3); // the limit was reached, so the bound above means something
        await expect
          .poll(() => prisma.spectrumCallPermit.count({ where: { holder: { not: null } } }))
          .toBe(0);

        // one instance alone with room to spare: a burst costs a few lease statements, not two per call
        await controlClient(sim.url)('DELETE', '/traffic');
        statements = 0;
        const alone = clientOf(limiters[0] as SpectrumCallLimiter, { maxConcurrent: 4, perSecond: 500 });
        await Promise.all(Array.from({ length: 40 }, () => alone.testConnection()));
        expect(((await controlClient(sim.url)('GET', '/traffic')) as Traffic).total).toBe(40);
        // admitting every call on its own took two statements a call (80 here); a batch lease takes a few per window
        expect(statements).toBeLessThanOrEqual(12);
        await expect
          .poll(() => prisma.spectrumCallPermit.count({ where: { holder: { not: null } } }))
          .toBe(0);
      } finally {
        await controlClient(sim.url)('DELETE', '/faults');
        for (const l of limiters) await l.onModuleDestroy();
      }
    }, 120_000);

    it("OPS-10, OPS-13: a crashed instance's batch keeps the others waiting (turned away in plain words) until its lease ends, then frees itself: call slots at the lease's end, per-second permits one second later", async () => {
      const limits = { maxConcurrent: 2, perSecond: 2 };
      const server = `${new URL(sim.url).origin}`;
      // the crashed instance leased both slots and both per-second permits and never gave them back
      const crashed = limiterOn('crashed');
      await crashed.acquire(server, limits, { operation: 'GetJob' });
      await crashed.acquire(server, limits, { operation: 'GetJob' });
      const held = await prisma.spectrumCallPermit.findMany({
        where: { holder: { startsWith: 'crashed#' } },
      });
      expect(held.map((p) => `${p.kind}:${p.slot}`).sort()).toEqual(['call:1', 'call:2', 'rate:1', 'rate:2']);
      expect(held.every((p) => (p.heldUntil as Date).getTime() > Date.now() + 30_000)).toBe(true);

      const other = limiterOn('other', 200);
      await expect(other.acquire(server, limits, { operation: 'GetVendor' })).rejects.toThrow(
        'waited 0.2 s for a free Spectrum call slot; the connection allows 2 calls at once and 2 a second across all instances',
      );
      // the lease ended half a second ago: the slots are free, the per-second permits not yet (one second after)
      const leaseEnded = (ms: number) =>
        prisma.spectrumCallPermit.updateMany({
          where: { holder: { startsWith: 'crashed#' } },
          data: { heldUntil: new Date(Date.now() - ms) },
        });
      await leaseEnded(500);
      await expect(other.acquire(server, limits, { operation: 'GetVendor' })).rejects.toThrow(
        /waited 0\.2 s/,
      );
      await leaseEnded(1_500);
      const end = await other.acquire(server, limits, { operation: 'GetVendor' });
      const now = await prisma.spectrumCallPermit.findMany({ where: { holder: { startsWith: 'other#' } } });
      expect(now.map((p) => p.kind).sort()).toEqual(['call', 'rate']);
      end();
      await other.onModuleDestroy();
      await expect
        .poll(() => prisma.spectrumCallPermit.count({ where: { holder: { startsWith: 'other#' } } }))
        .toBe(0);
      await prisma.spectrumCallPermit.updateMany({ data: { holder: null, heldUntil: null } });
    }, 60_000);
  });
}
