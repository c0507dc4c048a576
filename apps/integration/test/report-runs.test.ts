import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReportsRepository } from '../src/reports/reports.repository.js';
import { startTestApp, type TestApp } from './support/app.js';
import { createScratchDatabase, skipReason, TEST_DATABASE_URL } from './support/postgres.js';

/** REP-1's "last sync per group" and the sync rows of "needs attention", read for all groups at once. */
describe.each([
  ['the embedded database', false],
  [TEST_DATABASE_URL ? 'PostgreSQL' : `PostgreSQL (${skipReason()})`, true],
])('REP-1: the latest run of each sync group, on %s', (_name, postgres) => {
  let t: TestApp;
  let db: Awaited<ReturnType<typeof createScratchDatabase>> | undefined;
  let statements = 0;
  beforeAll(async () => {
    if (postgres && !TEST_DATABASE_URL) return;
    db = postgres ? await createScratchDatabase() : undefined;
    t = await startTestApp({ onStatement: () => statements++, ...(db ? { databaseUrl: db.url } : {}) });
    const at = (h: number, m = 0) => new Date(Date.UTC(2026, 2, 5, h, m));
    const failure = (key: string, minute: number) => ({
      itemType: 'vendor',
      itemKey: key,
      reason: `Vendor ${key} has no name.`,
      createdAt: at(3, minute),
    });
    // vendors: a success, then a newer failed run with three item failures; jobs: only a run still going
    await t.prisma.syncRun.create({
      data: {
        group: 'vendors',
        trigger: 'schedule',
        status: 'succeeded',
        startedAt: at(1),
        endedAt: at(1, 5),
        failures: { create: [failure('OLD', 0)] },
      },
    });
    await t.prisma.syncRun.create({
      data: {
        group: 'vendors',
        trigger: 'manual',
        status: 'failed',
        startedAt: at(3),
        endedAt: at(3, 9),
        error: 'Spectrum stopped answering.',
        failures: { create: [failure('V3', 3), failure('V1', 1), failure('V2', 2)] },
      },
    });
    await t.prisma.syncRun.create({ data: { group: 'jobs', trigger: 'schedule', startedAt: at(4) } });
  });
  afterAll(async () => {
    await t?.close();
    await db?.drop();
  });

  it.skipIf(postgres && !TEST_DATABASE_URL)(
    'REP-1: every group in order, its latest run, the end of its latest success, the first failures of the latest run only — in two statements',
    async () => {
      const repo = t.app.get(ReportsRepository);
      const s0 = statements;
      const runs = await repo.groupRuns(2);
      expect(statements - s0).toBe(2);
      expect(
        runs.map((r) => [r.group, r.last?.status ?? null, r.lastSucceededAt?.toISOString() ?? null]),
      ).toEqual([
        ['cost_codes', null, null],
        ['vendors', 'failed', '2026-03-05T01:05:00.000Z'],
        ['jobs', 'running', null],
      ]);
      expect(runs[1]?.last?.error).toBe('Spectrum stopped answering.');
      expect(runs[1]?.failures.map((f) => f.itemKey)).toEqual(['V1', 'V2']);
      expect(runs[2]?.failures).toEqual([]);
    },
  );
});
