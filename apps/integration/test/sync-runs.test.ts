import type { AddressInfo } from 'node:net';
import type { SyncGroup } from '@bridge/rules';
import { DEMO_AUTH_ID, type RunningSimulator, startSimulator } from '@bridge/spectrum-simulator';
import { SchedulerRegistry } from '@nestjs/schedule';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SyncService } from '../src/sync/sync.service.js';
import type { SyncJob, SyncJobContext } from '../src/sync/sync-job.js';
import { SyncJobRegistry } from '../src/sync/sync-job.registry.js';
import { ADMIN, APPROVER, bearer, FakeClock, PM, startTestApp, type TestApp, VIEWER } from './support/app.js';
import { readEvents } from './support/sse.js';

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

/** A job whose body the test supplies; `started` resolves once it runs. */
function job(group: SyncGroup, body: (ctx: SyncJobContext) => Promise<void>, order?: number) {
  const started = deferred();
  const j: SyncJob & { started: Promise<void> } = {
    group,
    name: `test-${group}`,
    ...(order === undefined ? {} : { order }),
    started: started.promise,
    async run(ctx) {
      started.resolve();
      await body(ctx);
    },
  };
  return j;
}

/** A job that runs until released. */
function blockingJob(group: SyncGroup) {
  const gate = deferred();
  return Object.assign(
    job(group, async (ctx) => {
      await Promise.race([
        gate.promise,
        new Promise((_, reject) => ctx.signal.addEventListener('abort', () => reject(ctx.signal.reason))),
      ]);
    }),
    { release: gate.resolve },
  );
}

