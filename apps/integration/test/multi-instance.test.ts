import type { SyncGroup } from '@bridge/rules';
import { DEMO_AUTH_ID, type RunningSimulator, startSimulator } from '@bridge/spectrum-simulator';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectDatabase } from '../src/platform/db/prisma.service.js';
import { SyncService } from '../src/sync/sync.service.js';
import type { SyncJob } from '../src/sync/sync-job.js';
import { SyncJobRegistry } from '../src/sync/sync-job.registry.js';
import { ADMIN, bearer, FakeClock, PM, startTestApp, type TestApp } from './support/app.js';
import { createScratchDatabase, skipReason, TEST_DATABASE_URL } from './support/postgres.js';

const skip = !TEST_DATABASE_URL;
const title = (t: string) => (skip ? `${t} (${skipReason()})` : t);

/** A job that runs until `release()` (or the run is aborted). */
function gate(group: SyncGroup) {
  let release!: () => void;
  const released = new Promise<void>((r) => {
    release = r;
  });
  let onStart!: () => void;
  const started = new Promise<void>((r) => {
    onStart = r;
  });
  const job: SyncJob = {
    group,
    name: `gate-${group}`,
    async run(ctx) {
      onStart();
      await Promise.race([
        released,
        new Promise((_, reject) => ctx.signal.addEventListener('abort', () => reject(ctx.signal.reason))),
      ]);
    },
  };
  return { job, started, release: () => release() };
}

