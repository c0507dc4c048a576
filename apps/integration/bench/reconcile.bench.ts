/**
 * Reconciliation benchmark (`pnpm bench:reconcile` at the root): the generated large Spectrum company (2,000 jobs,
 * 200,000 phase rows, 20,000 vendors) in a simulator child process, with per job two subcontracts of five lines, a
 * contract of five billing items and a change request (cost and revenue lines); the PM side holds records for all of
 * it (a project linked to every job, budgets for every phase row, the commitments exported to the subcontracts, the
 * prime contracts, a commitment change order exported to each change request), written with bulk inserts.
 *
 * Prints: the download of the same Spectrum tables with the client alone (in a child process), the company-wide
 * reconciliation (the service in a child process of its own with the service's node flags, every job rendered as the
 * CSV report writes it), the ratio, peak RSS
 * of this process and the rows per section. Targets: ≤ 1.5× the download, peak RSS ≤ 400 MB.
 * Options: BENCH_PHASE_ROWS (default 200000; jobs are a hundredth of it), BENCH_RUNS (reconciliations, default 2),
 * BENCH_DATABASE_URL / TEST_DATABASE_URL as the other service benches.
 */
import 'reflect-metadata';
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createSpectrumClient, type SpectrumClient } from '@bridge/spectrum-client';
import { pino } from 'pino';
import { createApp } from '../dist/app.js';
import { loadEnv } from '../dist/config/env.js';
import { connectDatabase } from '../dist/platform/db/prisma.service.js';
import { ReconciliationService } from '../dist/reconciliation/reconciliation.service.js';
import { jobCsv } from '../dist/reconciliation/reconciliation-csv.js';
import { SettingsService } from '../dist/settings/settings.service.js';
import { benchDatabase, describeNodeFlags, embeddedNote, mb, migrate, startSimulator } from './support.ts';

const PHASE_ROWS = Number(process.env.BENCH_PHASE_ROWS ?? 200_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 2);
const SUBS_PER_JOB = 2;
const LINES_PER_SUB = 5;
const ITEMS_PER_CONTRACT = 5;
const CHUNK = 5_000;

const dollars = (cents: number) => (cents / 100).toFixed(2);
const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');

function spectrumClient(baseUrl: string): SpectrumClient {
  return createSpectrumClient({
    baseUrl,
    companyCode: 'GEN',
    authorizationId: 'BRIDGEDEMO',
    timeoutMs: 120_000,
  });
}

/** The tables the company-wide reconciliation reads, each from start to end with the client alone. */
async function download(client: SpectrumClient): Promise<{ rows: number; ms: number; cpuMs: number }> {
  await client.listCostTypes().toArray(); // warm-up
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  let rows = 0;
  for (const stream of [
    client.listPhaseMaster(),
    client.listSubcontractsByJob(),
    client.listSubcontractLinesByJob(),
    client.listContracts(),
    client.listContractItems(),
    client.listChangeRequests(),
    client.listChangeRequestLines(),
    client.listChangeRequestRevenueLines(),
  ] as AsyncIterable<unknown>[])
    for await (const _ of stream) rows++;
  const cpu = process.cpuUsage(cpu0);
  return { rows, ms: performance.now() - t0, cpuMs: (cpu.user + cpu.system) / 1000 };
}

function downloadInChild(url: string): Promise<{ rows: number; ms: number; cpuMs: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [fileURLToPath(import.meta.url), '--download', url], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout?.setEncoding('utf8');
    child.stdout?.on('data', (c: string) => {
      out += c;
    });
    child.once('exit', (code) =>
      code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`download exited with ${code}`)),
    );
  });
}

async function sim$(url: string, method: string, path: string, body?: unknown) {
  const res = await fetch(`${url}/__sim${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text.slice(0, 500)}`);
  return text ? JSON.parse(text) : null;
}

async function postAll(url: string, collection: string, rows: Record<string, unknown>[]) {
  for (let i = 0; i < rows.length; i += CHUNK)
    await sim$(url, 'POST', `/state/${collection}`, rows.slice(i, i + CHUNK));
}

