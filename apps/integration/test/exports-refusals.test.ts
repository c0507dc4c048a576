import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, APPROVER, bearer } from './support/app.js';
import { type ExportEnv, SUB_LINES, startExportEnv } from './support/exports.js';

type SimRow = Record<string, unknown>;
const rows = (r: unknown): SimRow[] => (Array.isArray(r) ? r : ((r as { rows?: SimRow[] })?.rows ?? []));
const PUTS = new Set(['AddJob', 'AddVendor', 'UpdateSubcontract', 'UpdateSubcontractPhases']);

let e: ExportEnv;
beforeAll(async () => {
  e = await startExportEnv();
});
afterAll(async () => {
  await e?.close();
});

const getRequest = async (id: string) =>
  (await e.http().get(`/api/v1/export-requests/${id}`).set(bearer(APPROVER)).expect(200)).body;
const connection = async () =>
  (await e.http().get('/api/v1/settings/connection').set(bearer(ADMIN)).expect(200)).body;
const puts = async () =>
  rows(await e.sim$('GET', '/requests?limit=1000')).filter((x) => PUTS.has(String(x.service)));

describe('APP-3 Spectrum refuses the credentials (A row): the queue pauses until the connection is tested', () => {
  it('APP-3 GEN-3: an A row sends the request back to wait, pauses the queue, Not Connected with the reason; a successful testConnection resumes it', async () => {
    const projectId = await e.linkedProject('24-101');
    const companyId = await e.linkedCompany('BAYPLB');
    const id = await e.commitment(projectId, companyId, { number: 'AUTH-1' });
    const requestId = await e.send('commitment', id);
    expect((await e.accept(requestId)).status).toBe(200);
    await e.sim$('DELETE', '/requests');
    // the second line's call answers an A row (the header and the first line went through)
    await e.sim$('POST', '/faults', {
      service: 'UpdateSubcontractPhases',
      kind: 'auth-failure',
      skip: 1,
      times: 1,
    });
    expect(await e.worker.drain()).toBe(1);

    const waiting = await getRequest(requestId);
    expect(waiting).toMatchObject({ state: 'exporting', lastErrorKind: 'auth', attempts: 0 });
    expect(waiting.lastError).toMatch(/^Waiting: Spectrum refused the connection \(.*not authorized.*\)/i);
    expect(waiting.steps.map((s: { status: string }) => s.status)).toEqual([
      'done',
      'done',
      'pending',
      'pending',
    ]);
    const row = await e.t.prisma.exportRequest.findUniqueOrThrow({ where: { id: requestId } });
    expect(row.lockedBy).toBeNull(); // not failed, not held: waiting for the connection
    const c = await connection();
    expect(c.connectionStatus).toBe('not_connected');
    expect(c.connectionError).toMatch(/not authorized/i);
    // the queue is paused: nothing is claimed while Not Connected, whatever the time
    e.clock.advance(24 * 3600_000);
    expect(await e.worker.runOne()).toBe(false);
    expect((await getRequest(requestId)).state).toBe('exporting');

    const tested = await e.http().post('/api/v1/settings/connection/test').set(bearer(ADMIN)).expect(200);
    expect(tested.body.connectionStatus).toBe('connected');
    expect(await e.worker.drain()).toBe(1);
    const done = await getRequest(requestId);
    expect(done).toMatchObject({ state: 'synced', lastError: null });
    const log = await puts();
    // the steps done before the A row were not repeated; the refused one was sent again
    expect(log.filter((x) => x.service === 'UpdateSubcontract')).toHaveLength(1);
    expect(log.filter((x) => x.service === 'UpdateSubcontractPhases')).toHaveLength(SUB_LINES.length + 1);
    const lines = rows(
      await e.sim$('GET', '/state/subcontract-lines?Vendor_Code=BAYPLB&Subcontract_Number=AUTH-1&limit=100'),
    );
    expect(lines).toHaveLength(SUB_LINES.length);
  });
});

