import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, PM } from './support/app.js';
import { type ExportEnv, SUB_LINES, startExportEnv } from './support/exports.js';

let e: ExportEnv;
type SimRow = Record<string, unknown>;
const rows = (r: unknown): SimRow[] => (Array.isArray(r) ? r : ((r as { rows?: SimRow[] })?.rows ?? []));

beforeAll(async () => {
  e = await startExportEnv();
});
afterAll(async () => {
  await e?.close();
});

/** Send, accept (optionally with keys), drain; returns the finished request. */
async function exportItem(type: string, id: string, body: Record<string, unknown> = {}) {
  const requestId = await e.send(type, id);
  const accepted = await e.accept(requestId, body);
  if (accepted.status !== 200) throw new Error(`accept ${type}: ${JSON.stringify(accepted.body)}`);
  await e.drain();
  return (await e.http().get(`/api/v1/export-requests/${requestId}`).set(bearer(PM)).expect(200)).body;
}

describe('every PM → Spectrum flow against the simulator', () => {
  it('JOB-2 JOB-3: a project becomes a Spectrum job from the template job, exactly once', async () => {
    const list = await e.t.prisma.costCodeList.findFirstOrThrow();
    const res = await e
      .http()
      .post('/api/v1/projects')
      .set(bearer(PM))
      .send({ name: 'North Clinic', number: '26-200', costCodeListId: list.id, city: 'Springfield' })
      .expect(201);
    const r = await exportItem('project', res.body.id);
    expect(r).toMatchObject({ state: 'synced', spectrumKey: '26-200' });
    const jobs = rows(await e.sim$('GET', '/state/jobs?Job_Number=26-200'));
    expect(jobs).toHaveLength(1);
    expect(jobs[0]).toMatchObject({
      Job_Description: 'North Clinic',
      Customer_Code: 'C100',
      Division: '1',
      Cost_Center: 'NOR',
    });
    const p = await e.http().get(`/api/v1/projects/${res.body.id}`).set(bearer(PM)).expect(200);
    expect(p.body).toMatchObject({ state: 'synced', spectrumKey: '26-200' });
  });

  it('VEN-2 VEN-5: a company becomes a Spectrum vendor (never a customer)', async () => {
    const res = await e
      .http()
      .post('/api/v1/companies')
      .set(bearer(PM))
      .send({ name: 'Northwind Glazing LLC', city: 'Denver', phone: '303-555-0100' })
      .expect(201);
    const r = await exportItem('company', res.body.id, { spectrumId: 'NWGLAZ' });
    expect(r).toMatchObject({ state: 'synced', spectrumKey: 'NWGLAZ' });
    const vendors = rows(await e.sim$('GET', '/state/vendors?Vendor_Code=NWGLAZ'));
    expect(vendors).toHaveLength(1);
    expect(vendors[0]).toMatchObject({ Vendor_Name: 'Northwind Glazing LLC', Terms_Code: 'A' });
    expect(rows(await e.sim$('GET', '/state/customers?Customer_Code=NWGLAZ'))).toHaveLength(0);
  });

  it('VEN-2: a vendor import that staged the new vendor while the export ran is replaced by the company link', async () => {
    const res = await e
      .http()
      .post('/api/v1/companies')
      .set(bearer(PM))
      .send({ name: 'Harbor Steel Works' })
      .expect(201);
    const requestId = await e.send('company', res.body.id);
    expect((await e.accept(requestId, { spectrumId: 'HARBST' })).status).toBe(200);
    // a vendor sync runs between Spectrum's answer and the finish: it stages HARBST as Ready to Import
    e.worker.hooks = {
      afterSpectrumCall: async () => {
        await e.t.prisma.syncLink.create({
          data: { type: 'vendor', spectrumKey: 'HARBST', state: 'ready_to_import' },
        });
      },
    };
    try {
      await e.drain();
    } finally {
      e.worker.hooks = {};
    }
    const links = await e.t.prisma.syncLink.findMany({ where: { spectrumKey: 'HARBST' } });
    expect(links.map((l) => [l.type, l.pmId, l.state])).toEqual([['vendor', res.body.id, 'synced']]);
  });

  it('BUD-5 BUD-6 BCH-1 FC-1 CCO-2 PCCO-2: budget, budget change, forecast, CCO and PCCO reach Spectrum once each', async () => {
    const list = await e.t.prisma.costCodeList.findFirstOrThrow();
    const projectId = await e.linkedProject('24-101', {
      costCodeListId: list.id,
      forecastExportEnabled: true,
    });
    for (const code of ['010000', '033000']) {
      await e
        .http()
        .post(`/api/v1/projects/${projectId}/cost-codes`)
        .set(bearer(PM))
        .send({ code, costTypes: ['L', 'S'] });
    }
    await e.t.prisma.projectCostType.updateMany({ data: { syncedWithSpectrum: true } });
    for (const [costCode, costType, amountCents] of [
      ['010000', 'L', 2_000_000],
      ['033000', 'S', 7_500_000],
    ] as const) {
      await e
        .http()
        .post(`/api/v1/projects/${projectId}/budget/lines`)
        .set(bearer(PM))
        .send({ costCode, costType, amountCents })
        .expect(201);
    }
    await e.http().post(`/api/v1/projects/${projectId}/budget/lock`).set(bearer(PM)).expect(200);
    const budget = (await e.http().get(`/api/v1/projects/${projectId}/budget`).set(bearer(PM)).expect(200))
      .body;
    const b = await exportItem('budget', budget.id);
    expect(b.state).toBe('synced');
    const est = rows(await e.sim$('GET', '/state/phases?Job_Number=24-101&Phase_Code=033000&Cost_Type=S'));
    expect(est[0]).toMatchObject({ Original_Est_Cost: '75000.00' });
    const after = await e.t.prisma.budget.findUniqueOrThrow({ where: { id: budget.id } });
    expect(after).toMatchObject({ everExported: true, exportInFlight: false });

    const change = await e
      .http()
      .post(`/api/v1/projects/${projectId}/budget-changes`)
      .set(bearer(PM))
      .send({
        number: '7',
        title: 'Added slab',
        date: '2026-02-27',
        lines: [{ costCode: '033000', costType: 'S', amountCents: 300_000 }],
      })
      .expect(201);
    const bc = await exportItem('budget_change', change.body.id);
    expect(bc).toMatchObject({ state: 'synced', spectrumKey: '24-101/C100/BC7' });
    const bcLines = rows(
      await e.sim$('GET', '/state/change-request-cost-lines?Job_Number=24-101&Change_Request_Number=BC7'),
    );
    expect(bcLines.map((l) => [l.Phase_Code, l.Cost_Type, l.Change_Request_Amount])).toEqual([
      ['033000', 'S', '3000.00'],
    ]);

    const line = (
      await e.t.prisma.budgetLine.findFirstOrThrow({ where: { budgetId: budget.id, costCode: '033000' } })
    ).id;
    await e
      .http()
      .patch(`/api/v1/projects/${projectId}/budget/lines/${line}`)
      .set(bearer(PM))
      .send({ estimatedCostAtCompletionCents: 8_100_000 })
      .expect(200);
    const fc = await exportItem('forecast', budget.id);
    expect(fc.state).toBe('synced');
    const proj = rows(
      await e.sim$('GET', '/state/projections?Job_Number=24-101&Phase_Code=033000&Cost_Type=S'),
    );
    expect(proj).toHaveLength(1);
    expect(proj[0]).toMatchObject({ Amount: '81000.00' });

    const companyId = await e.linkedCompany('FIRSTPT');
    const cid = await e.commitment(projectId, companyId, { number: 'SC-0100' });
    expect((await exportItem('commitment', cid)).state).toBe('synced');
    const cco = await e
      .http()
      .post(`/api/v1/commitments/${cid}/change-orders`)
      .set(bearer(PM))
      .send({
        number: '1',
        title: 'Extra pour',
        status: 'approved',
        date: '2026-02-28',
        lines: [{ ...SUB_LINES[1], amountCents: 250_000 }],
      })
      .expect(201);
    const ccoDone = await exportItem('commitment_change_order', cco.body.id, { changeRequestId: 'SC100-1' });
    expect(ccoDone).toMatchObject({ state: 'synced', spectrumKey: '24-101/C100/SC100-1' });
    const ccoLines = rows(
      await e.sim$('GET', '/state/change-request-cost-lines?Job_Number=24-101&Change_Request_Number=SC100-1'),
    );
    expect(ccoLines).toHaveLength(1);
    expect(ccoLines[0]).toMatchObject({
      Subcontractor_Code: 'FIRSTPT',
      Subcontract_Number: 'SC-0100',
      Sub_Amount: '2500.00',
      Sub_Status: 'E',
    });

    const contract = await e.t.prisma.primeContract.create({
      data: {
        projectId,
        jobNumber: '24-101',
        customerCode: 'C100',
        title: '24-101 Prime Contract',
        lastImportedAt: new Date('2026-03-01T00:00:00Z'),
      },
    });
    const pcco = await e
      .http()
      .post(`/api/v1/prime-contracts/${contract.id}/change-orders`)
      .set(bearer(PM))
      .send({
        number: '3',
        title: 'Owner change 3',
        status: 'approved',
        approvedDate: '2026-03-01',
        lines: [{ billingItemCode: '030', amountCents: 1_200_000 }],
      })
      .expect(201);
    const pc = await exportItem('prime_contract_change_order', pcco.body.id);
    expect(pc).toMatchObject({ state: 'synced', spectrumKey: '24-101/C100/PCO3' });
    const rev = rows(
      await e.sim$('GET', '/state/change-request-revenue-lines?Job_Number=24-101&Change_Request_Number=PCO3'),
    );
    expect(rev.map((l) => [l.Billing_Item_Code, l.Revenue])).toEqual([['030', '12000.00']]);
    expect(
      rows(await e.sim$('GET', '/state/change-requests?Job_Number=24-101&Change_Request_Number=PCO3')),
    ).toHaveLength(1);
  });

  it('APP-3: AddJob for a job Spectrum already has with other values fails without writing', async () => {
    const list = await e.t.prisma.costCodeList.findFirstOrThrow();
    const res = await e
      .http()
      .post('/api/v1/projects')
      .set(bearer(PM))
      .send({ name: 'Other Name', number: '26-300', costCodeListId: list.id })
      .expect(201);
    const requestId = await e.send('project', res.body.id);
    expect((await e.accept(requestId)).status).toBe(200);
    await e.sim$('POST', '/state/jobs', {
      Company_Code: 'ABC',
      Job_Number: '26-300',
      Job_Description: 'Someone else',
      Status_Code: 'A',
      Customer_Code: 'C100',
    });
    await e.drain();
    const r = (await e.http().get(`/api/v1/export-requests/${requestId}`).set(bearer(PM)).expect(200)).body;
    expect(r.state).toBe('failed');
    expect(r.lastError).toMatch(
      /Spectrum already has job 26-300 with different values \(description "Someone else"/,
    );
    expect(rows(await e.sim$('GET', '/state/jobs?Job_Number=26-300'))).toHaveLength(1);
  });
});