describe.skipIf(skip)('several instances on one PostgreSQL database (SCH-4, SCH-5)', () => {
  let db: Awaited<ReturnType<typeof createScratchDatabase>>;
  let sim: RunningSimulator;
  let a: TestApp;
  let b: TestApp;
  const clock = new FakeClock();

  const instance = (t: TestApp) => ({
    sync: t.app.get(SyncService),
    jobs: t.app.get(SyncJobRegistry),
  });

  beforeAll(async () => {
    db = await createScratchDatabase();
    const migrated = await connectDatabase(db.url, { migrate: true });
    await migrated.close();
    sim = await startSimulator({ scenario: 'demo', port: 0 });
    a = await startTestApp({ databaseUrl: db.url, clock });
    b = await startTestApp({ databaseUrl: db.url, clock });
    for (const t of [a, b]) instance(t).jobs.clear();
    await request(a.http)
      .patch('/api/v1/settings/connection')
      .set(bearer(ADMIN))
      .send({ serviceUrl: sim.url, companyCode: 'ABC', authMode: 'basic', servicePassword: DEMO_AUTH_ID })
      .expect(200);
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await sim?.close();
    await db?.drop();
  });

  it(
    title('SCH-4: both instances start the same group at once: exactly one run exists, the other gets 409'),
    async () => {
      for (let round = 0; round < 3; round++) {
        const ga = gate('vendors');
        const gb = gate('vendors');
        const offA = instance(a).jobs.register(ga.job);
        const offB = instance(b).jobs.register(gb.job);
        const before = await a.prisma.syncRun.count({ where: { group: 'vendors' } });
        const [ra, rb] = await Promise.all([
          request(a.http).post('/api/v1/sync/runs').set(bearer(PM)).send({ group: 'vendors' }),
          request(b.http).post('/api/v1/sync/runs').set(bearer(ADMIN)).send({ group: 'vendors' }),
        ]);
        expect([ra.status, rb.status].sort()).toEqual([202, 409]);
        const winner = ra.status === 202 ? ra : rb;
        const loser = ra.status === 202 ? rb : ra;
        expect(loser.body.errors[0]).toMatchObject({ code: 'sync-already-running', rule: 'SCH-4' });
        expect(loser.body.detail).toContain(winner.body.id);
        expect(await a.prisma.syncRun.count({ where: { group: 'vendors' } })).toBe(before + 1);
        const lock = await b.prisma.syncGroupLock.findUniqueOrThrow({ where: { group: 'vendors' } });
        expect(lock.runId).toBe(winner.body.id);
        ga.release();
        gb.release();
        await Promise.all([instance(a).sync.idle(), instance(b).sync.idle()]);
        const run = await request(b.http)
          .get(`/api/v1/sync/runs/${winner.body.id}`)
          .set(bearer(PM))
          .expect(200);
        expect(run.body.status).toBe('succeeded');
        offA();
        offB();
      }
    },
  );

  it(title('SCH-4: a scheduled time fired on both instances starts one run'), async () => {
    const job: SyncJob = { group: 'jobs', run: async (ctx) => ctx.count('read', 1) };
    const offA = instance(a).jobs.register(job);
    const offB = instance(b).jobs.register(job);
    try {
      const before = await a.prisma.syncRun.count({ where: { group: 'jobs' } });
      const started = await Promise.all([
        instance(a).sync.startScheduled('jobs'),
        instance(b).sync.startScheduled('jobs'),
      ]);
      expect(started.filter((r) => r !== null)).toHaveLength(1);
      await Promise.all([instance(a).sync.idle(), instance(b).sync.idle()]);
      // the run may already have ended before the other tick: still no second run for the same scheduled time
      expect(await instance(b).sync.startScheduled('jobs')).toBeNull();
      expect(await a.prisma.syncRun.count({ where: { group: 'jobs' } })).toBe(before + 1);
    } finally {
      offA();
      offB();
    }
  });

  it(
    title('SCH-5: a run left running by a crashed instance is marked failed when an instance starts'),
    async () => {
      const now = clock.now();
      const crashed = await a.prisma.syncRun.create({
        data: {
          group: 'cost_codes',
          trigger: 'schedule',
          status: 'running',
          startedAt: now,
          holder: 'crashed#1',
        },
      });
      await a.prisma.syncGroupLock.update({
        where: { group: 'cost_codes' },
        data: { runId: crashed.id, holder: 'crashed#1', leaseUntil: new Date(now.getTime() + 60_000) },
      });
      // still within its lease: a starting instance leaves it alone
      const c = await startTestApp({ databaseUrl: db.url, clock });
      await c.close();
      expect((await a.prisma.syncRun.findUniqueOrThrow({ where: { id: crashed.id } })).status).toBe(
        'running',
      );
      // the lease expired (no heartbeat): the next instance to start marks it failed and frees the group
      clock.advance(61_000);
      const d = await startTestApp({ databaseUrl: db.url, clock });
      try {
        const run = await request(d.http).get(`/api/v1/sync/runs/${crashed.id}`).set(bearer(PM)).expect(200);
        expect(run.body).toMatchObject({ status: 'failed', error: 'the service stopped during the run' });
        const lock = await d.prisma.syncGroupLock.findUniqueOrThrow({ where: { group: 'cost_codes' } });
        expect(lock.runId).toBeNull();
      } finally {
        await d.close();
      }
    },
  );

  it(
    title(
      'SCH-5: an instance that shuts down during a run ends it failed and frees the group for the others',
    ),
    async () => {
      const e = await startTestApp({ databaseUrl: db.url, clock });
      instance(e).jobs.clear();
      const g = gate('cost_codes');
      instance(e).jobs.register(g.job);
      const res = await request(e.http)
        .post('/api/v1/sync/runs')
        .set(bearer(PM))
        .send({ group: 'cost_codes' })
        .expect(202);
      await g.started;
      await e.close();
      const run = await request(a.http).get(`/api/v1/sync/runs/${res.body.id}`).set(bearer(PM)).expect(200);
      expect(run.body).toMatchObject({ status: 'failed', error: 'the service stopped during the run' });
      const next: SyncJob = { group: 'cost_codes', run: async () => {} };
      const off = instance(a).jobs.register(next);
      try {
        const again = await request(a.http)
          .post('/api/v1/sync/runs')
          .set(bearer(PM))
          .send({ group: 'cost_codes' })
          .expect(202);
        await instance(a).sync.waitForRun(again.body.id);
      } finally {
        off();
      }
    },
  );
});