interface Job {
  number: string;
  customer: string;
  phases: string[];
}

/** Subcontracts, contracts and change requests for every job, in Spectrum (the generator makes none). */
async function seedSpectrum(url: string, jobs: Job[], vendors: number) {
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
async function seedPm(prisma: Db, client: SpectrumClient, jobs: Job[], vendors: number) {
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

const SECTIONS = ['budget', 'commitments', 'commitmentLines', 'primeContracts', 'changeRequests'] as const;

interface Reconciled {
  ms: number;
  cpuMs: number;
  peakMb: number;
  startMb: number;
  jobs: number;
  bytes: number;
  counts: Record<string, Record<string, number>>;
}

/** The service in this process: the company-wide reconciliation, every job rendered as the CSV report writes it. */
async function reconcile(databaseUrl: string): Promise<Reconciled> {
  const env = loadEnv({
    NODE_ENV: 'production',
    DATABASE_URL: databaseUrl,
    ENCRYPTION_KEY: '0'.repeat(64),
    LOG_LEVEL: 'silent',
    SCHEDULER_ENABLED: 'false',
    WORKER_ENABLED: 'false',
  });
  const db = await connectDatabase(env.DATABASE_URL, { migrate: false });
  const app = await createApp({ env, logger: pino({ level: 'silent' }), prisma: db.prisma });
  await app.init();
  const service = app.get(ReconciliationService);
  const startMb = mb(process.memoryUsage().rss);
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 25);
  const counts: Record<string, Record<string, number>> = {};
  let jobs = 0;
  let bytes = 0;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  for await (const job of service.companyWide(await service.companyWideClient())) {
    jobs++;
    bytes += jobCsv(job).length;
    for (const s of SECTIONS) {
      const c = counts[s] ?? { rows: 0, matched: 0, different: 0, only_pm: 0, only_spectrum: 0 };
      counts[s] = c;
      c.rows = (c.rows ?? 0) + job[s].rows.length;
      for (const [k, v] of Object.entries(job[s].totals.counts)) c[k] = (c[k] ?? 0) + v;
    }
  }
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  clearInterval(timer);
  const peakMb = mb(Math.max(peak, process.memoryUsage().rss));
  await app.close();
  await db.close();
  return { ms, cpuMs: (cpu.user + cpu.system) / 1000, peakMb, startMb, jobs, bytes, counts };
}

/** `reconcile` in a child process with the service's node flags (this one's). */
function reconcileInChild(databaseUrl: string): Promise<Reconciled> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [...process.execArgv, fileURLToPath(import.meta.url), '--reconcile', databaseUrl],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let out = '';
    child.stdout?.setEncoding('utf8');
    child.stdout?.on('data', (c: string) => {
      out += c;
    });
    child.once('exit', (code) =>
      code === 0
        ? resolve(JSON.parse(out) as Reconciled)
        : reject(new Error(`reconcile exited with ${code}`)),
    );
  });
}

