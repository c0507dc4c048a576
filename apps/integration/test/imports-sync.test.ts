import { DEMO_AUTH_ID, type RunningSimulator, startSimulator } from '@bridge/spectrum-simulator';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SyncService } from '../src/sync/sync.service.js';
import { ADMIN, bearer, FakeClock, PM, startTestApp, type TestApp, VIEWER } from './support/app.js';

/** The imports plugged into the sync-run engine (SYNC_JOBS): started by `startSync`, recorded as runs. */
describe('imports as sync jobs (SCH-1, SCH-2, SCH-5)', () => {
  let t: TestApp;
  let sim: RunningSimulator;
  const http = () => request(t.http);
  const run = async (group: string) => {
    const res = await http().post('/api/v1/sync/runs').set(bearer(PM)).send({ group }).expect(202);
    await t.app.get(SyncService).idle();
    return (await http().get(`/api/v1/sync/runs/${res.body.id}`).set(bearer(VIEWER)).expect(200)).body;
  };

  beforeAll(async () => {
    [t, sim] = await Promise.all([
      startTestApp({ clock: new FakeClock() }),
      startSimulator({ scenario: 'demo', port: 0, control: true }),
    ]);
    await http()
      .patch('/api/v1/settings/connection')
      .set(bearer(ADMIN))
      .send({ serviceUrl: sim.url, companyCode: 'ABC', authMode: 'basic', servicePassword: DEMO_AUTH_ID })
      .expect(200);
  });
  afterAll(async () => {
    await t?.close();
    await sim?.close();
  });

  it('SCH-2, SCH-5: each group stages its data through a recorded run; a re-run reads everything and changes nothing', async () => {
    for (const group of ['jobs', 'cost_codes', 'vendors']) {
      const first = await run(group);
      expect(first).toMatchObject({ group, status: 'succeeded', error: null });
      expect(first.counts.read).toBeGreaterThan(0);
      expect(first.counts.created).toBeGreaterThan(0);
    }
    // every job, the Complete one (23-087) too (JOB-5)
    expect(await t.prisma.syncLink.count({ where: { type: 'job', state: 'ready_to_import' } })).toBe(10);
    expect(await t.prisma.costCodeList.count({ where: { spectrumTag: 'spectrum' } })).toBe(1);
    const again = await run('cost_codes');
    expect(again.counts).toMatchObject({ created: 0, updated: 0, vanished: 0, failed: 0 });
    expect(again.counts.unchanged).toBe(again.counts.read);
  });

  it('SCH-5: a Spectrum fault fails the run with the error in plain words; the next run completes', async () => {
    const fault = await fetch(`${sim.url}/__sim/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ service: 'infolink', kind: 'http-500' }),
    });
    expect(fault.status).toBeLessThan(300);
    const failed = await run('jobs');
    expect(failed.status).toBe('failed');
    expect(failed.error).toEqual(expect.any(String));
    await fetch(`${sim.url}/__sim/faults`, { method: 'DELETE' });
    const ok = await run('jobs');
    expect(ok).toMatchObject({ status: 'succeeded' });
  });
});