describe('sync runs (SCH-1 … SCH-5)', () => {
  let t: TestApp;
  let sim: RunningSimulator;
  let sync: SyncService;
  let registry: SyncJobRegistry;
  let adminId: string;
  let base: string;
  let pmId: string;
  const clock = new FakeClock();
  const http = () => request(t.http);

  /** Registers jobs for the duration of `fn`. */
  async function withJobs(jobs: SyncJob[], fn: () => Promise<void>) {
    const off = jobs.map((j) => registry.register(j));
    try {
      await fn();
    } finally {
      await sync.idle();
      for (const o of off) o();
    }
  }

  const start = (group: string, token = PM) =>
    http().post('/api/v1/sync/runs').set(bearer(token)).send({ group });

  beforeAll(async () => {
    [t, sim] = await Promise.all([startTestApp({ clock }), startSimulator({ scenario: 'demo', port: 0 })]);
    sync = t.app.get(SyncService);
    await t.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    registry = t.app.get(SyncJobRegistry);
    registry.clear(); // these tests bring their own jobs; the real imports are proven in their own tests
    await http()
      .patch('/api/v1/settings/connection')
      .set(bearer(ADMIN))
      .send({ serviceUrl: sim.url, companyCode: 'ABC', authMode: 'basic', servicePassword: DEMO_AUTH_ID })
      .expect(200);
    adminId = (await http().get('/api/v1/me').set(bearer(ADMIN)).expect(200)).body.id;
    pmId = (await http().get('/api/v1/me').set(bearer(PM)).expect(200)).body.id;
  });
  afterAll(async () => {
    await t?.close();
    await sim?.close();
  });

  it('API-1: the settings and sync operations are in the OpenAPI document with their operationIds', async () => {
    const doc = await http().get('/api/openapi.json').expect(200);
    const ids = Object.values(
      doc.body.paths as Record<string, Record<string, { operationId: string }>>,
    ).flatMap((ops) => Object.values(ops).map((o) => o.operationId));
    expect(ids).toEqual(
      expect.arrayContaining([
        'getConnectionSettings',
        'updateConnectionSettings',
        'testConnection',
        'getGeneralSettings',
        'updateGeneralSettings',
        'getVendorTypeFilter',
        'updateVendorTypeFilter',
        'getSyncSchedule',
        'updateSyncSchedule',
        'startSync',
        'listSyncRuns',
        'getSyncRun',
      ]),
    );
  });

  it('SCH-1: every group defaults to daily, with its UTC cron expression and next run', async () => {
    const res = await http().get('/api/v1/sync/schedule').set(bearer(VIEWER)).expect(200);
    expect(res.body).toEqual({
      groups: [
        {
          group: 'cost_codes',
          frequency: 'daily',
          cronExpression: '0 15 2 * * *',
          nextRunAt: '2026-03-03T02:15:00.000Z',
        },
        {
          group: 'vendors',
          frequency: 'daily',
          cronExpression: '0 30 2 * * *',
          nextRunAt: '2026-03-03T02:30:00.000Z',
        },
        {
          group: 'jobs',
          frequency: 'daily',
          cronExpression: '0 0 2 * * *',
          nextRunAt: '2026-03-03T02:00:00.000Z',
        },
      ],
    });
  });

  it('SCH-1 / PERM-3: an admin changes frequencies (audited); others get 403; bad input is 400', async () => {
    const res = await http()
      .patch('/api/v1/sync/schedule')
      .set(bearer(ADMIN))
      .send({ vendors: 'hourly', jobs: 'never' })
      .expect(200);
    expect(res.body.groups).toEqual([
      expect.objectContaining({ group: 'cost_codes', frequency: 'daily' }),
      {
        group: 'vendors',
        frequency: 'hourly',
        cronExpression: '0 30 * * * *',
        nextRunAt: '2026-03-02T15:30:00.000Z',
      },
      { group: 'jobs', frequency: 'never', cronExpression: null, nextRunAt: null },
    ]);
    const audit = await http()
      .get('/api/v1/audit-events?action=sync.schedule.update')
      .set(bearer(ADMIN))
      .expect(200);
    expect(audit.body.items[0]).toMatchObject({
      actorId: adminId,
      before: { vendors: 'daily', jobs: 'daily' },
      after: { vendors: 'hourly', jobs: 'never' },
    });
    const refused = await http()
      .patch('/api/v1/sync/schedule')
      .set(bearer(APPROVER))
      .send({ vendors: 'daily' })
      .expect(403);
    expect(refused.body.errors[0]).toMatchObject({ code: 'requires-admin', rule: 'PERM-3' });
    const bad = await http()
      .patch('/api/v1/sync/schedule')
      .set(bearer(ADMIN))
      .send({ vendors: 'weekly' })
      .expect(400);
    expect(bad.body.errors[0].field).toBe('vendors');
    await http().patch('/api/v1/sync/schedule').set(bearer(ADMIN)).send({}).expect(400);
    await http().patch('/api/v1/sync/schedule').set(bearer(ADMIN)).send({ payroll: 'daily' }).expect(400);
    const now = await http().get('/api/v1/sync/schedule').set(bearer(ADMIN)).expect(200);
    expect(now.body.groups.map((g: { frequency: string }) => g.frequency)).toEqual([
      'daily',
      'hourly',
      'never',
    ]);
    await http()
      .patch('/api/v1/sync/schedule')
      .set(bearer(ADMIN))
      .send({ vendors: 'daily', jobs: 'daily' })
      .expect(200);
  });

  it('SCH-3 / SCH-5: an on-demand run is 202 and records trigger, times, counts and each failure with its reason', async () => {
    const read = job('jobs', async (ctx) => {
      const jobs = await ctx.client.getJobs().toArray();
      ctx.count('read', jobs.length);
      ctx.countAll({ created: 2, updated: 1, unchanged: jobs.length - 3 });
      clock.advance(5_000);
      ctx.fail('job', '24-999', 'Job 24-999 has no description.');
      await ctx.fail('job', '24-998', new Error('Sub jobs are not supported (LIM-3).'));
    });
    const vanish = job('jobs', async (ctx) => ctx.count('vanished'), 200);
    await withJobs([vanish, read], async () => {
      const startedAt = clock.now().toISOString();
      const res = await start('jobs').expect(202);
      expect(res.body).toMatchObject({
        group: 'jobs',
        trigger: 'on_demand',
        status: 'running',
        startedAt,
        endedAt: null,
        error: null,
      });
      await sync.waitForRun(res.body.id);
      const run = await http().get(`/api/v1/sync/runs/${res.body.id}`).set(bearer(VIEWER)).expect(200);
      expect(run.body.status).toBe('succeeded');
      expect(run.body.endedAt).toBe(clock.now().toISOString());
      expect(run.body.counts.read).toBeGreaterThan(3);
      expect(run.body.counts).toEqual({
        read: run.body.counts.read,
        created: 2,
        updated: 1,
        unchanged: run.body.counts.read - 3,
        vanished: 1,
        failed: 2,
      });
      expect(run.body.failures).toEqual([
        expect.objectContaining({
          itemType: 'job',
          itemKey: '24-999',
          reason: 'Job 24-999 has no description.',
        }),
        expect.objectContaining({
          itemType: 'job',
          itemKey: '24-998',
          reason: 'Sub jobs are not supported (LIM-3).',
        }),
      ]);
      expect(run.body.startedBy).toBe(pmId);
    });
  });

  it('SCH-5 WEB-17: the live view of a run streams its counts as the import goes, and ends with the run as it ended', async () => {
    const counted = deferred();
    const gate = deferred();
    const importing = job('vendors', async (ctx) => {
      ctx.count('read', 3);
      counted.resolve();
      await gate.promise;
      ctx.countAll({ created: 2, unchanged: 1 });
    });
    await withJobs([importing], async () => {
      const run = (await start('vendors').expect(202)).body as { id: string };
      await counted.promise;
      const url = `${base}/api/v1/sync/runs/${run.id}/events`;
      const stream = await readEvents(url, bearer(VIEWER), () => false);
      // the counts so far, from the running import (the database has them only at the next heartbeat)
      await expect.poll(() => stream.events.at(-1)?.data.counts).toMatchObject({ read: 3, created: 0 });
      expect(stream.events.at(-1)).toMatchObject({ event: 'run', data: { id: run.id, status: 'running' } });
      const stored = await http().get(`/api/v1/sync/runs/${run.id}`).set(bearer(VIEWER)).expect(200);
      expect(stored.body.counts.read).toBe(0);

      gate.resolve();
      await stream.finished; // the service ends the stream once the run has ended
      expect(stream.events.at(-1)).toMatchObject({
        event: 'run',
        data: { status: 'succeeded', counts: { read: 3, created: 2, unchanged: 1 } },
      });
      expect(stream.events.filter((e) => e.data.status !== 'running')).toHaveLength(1);

      // a run that has ended answers its final state once and ends at once
      const again = await readEvents(url, bearer(VIEWER), () => false);
      await again.finished;
      expect(again.events.map((e) => e.data.status)).toEqual(['succeeded']);
    });
    const unknown = await fetch(`${base}/api/v1/sync/runs/nope/events`, { headers: bearer(VIEWER) });
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('content-type')).toContain('problem+json');
  });

  it('SCH-4: a second start of a busy group is 409 sync-already-running with the running run; other groups still start', async () => {
    const blocker = blockingJob('vendors');
    const other = job('cost_codes', async (ctx) => ctx.count('read', 7));
    await withJobs([blocker, other], async () => {
      const first = await start('vendors').expect(202);
      await blocker.started;
      const second = await start('vendors', ADMIN).expect(409);
      expect(second.body.errors[0]).toMatchObject({ code: 'sync-already-running', rule: 'SCH-4' });
      expect(second.body.detail).toContain(first.body.id);
      const parallel = await start('cost_codes').expect(202);
      await sync.waitForRun(parallel.body.id);
      const running = await http()
        .get('/api/v1/sync/runs?group=vendors&status=running')
        .set(bearer(PM))
        .expect(200);
      expect(running.body.items.map((r: { id: string }) => r.id)).toEqual([first.body.id]);
      blocker.release();
      await sync.waitForRun(first.body.id);
      const lock = await t.prisma.syncGroupLock.findUniqueOrThrow({ where: { group: 'vendors' } });
      expect(lock).toMatchObject({ runId: null, leaseUntil: null });
    });
    const again = job('vendors', async () => {});
    await withJobs([again], async () => {
      const res = await start('vendors').expect(202);
      await sync.waitForRun(res.body.id);
    });
  });

  it('SCH-5: a job that throws ends the run failed with the Spectrum error in plain words, and releases the lease', async () => {
    await http()
      .patch('/api/v1/settings/connection')
      .set(bearer(ADMIN))
      .send({ servicePassword: 'NotTheRightId' })
      .expect(200);
    const reader = job('jobs', async (ctx) => {
      ctx.count('read', 1);
      await ctx.client.getJobs().toArray();
    });
    const never = job('jobs', async (ctx) => ctx.count('created', 100), 500);
    try {
      await withJobs([reader, never], async () => {
        const res = await start('jobs').expect(202);
        await sync.waitForRun(res.body.id);
        const run = await http().get(`/api/v1/sync/runs/${res.body.id}`).set(bearer(PM)).expect(200);
        expect(run.body).toMatchObject({
          status: 'failed',
          error: expect.stringMatching(/^GetJob: Spectrum refused the credentials \(HTTP 401\)/),
          counts: { read: 1, created: 0 },
        });
        expect(JSON.stringify(run.body)).not.toContain('NotTheRightId');
        // GEN-3: Spectrum refused the credentials: the connection is Not Connected, with the reason
        const connection = await http().get('/api/v1/settings/connection').set(bearer(ADMIN)).expect(200);
        expect(connection.body).toMatchObject({
          connectionStatus: 'not_connected',
          connectionError: run.body.error,
        });
      });
    } finally {
      await http()
        .patch('/api/v1/settings/connection')
        .set(bearer(ADMIN))
        .send({ servicePassword: DEMO_AUTH_ID })
        .expect(200);
    }
    const lock = await t.prisma.syncGroupLock.findUniqueOrThrow({ where: { group: 'jobs' } });
    expect(lock.runId).toBeNull();
  });

  it('SCH-5: a group without an installed import ends failed saying so', async () => {
    const res = await start('vendors').expect(202);
    await sync.waitForRun(res.body.id);
    const run = await http().get(`/api/v1/sync/runs/${res.body.id}`).set(bearer(PM)).expect(200);
    expect(run.body).toMatchObject({
      status: 'failed',
      error: 'No import is installed for the vendors group.',
    });
  });

  it('SCH-3: 422 connection-not-configured without a connection; 400 for a bad group; 403 below standard', async () => {
    await http()
      .patch('/api/v1/settings/connection')
      .set(bearer(ADMIN))
      .send({ servicePassword: null })
      .expect(200);
    const before = await t.prisma.syncRun.count();
    try {
      const res = await start('jobs').expect(422);
      expect(res.body.errors[0]).toMatchObject({ code: 'connection-not-configured', rule: 'GEN-2' });
      expect(res.body.errors[0].message).toContain('service password');
    } finally {
      await http()
        .patch('/api/v1/settings/connection')
        .set(bearer(ADMIN))
        .send({ servicePassword: DEMO_AUTH_ID })
        .expect(200);
    }
    const bad = await start('payroll').expect(400);
    expect(bad.body.errors[0].field).toBe('group');
    await http().post('/api/v1/sync/runs').set(bearer(PM)).send({ group: 'jobs', force: true }).expect(400);
    const refused = await start('jobs', VIEWER).expect(403);
    expect(refused.body.errors[0]).toMatchObject({ code: 'requires-standard' });
    expect(await t.prisma.syncRun.count()).toBe(before);
  });

  it('SCH-5 / API-5: runs are listed newest first with filters and cursor pages; unknown run is 404', async () => {
    const all = await http().get('/api/v1/sync/runs').set(bearer(VIEWER)).expect(200);
    expect(all.body.items.length).toBeGreaterThanOrEqual(5);
    const ids = all.body.items.map((r: { id: string }) => r.id);
    expect(ids).toEqual([...ids].sort().reverse());
    const page1 = await http().get('/api/v1/sync/runs?limit=2').set(bearer(VIEWER)).expect(200);
    expect(page1.body.items.map((r: { id: string }) => r.id)).toEqual(ids.slice(0, 2));
    const page2 = await http()
      .get(`/api/v1/sync/runs?limit=2&cursor=${page1.body.nextCursor}`)
      .set(bearer(VIEWER))
      .expect(200);
    expect(page2.body.items.map((r: { id: string }) => r.id)).toEqual(ids.slice(2, 4));
    const failed = await http()
      .get('/api/v1/sync/runs?status=failed&group=jobs')
      .set(bearer(VIEWER))
      .expect(200);
    expect(failed.body.items.length).toBeGreaterThan(0);
    for (const r of failed.body.items) expect(r).toMatchObject({ status: 'failed', group: 'jobs' });
    await http().get('/api/v1/sync/runs?status=crashed').set(bearer(VIEWER)).expect(400);
    await http().get('/api/v1/sync/runs?sort=asc').set(bearer(VIEWER)).expect(400);
    await http().get('/api/v1/sync/runs?cursor=nonsense').set(bearer(VIEWER)).expect(400);
    const missing = await http()
      .get('/api/v1/sync/runs/0190aaaa-0000-7000-8000-000000000000')
      .set(bearer(VIEWER));
    expect(missing.status).toBe(404);
  });

  it('SCH-4 / SCH-5: a running run renews its lease and saves progress; a run that lost its lease stops, failed', async () => {
    sync.setTiming({ heartbeatMs: 20 });
    const progress = deferred();
    const slow = job('cost_codes', async (ctx) => {
      ctx.count('read', 42);
      ctx.fail('phase', '24-101|0100|L', 'bad row');
      await progress.promise;
      await new Promise((_, reject) =>
        ctx.signal.addEventListener('abort', () => reject(new Error('aborted'))),
      );
    });
    try {
      await withJobs([slow], async () => {
        const res = await start('cost_codes').expect(202);
        await slow.started;
        clock.advance(30_000);
        // progress is saved by the heartbeat while the run goes on
        await expect
          .poll(async () => (await http().get(`/api/v1/sync/runs/${res.body.id}`).set(bearer(PM))).body, {
            timeout: 5000,
          })
          .toMatchObject({
            status: 'running',
            counts: { read: 42, failed: 1 },
            failures: [{ itemKey: '24-101|0100|L' }],
          });
        const lock = await t.prisma.syncGroupLock.findUniqueOrThrow({ where: { group: 'cost_codes' } });
        expect(lock.leaseUntil?.getTime()).toBe(clock.now().getTime() + 60_000);
        // another instance takes the group over (as after an expired lease): this run stops at its next heartbeat
        await t.prisma.syncGroupLock.update({
          where: { group: 'cost_codes' },
          data: { runId: 'someone-else', holder: 'other' },
        });
        progress.resolve();
        await sync.waitForRun(res.body.id);
        const run = await http().get(`/api/v1/sync/runs/${res.body.id}`).set(bearer(PM)).expect(200);
        expect(run.body).toMatchObject({ status: 'failed', counts: { read: 42, failed: 1 } });
        expect(run.body.error).toContain('lost its lease');
        await t.prisma.syncGroupLock.update({
          where: { group: 'cost_codes' },
          data: { runId: null, holder: null, leaseUntil: null },
        });
      });
    } finally {
      sync.setTiming({ heartbeatMs: 15_000 });
    }
  });

  it('SCH-5: runs left running with an expired lease are marked failed ("the service stopped during the run")', async () => {
    const now = clock.now();
    const dead = await t.prisma.syncRun.create({
      data: {
        group: 'jobs',
        trigger: 'schedule',
        status: 'running',
        startedAt: new Date(now.getTime() - 600_000),
      },
    });
    const alive = await t.prisma.syncRun.create({
      data: { group: 'vendors', trigger: 'schedule', status: 'running', startedAt: now },
    });
    await t.prisma.syncGroupLock.update({
      where: { group: 'jobs' },
      data: { runId: dead.id, holder: 'crashed', leaseUntil: new Date(now.getTime() - 1000) },
    });
    await t.prisma.syncGroupLock.update({
      where: { group: 'vendors' },
      data: { runId: alive.id, holder: 'alive', leaseUntil: new Date(now.getTime() + 30_000) },
    });
    expect(await sync.recoverAbandonedRuns()).toEqual([dead.id]);
    const run = await http().get(`/api/v1/sync/runs/${dead.id}`).set(bearer(PM)).expect(200);
    expect(run.body).toMatchObject({
      status: 'failed',
      error: 'the service stopped during the run',
      endedAt: now.toISOString(),
    });
    expect((await t.prisma.syncGroupLock.findUniqueOrThrow({ where: { group: 'jobs' } })).runId).toBeNull();
    expect((await t.prisma.syncRun.findUniqueOrThrow({ where: { id: alive.id } })).status).toBe('running');
    await start('vendors').expect(409);

    // the live instance's lease expires without a heartbeat: the next start takes the group over and fails the orphan
    clock.advance(31_000);
    const takeover = job('vendors', async () => {});
    await withJobs([takeover], async () => {
      const res = await start('vendors').expect(202);
      await sync.waitForRun(res.body.id);
    });
    expect(await t.prisma.syncRun.findUniqueOrThrow({ where: { id: alive.id } })).toMatchObject({
      status: 'failed',
      error: 'the service stopped during the run',
    });
  });

  it('SCH-1 / SCH-4: a scheduled start runs only when a scheduled time passed since the last run, once', async () => {
    const scheduled = job('jobs', async (ctx) => ctx.count('read', 1));
    await withJobs([scheduled], async () => {
      // jobs ran on demand today after 02:00 UTC: the 02:00 run is not due any more
      expect(await sync.startScheduled('jobs')).toBeNull();
      clock.advance(24 * 3_600_000);
      const run = await sync.startScheduled('jobs');
      expect(run).toMatchObject({ group: 'jobs', trigger: 'schedule', startedBy: null });
      // a second tick for the same slot (another instance, a duplicate timer) starts nothing
      expect(await sync.startScheduled('jobs')).toBeNull();
      if (run) await sync.waitForRun(run.id);
      expect(await sync.startScheduled('jobs')).toBeNull();
    });
  });
});

