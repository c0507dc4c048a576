import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PrismaClient } from '../src/generated/prisma/client.js';
import { connectDatabase } from '../src/platform/db/prisma.service.js';
import { LocalCallPermits } from '../src/spectrum/local-call-permits.js';
import {
  type CallLimits,
  type LeaseRequest,
  type LeaseResult,
  SpectrumCallPermitsRepository,
} from '../src/spectrum/spectrum-call-permits.repository.js';

/** One step of a holder: what it gives back (by index into what it holds), wants and reports waiting. */
interface Step {
  holder: number;
  back: number[];
  /** A per-second permit given back is free at once or in a minute (no step of a run takes that long). */
  cooled: boolean;
  wantCalls: number;
  wantRates: number;
  waiting: number;
}

const step = fc.record({
  holder: fc.integer({ min: 0, max: 2 }),
  back: fc.array(fc.integer({ min: 0, max: 20 }), { maxLength: 4 }),
  cooled: fc.boolean(),
  wantCalls: fc.integer({ min: 0, max: 4 }),
  wantRates: fc.integer({ min: 0, max: 6 }),
  waiting: fc.integer({ min: 0, max: 3 }),
});

const sorted = (list: { kind: string; slot: number }[]) => list.map((p) => `${p.kind}:${p.slot}`).sort();

describe('the embedded database keeps the call permits in the process', () => {
  let prisma: PrismaClient;
  let close = async () => {};
  beforeAll(async () => {
    const db = await connectDatabase('pglite://memory', { migrate: true });
    prisma = db.prisma;
    close = db.close;
  }, 120_000);
  afterAll(async () => {
    await close();
  });

  it('OPS-10, OPS-12: every sequence of leases by several holders is answered as the shared table answers it (what each holds and takes, who waits, whether a per-second permit is cooling)', async () => {
    const shared = new SpectrumCallPermitsRepository({ tx: prisma } as never);
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          maxConcurrent: fc.integer({ min: 1, max: 4 }),
          perSecond: fc.integer({ min: 1, max: 6 }),
        }),
        fc.array(step, { minLength: 1, maxLength: 12 }),
        async (limits: CallLimits, steps: Step[]) => {
          const server = `https://spectrum-${++run}.example`;
          const local = new LocalCallPermits();
          await shared.ensure(server, limits);
          await local.ensure(server, limits);
          const held: Map<number, LeaseResult['held']> = new Map();
          for (const s of steps) {
            const holding = held.get(s.holder) ?? [];
            const givenBack = [...new Set(s.back)]
              .filter((i) => i < holding.length)
              .map((i) => holding[i] as { kind: 'call' | 'rate'; slot: number })
              .map((p) => ({ ...p, delayMs: p.kind === 'rate' && !s.cooled ? 60_000 : 0 }));
            const idleCallsKept = holding.filter(
              (p) => p.kind === 'call' && !givenBack.some((g) => g.kind === 'call' && g.slot === p.slot),
            ).length;
            const req: LeaseRequest = {
              limits,
              leaseMs: 60_000,
              givenBack,
              wantCalls: s.wantCalls,
              wantRates: s.wantRates,
              idleCallsKept,
              waiting: s.waiting,
              demandMs: 60_000,
            };
            const holder = `holder-${s.holder}`;
            const a = await shared.lease(server, holder, req);
            const b = await local.lease(server, holder, req);
            expect(sorted(b.held)).toEqual(sorted(a.held));
            expect(sorted(b.taken)).toEqual(sorted(a.taken));
            expect(b.othersWaiting).toBe(a.othersWaiting);
            expect(b.nextRateInMs === null).toBe(a.nextRateInMs === null);
            held.set(s.holder, a.held);
          }
        },
      ),
      { seed: 20261205, numRuns: 60 },
    );
  }, 120_000);

  it('OPS-10: a per-second permit given back is taken again only when its second has passed; a holder whose lease ran out loses its call slots to others', async () => {
    let now = 1_000;
    const local = new LocalCallPermits(() => now);
    const server = 'https://spectrum.example';
    const limits = { maxConcurrent: 1, perSecond: 1 };
    await local.ensure(server, limits);
    const lease = (holder: string, over: Partial<LeaseRequest>) =>
      local.lease(server, holder, {
        limits,
        leaseMs: 5_000,
        givenBack: [],
        wantCalls: 0,
        wantRates: 0,
        idleCallsKept: 0,
        waiting: 0,
        demandMs: 1_500,
        ...over,
      });
    expect(sorted((await lease('a', { wantCalls: 1, wantRates: 1 })).taken)).toEqual(['call:1', 'rate:1']);
    // the call ended 200 ms ago: its per-second permit goes back with 800 ms of its second left
    const back = await lease('a', { givenBack: [{ kind: 'rate', slot: 1, delayMs: 800 }], idleCallsKept: 1 });
    expect(back.nextRateInMs).toBeNull(); // judged before the lease, as one statement sees one snapshot
    const early = await lease('a', { wantRates: 1, idleCallsKept: 1, waiting: 1 });
    expect(early.taken).toEqual([]);
    expect(early.nextRateInMs).toBe(800);
    now += 800;
    expect((await lease('a', { wantRates: 1, idleCallsKept: 1 })).taken).toEqual([{ kind: 'rate', slot: 1 }]);
    // b waits while a holds the only call slot, and a hears of it
    expect((await lease('b', { wantCalls: 1, wantRates: 1, waiting: 1 })).taken).toEqual([]);
    expect((await lease('a', { idleCallsKept: 1 })).othersWaiting).toBe(1);
    // a stops answering: its call slot is b's when its lease has run out, its per-second permit a second later
    now += 5_001;
    expect(sorted((await lease('b', { wantCalls: 1, wantRates: 1, waiting: 1 })).taken)).toEqual(['call:1']);
    now += 1_000;
    expect((await lease('b', { wantRates: 1, idleCallsKept: 1 })).taken).toEqual([{ kind: 'rate', slot: 1 }]);
    expect(local.heldBy('b').sort()).toEqual([`${server} call:1`, `${server} rate:1`]);
  });
});
