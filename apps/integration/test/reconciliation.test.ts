import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, bearer, PM, VIEWER } from './support/app.js';
import { type ExportEnv, SUB_LINES, startExportEnv } from './support/exports.js';

let e: ExportEnv;
let projectId: string;

interface Row {
  key: string;
  status: string;
  pm: Record<string, unknown> | null;
  spectrum: Record<string, unknown> | null;
  differences: { field: string; pm: unknown; spectrum: unknown }[];
}
interface Job {
  jobNumber: string;
  status: string;
  budget: { rows: Row[]; totals: Record<string, unknown> };
  commitments: { rows: Row[]; totals: Record<string, unknown> };
  commitmentLines: { rows: Row[]; totals: Record<string, unknown> };
  primeContracts: { rows: Row[]; totals: Record<string, unknown> };
  changeRequests: { rows: Row[]; totals: Record<string, unknown> };
}

const rowsOf = (r: unknown): Record<string, string>[] =>
  Array.isArray(r) ? r : ((r as { rows?: Record<string, string>[] }).rows ?? []);
const cents = (v: string) => Math.round(Number(v) * 100);

async function report(id = projectId): Promise<Job> {
  const res = await e.http().get(`/api/v1/reconciliation?projectId=${id}`).set(bearer(VIEWER)).expect(200);
  return res.body.jobs[0] as Job;
}

beforeAll(async () => {
  e = await startExportEnv();
  // the demo company's own subcontract on 24-101 goes, so the job holds only what the PM side exported
  for (const l of rowsOf(
    await e.sim$('GET', '/state/subcontract-lines?Subcontract_Number=24101-01&limit=100'),
  )) {
    const { Company_Code, Vendor_Code, Subcontract_Number, Phase_Code, Cost_Type, Bid_Item_Number } = l;
    await e.sim$('DELETE', '/state/subcontract-lines', {
      key: { Company_Code, Vendor_Code, Subcontract_Number, Phase_Code, Cost_Type, Bid_Item_Number },
    });
  }
  await e.sim$('DELETE', '/state/subcontracts', {
    key: { Company_Code: 'ABC', Vendor_Code: 'ACMEEL', Subcontract_Number: '24101-01' },
  });
  // and so do its change requests
  const CR_KEY = ['Company_Code', 'Job_Number', 'Customer_Code', 'Change_Request_Number', 'Line_Number'];
  for (const collection of ['change-request-cost-lines', 'change-request-revenue-lines', 'change-requests']) {
    for (const r of rowsOf(await e.sim$('GET', `/state/${collection}?Job_Number=24-101&limit=500`))) {
      const key = Object.fromEntries(CR_KEY.filter((k) => k in r).map((k) => [k, r[k]]));
      await e.sim$('DELETE', `/state/${collection}`, { key });
    }
  }
  // job 24-101 with a PM budget equal to Spectrum's current estimates, and one commitment exported to it
  projectId = await e.linkedProject('24-101');
  const phases = rowsOf(await e.sim$('GET', '/state/phases?Job_Number=24-101&limit=500')).filter(
    (p) => cents(p.Current_Est_Cost ?? '0') !== 0,
  );
  expect(phases.length).toBeGreaterThan(1);
  const budget = await e.t.prisma.budget.upsert({ where: { projectId }, create: { projectId }, update: {} });
  for (const p of phases) {
    await e.t.prisma.budgetLine.create({
      data: {
        budgetId: budget.id,
        costCode: p.Phase_Code as string,
        costType: p.Cost_Type as string,
        amountCents: BigInt(cents(p.Current_Est_Cost as string)),
      },
    });
  }
  const [contract] = rowsOf(await e.sim$('GET', '/state/contracts?Job_Number=24-101&limit=10'));
  const items = rowsOf(await e.sim$('GET', '/state/contract-items?Job_Number=24-101&limit=100'));
  if (!contract || items.length === 0)
    throw new Error('job 24-101 has no contract with items in the demo company');
  const customer = contract.Customer_Code as string;
  // the PM side as a prime contract import leaves it
  await e.t.prisma.primeContract.create({
    data: {
      projectId,
      jobNumber: '24-101',
      customerCode: customer,
      title: contract.Contract_Description as string,
      originalContractCents: BigInt(cents(contract.Original_Contract as string)),
      lines: {
        create: items.map((i) => ({
          billingItem: i.Billing_Item as string,
          amountCents: BigInt(cents(i.Original_Contract as string)),
        })),
      },
    },
  });
  const companyId = await e.linkedCompany('BAYPLB');
  const id = await e.commitment(projectId, companyId, { number: 'SC-REC' });
  expect((await e.accept(await e.send('commitment', id))).status).toBe(200);
  await e.drain();
}, 120_000);
afterAll(async () => {
  await e?.close();
});