describe('JOB-3 COM-2: missing template job or GL account → a clear refusal before any Spectrum write', () => {
  it('JOB-3: the template job removed after the send → accept is 422 template-job-missing, nothing written', async () => {
    const list = await e.t.prisma.costCodeList.findFirstOrThrow();
    const p = await e
      .http()
      .post('/api/v1/projects')
      .set(bearer(APPROVER))
      .send({ name: 'No Template', number: '26-901', costCodeListId: list.id })
      .expect(201);
    const requestId = await e.send('project', p.body.id);
    const settings = await e.t.prisma.integrationSettings.findUniqueOrThrow({ where: { id: 1 } });
    await e.t.prisma.integrationSettings.update({ where: { id: 1 }, data: { templateJob: null as never } });
    try {
      await e.sim$('DELETE', '/requests');
      const refused = await e.accept(requestId);
      expect(refused.status).toBe(422);
      expect(refused.body.errors.map((x: { code: string }) => x.code)).toEqual(['template-job-missing']);
      expect(refused.body.errors[0].message).toBe('No template job is configured.');
      expect((await getRequest(requestId)).state).toBe('ready_to_export');
      expect(await e.t.prisma.exportStep.count({ where: { requestId } })).toBe(0);
      await e.worker.drain();
      expect(await puts()).toEqual([]);
      expect(rows(await e.sim$('GET', '/state/jobs?Job_Number=26-901'))).toHaveLength(0);
    } finally {
      await e.t.prisma.integrationSettings.update({
        where: { id: 1 },
        data: { templateJob: settings.templateJob as never },
      });
    }
  });

  it('COM-2: no GL account in the template job nor on the cost type in Spectrum → 422 gl-account-missing, nothing written', async () => {
    // 24-103 has its phases with cost type E (the lines must be on the job: PRE-1)
    const projectId = await e.linkedProject('24-103');
    const companyId = await e.linkedCompany('CITYCON');
    const id = await e.commitment(projectId, companyId, {
      number: 'GL-1',
      lines: SUB_LINES.filter((l) => l.costCode !== '03-1000').map((l) => ({ ...l, costType: 'E' })),
    });
    const requestId = await e.send('commitment', id);
    const [ct] = rows(await e.sim$('GET', '/state/cost-types?Cost_Type=E'));
    await e.sim$('PATCH', '/state/cost-types', {
      key: { Company_Code: 'ABC', Cost_Type: 'E' },
      set: { GL_Account: '' },
    });
    try {
      await e.sim$('DELETE', '/requests');
      const refused = await e.accept(requestId);
      expect(refused.status).toBe(422);
      expect(refused.body.errors.map((x: { code: string }) => x.code)).toEqual(['gl-account-missing']);
      expect(refused.body.errors[0].message).toMatch(
        /Neither the template job nor cost type E in Spectrum names a GL account/,
      );
      expect((await getRequest(requestId)).state).toBe('ready_to_export');
      await e.worker.drain();
      expect(await puts()).toEqual([]);
      expect(
        rows(await e.sim$('GET', '/state/subcontracts?Vendor_Code=CITYCON&Subcontract_Number=GL-1')),
      ).toEqual([]);
    } finally {
      await e.sim$('PATCH', '/state/cost-types', {
        key: { Company_Code: 'ABC', Cost_Type: 'E' },
        set: { GL_Account: ct?.GL_Account },
      });
    }
  });

  it("APP-4 JOB-3: a failed commitment's unwritten header is planned again on Retry with the template job's GL account as the settings say now", async () => {
    const settings = await e.t.prisma.integrationSettings.findUniqueOrThrow({ where: { id: 1 } });
    const template = settings.templateJob as Record<string, unknown>;
    const setGl = (glAccount: string) =>
      e.t.prisma.integrationSettings.update({
        where: { id: 1 },
        data: { templateJob: { ...template, glAccount } },
      });
    const vendorKey = { Company_Code: 'ABC', Vendor_Code: 'FIRSTPT' };
    const [vendor] = rows(await e.sim$('GET', '/state/vendors?Vendor_Code=FIRSTPT'));
    try {
      await setGl('5000');
      const projectId = await e.linkedProject('24-102');
      const companyId = await e.linkedCompany('FIRSTPT', 'First Point (replan)');
      const id = await e.commitment(projectId, companyId, {
        number: 'GL-2',
        lines: SUB_LINES.map((l) => ({ ...l, costType: 'L' })),
      });
      const requestId = await e.send('commitment', id);
      expect((await e.accept(requestId)).status).toBe(200);
      // the vendor leaves Spectrum between the accept and the write: the header fails, nothing is written
      await e.sim$('DELETE', '/state/vendors', { key: vendorKey });
      await e.drain();
      const failed = await getRequest(requestId);
      expect(failed.state).toBe('failed');
      expect(failed.steps.every((s: { status: string }) => s.status === 'pending')).toBe(true);
      // the vendor is back and the admin changed the GL account meanwhile: Retry writes the GL account of now
      await e.sim$('POST', '/state/vendors', vendor);
      await setGl('5100');
      await e.http().post(`/api/v1/export-requests/${requestId}/retry`).set(bearer(APPROVER)).expect(200);
      await e.drain();
      expect((await getRequest(requestId)).state).toBe('synced');
      const [sub] = rows(
        await e.sim$('GET', '/state/subcontracts?Vendor_Code=FIRSTPT&Subcontract_Number=GL-2'),
      );
      expect(sub).toMatchObject({ GL_Account: '5100' });
    } finally {
      if (rows(await e.sim$('GET', '/state/vendors?Vendor_Code=FIRSTPT')).length === 0)
        await e.sim$('POST', '/state/vendors', vendor);
      await e.t.prisma.integrationSettings.update({
        where: { id: 1 },
        data: { templateJob: template as never },
      });
    }
  });
});
