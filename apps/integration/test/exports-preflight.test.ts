import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SyncService } from '../src/sync/sync.service.js';
import { ADMIN, APPROVER, bearer, PM } from './support/app.js';
import { type ExportEnv, SUB_LINES, startExportEnv } from './support/exports.js';

type SimRow = Record<string, unknown>;
type Reason = { code: string; rule: string; message: string; field?: string };
const rows = (r: unknown): SimRow[] => (Array.isArray(r) ? r : ((r as { rows?: SimRow[] })?.rows ?? []));
const WRITES = new Set([
  'AddJob',
  'AddVendor',
  'AddPhase',
  'UpdateSubcontract',
  'UpdateSubcontractPhases',
  'ARChangeRequest',
  'JobCostProjections',
]);

let e: ExportEnv;
beforeAll(async () => {
  e = await startExportEnv();
});
afterAll(async () => {
  await e?.close();
});

const writes = async () =>
  rows(await e.sim$('GET', '/requests?limit=1000')).filter((x) => WRITES.has(String(x.service)));
const codes = (reasons: Reason[]) => reasons.map((r) => r.code);
/** The reasons an item's `blockedBy` gives for `sendToErp` (API-4). */
const blockers = (view: { blockedBy: { action: string; reasons: Reason[] }[] }, action: string) =>
  view.blockedBy.find((b) => b.action === action)?.reasons ?? [];
const sendBlockers = (view: { blockedBy: { action: string; reasons: Reason[] }[] }) =>
  blockers(view, 'sendToErp');
const sendRaw = (type: string, id: string) =>
  e.http().post('/api/v1/exports/send').set(bearer(PM)).send({ type, id });
const request = async (id: string) =>
  (await e.http().get(`/api/v1/export-requests/${id}`).set(bearer(APPROVER)).expect(200)).body;
const commitmentView = async (id: string) =>
  (await e.http().get(`/api/v1/commitments/${id}`).set(bearer(PM)).expect(200)).body;

/** A PM project (not linked to a job) on the Spectrum Standard Cost Codes list unless `list` is false. */
async function newProject(body: Record<string, unknown>, list = true): Promise<string> {
  const costCodeListId = list ? (await e.t.prisma.costCodeList.findFirstOrThrow()).id : undefined;
  const res = await e
    .http()
    .post('/api/v1/projects')
    .set(bearer(PM))
    .send({ ...body, ...(costCodeListId ? { costCodeListId } : {}) })
    .expect(201);
  return res.body.id as string;
}

/** Runs a sync group to its end, as the schedule would (the last synced Spectrum data the send check reads). */
async function sync(group: 'cost_codes' | 'vendors' | 'jobs'): Promise<void> {
  const run = await e.http().post('/api/v1/sync/runs').set(bearer(ADMIN)).send({ group }).expect(202);
  await e.t.app.get(SyncService).waitForRun(run.body.id);
  const done = await e.http().get(`/api/v1/sync/runs/${run.body.id}`).set(bearer(ADMIN)).expect(200);
  expect(done.body.status).toBe('succeeded');
}

/** An accept the pre-flight refuses: 422 with the reasons, the request back with the sender, nothing written. */
async function refusedAtAccept(requestId: string, expected: string[]) {
  await e.sim$('DELETE', '/requests');
  const refused = await e.accept(requestId);
  expect(refused.status).toBe(422);
  expect(codes(refused.body.errors)).toEqual(expected);
  expect(refused.body.detail).toMatch(/returned to the sender/);
  const r = await request(requestId);
  expect(r.state).toBe('rejected');
  expect(r.rejectReason).toMatch(/^Spectrum would refuse this export, so it was returned to the sender/);
  expect(await e.t.prisma.exportStep.count({ where: { requestId } })).toBe(0);
  await e.drain();
  expect(await writes()).toEqual([]);
  return refused.body.errors as Reason[];
}

