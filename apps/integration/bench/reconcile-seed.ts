/**
 * The reconciliation benchmark's records beyond the generated large company: per job two subcontracts of five lines,
 * a contract of five billing items and a change request in Spectrum, and the PM side of all of it (written with bulk
 * inserts). Used by `reconcile.bench.ts`.
 */
import { randomUUID } from 'node:crypto';
import type { SpectrumClient } from '@bridge/spectrum-client';
import { controlClient } from '@bridge/spectrum-simulator';
import type { connectDatabase } from '../dist/platform/db/prisma.service.js';

const SUBS_PER_JOB = 2;
const LINES_PER_SUB = 5;
const ITEMS_PER_CONTRACT = 5;
const CHUNK = 5_000;

const dollars = (cents: number) => (cents / 100).toFixed(2);

async function postAll(url: string, collection: string, rows: Record<string, unknown>[]) {
  for (let i = 0; i < rows.length; i += CHUNK)
    await controlClient(url)('POST', `/state/${collection}`, rows.slice(i, i + CHUNK));
}

export interface Job {
  number: string;
  customer: string;
  phases: string[];
}

/** Subcontracts, contracts and change requests for every job, in Spectrum (the generator makes none). */
export async function seedSpectrum(url: string, jobs: Job[], vendors: number) {
  const subs: Record<string, unknown>[] = [];
  const lines: Record<string, unknown>[] = [];
  const contracts: Record<string, unknown>[] = [];
  const items: Record<string, unknown>[] = [];
  const requests: Record<string, unknown>[] = [];
  const costLines: Record<string, unknown>[] = [];
  const revenueLines: Record<string, unknown>[] = [];
  jobs.forEach((job, j) => {
    const base = { Company_Code: 'GEN', Job_Number: job.number };
    for (let k = 0; k < SUBS_PER_JOB; k++) {
      const sub = subOf(j, k, vendors);
      let total = 0;
      for (let l = 0; l < LINES_PER_SUB; l++) {
        const cents = lineCents(j, k, l);
        total += cents;
        lines.push({
          ...base,
          ...sub,
          Phase_Code: job.phases[(k * LINES_PER_SUB + l) % job.phases.length],
          Cost_Type: 'S',
          Bid_Item_Number: '',
          Original_Contract_Amount: dollars(cents),
        });
      }
      subs.push({ ...base, ...sub, Status_Code: 'A', Original_Amount: dollars(total) });
    }
    let contractTotal = 0;
    for (let i = 0; i < ITEMS_PER_CONTRACT; i++) {
      contractTotal += itemCents(j, i);
      items.push({
        ...base,
        Customer_Code: job.customer,
        Billing_Item: String(i + 1).padStart(3, '0'),
        Billing_Description: `Item ${i + 1}`,
        Original_Contract: dollars(itemCents(j, i)),
      });
    }
    contracts.push({
      ...base,
      Customer_Code: job.customer,
      Contract_Description: `Contract ${job.number}`,
      Original_Contract: dollars(contractTotal),
      Status_Code: 'A',
    });
    const cr = { ...base, Customer_Code: job.customer, Change_Request_Number: 'CR1' };
    requests.push({ ...cr, CR_Description: 'Extra work', CR_Status: 'A' });
    for (let l = 0; l < 2; l++)
      costLines.push({
        ...cr,
        Line_Number: l + 1,
        Phase_Code: job.phases[l],
        Cost_Type: 'S',
        Change_Request_Amount: dollars(crCents(j, l)),
      });
    revenueLines.push({ ...cr, Line_Number: 1, Revenue: '0.00' });
  });
  await postAll(url, 'subcontracts', subs);
  await postAll(url, 'subcontract-lines', lines);
  await postAll(url, 'contracts', contracts);
  await postAll(url, 'contract-items', items);
  await postAll(url, 'change-requests', requests);
  await postAll(url, 'change-request-cost-lines', costLines);
  await postAll(url, 'change-request-revenue-lines', revenueLines);
}

const subOf = (j: number, k: number, vendors: number) => ({
  Vendor_Code: `V${String(((j * SUBS_PER_JOB + k) % vendors) + 1).padStart(6, '0')}`,
  Subcontract_Number: `${j + 1}-${k + 1}`,
});
const lineCents = (j: number, k: number, l: number) => 100_000 + ((j * 7 + k * 13 + l * 17) % 1000) * 100;
const itemCents = (j: number, i: number) => 1_000_000 + ((j * 11 + i) % 500) * 100;
const crCents = (j: number, l: number) => 50_000 + ((j + l) % 100) * 100;

type Db = Awaited<ReturnType<typeof connectDatabase>>['prisma'];

