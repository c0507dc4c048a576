import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, FakeClock, PM, startTestApp, type TestApp, VIEWER } from './support/app.js';

describe('REP-1: the accountant report', () => {
  let t: TestApp;
  const clock = new FakeClock(new Date('2026-03-05T10:00:00Z'));

  beforeAll(async () => {
    t = await startTestApp({ clock });
    const pm = await t.prisma.user.findUniqueOrThrow({ where: { email: 'demo-pm@example.com' } });
    await t.prisma.syncLink.createMany({
      data: [
        { type: 'job', spectrumKey: '24-101', state: 'ready_to_import' },
        { type: 'job', spectrumKey: '24-102', state: 'ready_to_import' },
        { type: 'job', spectrumKey: '24-103', pmId: 'p1', state: 'synced' },
        {
          type: 'vendor',
          spectrumKey: 'ACMEDRY',
          pmId: 'c1',
          state: 'synced',
          lastError: 'Vendor ACMEDRY is no longer in Spectrum.',
        },
        { type: 'commitment', pmId: 'k9', state: 'rejected' },
        // a project and a company exported from here: their links are a job's and a vendor's
        { type: 'job', spectrumKey: '26-001', pmId: 'p-exported', state: 'synced' },
        { type: 'vendor', spectrumKey: 'NEWCO', pmId: 'c-exported', state: 'synced' },
        { type: 'job', pmId: 'p-rejected', state: 'rejected' },
      ],
    });
    await t.prisma.exportRequest.createMany({
      data: [
        { type: 'commitment', itemId: 'k1', state: 'ready_to_export', payload: {}, sentById: pm.id },
        { type: 'project', itemId: 'p-exported', state: 'synced', payload: {}, sentById: pm.id },
        { type: 'company', itemId: 'c-exported', state: 'synced', payload: {}, sentById: pm.id },
        { type: 'project', itemId: 'p-rejected', state: 'rejected', payload: {}, sentById: pm.id },
        {
          type: 'commitment',
          itemId: 'k2',
          state: 'failed',
          payload: {},
          sentById: pm.id,
          lastError: 'Spectrum refused GL_Account: GL Account does not match GL Mask',
          spectrumKey: 'ACMEDRY/SC-2',
        },
      ],
    });
    await t.prisma.syncRun.create({
      data: {
        group: 'vendors',
        trigger: 'schedule',
        status: 'failed',
        startedAt: new Date('2026-03-05T02:00:00Z'),
        endedAt: new Date('2026-03-05T02:01:00Z'),
        error: 'Spectrum could not be reached (connection refused).',
      },
    });
    await t.prisma.syncRun.create({
      data: {
        group: 'jobs',
        trigger: 'schedule',
        status: 'succeeded',
        startedAt: new Date('2026-03-05T02:00:00Z'),
        endedAt: new Date('2026-03-05T02:00:30Z'),
        failures: { create: [{ itemType: 'job', itemKey: '24-199', reason: 'Job description is blank.' }] },
      },
    });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('REP-1: per type waiting to import / export, synced, rejected, failed; last sync per group; attention', async () => {
    const res = await request(t.http).get('/api/v1/reports/accountant').set(bearer(VIEWER)).expect(200);
    const byType = Object.fromEntries(res.body.types.map((r: { type: string }) => [r.type, r]));
    expect(byType.job).toEqual({
      type: 'job',
      waitingToImport: 2,
      waitingToExport: 0,
      synced: 1,
      rejected: 0,
      failed: 0,
    });
    expect(byType.vendor.synced).toBe(1);
    // REP-1 per type: exported projects and companies count as such, not as the job and vendor they became
    expect(byType.project).toMatchObject({ synced: 1, rejected: 1 });
    expect(byType.company).toMatchObject({ synced: 1 });
    expect(byType.commitment).toEqual({
      type: 'commitment',
      waitingToImport: 0,
      waitingToExport: 1,
      synced: 0,
      rejected: 1,
      failed: 1,
    });
    expect(res.body.lastSync).toEqual([
      { group: 'cost_codes', lastRunAt: null, lastStatus: null, lastSucceededAt: null },
      {
        group: 'vendors',
        lastRunAt: '2026-03-05T02:00:00.000Z',
        lastStatus: 'failed',
        lastSucceededAt: null,
      },
      {
        group: 'jobs',
        lastRunAt: '2026-03-05T02:00:00.000Z',
        lastStatus: 'succeeded',
        lastSucceededAt: '2026-03-05T02:00:30.000Z',
      },
    ]);
    const kinds = res.body.attention.map((a: { kind: string; message: string }) => `${a.kind}: ${a.message}`);
    expect(kinds).toEqual(
      expect.arrayContaining([
        'export_failed: Spectrum refused GL_Account: GL Account does not match GL Mask',
        'sync_run_failed: Spectrum could not be reached (connection refused).',
        'sync_item_failed: Job description is blank.',
        'link_error: Vendor ACMEDRY is no longer in Spectrum.',
      ]),
    );
    expect(res.body.generatedAt).toBe('2026-03-05T10:00:00.000Z');
  });

  it('REP-1: the same report as CSV, with a header row per table and quoted text', async () => {
    const res = await request(t.http)
      .get('/api/v1/reports/accountant?format=csv')
      .set(bearer(PM))
      .expect(200);
    expect(res.headers['content-type']).toContain('text/csv');
    expect(res.headers['content-disposition']).toContain('spectrum-bridge-report-2026-03-05.csv');
    const lines = res.text.split('\n');
    expect(lines[0]).toBe('type,waiting_to_import,waiting_to_export,synced,rejected,failed');
    expect(lines).toContain('job,2,0,1,0,0');
    expect(lines).toContain('commitment,0,1,0,1,1');
    expect(lines).toContain('sync_group,last_run_at,last_status,last_succeeded_at');
    expect(res.text).toContain(
      'export_failed,commitment,k2,ACMEDRY/SC-2,Spectrum refused GL_Account: GL Account does not match GL Mask',
    );
  });

  it('REP-1: bad format is a 400 naming the field', async () => {
    const res = await request(t.http)
      .get('/api/v1/reports/accountant?format=xlsx')
      .set(bearer(VIEWER))
      .expect(400);
    expect(res.body.errors[0].field).toBe('format');
  });
});