describe('PRE-1: nothing reaches the approver that Spectrum will refuse', () => {
  it('PRE-1 COM-1: a commitment on a project not linked to a Spectrum job shows job-not-linked and sendToErp refuses it', async () => {
    const projectId = await newProject({ name: 'Not linked yet', budgetToolEnabled: true }, false);
    const companyId = await e.linkedCompany('ACMEEL');
    const id = await e.commitment(projectId, companyId, { number: 'NOJOB-1' });
    const view = await commitmentView(id);
    expect(codes(sendBlockers(view))).toEqual(['job-not-linked']);
    expect(sendBlockers(view)[0]).toMatchObject({ rule: 'COM-1', field: 'projectId' });
    const res = await sendRaw('commitment', id);
    expect(res.status).toBe(422);
    expect(codes(res.body.errors)).toEqual(['job-not-linked']);
    expect(await e.t.prisma.exportRequest.count({ where: { itemId: id } })).toBe(0);
  });

  it('PRE-1 APP-2: a line on a phase the job lacks (220000/S on 24-101), accepted against fresh Spectrum data, is returned to the sender before any write (no SC-200 with 0.00)', async () => {
    const projectId = await e.linkedProject('24-101');
    const companyId = await e.linkedCompany('BAYPLB');
    const id = await e.commitment(projectId, companyId, {
      number: 'SC-200',
      lines: [
        SUB_LINES[0],
        { costCode: '22-0000', costType: 'S', description: 'Plumbing', amountCents: 900_000 },
      ],
    });
    // the job's phases were never synced: the send cannot tell, the accept reads Spectrum
    const requestId = await e.send('commitment', id);
    const reasons = await refusedAtAccept(requestId, ['phase-not-on-job']);
    expect(reasons[0]).toMatchObject({ rule: 'PRE-1', field: 'lines[1].costCode' });
    expect(reasons[0]?.message).toMatch(
      /Line 2: phase 220000 with cost type S does not exist on Spectrum job 24-101/,
    );
    expect(
      rows(await e.sim$('GET', '/state/subcontracts?Vendor_Code=BAYPLB&Subcontract_Number=SC-200')),
    ).toEqual([]);
    // back with the sender: editable, in the rejected state, with the reason on the item
    const view = await commitmentView(id);
    expect(view.state).toBe('rejected');
    expect(view.lastError).toMatch(/phase 220000 with cost type S does not exist/);
    await e
      .http()
      .patch(`/api/v1/commitments/${id}`)
      .set(bearer(PM))
      .send({ lines: [SUB_LINES[0]] })
      .expect(200);
    const again = await e.send('commitment', id);
    expect((await e.accept(again)).status).toBe(200);
    await e.drain();
    expect((await request(again)).state).toBe('synced');
  });

  it('PRE-1: once the job phases are synced, the same line is in blockedBy and sendToErp refuses it', async () => {
    await sync('cost_codes');
    // 24-106 has 010000, 033000, 061000 and 099100 with cost types L, M and O
    const projectId = await e.linkedProject('24-106');
    const companyId = await e.linkedCompany('CITYCON');
    const id = await e.commitment(projectId, companyId, {
      number: 'SC-201',
      lines: [
        { costCode: '01-0000', costType: 'M', amountCents: 100_000 },
        { costCode: '22-0000', costType: 'M', description: 'Plumbing', amountCents: 900_000 },
      ],
    });
    const view = await commitmentView(id);
    expect(codes(sendBlockers(view))).toEqual(['phase-not-on-job']);
    const res = await sendRaw('commitment', id);
    expect(res.status).toBe(422);
    expect(codes(res.body.errors)).toEqual(['phase-not-on-job']);
    expect(res.body.errors[0].field).toBe('lines[1].costCode');
  });

  it("WBS-3: cost types are Spectrum's (Q refused once cost types are synced); a code added before the project had a list still takes cost types", async () => {
    const list = await e.t.prisma.costCodeList.findFirstOrThrow();
    const id = await newProject({ name: 'Stuck project' }, false);
    const q = await e
      .http()
      .post(`/api/v1/projects/${id}/cost-codes`)
      .set(bearer(PM))
      .send({ code: '999999', description: 'Misc', costTypes: ['Q'] })
      .expect(422);
    expect(q.body.errors).toEqual([
      expect.objectContaining({ code: 'cost-type-not-in-spectrum', rule: 'WBS-3', field: 'costTypes[0]' }),
    ]);
    expect(q.body.errors[0].message).toBe("Cost type Q is not one of Spectrum's cost types (E, L, M, O, S).");
    await e
      .http()
      .post(`/api/v1/projects/${id}/cost-codes`)
      .set(bearer(PM))
      .send({ code: '999999', description: 'Misc', costTypes: [] })
      .expect(201);
    await e.t.prisma.project.update({ where: { id }, data: { costCodeListId: list.id } });
    const added = await e
      .http()
      .post(`/api/v1/projects/${id}/cost-codes`)
      .set(bearer(PM))
      .send({ code: '999999', costTypes: ['L'] });
    expect(added.status).toBeLessThan(300);
    expect(added.body.costTypes.map((c: { costType: string }) => c.costType)).toEqual(['L']);
    const notListed = await e
      .http()
      .post(`/api/v1/projects/${id}/cost-codes`)
      .set(bearer(PM))
      .send({ code: '888888', description: 'Other', costTypes: ['L'] })
      .expect(422);
    expect(codes(notListed.body.errors)).toEqual(['cost-code-not-on-list']);
  });

  it('JOB-3: the template job values come from Spectrum, not from what was typed in the settings; a template job Spectrum lacks keeps the request waiting', async () => {
    const settings = await e.t.prisma.integrationSettings.findUniqueOrThrow({ where: { id: 1 } });
    const template = settings.templateJob as Record<string, unknown>;
    try {
      // typed with a customer Spectrum does not have: the job still gets the template job's customer (C100)
      await e.t.prisma.integrationSettings.update({
        where: { id: 1 },
        data: { templateJob: { ...template, customerCode: 'OWNER1', division: '9' } },
      });
      const pId = await newProject({ name: 'Template Check', number: '26-310' });
      const requestId = await e.send('project', pId);
      expect((await e.accept(requestId)).status).toBe(200);
      await e.drain();
      expect((await request(requestId)).state).toBe('synced');
      const [job] = rows(await e.sim$('GET', '/state/jobs?Job_Number=26-310'));
      expect(job).toMatchObject({ Customer_Code: 'C100', Division: '1', Cost_Center: 'NOR' });

      await e.t.prisma.integrationSettings.update({
        where: { id: 1 },
        data: { templateJob: { ...template, jobNumber: '99-NONE' } },
      });
      const qId = await newProject({ name: 'No Such Template', number: '26-311' });
      const waiting = await e.send('project', qId);
      await e.sim$('DELETE', '/requests');
      const refused = await e.accept(waiting);
      expect(refused.status).toBe(422);
      expect(codes(refused.body.errors)).toEqual(['template-job-invalid']);
      expect((await request(waiting)).state).toBe('ready_to_export');
      expect(await writes()).toEqual([]);
    } finally {
      await e.t.prisma.integrationSettings.update({
        where: { id: 1 },
        data: { templateJob: template as never },
      });
    }
  });

  it("JOB-3 APP-4: a job export that failed on the template job's customer is planned again on Retry once the template job is fixed", async () => {
    const key = { Company_Code: 'ABC', Job_Number: '99-TPL' };
    const c100 = { Company_Code: 'ABC', Customer_Code: 'C100' };
    const [customer] = rows(await e.sim$('GET', '/state/customers?Customer_Code=C100'));
    try {
      const pId = await newProject({ name: 'Retry Replan', number: '26-320' });
      const requestId = await e.send('project', pId);
      expect((await e.accept(requestId)).status).toBe(200);
      // the customer leaves Spectrum between the accept and the write
      await e.sim$('DELETE', '/state/customers', { key: c100 });
      await e.drain();
      const failed = await request(requestId);
      expect(failed.state).toBe('failed');
      expect(failed.lastError).toMatch(/Customer does not exist.*Nothing was written to Spectrum\.$/);
      // the admin points the template job at a customer Spectrum has: Retry plans AddJob again with it
      await e.sim$('PATCH', '/state/jobs', { key, set: { Customer_Code: 'C200' } });
      await e.http().post(`/api/v1/export-requests/${requestId}/retry`).set(bearer(APPROVER)).expect(200);
      await e.drain();
      const done = await request(requestId);
      expect(done).toMatchObject({ state: 'synced', spectrumKey: '26-320' });
      const [job] = rows(await e.sim$('GET', '/state/jobs?Job_Number=26-320'));
      expect(job).toMatchObject({ Customer_Code: 'C200' });
    } finally {
      if (rows(await e.sim$('GET', '/state/customers?Customer_Code=C100')).length === 0)
        await e.sim$('POST', '/state/customers', customer);
      await e.sim$('PATCH', '/state/jobs', { key, set: { Customer_Code: 'C100' } });
    }
  });

  it("WBS-3 JOB-2: a project exported as a job brings its cost codes as the job's phases; the next cost codes sync marks them synced", async () => {
    const id = await newProject({ name: 'Phases Along', number: '26-330' });
    for (const [code, costTypes] of [
      ['010000', ['L', 'M']],
      ['033000', ['S']],
    ] as const) {
      await e
        .http()
        .post(`/api/v1/projects/${id}/cost-codes`)
        .set(bearer(PM))
        .send({ code, costTypes })
        .expect(201);
    }
    const requestId = await e.send('project', id);
    expect((await e.accept(requestId)).status).toBe(200);
    await e.drain();
    expect((await request(requestId)).state).toBe('synced');
    const phases = rows(await e.sim$('GET', '/state/phases?Job_Number=26-330&limit=100'));
    expect(phases.map((p) => `${p.Phase_Code}/${p.Cost_Type}`).sort()).toEqual([
      '010000/L',
      '010000/M',
      '033000/S',
    ]);
    await sync('cost_codes');
    const types = await e.t.prisma.projectCostType.findMany({
      where: { projectCostCode: { projectId: id } },
    });
    expect(types).toHaveLength(3);
    expect(types.every((t) => t.syncedWithSpectrum)).toBe(true);
  });

  it('PRE-1 PRE-4 BCH-1: a budget change Spectrum would refuse (no contract on the job, a phase the job lacks) is returned at accept or not sendable; once fixed it is synced', async () => {
    const list = await e.t.prisma.costCodeList.findFirstOrThrow();
    // 25-001 has phase 013100 with cost type L only, customer C200 and no contract in Spectrum
    const projectId = await e.linkedProject('25-001', { costCodeListId: list.id });
    await e
      .http()
      .post(`/api/v1/projects/${projectId}/cost-codes`)
      .set(bearer(PM))
      .send({ code: '013100', costTypes: ['L'] })
      .expect(201);
    await e.t.prisma.projectCostType.updateMany({
      where: { projectCostCode: { projectId } },
      data: { syncedWithSpectrum: true },
    });
    const budget = (await e.http().get(`/api/v1/projects/${projectId}/budget`).set(bearer(PM)).expect(200))
      .body;
    await e.t.prisma.budget.update({ where: { id: budget.id }, data: { everExported: true, locked: true } });
    const change = async (number: string, costType: string) =>
      (
        await e
          .http()
          .post(`/api/v1/projects/${projectId}/budget-changes`)
          .set(bearer(PM))
          .send({
            number,
            title: `Change ${number}`,
            date: '2026-03-02',
            lines: [{ costCode: '013100', costType, amountCents: 150_000 }],
          })
          .expect(201)
      ).body.id as string;

    // the contracts were never synced: only the accept, on Spectrum's own data, finds the missing contract
    const good = await change('21', 'L');
    const requestId = await e.send('budget_change', good);
    const reasons = await refusedAtAccept(requestId, ['job-contract-missing']);
    expect(reasons[0]).toMatchObject({ rule: 'PRE-4' });
    expect(reasons[0]?.message).toMatch(/^Spectrum job 25-001 has no contract for customer C200/);

    // the contract set up in Spectrum: the same budget change goes through
    await e.sim$('POST', '/state/contracts', {
      Company_Code: 'ABC',
      Job_Number: '25-001',
      Customer_Code: 'C200',
      Contract_Description: '25-001 Contract',
      Contract_Number: 'PC-25-001',
      Price_Method_Code: 'F',
      Status_Code: 'A',
      Approved_Flag: 'N',
    });
    const again = await e.send('budget_change', good);
    expect((await e.accept(again)).status).toBe(200);
    await e.drain();
    expect(await request(again)).toMatchObject({ state: 'synced', spectrumKey: '25-001/C200/BC21' });

    // a line on a phase the job does not have (013100 M, added to the project since) is in blockedBy once the job's
    // phases are synced (and the cost code is no longer all in Spectrum)
    await e
      .http()
      .post(`/api/v1/projects/${projectId}/cost-codes`)
      .set(bearer(PM))
      .send({ code: '013100', costTypes: ['M'] })
      .expect(200);
    await sync('cost_codes');
    const bad = await change('22', 'M');
    const view = await e.http().get(`/api/v1/budget-changes/${bad}`).set(bearer(PM)).expect(200);
    expect(codes(sendBlockers(view.body))).toEqual(['phase-not-on-job', 'cost-code-not-synced']);
    const refused = await sendRaw('budget_change', bad);
    expect(refused.status).toBe(422);
    expect(codes(refused.body.errors)).toEqual(['phase-not-on-job', 'cost-code-not-synced']);
  });

  it('PRE-1 PRE-4 CCO-2: a commitment change order Spectrum would refuse (no contract on the job, a phase the job lacks) is returned at accept or not sendable; once fixed it is synced', async () => {
    // 24-103E1 has phases 010000 and 033000 with cost types L and M, customer C300 and no contract in Spectrum
    const projectId = await e.linkedProject('24-103E1');
    const companyId = await e.linkedCompany('DELTAHV');
    const cid = await e.commitment(projectId, companyId, {
      number: 'SC-310',
      lines: [
        { costCode: '01-0000', costType: 'L', description: 'General', amountCents: 100_000 },
        { costCode: '03-3000', costType: 'L', description: 'Concrete', amountCents: 200_000 },
      ],
    });
    const commitmentRequest = await e.send('commitment', cid);
    expect((await e.accept(commitmentRequest)).status).toBe(200);
    await e.drain();
    expect((await request(commitmentRequest)).state).toBe('synced');
    const changeOrder = async (number: string, costType: string) =>
      (
        await e
          .http()
          .post(`/api/v1/commitments/${cid}/change-orders`)
          .set(bearer(PM))
          .send({
            number,
            title: `Change ${number}`,
            status: 'approved',
            date: '2026-03-02',
            lines: [{ costCode: '03-3000', costType, description: 'More concrete', amountCents: 50_000 }],
          })
          .expect(201)
      ).body.id as string;

    const good = await changeOrder('1', 'L');
    const requestId = await e.send('commitment_change_order', good);
    const reasons = await refusedAtAccept(requestId, ['job-contract-missing']);
    expect(reasons[0]?.message).toMatch(/^Spectrum job 24-103E1 has no contract for customer C300/);

    await sync('cost_codes');
    const bad = await changeOrder('2', 'S');
    const view = await e.http().get(`/api/v1/commitment-change-orders/${bad}`).set(bearer(PM)).expect(200);
    expect(codes(sendBlockers(view.body))).toEqual(['phase-not-on-job']);
    expect(codes((await sendRaw('commitment_change_order', bad)).body.errors)).toEqual(['phase-not-on-job']);

    await e.sim$('POST', '/state/contracts', {
      Company_Code: 'ABC',
      Job_Number: '24-103E1',
      Customer_Code: 'C300',
      Contract_Description: '24-103E1 Contract',
      Contract_Number: 'PC-24-103E1',
      Price_Method_Code: 'F',
      Status_Code: 'A',
      Approved_Flag: 'N',
    });
    const again = await e.send('commitment_change_order', good);
    expect((await e.accept(again, { changeRequestId: 'SC310-1' })).status).toBe(200);
    await e.drain();
    expect(await request(again)).toMatchObject({ state: 'synced', spectrumKey: '24-103E1/C300/SC310-1' });
  });

  it('PRE-1 VEN-1: an inactive Spectrum vendor (HILLDRY, status I) is not importable as a company, and a commitment to it is neither sendable nor accepted', async () => {
    await e.t.prisma.integrationSettings.update({ where: { id: 1 }, data: { vendorTypeFilter: ['SUB'] } });
    await sync('vendors');
    const staged = await e.t.prisma.syncLink.findFirstOrThrow({
      where: { type: 'vendor', spectrumKey: 'HILLDRY' },
    });
    const importable = await e.http().get(`/api/v1/importables/${staged.id}`).set(bearer(PM)).expect(200);
    expect(codes(blockers(importable.body, 'importVendor'))).toEqual(['vendor-not-active']);
    const imported = await e
      .http()
      .post(`/api/v1/importables/${staged.id}/import-vendor`)
      .set(bearer(PM))
      .send({});
    expect(imported.status).toBe(422);
    expect(imported.body.errors[0].message).toMatch(/HILLDRY is not active in Spectrum \(status I\)/);
    expect(await e.t.prisma.company.count({ where: { name: 'Hillside Drywall' } })).toBe(0);

    // a company linked to an inactive vendor (OAKHARD, made inactive after the link): blocked from the last vendor sync
    const projectId = await e.linkedProject('24-104');
    const onJob = [{ costCode: '01-0000', costType: 'M', amountCents: 100_000 }];
    const companyId = await e.linkedCompany('OAKHARD', 'Oak Hardware (linked earlier)');
    const id = await e.commitment(projectId, companyId, { number: 'OAK-1', lines: onJob });
    expect(codes(sendBlockers(await commitmentView(id)))).toEqual(['vendor-not-active']);
    expect(codes((await sendRaw('commitment', id)).body.errors)).toEqual(['vendor-not-active']);

    // made inactive in Spectrum after the send: the accept reads the vendor and returns the commitment
    const active = await e.linkedCompany('PIPEPRO');
    const id2 = await e.commitment(projectId, active, { number: 'PIPE-9', lines: onJob });
    const requestId = await e.send('commitment', id2);
    await e.sim$('PATCH', '/state/vendors', {
      key: { Company_Code: 'ABC', Vendor_Code: 'PIPEPRO' },
      set: { Status: 'I' },
    });
    try {
      const reasons = await refusedAtAccept(requestId, ['vendor-not-active']);
      expect(reasons[0]?.message).toMatch(/PIPEPRO is not active \(status I\)/);
    } finally {
      await e.sim$('PATCH', '/state/vendors', {
        key: { Company_Code: 'ABC', Vendor_Code: 'PIPEPRO' },
        set: { Status: 'A' },
      });
    }
  });

  it('PRE-1 FC-1: a forecast whose cost codes are not synced with Spectrum is not sendable, like the budget (BUD-5)', async () => {
    const list = await e.t.prisma.costCodeList.findFirstOrThrow();
    const projectId = await e.linkedProject('24-102', {
      costCodeListId: list.id,
      forecastExportEnabled: true,
    });
    await e
      .http()
      .post(`/api/v1/projects/${projectId}/cost-codes`)
      .set(bearer(PM))
      .send({ code: '260000', costTypes: ['L'] })
      .expect(201);
    await e
      .http()
      .post(`/api/v1/projects/${projectId}/budget/lines`)
      .set(bearer(PM))
      .send({
        costCode: '260000',
        costType: 'L',
        amountCents: 100_000,
        estimatedCostAtCompletionCents: 120_000,
      })
      .expect(201);
    const budget = (await e.http().get(`/api/v1/projects/${projectId}/budget`).set(bearer(PM)).expect(200))
      .body;
    expect(codes(sendBlockers(budget))).toContain('cost-code-not-synced');
    const res = await sendRaw('forecast', budget.id);
    expect(res.status).toBe(422);
    // the job's phases were synced earlier: 260000/L is not on 24-102 either
    expect(res.body.errors).toEqual([
      expect.objectContaining({ code: 'cost-code-not-synced', rule: 'FC-1', field: 'costCodes[0]' }),
      expect.objectContaining({ code: 'phase-not-on-job', rule: 'PRE-1', field: 'budgetLines[0].costCode' }),
    ]);
  });

  it('PRE-1 PCCO-2: a change order naming a billing item that is not on the contract (999) is returned at accept, and blocked once the contract is synced', async () => {
    const projectId = await e.linkedProject('24-103');
    const contract = await e.t.prisma.primeContract.create({
      data: {
        projectId,
        jobNumber: '24-103',
        customerCode: 'C300',
        title: '24-103 Prime Contract',
        lastImportedAt: new Date('2026-03-01T00:00:00Z'),
      },
    });
    const pcco = await e
      .http()
      .post(`/api/v1/prime-contracts/${contract.id}/change-orders`)
      .set(bearer(PM))
      .send({
        number: '9',
        title: 'Owner change 9',
        status: 'approved',
        approvedDate: '2026-03-01',
        lines: [{ billingItemCode: '999', amountCents: 1_200_000 }],
      })
      .expect(201);
    const requestId = await e.send('prime_contract_change_order', pcco.body.id);
    const reasons = await refusedAtAccept(requestId, ['billing-item-not-on-contract']);
    expect(reasons[0]?.message).toMatch(/billing item 999 is not on the prime contract 24-103\/C300/);

    // with the contract's items synced, the same change order shows the reason before it is sent
    await sync('jobs');
    const view = await e
      .http()
      .get(`/api/v1/prime-contract-change-orders/${pcco.body.id}`)
      .set(bearer(PM))
      .expect(200);
    expect(codes(sendBlockers(view.body))).toContain('billing-item-not-on-contract');
    const res = await sendRaw('prime_contract_change_order', pcco.body.id);
    expect(res.status).toBe(422);
    expect(codes(res.body.errors)).toContain('billing-item-not-on-contract');
  });

  it("PRE-3 JOB-3: a template job whose customer Spectrum lacks (OWNER1) keeps the project's accept waiting, and once synced blocks the send", async () => {
    const key = { Company_Code: 'ABC', Job_Number: '99-TPL' };
    await e.sim$('PATCH', '/state/jobs', { key, set: { Customer_Code: 'OWNER1' } });
    try {
      const pId = await newProject({ name: 'Customer Check', number: '26-340' });
      const requestId = await e.send('project', pId);
      await e.sim$('DELETE', '/requests');
      const refused = await e.accept(requestId);
      expect(refused.status).toBe(422);
      expect(codes(refused.body.errors)).toEqual(['template-customer-not-in-spectrum']);
      expect(refused.body.errors[0]).toMatchObject({ rule: 'PRE-3' });
      expect(refused.body.errors[0].message).toMatch(
        /^Customer OWNER1 \(the template job's customer\) does not exist in Spectrum/,
      );
      // only the settings can fix it: the request keeps waiting, nothing was written
      expect((await request(requestId)).state).toBe('ready_to_export');
      expect(await writes()).toEqual([]);
      await e.http().post(`/api/v1/export-requests/${requestId}/retrieve`).set(bearer(PM)).expect(200);

      // once the jobs (and customers) are synced, the project shows the reason and cannot be sent
      await sync('jobs');
      const view = await e.http().get(`/api/v1/projects/${pId}`).set(bearer(PM)).expect(200);
      expect(codes(sendBlockers(view.body))).toContain('template-customer-not-in-spectrum');
      const res = await sendRaw('project', pId);
      expect(res.status).toBe(422);
      expect(codes(res.body.errors)).toEqual(['template-customer-not-in-spectrum']);
    } finally {
      await e.sim$('PATCH', '/state/jobs', { key, set: { Customer_Code: 'C100' } });
      await sync('jobs');
    }
  });

  it('PRE-3 PCCO-2: a change order on a contract whose customer left Spectrum is returned at accept, and blocked once synced', async () => {
    const c100 = { Company_Code: 'ABC', Customer_Code: 'C100' };
    const [customer] = rows(await e.sim$('GET', '/state/customers?Customer_Code=C100'));
    const projectId = await newProject({
      name: 'PC Customer',
      number: '26-350',
      primeContractsToolEnabled: true,
    });
    const contract = await e.t.prisma.primeContract.create({
      data: {
        projectId,
        jobNumber: '24-101',
        customerCode: 'C100',
        title: '24-101 Prime Contract',
        lastImportedAt: new Date('2030-01-01T00:00:00Z'),
      },
    });
    const pcco = await e
      .http()
      .post(`/api/v1/prime-contracts/${contract.id}/change-orders`)
      .set(bearer(PM))
      .send({
        number: '31',
        title: 'Owner change 31',
        status: 'approved',
        approvedDate: '2026-03-01',
        lines: [{ billingItemCode: '030', amountCents: 1_200_000 }],
      })
      .expect(201);
    await e.sim$('DELETE', '/state/customers', { key: c100 });
    try {
      const requestId = await e.send('prime_contract_change_order', pcco.body.id);
      const reasons = await refusedAtAccept(requestId, ['customer-not-in-spectrum']);
      expect(reasons[0]).toMatchObject({ rule: 'PRE-3' });
      expect(reasons[0]?.message).toMatch(
        /^Customer C100 \(the prime contract's customer\) does not exist in Spectrum/,
      );

      await sync('jobs');
      const view = await e
        .http()
        .get(`/api/v1/prime-contract-change-orders/${pcco.body.id}`)
        .set(bearer(PM))
        .expect(200);
      expect(codes(sendBlockers(view.body))).toEqual(['customer-not-in-spectrum']);
      const res = await sendRaw('prime_contract_change_order', pcco.body.id);
      expect(res.status).toBe(422);
      expect(codes(res.body.errors)).toEqual(['customer-not-in-spectrum']);
    } finally {
      await e.sim$('POST', '/state/customers', customer);
      await sync('jobs');
    }
    // with the customer back, the same change order goes through
    const again = await e.send('prime_contract_change_order', pcco.body.id);
    expect((await e.accept(again)).status).toBe(200);
    await e.drain();
    expect((await request(again)).state).toBe('synced');
  });
});
