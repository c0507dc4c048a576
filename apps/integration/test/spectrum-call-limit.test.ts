import { startSimulator } from '@bridge/spectrum-simulator';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectDatabase } from '../src/platform/db/prisma.service.js';
import { SPECTRUM_CLIENT_FACTORY } from '../src/platform/tokens.js';
import { LocalCallPermits } from '../src/spectrum/local-call-permits.js';
import { serverKey } from '../src/spectrum/spectrum-call-limiter.js';
import { CALL_PERMITS, type CallPermits } from '../src/spectrum/spectrum-call-permits.repository.js';
import type { SpectrumClientFactory } from '../src/spectrum/spectrum-client.factory.js';
import { ADMIN, APPROVER, bearer, FakeClock } from './support/app.js';
import { type ExportEnv, startExportEnv } from './support/exports.js';
import { createScratchDatabase, skipReason, TEST_DATABASE_URL } from './support/postgres.js';

interface Traffic {
  total: number;
  inFlight: number;
  maxConcurrent: number;
  maxPerSecond: number;
}
type SimRow = Record<string, unknown>;
const rows = (r: unknown): SimRow[] => (Array.isArray(r) ? r : ((r as { rows?: SimRow[] })?.rows ?? []));
const LINES = [
  { costCode: '01-0000', costType: 'S', description: 'General conditions', amountCents: 1_250_000 },
  { costCode: '03-3000', costType: 'S', description: 'Concrete', amountCents: 4_800_050 },
];

async function setLimits(e: ExportEnv, maxConcurrentCalls: number, callsPerSecond: number) {
  const res = await request(e.t.http)
    .patch('/api/v1/settings/connection')
    .set(bearer(ADMIN))
    .send({ maxConcurrentCalls, callsPerSecond })
    .expect(200);
  expect(res.body).toMatchObject({ maxConcurrentCalls, callsPerSecond, connectionStatus: 'connected' });
}

describe('the Spectrum call limit on the embedded database', () => {
  let e: ExportEnv;
  beforeAll(async () => {
    e = await startExportEnv();
  }, 120_000);
  afterAll(async () => {
    await e?.close();
  });

  it('OPS-11: the limits are connection settings with defaults for a small server, validated, audited, and changing them keeps the connection status', async () => {
    const shown = await request(e.t.http).get('/api/v1/settings/connection').set(bearer(ADMIN)).expect(200);
    expect(shown.body).toMatchObject({
      maxConcurrentCalls: 4,
      callsPerSecond: 10,
      connectionStatus: 'connected',
    });
    const before = await e.t.prisma.integrationSettings.findUniqueOrThrow({ where: { id: 1 } });
    const bad: [Record<string, unknown>, string][] = [
      [{ maxConcurrentCalls: 0 }, 'maxConcurrentCalls'],
      [{ maxConcurrentCalls: 33 }, 'maxConcurrentCalls'],
      [{ maxConcurrentCalls: 2.5 }, 'maxConcurrentCalls'],
      [{ maxConcurrentCalls: '4' }, 'maxConcurrentCalls'],
      [{ callsPerSecond: 0 }, 'callsPerSecond'],
      [{ callsPerSecond: 501 }, 'callsPerSecond'],
      [{ callsPerSecond: null }, 'callsPerSecond'],
    ];
    for (const [body, field] of bad) {
      const res = await request(e.t.http).patch('/api/v1/settings/connection').set(bearer(ADMIN)).send(body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.errors.map((x: { field: string }) => x.field)).toContain(field);
    }
    expect(await e.t.prisma.integrationSettings.findUniqueOrThrow({ where: { id: 1 } })).toEqual(before);
    await setLimits(e, 3, 25);
    const audit = await request(e.t.http)
      .get('/api/v1/audit-events?action=settings.connection.update')
      .set(bearer(ADMIN))
      .expect(200);
    expect(audit.body.items[0]).toMatchObject({
      before: { maxConcurrentCalls: 4, callsPerSecond: 10 },
      after: { maxConcurrentCalls: 3, callsPerSecond: 25 },
    });
  });

  it("OPS-10, OPS-12: calls of the service never exceed the connection's limits at the Spectrum server", async () => {
    await setLimits(e, 2, 5);
    await e.sim$('POST', '/faults', { service: '*', kind: 'latency', ms: 80 });
    try {
      await e.sim$('DELETE', '/traffic');
      const clients = e.t.app.get<SpectrumClientFactory>(SPECTRUM_CLIENT_FACTORY);
      const client = await clients.create({ retry: { attempts: 1 } });
      const results = await Promise.all(Array.from({ length: 12 }, () => client.testConnection()));
      expect(results.every((r) => r.connected)).toBe(true);
      const traffic = (await e.sim$('GET', '/traffic')) as Traffic;
      expect(traffic.total).toBe(12);
      expect(traffic.maxConcurrent).toBe(2);
      expect(traffic.maxPerSecond).toBeLessThanOrEqual(5);
      // every permit was given back; the embedded database's one instance keeps them in the process
      const permits = e.t.app.get<CallPermits>(CALL_PERMITS);
      expect(permits).toBeInstanceOf(LocalCallPermits);
      await expect.poll(() => (permits as LocalCallPermits).heldBy()).toEqual([]);
      expect(await e.t.prisma.spectrumCallPermit.count()).toBe(0);
    } finally {
      await e.sim$('DELETE', '/faults');
      await setLimits(e, 4, 10);
    }
  });
});