async function main() {
  console.log(describeNodeFlags());
  console.log(`load average at start: ${load()}`);
  console.log(`starting the simulator with a generated company of ${PHASE_ROWS} phase rows…`);
  const sim = await startSimulator(`generated:42:${PHASE_ROWS}`);
  const dir = mkdtempSync(join(tmpdir(), 'bridge-reconcile-bench-'));
  const database = await benchDatabase(dir);
  try {
    const client = spectrumClient(sim.url);
    const jobs: Job[] = [];
    for await (const j of client.listJobs())
      jobs.push({ number: j.jobNumber, customer: j.customerCode, phases: [] });
    const phaseCodes = (await client.listStandardPhases().toArray()).map((p) => p.phaseCode);
    for (const job of jobs) job.phases = phaseCodes;
    const vendors = (await client.listVendorMaster().toArray()).length;
    const t0 = performance.now();
    await seedSpectrum(sim.url, jobs, vendors);
    console.log(
      `Spectrum: ${jobs.length} jobs, ${PHASE_ROWS} phase rows, ${vendors} vendors; subcontracts, contracts and change requests added in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
    );

    const env = loadEnv({
      NODE_ENV: 'production',
      DATABASE_URL: database.url,
      ENCRYPTION_KEY: '0'.repeat(64),
      LOG_LEVEL: 'silent',
      SCHEDULER_ENABLED: 'false',
      WORKER_ENABLED: 'false',
    });
    await migrate(database.url);
    const db = await connectDatabase(env.DATABASE_URL, { migrate: false });
    const app = await createApp({ env, logger: pino({ level: 'silent' }), prisma: db.prisma });
    await app.init();
    const settings = app.get(SettingsService);
    await settings.updateConnection('bench', {
      serviceUrl: sim.url,
      companyCode: 'GEN',
      authMode: 'basic',
      servicePassword: 'BRIDGEDEMO',
      // the highest Spectrum call limit an admin can set (the default 10 a second would measure the limit)
      maxConcurrentCalls: 32,
      callsPerSecond: 500,
    } as never);
    const t1 = performance.now();
    const pm = await seedPm(db.prisma, client, jobs, vendors);
    console.log(
      `PM side: ${jobs.length} linked projects, ${pm.budgetLines} budget lines, ${pm.commitments} commitments (${pm.commitmentLines} lines), ${pm.contracts} prime contracts, ${pm.changeOrders} change orders, written in ${((performance.now() - t1) / 1000).toFixed(1)} s`,
    );
    console.log(`database: ${database.url.replace(/\/\/[^@]*@/, '//…@')}`);

    const dl = await downloadInChild(sim.url);
    console.log(
      `download with the client alone (child process): ${dl.rows} rows in ${(dl.ms / 1000).toFixed(1)} s (its CPU ${(dl.cpuMs / 1000).toFixed(1)} s)`,
    );

    // the service reconciles in a process of its own (its RSS is the service's, not the seeding's)
    await app.close();
    await db.close();
    const results: Record<string, unknown>[] = [];
    for (let run = 1; run <= RUNS; run++) {
      const r = await reconcileInChild(database.url);
      console.log(
        `\nrun ${run}: company-wide reconciliation of ${r.jobs} jobs in ${(r.ms / 1000).toFixed(1)} s = ${(r.ms / dl.ms).toFixed(2)}× the download; service CPU ${(r.cpuMs / 1000).toFixed(1)} s; peak RSS ${r.peakMb} MB (at start ${r.startMb} MB); CSV ${mb(r.bytes)} MB; load average ${load()}`,
      );
      console.table(r.counts);
      results.push({
        run,
        s: +(r.ms / 1000).toFixed(1),
        ratio: +(r.ms / dl.ms).toFixed(2),
        peakMb: r.peakMb,
      });
    }
    console.log(`\nreference: client download ${(dl.ms / 1000).toFixed(1)} s for ${dl.rows} rows`);
    console.table(results);
    const worst = results.reduce(
      (w, r) => ({
        ratio: Math.max(w.ratio, r.ratio as number),
        peakMb: Math.max(w.peakMb, r.peakMb as number),
      }),
      { ratio: 0, peakMb: 0 },
    );
    console.log(
      `targets: ≤ 1.5× the download: ${worst.ratio <= 1.5 ? 'met' : 'MISSED'} (worst ${worst.ratio}×); peak RSS ≤ 400 MB: ${worst.peakMb <= 400 ? 'met' : 'MISSED'} (${worst.peakMb} MB)`,
    );
    console.log(embeddedNote(database.url));
  } finally {
    sim.child.kill();
    rmSync(dir, { recursive: true, force: true });
    await database.drop();
  }
}

const downloadAt = process.argv.indexOf('--download');
const reconcileAt = process.argv.indexOf('--reconcile');
(downloadAt >= 0
  ? download(spectrumClient(process.argv[downloadAt + 1] as string)).then((d) =>
      process.stdout.write(JSON.stringify(d)),
    )
  : reconcileAt >= 0
    ? reconcile(process.argv[reconcileAt + 1] as string).then((r) => process.stdout.write(JSON.stringify(r)))
    : main()
).catch((e) => {
  console.error(e);
  process.exit(1);
});