describe('sync scheduler wiring (SCH-1)', () => {
  let t: TestApp;
  afterAll(async () => {
    await t?.close();
  });

  it('SCH-1: registers one cron job per group from the stored schedule and re-registers it when it changes', async () => {
    t = await startTestApp({ env: { SCHEDULER_ENABLED: 'true' } });
    const registry = t.app.get(SchedulerRegistry);
    const cron = (g: string) => String(registry.getCronJob(`sync:${g}`).cronTime.source);
    expect(cron('jobs')).toBe('0 0 2 * * *');
    expect(cron('cost_codes')).toBe('0 15 2 * * *');
    expect(cron('vendors')).toBe('0 30 2 * * *');
    const old = registry.getCronJob('sync:vendors');
    await request(t.http)
      .patch('/api/v1/sync/schedule')
      .set(bearer(ADMIN))
      .send({ vendors: 'every_4_hours', jobs: 'never' })
      .expect(200);
    expect(cron('vendors')).toBe('0 30 */4 * * *');
    expect(old.isActive).toBe(false);
    expect(registry.doesExist('cron', 'sync:jobs')).toBe(false);
    expect(cron('cost_codes')).toBe('0 15 2 * * *');
  });

  it('SCH-1: with SCHEDULER_ENABLED=false no cron job is registered', async () => {
    const off = await startTestApp();
    try {
      expect(off.app.get(SchedulerRegistry).getCronJobs().size).toBe(0);
    } finally {
      await off.close();
    }
  });
});