/**
 * Every call slot is held by someone else: on PostgreSQL by another instance's rows in the shared table, on the
 * embedded database (one instance, its permits in the process) by another holder of the same permits.
 */
const databases: [string, boolean][] = [
  ['the embedded database', true],
  ['PostgreSQL', !!TEST_DATABASE_URL],
];
for (const [name, available] of databases)
  describe.skipIf(!available)(
    `a call that waits too long for a slot (${name}${available ? '' : `: ${skipReason()}`})`,
    () => {
      let e: ExportEnv;
      const clock = new FakeClock();
      let drop = async () => {};
      beforeAll(async () => {
        let databaseUrl: string | undefined;
        if (name === 'PostgreSQL') {
          const scratch = await createScratchDatabase();
          const migrated = await connectDatabase(scratch.url, { migrate: true });
          await migrated.close();
          databaseUrl = scratch.url;
          drop = scratch.drop;
        }
        e = await startExportEnv({ clock, databaseUrl, env: { SPECTRUM_CALL_WAIT_MS: '300' } });
      }, 120_000);
      afterAll(async () => {
        await e?.close();
        await drop();
      });

      const other = 'other-instance#1';
      const limits = { maxConcurrent: 4, perSecond: 10 };
      /** The embedded database's permits, taken or given back by a holder other than the instance. */
      const exchange = async (want: number, back: number) => {
        const permits = e.t.app.get<CallPermits>(CALL_PERMITS);
        // the instance gives back what it leased once its calls have ended
        if (want > 0)
          await expect.poll(() => (permits as LocalCallPermits).heldBy(), { timeout: 5_000 }).toEqual([]);
        await permits.ensure(serverKey(e.sim.url), limits);
        const givenBack = Array.from({ length: back }, (_, i) => ({
          kind: 'call' as const,
          slot: i + 1,
          delayMs: 0,
        }));
        const request = {
          limits,
          leaseMs: 60_000,
          givenBack,
          wantCalls: want,
          wantRates: 0,
          idleCallsKept: 0,
        };
        const res = await permits.lease(serverKey(e.sim.url), other, { ...request, waiting: 0, demandMs: 0 });
        expect(res.held).toHaveLength(want);
      };
      /** Every call slot held by another holder until `free()`. */
      const occupy = async () => {
        if (name === 'PostgreSQL')
          await e.t.prisma.spectrumCallPermit.updateMany({
            where: { kind: 'call' },
            data: { holder: other, heldUntil: new Date(Date.now() + 60_000) },
          });
        else await exchange(4, 0);
      };
      const free = async () => {
        if (name === 'PostgreSQL')
          await e.t.prisma.spectrumCallPermit.updateMany({
            where: { holder: other },
            data: { holder: null, heldUntil: null },
          });
        else await exchange(0, 4);
      };

      it('OPS-13: the connection test is not run and says so in plain words; the stored status stays', async () => {
        await occupy();
        const res = await request(e.t.http).post('/api/v1/settings/connection/test').set(bearer(ADMIN));
        expect(res.status).toBe(503);
        expect(res.body.detail).toMatch(
          /^The connection was not tested: GetJob: not sent, no Spectrum call slot was free \(waited 0\.3 s for a free Spectrum call slot; the connection allows 4 calls at once and 10 a second across all instances\)/,
        );
        expect(res.body.errors[0]).toMatchObject({ rule: 'OPS-13', code: 'spectrum-call-limit' });
        const settings = await e.t.prisma.integrationSettings.findUniqueOrThrow({ where: { id: 1 } });
        expect(settings.connectionStatus).toBe('connected');
        await free();
      });

      it('OPS-13: a sync run whose reads get no slot fails with the reason in plain words', async () => {
        await occupy();
        try {
          const run = await request(e.t.http)
            .post('/api/v1/sync/runs')
            .set(bearer(ADMIN))
            .send({ group: 'vendors' })
            .expect(202);
          let body: { status: string; error: string | null } = { status: 'running', error: null };
          await expect
            .poll(
              async () => {
                body = (await request(e.t.http).get(`/api/v1/sync/runs/${run.body.id}`).set(bearer(ADMIN)))
                  .body;
                return body.status;
              },
              { timeout: 30_000, interval: 100 },
            )
            .toBe('failed');
          expect(body.error).toMatch(
            /not sent, no Spectrum call slot was free \(waited 0\.3 s for a free Spectrum call slot/,
          );
        } finally {
          await free();
        }
      });

      it('OPS-13: an export whose call got no slot is not sent, waits with the reason without using an attempt, and is exported once later', async () => {
        const projectId = await e.linkedProject('24-101');
        const companyId = await e.linkedCompany('METROEL');
        const id = await e.commitment(projectId, companyId, { number: 'LIM-1', lines: LINES });
        const requestId = await e.send('commitment', id);
        const sent = await e.t.prisma.exportRequest.findUniqueOrThrow({ where: { id: requestId } });
        await occupy();
        await e.sim$('DELETE', '/requests');
        // the accept's own check reads Spectrum through the same limit: refused in plain words, nothing changes
        const refused = await request(e.t.http)
          .post(`/api/v1/export-requests/${requestId}/accept`)
          .set(bearer(APPROVER))
          .send({});
        expect(refused.status).toBe(422);
        // the accept reads the item's Spectrum records side by side: whichever read asks first names itself
        expect(refused.body.errors[0].message).toMatch(
          /^Spectrum could not be read: [\w/]+: not sent, no Spectrum call slot was free \(waited 0\.3 s for a free Spectrum call slot; the connection allows 4 calls at once and 10 a second across all instances\)$/,
        );
        expect(await e.t.prisma.exportRequest.findUniqueOrThrow({ where: { id: requestId } })).toEqual(sent);
        await free();
        const accepted = await request(e.t.http)
          .post(`/api/v1/export-requests/${requestId}/accept`)
          .set(bearer(APPROVER))
          .send({});
        expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
        await occupy();
        await e.sim$('DELETE', '/requests');
        await e.worker.drain(1);
        const waiting = await e.t.prisma.exportRequest.findUniqueOrThrow({ where: { id: requestId } });
        expect(waiting).toMatchObject({ state: 'exporting', attempts: 0, lockedBy: null });
        expect(waiting.lastError).toMatch(
          /^Waiting for Spectrum capacity at .*: \w+: not sent, no Spectrum call slot was free \(waited 0\.3 s .*\); nothing was sent, retrying\.$/,
        );
        expect(rows(await e.sim$('GET', '/requests'))).toEqual([]);
        await free();
        await e.drain();
        const done = await e.t.prisma.exportRequest.findUniqueOrThrow({ where: { id: requestId } });
        expect(done.state).toBe('synced');
        const puts = rows(await e.sim$('GET', '/requests')).filter((x) => x.service === 'UpdateSubcontract');
        expect(puts).toHaveLength(1);
      });
    },
  );

describe.skipIf(!TEST_DATABASE_URL)('the call limit shared through PostgreSQL', () => {
  let e: ExportEnv;
  let drop = async () => {};
  beforeAll(async () => {
    if (!TEST_DATABASE_URL) return;
    const scratch = await createScratchDatabase();
    const migrated = await connectDatabase(scratch.url, { migrate: true });
    await migrated.close();
    drop = scratch.drop;
    e = await startExportEnv({ databaseUrl: scratch.url });
  }, 120_000);
  afterAll(async () => {
    await e?.close();
    await drop();
  });

  it(`OPS-10: the permits of a crashed instance free themselves when their lease has passed${TEST_DATABASE_URL ? '' : ` (${skipReason()})`}`, async () => {
    await setLimits(e, 2, 10);
    await e.t.prisma.spectrumCallPermit.updateMany({
      where: { kind: 'call', slot: { lte: 2 } },
      data: { holder: 'crashed-instance#7', heldUntil: new Date(Date.now() - 1000) },
    });
    const res = await request(e.t.http)
      .post('/api/v1/settings/connection/test')
      .set(bearer(ADMIN))
      .expect(200);
    expect(res.body.connectionStatus).toBe('connected');
    expect(await e.t.prisma.spectrumCallPermit.count({ where: { holder: 'crashed-instance#7' } })).toBe(1);
    await e.t.prisma.spectrumCallPermit.updateMany({
      where: { holder: { not: null } },
      data: { holder: null, heldUntil: null },
    });
  });

  it('OPS-10, VER-6: a sync preview reads Spectrum inside a transaction it rolls back, but its calls take their permits outside it: the other instances see them while it reads, and they go back afterwards', async () => {
    const held = () => e.t.prisma.spectrumCallPermit.count({ where: { holder: { not: null } } });
    await expect.poll(held, { timeout: 5_000 }).toBe(0);
    await e.sim$('POST', '/faults', { service: '*', kind: 'latency', ms: 300 });
    try {
      const preview = request(e.t.http)
        .post('/api/v1/sync/preview')
        .set(bearer(ADMIN))
        .send({ group: 'vendors' })
        .then((r) => r);
      // read through another connection while the preview's first call is under way
      await expect.poll(held, { timeout: 10_000, interval: 20 }).toBeGreaterThan(0);
      expect((await preview).status).toBe(200);
      await expect.poll(held, { timeout: 5_000 }).toBe(0);
    } finally {
      await e.sim$('DELETE', '/faults');
    }
  });
});

describe.skipIf(!TEST_DATABASE_URL)('three instances on one PostgreSQL share the limit', () => {
  it(`OPS-10, OPS-12: three instances exporting and syncing against a slow Spectrum stay within the limits, each commitment written once${TEST_DATABASE_URL ? '' : ` (${skipReason()})`}`, async () => {
    const db = await createScratchDatabase();
    const migrated = await connectDatabase(db.url, { migrate: true });
    await migrated.close();
    const sim = await startSimulator({ scenario: 'demo', port: 0, control: true });
    const clock = new FakeClock();
    const instances: ExportEnv[] = [];
    try {
      for (let i = 0; i < 3; i++)
        instances.push(await startExportEnv({ databaseUrl: db.url, sim, clock, seed: i === 0 }));
      const [a] = instances as [ExportEnv, ...ExportEnv[]];
      await setLimits(a, 3, 12);
      const projectId = await a.linkedProject('24-101');
      const companyId = await a.linkedCompany('METROEL');
      const N = 30;
      const ids: string[] = [];
      for (let i = 0; i < N; i++) {
        const id = await a.commitment(projectId, companyId, { number: `LIM-${i}`, lines: LINES });
        ids.push(await a.send('commitment', id));
      }
      for (const [i, r] of ids.entries())
        await (instances[i % 3] as ExportEnv).accept(r).then((res) => expect(res.status).toBe(200));
      await a.sim$('POST', '/faults', { service: '*', kind: 'latency', ms: 120 });
      await a.sim$('DELETE', '/traffic');
      await a.sim$('DELETE', '/requests');
      // the three workers and a vendor sync run on the second instance, all at once
      const sync = await request((instances[1] as ExportEnv).t.http)
        .post('/api/v1/sync/runs')
        .set(bearer(ADMIN))
        .send({ group: 'vendors' })
        .expect(202);
      for (let round = 0; round < 10; round++) {
        await Promise.all(instances.map((x) => x.worker.drain()));
        if (!(await a.t.prisma.exportRequest.count({ where: { state: 'exporting' } }))) break;
      }
      await expect
        .poll(
          async () =>
            (await request(a.t.http).get(`/api/v1/sync/runs/${sync.body.id}`).set(bearer(ADMIN))).body.status,
          { timeout: 60_000, interval: 200 },
        )
        .toBe('succeeded');
      const traffic = (await a.sim$('GET', '/traffic')) as Traffic;
      expect(traffic.maxConcurrent).toBeLessThanOrEqual(3);
      expect(traffic.maxPerSecond).toBeLessThanOrEqual(12);
      expect(traffic.maxConcurrent).toBe(3); // the limit was reached, so the bound above means something
      const states = await a.t.prisma.exportRequest.groupBy({ by: ['state'], _count: { _all: true } });
      expect(states).toEqual([{ state: 'synced', _count: { _all: N } }]);
      const log = rows(await a.sim$('GET', '/requests'));
      expect(log.filter((x) => x.service === 'UpdateSubcontract')).toHaveLength(N);
      expect(log.some((x) => String(x.path).split('?')[0] === '/infolink/VN_VENDOR_MASTER_MC')).toBe(true); // the sync's reads
      for (const x of log) expect(Number(x.concurrent)).toBeLessThanOrEqual(3);
      const subs = rows(await a.sim$('GET', '/state/subcontracts?Vendor_Code=METROEL&limit=1000'));
      expect(subs).toHaveLength(N);
    } finally {
      for (const x of instances) await x.t.close();
      await sim.close();
      await db.drop();
    }
  }, 300_000);
});