/** The PM side for every job with bulk inserts; about one row in fifty differs from Spectrum. */
export async function seedPm(prisma: Db, client: SpectrumClient, jobs: Job[], vendors: number) {
  const projectOf = new Map<string, string>();
  const budgetOf = new Map<string, string>();
  const projects = jobs.map((job) => {
    const id = randomUUID();
    projectOf.set(job.number, id);
    budgetOf.set(job.number, randomUUID());
    return { id, name: `Project ${job.number}`, number: job.number };
  });
  const bulk = async <T>(rows: T[], insert: (chunk: T[]) => Promise<unknown>) => {
    for (let i = 0; i < rows.length; i += CHUNK) await insert(rows.slice(i, i + CHUNK));
  };
  await bulk(projects, (data) => prisma.project.createMany({ data }));
  await bulk(jobs, (chunk) =>
    prisma.syncLink.createMany({
      data: chunk.map((job) => ({
        type: 'job',
        pmId: projectOf.get(job.number) as string,
        spectrumKey: job.number,
        state: 'synced' as const,
      })),
    }),
  );
  await bulk(jobs, (chunk) =>
    prisma.budget.createMany({
      data: chunk.map((job) => ({
        id: budgetOf.get(job.number) as string,
        projectId: projectOf.get(job.number) as string,
      })),
    }),
  );
  // budget lines from the phase master, as an import of the estimates leaves them
  let batch: { budgetId: string; costCode: string; costType: string; amountCents: bigint }[] = [];
  let n = 0;
  for await (const p of client.listPhaseMaster()) {
    const drift = n++ % 50 === 0 ? 100 : 0;
    batch.push({
      budgetId: budgetOf.get(p.jobNumber) as string,
      costCode: p.phaseCode,
      costType: p.costType,
      amountCents: BigInt(p.currentEstimateCents + drift),
    });
    if (batch.length >= CHUNK) {
      await prisma.budgetLine.createMany({ data: batch });
      batch = [];
    }
  }
  if (batch.length) await prisma.budgetLine.createMany({ data: batch });

  // a company per vendor used, commitments exported to the subcontracts, prime contracts, change orders
  const companyOf = new Map<string, string>();
  const companies: { id: string; name: string }[] = [];
  const commitments: Record<string, unknown>[] = [];
  const commitmentLines: Record<string, unknown>[] = [];
  const links: Record<string, unknown>[] = [];
  const contracts: Record<string, unknown>[] = [];
  const contractLines: Record<string, unknown>[] = [];
  const changeOrders: Record<string, unknown>[] = [];
  const changeOrderLines: Record<string, unknown>[] = [];
  jobs.forEach((job, j) => {
    const projectId = projectOf.get(job.number) as string;
    let firstCommitment = '';
    for (let k = 0; k < SUBS_PER_JOB; k++) {
      const sub = subOf(j, k, vendors);
      let companyId = companyOf.get(sub.Vendor_Code);
      if (!companyId) {
        companyId = randomUUID();
        companyOf.set(sub.Vendor_Code, companyId);
        companies.push({ id: companyId, name: `Company ${sub.Vendor_Code}` });
        links.push({ type: 'vendor', pmId: companyId, spectrumKey: sub.Vendor_Code, state: 'synced' });
      }
      const id = randomUUID();
      if (k === 0) firstCommitment = id;
      commitments.push({
        id,
        projectId,
        companyId,
        kind: 'subcontract',
        number: sub.Subcontract_Number,
        title: `Subcontract ${sub.Subcontract_Number}`,
        status: 'approved',
      });
      links.push({
        type: 'commitment',
        pmId: id,
        spectrumKey: `${sub.Vendor_Code}/${sub.Subcontract_Number}`,
        state: 'synced',
      });
      for (let l = 0; l < LINES_PER_SUB; l++)
        commitmentLines.push({
          commitmentId: id,
          position: l,
          costCode: job.phases[(k * LINES_PER_SUB + l) % job.phases.length],
          costType: 'S',
          amountCents: BigInt(lineCents(j, k, l) + (j % 50 === 1 && l === 0 ? 100 : 0)),
        });
    }
    const contractId = randomUUID();
    let total = 0;
    for (let i = 0; i < ITEMS_PER_CONTRACT; i++) {
      total += itemCents(j, i);
      contractLines.push({
        primeContractId: contractId,
        billingItem: String(i + 1).padStart(3, '0'),
        amountCents: BigInt(itemCents(j, i)),
      });
    }
    contracts.push({
      id: contractId,
      projectId,
      jobNumber: job.number,
      customerCode: job.customer,
      title: `Contract ${job.number}`,
      originalContractCents: BigInt(total),
    });
    const ccoId = randomUUID();
    changeOrders.push({
      id: ccoId,
      commitmentId: firstCommitment,
      number: '1',
      title: 'Extra work',
      status: 'approved',
    });
    for (let l = 0; l < 2; l++)
      changeOrderLines.push({
        changeOrderId: ccoId,
        position: l,
        costCode: job.phases[l],
        costType: 'S',
        amountCents: BigInt(crCents(j, l)),
      });
    links.push({
      type: 'commitment_change_order',
      pmId: ccoId,
      spectrumKey: `${job.number}/${job.customer}/CR1`,
      state: 'synced',
    });
  });
  await bulk(companies, (data) => prisma.company.createMany({ data }));
  await bulk(commitments, (data) => prisma.commitment.createMany({ data: data as never }));
  await bulk(commitmentLines, (data) => prisma.commitmentLine.createMany({ data: data as never }));
  await bulk(contracts, (data) => prisma.primeContract.createMany({ data: data as never }));
  await bulk(contractLines, (data) => prisma.primeContractLine.createMany({ data: data as never }));
  await bulk(changeOrders, (data) => prisma.commitmentChangeOrder.createMany({ data: data as never }));
  await bulk(changeOrderLines, (data) =>
    prisma.commitmentChangeOrderLine.createMany({ data: data as never }),
  );
  await bulk(links, (data) => prisma.syncLink.createMany({ data: data as never }));
  return {
    budgetLines: n,
    commitments: commitments.length,
    commitmentLines: commitmentLines.length,
    contracts: contracts.length,
    changeOrders: changeOrders.length,
  };
}
