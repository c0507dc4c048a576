import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type JobReconciliation,
  ReconciliationService,
} from '../src/reconciliation/reconciliation.service.js';
import { bearer, VIEWER } from './support/app.js';
import { type ExportEnv, SUB_LINES, startExportEnv } from './support/exports.js';

let e: ExportEnv;
const ids: Record<string, string> = {};

const rowsOf = (r: unknown): Record<string, string>[] =>
  Array.isArray(r) ? r : ((r as { rows?: Record<string, string>[] }).rows ?? []);
const cents = (v: string) => Math.round(Number(v) * 100);

/** The company-wide reconciliation as the service streams it (job by job). */
async function companyWide(): Promise<JobReconciliation[]> {
  const service = e.t.app.get(ReconciliationService);
  const out: JobReconciliation[] = [];
  for await (const job of service.companyWide(await service.client())) out.push(job);
  return out;
}

async function csv(query: string): Promise<string> {
  const res = await e.http().get(`/api/v1/reconciliation?${query}`).set(bearer(VIEWER)).expect(200);
  return res.text;
}

async function budgetLine(projectId: string, costCode: string, costType: string, amountCents: number) {
  const budget = await e.t.prisma.budget.upsert({ where: { projectId }, create: { projectId }, update: {} });
  await e.t.prisma.budgetLine.create({
    data: { budgetId: budget.id, costCode, costType, amountCents: BigInt(amountCents) },
  });
}

beforeAll(async () => {
  e = await startExportEnv();
  // linked out of job order; 24-101A is a job Spectrum does not have (between 24-101 and 24-102 in job order), and
  // the demo's other jobs (23-087, 24-103, 24-104, …) are linked to no project
  for (const job of ['24-105', '24-102', '24-101A', '24-101']) ids[job] = await e.linkedProject(job);
  const phases = rowsOf(await e.sim$('GET', '/state/phases?Job_Number=24-101&limit=500')).filter(
    (p) => cents(p.Current_Est_Cost ?? '0') !== 0,
  );
  const [matching, changed] = phases;
  if (!matching || !changed)
    throw new Error('job 24-101 has fewer than two estimated phases in the demo company');
  await budgetLine(
    ids['24-101'] as string,
    matching.Phase_Code as string,
    matching.Cost_Type as string,
    cents(matching.Current_Est_Cost as string),
  );
  await budgetLine(ids['24-101'] as string, changed.Phase_Code as string, changed.Cost_Type as string, 1);
  await budgetLine(ids['24-101A'] as string, '01-0000', 'L', 123_456);
  const companyId = await e.linkedCompany('BAYPLB');
  const exported = await e.commitment(ids['24-101'] as string, companyId, { number: 'SC-CW' });
  expect((await e.accept(await e.send('commitment', exported))).status).toBe(200);
  await e.drain();
  await e.commitment(ids['24-102'] as string, companyId, { number: 'SC-PM', lines: [SUB_LINES[0]] });
}, 120_000);
afterAll(async () => {
  await e?.close();
});

describe('company-wide reconciliation from whole tables streamed in job order (REC-1, REC-2)', () => {
  it('REC-1 REC-2: company-wide equals the per-job reports one after the other, in job-number order', async () => {
    const all = await companyWide();
    expect(all.map((j) => j.jobNumber)).toEqual(['24-101', '24-101A', '24-102', '24-105']);
    const service = e.t.app.get(ReconciliationService);
    for (const job of ['24-101', '24-102', '24-105']) {
      const one = await service.forProject(ids[job] as string);
      expect(all.find((j) => j.jobNumber === job)).toEqual(one);
    }
    // the sections hold what the set-up made: an exported commitment matched, a budget line different
    const first = all[0] as JobReconciliation;
    expect(first.commitments.rows).toEqual(
      expect.arrayContaining([expect.objectContaining({ key: 'BAYPLB/SC-CW', status: 'matched' })]),
    );
    expect(first.budget.rows.filter((r) => r.status === 'different')).toHaveLength(1);

    // the CSV: the header, then each job's rows as its own report has them, in job-number order (24-101A, a job
    // Spectrum does not have, has no per-job report to compare with)
    const company = (await csv('format=csv')).split('\n');
    const known = [];
    for (const job of ['24-101', '24-102', '24-105'])
      known.push(...(await csv(`projectId=${ids[job]}&format=csv`)).split('\n').slice(1, -1));
    expect(company[0]).toBe('job,project,section,key,status,pm_amount,spectrum_amount,differences');
    expect(company.slice(1, -1).filter((l) => !l.startsWith('24-101A,'))).toEqual(known);
  });

  it('REC-1: a job only in PM (Spectrum has no such job) is reconciled against nothing: every row only in PM', async () => {
    const job = (await companyWide()).find((j) => j.jobNumber === '24-101A') as JobReconciliation;
    expect(job.budget.rows).toEqual([
      expect.objectContaining({ key: '010000/L', status: 'only_pm', spectrum: null }),
    ]);
    expect(job.status).toBe('different');
    expect(job.budget.totals).toMatchObject({ pmCents: 123_456, spectrumCents: 0, differenceCents: 123_456 });
  });

  it('REC-1: jobs only in Spectrum (no project linked) are passed over; the jobs after them still get their own rows', async () => {
    const all = await companyWide();
    expect(all.map((j) => j.jobNumber)).not.toContain('23-087');
    expect(all.map((j) => j.jobNumber)).not.toContain('24-103');
    // 24-105 comes after several unlinked jobs: its Spectrum rows are all there (no PM budget: only in Spectrum)
    const last = all.at(-1) as JobReconciliation;
    expect(last.jobNumber).toBe('24-105');
    expect(last.budget.rows.length).toBeGreaterThan(0);
    expect(last.budget.rows.every((r) => r.status === 'only_spectrum')).toBe(true);
    expect(last).toEqual(await e.t.app.get(ReconciliationService).forProject(ids['24-105'] as string));
  });

  it('REC-1: when Spectrum cannot be read mid-report, the CSV ends with a line naming the job and the failure', async () => {
    await e.sim$('POST', '/faults', { service: 'infolink', kind: 'refuse', times: 100 });
    try {
      const lines = (await csv('format=csv')).trim().split('\n');
      expect(lines).toHaveLength(2);
      expect(lines[1]).toMatch(/^24-101,Project 24-101,error,,failed,,,"?Spectrum could not be read: /);
    } finally {
      await e.sim$('DELETE', '/faults');
    }
  });
});
