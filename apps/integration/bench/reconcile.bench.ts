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
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createSpectrumClient, type SpectrumClient } from '@bridge/spectrum-client';
import { pino } from 'pino';
import { createApp } from '../dist/app.js';
import { connectDatabase } from '../dist/platform/db/prisma.service.js';
import { ReconciliationService } from '../dist/reconciliation/reconciliation.service.js';
import { jobCsv } from '../dist/reconciliation/reconciliation-csv.js';
import { SettingsService } from '../dist/settings/settings.service.js';
import { type Job, seedPm, seedSpectrum } from './reconcile-seed.ts';
import {
  benchDatabase,
  benchEnv,
  childJson,
  describeNodeFlags,
  embeddedNote,
  mb,
  migrate,
  startSimulator,
} from './support.ts';

const PHASE_ROWS = Number(process.env.BENCH_PHASE_ROWS ?? 200_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 2);

const _dollars = (cents: number) => (cents / 100).toFixed(2);
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
  return childJson(fileURLToPath(import.meta.url), ['--download', url]);
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
  const env = benchEnv(databaseUrl);
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
  return childJson(fileURLToPath(import.meta.url), ['--reconcile', databaseUrl], process.execArgv);
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

    const env = benchEnv(database.url);
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
