import { describe, expect, it } from 'vitest';
import type { RequestSnapshots } from '../platform/tokens.js';
import { AccountantReportService, type ReportReads } from './accountant-report.service.js';

/** A read that answers when the test says so, counting how often it was started. */
function controlledReads() {
  const pending: ((n: number) => void)[] = [];
  let started = 0;
  const reads: ReportReads = {
    linkStateCounts: () => {
      started++;
      return new Promise((resolve) =>
        pending.push((n) => resolve([{ type: 'commitment', state: 'synced', count: n }])),
      );
    },
    exportStateCounts: async () => [],
    groupRuns: async () => [],
    failedExports: async () => [],
    linkErrors: async () => [],
  };
  return {
    reads,
    started: () => started,
    /** Ends the oldest running computation with `n` synced commitments. */
    finish: async (n: number) => {
      pending.shift()?.(n);
      await new Promise((r) => setImmediate(r));
    },
  };
}

const clock = { now: () => new Date('2026-12-05T12:00:00Z') };
const synced = (r: { types: { type: string; synced: number }[] }) =>
  r.types.find((t) => t.type === 'commitment')?.synced;

describe('REP-1: the accountant report is computed once for the requests that arrive while one runs', () => {
  it('REP-1: requests during a computation share the next one, which starts after it — never the one already running', async () => {
    const c = controlledReads();
    const service = new AccountantReportService(c.reads, clock);
    const first = service.current();
    // arrive while the first runs: what they read must include writes made before they asked, so they wait
    const second = service.current();
    const third = service.current();
    expect(c.started()).toBe(1);
    await c.finish(1);
    expect(synced(await first)).toBe(1);
    expect(c.started()).toBe(2);
    await c.finish(2);
    const [a, b] = await Promise.all([second, third]);
    expect(synced(a)).toBe(2);
    expect(b).toBe(a);
    // nothing running: the next request starts its own
    const fourth = service.current();
    expect(c.started()).toBe(3);
    await c.finish(3);
    expect(synced(await fourth)).toBe(3);
  });

  it('REP-1: a computation that fails fails only its own requests; those waiting get a fresh one', async () => {
    const c = controlledReads();
    let fail = true;
    const reads: ReportReads = {
      ...c.reads,
      linkStateCounts: () => {
        if (fail) {
          fail = false;
          return Promise.reject(new Error('connection lost'));
        }
        return c.reads.linkStateCounts();
      },
    };
    const service = new AccountantReportService(reads, clock);
    const first = service.current();
    const waiting = service.current();
    await expect(first).rejects.toThrow('connection lost');
    await new Promise((r) => setImmediate(r));
    await c.finish(7);
    expect(synced(await waiting)).toBe(7);
  });
});

describe('REP-1 with API-9: the report read per database snapshot, its times worked out per request', () => {
  it('REP-1: requests at one snapshot share one read; a commit means a new read; generatedAt is each request’s now', async () => {
    const c = controlledReads();
    let snapshot = '10:10:';
    const snapshots = { of: async () => snapshot } as RequestSnapshots;
    let now = new Date('2026-12-05T12:00:00Z');
    const service = new AccountantReportService(c.reads, { now: () => now }, snapshots);
    const first = service.current({});
    const second = service.current({});
    await new Promise((r) => setImmediate(r));
    expect(c.started()).toBe(1);
    await c.finish(4);
    expect(synced(await first)).toBe(4);
    expect(synced(await second)).toBe(4);
    // later, nothing written: no read, but the time is this request's
    now = new Date('2026-12-05T12:05:00Z');
    const third = await service.current({});
    expect(c.started()).toBe(1);
    expect(third.generatedAt).toBe('2026-12-05T12:05:00.000Z');
    expect(synced(third)).toBe(4);
    // a commit (an accept, a sync): the next request reads again
    snapshot = '11:11:';
    const fourth = service.current({});
    await new Promise((r) => setImmediate(r));
    expect(c.started()).toBe(2);
    await c.finish(5);
    expect(synced(await fourth)).toBe(5);
  });
});