describe('reconciliation with Spectrum (REC-1, REC-2)', () => {
  it('REC-1 REC-2: a job whose budget and exported commitment are unchanged in Spectrum reconciles as all matched, with totals', async () => {
    const job = await report();
    expect(job.jobNumber).toBe('24-101');
    expect(job.budget.rows.length).toBeGreaterThan(1);
    expect(job.budget.rows.filter((r) => r.status !== 'matched')).toEqual([]);
    expect(job.commitments.rows).toEqual([
      expect.objectContaining({ key: 'BAYPLB/SC-REC', status: 'matched', differences: [] }),
    ]);
    expect(job.commitmentLines.rows.map((r) => r.status)).toEqual(['matched', 'matched', 'matched']);
    const total = SUB_LINES.reduce((s, l) => s + l.amountCents, 0);
    expect(job.commitments.totals).toMatchObject({
      pmCents: total,
      spectrumCents: total,
      differenceCents: 0,
    });
    expect(job.status).toBe('matched');
    // the committed amount of each budget line is shown beside it
    const concrete = job.budget.rows.find((r) => r.key === '033000/S');
    if (concrete) expect(concrete.pm?.committedCents).toBe(4_800_050);
  });

  it('REC-1: a subcontract line changed directly in Spectrum is different, naming the field with both values; a subcontract made only in Spectrum is only in Spectrum', async () => {
    const key = { Company_Code: 'ABC', Vendor_Code: 'BAYPLB', Subcontract_Number: 'SC-REC' };
    const lines = rowsOf(
      await e.sim$('GET', '/state/subcontract-lines?Vendor_Code=BAYPLB&Subcontract_Number=SC-REC'),
    );
    const concrete = lines.find((l) => l.Phase_Code === '033000') as Record<string, string>;
    await e.sim$('PATCH', '/state/subcontract-lines', {
      key: { ...key, Phase_Code: '033000', Cost_Type: 'S', Bid_Item_Number: concrete.Bid_Item_Number ?? '' },
      set: { Original_Contract_Amount: '50000.00' },
    });
    await e.sim$('POST', '/state/subcontracts', {
      Company_Code: 'ABC',
      Vendor_Code: 'ACMEEL',
      Subcontract_Number: 'SC-SPONLY',
      Job_Number: '24-101',
      Status_Code: 'A',
      Original_Amount: '1234.50',
    });
    const job = await report();
    const line = job.commitmentLines.rows.find((r) => r.key === 'BAYPLB/SC-REC/033000/S');
    expect(line).toMatchObject({
      status: 'different',
      differences: [{ field: 'amountCents', pm: 4_800_050, spectrum: 5_000_000 }],
    });
    expect(job.commitments.rows.find((r) => r.key === 'ACMEEL/SC-SPONLY')).toMatchObject({
      status: 'only_spectrum',
      pm: null,
      spectrum: { amountCents: 123_450 },
    });
    expect(job.status).toBe('different');
    expect(job.commitmentLines.totals).toMatchObject({ differenceCents: 4_800_050 - 5_000_000 });

    // the same as CSV: one row per record, amounts in dollars, the difference in words
    const csv = await e
      .http()
      .get(`/api/v1/reconciliation?projectId=${projectId}&format=csv`)
      .set(bearer(VIEWER))
      .expect(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.text.split('\n')[0]).toBe(
      'job,project,section,key,status,pm_amount,spectrum_amount,differences',
    );
    expect(csv.text).toContain(
      '24-101,Project 24-101,commitmentLines,BAYPLB/SC-REC/033000/S,different,48000.50,50000.00,amountCents: 48000.50 ≠ 50000.00',
    );
    expect(csv.text).toContain('commitments,ACMEEL/SC-SPONLY,only_spectrum,,1234.50,');
  });

  it('REC-1: a commitment never exported is only in PM; company-wide pages list every linked job; reading changes nothing in Spectrum', async () => {
    const companyId = await e.linkedCompany('ACMEEL');
    await e.commitment(projectId, companyId, { number: 'SC-PM-ONLY', lines: [SUB_LINES[0]] });
    const before = rowsOf(await e.sim$('GET', '/requests?limit=1000')).length;
    const job = await report();
    expect(job.commitments.rows.find((r) => r.key === '(not exported) SC-PM-ONLY')).toMatchObject({
      status: 'only_pm',
      spectrum: null,
    });
    const other = await e.linkedProject('24-102');
    const page1 = await e.http().get('/api/v1/reconciliation?limit=1').set(bearer(VIEWER)).expect(200);
    expect(page1.body.jobs).toHaveLength(1);
    expect(page1.body.nextCursor).toEqual(expect.any(String));
    const page2 = await e
      .http()
      .get(`/api/v1/reconciliation?limit=1&cursor=${page1.body.nextCursor}`)
      .set(bearer(VIEWER))
      .expect(200);
    const jobs = [...page1.body.jobs, ...page2.body.jobs].map((j: Job) => j.jobNumber).sort();
    expect(jobs).toEqual(['24-101', '24-102']);
    const csv = await e
      .http()
      .get('/api/v1/reconciliation?format=csv&limit=1')
      .set(bearer(VIEWER))
      .expect(200);
    expect(csv.text).toContain(',Project 24-102,');
    expect(csv.text).toContain(',Project 24-101,');
    // only Get services and Info-Link reads were made
    const calls = rowsOf(await e.sim$('GET', '/requests?limit=1000')).slice(before);
    expect(calls.length).toBeGreaterThan(0);
    expect(
      calls.filter((c) => /Add|Update|Post|scheduleofvalues/i.test(String(c.service ?? c.path))),
    ).toEqual([]);
    expect(other).toEqual(expect.any(String));
  });

  it("REC-1: the prime contract and each billing item against Spectrum's contract; an item changed in Spectrum is different", async () => {
    const [contract] = rowsOf(await e.sim$('GET', '/state/contracts?Job_Number=24-101&limit=10'));
    const items = rowsOf(await e.sim$('GET', '/state/contract-items?Job_Number=24-101&limit=100'));
    const customer = contract?.Customer_Code as string;
    let job = await report();
    expect(job.primeContracts.rows.map((r) => r.status)).toEqual(
      items.map(() => 'matched').concat('matched'),
    );
    const first = items[0] as Record<string, string>;
    await e.sim$('PATCH', '/state/contract-items', {
      key: {
        Company_Code: 'ABC',
        Job_Number: '24-101',
        Customer_Code: customer,
        Billing_Item: first.Billing_Item,
      },
      set: { Original_Contract: (Number(first.Original_Contract) + 10).toFixed(2) },
    });
    job = await report();
    expect(job.primeContracts.rows.find((r) => r.key === `${customer}/${first.Billing_Item}`)).toMatchObject({
      status: 'different',
      differences: [
        {
          field: 'originalContractCents',
          pm: cents(first.Original_Contract as string),
          spectrum: cents(first.Original_Contract as string) + 1000,
        },
      ],
    });
    expect(job.primeContracts.totals).toMatchObject({ differenceCents: -1000 });
  });

  it('REC-1: a commitment change order exported to a change request matches it; a change request made only in Spectrum is only in Spectrum', async () => {
    const commitment = (await e.t.prisma.commitment.findFirstOrThrow({ where: { number: 'SC-REC' } })).id;
    const cco = await e
      .http()
      .post(`/api/v1/commitments/${commitment}/change-orders`)
      .set(bearer(PM))
      .send({
        number: '1',
        title: 'Extra pour',
        status: 'approved',
        lines: [{ costCode: '03-3000', costType: 'S', amountCents: 125_000 }],
      })
      .expect(201);
    expect((await e.accept(await e.send('commitment_change_order', cco.body.id))).status).toBe(200);
    await e.drain();
    const job = await report();
    const exported = job.changeRequests.rows.filter((r) => r.pm?.from === 'commitment change order 1');
    expect(exported).toEqual([
      expect.objectContaining({
        status: 'matched',
        pm: expect.objectContaining({ costCents: 125_000, revenueCents: 0 }),
      }),
    ]);
    const [header] = rowsOf(await e.sim$('GET', '/state/change-requests?Job_Number=24-101&limit=10'));
    await e.sim$('POST', '/state/change-requests', {
      ...header,
      Change_Request_Number: 'SPONLY',
      CR_Description: 'Made in Spectrum',
    });
    const again = await report();
    expect(again.changeRequests.rows.find((r) => r.key.endsWith('/SPONLY'))).toMatchObject({
      status: 'only_spectrum',
      pm: null,
    });
  });

  it('REC-1 API-3: an unknown project is 404, an unlinked one 422 naming the rule; a bad query is 400; no credentials is 401', async () => {
    await e.http().get('/api/v1/reconciliation?projectId=nope').set(bearer(VIEWER)).expect(404);
    const unlinked = await e
      .http()
      .post('/api/v1/projects')
      .set(bearer(PM))
      .send({ name: 'Not in Spectrum' })
      .expect(201);
    const res = await e
      .http()
      .get(`/api/v1/reconciliation?projectId=${unlinked.body.id}`)
      .set(bearer(ADMIN))
      .expect(422);
    expect(res.body.errors).toEqual([expect.objectContaining({ code: 'job-not-linked', rule: 'REC-1' })]);
    const bad = await e.http().get('/api/v1/reconciliation?limit=1000').set(bearer(VIEWER)).expect(400);
    expect(bad.body.errors[0].field).toBe('limit');
    await e.http().get('/api/v1/reconciliation').expect(401);
  });

  it('REC-1: when Spectrum cannot be read the report is a 502 problem in plain words', async () => {
    await e.sim$('POST', '/faults', { service: 'GetPhase', kind: 'client-fault', times: 1 });
    try {
      const res = await e
        .http()
        .get(`/api/v1/reconciliation?projectId=${projectId}`)
        .set(bearer(VIEWER))
        .expect(502);
      expect(res.body.detail).toMatch(/^Spectrum could not be read: /);
    } finally {
      await e.sim$('DELETE', '/faults');
    }
  });
});
