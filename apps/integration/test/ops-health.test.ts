import { pino } from 'pino';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app.js';
import { connectDatabase } from '../src/platform/db/prisma.service.js';
import { DatabaseHealthCheck } from '../src/platform/runtime/database-health.js';
import { ServiceLifecycle } from '../src/platform/runtime/lifecycle.js';
import { ADMIN, bearer, migratedSnapshot, startTestApp, type TestApp } from './support/app.js';

/** OPS-2 readiness and liveness in process; OPS-1's refusals while stopping (the process test proves the rest). */

describe('OPS-2: liveness and readiness', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('OPS-2: not ready before start-up is marked done, ready after, not ready once stopping; liveness answers throughout', async () => {
    const lifecycle = new ServiceLifecycle();
    const app = await createApp({
      env: t.env,
      logger: pino({ level: 'silent' }),
      prisma: t.prisma,
      lifecycle,
    });
    await app.init();
    try {
      const http = app.getHttpServer();
      const starting = await request(http).get('/health/ready').expect(503);
      expect(starting.body).toEqual({
        status: 'not_ready',
        checks: { startup: 'pending', shutdown: 'running', database: 'up', migrations: 'applied' },
      });
      await request(http).get('/health/live').expect(200, { status: 'alive' });
      lifecycle.markReady();
      await request(http).get('/health/ready').expect(200);
      await lifecycle.drain(1000, 100);
      const stopping = await request(http).get('/health/ready').expect(503);
      expect(stopping.body.checks).toMatchObject({ startup: 'done', shutdown: 'stopping' });
      expect(stopping.headers.connection).toBe('close');
      await request(http).get('/health/live').expect(200);
      // the summary endpoint keeps answering as before
      await request(http).get('/health').expect(200);
    } finally {
      await app.close();
    }
  });

  it('OPS-1: a stopping instance starts no sync run (503 problem naming OPS-1)', async () => {
    const lifecycle = new ServiceLifecycle();
    const app = await createApp({
      env: t.env,
      logger: pino({ level: 'silent' }),
      prisma: t.prisma,
      lifecycle,
    });
    await app.init();
    try {
      lifecycle.markReady();
      await lifecycle.drain(1000, 100);
      const res = await request(app.getHttpServer())
        .post('/api/v1/sync/runs')
        .set(bearer(ADMIN))
        .send({ group: 'vendors' })
        .expect(503);
      expect(res.body.errors).toEqual([expect.objectContaining({ code: 'service-stopping', rule: 'OPS-1' })]);
    } finally {
      await app.close();
    }
  });

  it('OPS-2: the database check: pending migrations, applied, then down once the database is gone', async () => {
    const empty = await connectDatabase('pglite://memory', { migrate: false });
    const pending = await new DatabaseHealthCheck(empty.prisma).check();
    expect(pending).toEqual({ database: 'up', migrations: 'pending' });
    await empty.close();
    const db = await connectDatabase('pglite://memory', {
      migrate: true,
      loadDataDir: migratedSnapshot('pglite://memory'),
    });
    const check = new DatabaseHealthCheck(db.prisma, 500);
    expect(await check.check()).toEqual({ database: 'up', migrations: 'applied' });
    await db.close();
    expect(await check.check()).toEqual({ database: 'down', migrations: 'applied' });
  });

  it('OPS-2, OPS-6: readiness is 503 while the database is down; metrics are still served', async () => {
    const db = await connectDatabase('pglite://memory', {
      migrate: true,
      loadDataDir: migratedSnapshot('pglite://memory'),
    });
    const lifecycle = new ServiceLifecycle();
    const token = 'metrics-token-for-the-database-down-test';
    const app = await createApp({
      env: { ...t.env, METRICS_TOKEN: token },
      logger: pino({ level: 'silent' }),
      prisma: db.prisma,
      lifecycle,
    });
    await app.init();
    lifecycle.markReady();
    try {
      await request(app.getHttpServer()).get('/health/ready').expect(200);
      await db.close();
      const down = await request(app.getHttpServer()).get('/health/ready').expect(503);
      expect(down.body).toMatchObject({
        status: 'not_ready',
        checks: { database: 'down', shutdown: 'running' },
      });
      await request(app.getHttpServer()).get('/health/live').expect(200);
      // OPS-6: the metrics are still served, without the queue series the database would give (no stale value)
      const scraped = await request(app.getHttpServer())
        .get('/metrics')
        .set('Authorization', `Bearer ${token}`)
        .expect(200);
      expect(scraped.text).toContain('bridge_http_request_duration_seconds');
      expect(scraped.text).not.toMatch(/^bridge_export_queue_requests\{/m);
    } finally {
      await app.close().catch(() => undefined);
    }
  });
});

describe('OPS-1: the lifecycle drains within its bound', () => {
  it('OPS-1: stop asks every drainable to stop; one still busy after the grace period is forced; the drain never takes longer than grace + force', async () => {
    const lifecycle = new ServiceLifecycle();
    const log: string[] = [];
    let releaseQuick!: () => void;
    const quick = new Promise<void>((r) => {
      releaseQuick = r;
    });
    lifecycle.register({
      name: 'quick',
      stop: () => {
        log.push('quick stop');
        setTimeout(releaseQuick, 10);
      },
      idle: () => quick,
      force: () => log.push('quick forced'),
    });
    let releaseStuck!: () => void;
    const stuck = new Promise<void>((r) => {
      releaseStuck = r;
    });
    lifecycle.register({
      name: 'stuck',
      stop: () => log.push('stuck stop'),
      idle: () => stuck,
      force: () => {
        log.push('stuck forced');
        releaseStuck();
      },
    });
    let streamEnded = false;
    lifecycle.onStop(() => {
      streamEnded = true;
    });
    lifecycle.markReady();
    const started = Date.now();
    const result = await lifecycle.drain(200, 200);
    expect(Date.now() - started).toBeLessThan(400 + 150);
    expect(result).toEqual({ drained: false, forced: ['stuck'] });
    expect(log).toEqual(['quick stop', 'stuck stop', 'stuck forced']);
    expect(streamEnded).toBe(true);
    expect(lifecycle.phase).toBe('stopping');
  });
});
