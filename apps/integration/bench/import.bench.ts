/**
 * Import benchmark (`pnpm bench:import` at the root): a generated large Spectrum company (≥ 2,000 jobs, ≥ 200,000
 * phase rows, ≥ 20,000 vendors) in a simulator child process; the client alone downloading everything the three
 * sync groups read; then the full first import and a no-change re-run on the embedded database (or
 * BENCH_DATABASE_URL), with wall time, peak RSS and rows written.
 *
 * Targets: full ≤ 2× download, re-run ≤ 1.2× download with 0 rows written, RSS ≤ 400 MB.
 * Options: BENCH_PHASE_ROWS (default 200000), BENCH_DATABASE_URL (a database to use as is), else TEST_DATABASE_URL
 * (a PostgreSQL server: a scratch database is created on it and dropped afterwards), else an embedded database in a
 * temp dir. BENCH_DIAG=1 prints memory after each phase (BENCH_HEAP_SNAPSHOT=1 also writes a heap snapshot there);
 * BENCH_DOWNLOAD_IN_PROCESS=1 runs the reference download in this process (by default a child process does, so its
 * heap is not counted in the import's RSS). V8 heap flags go on the node command line, e.g.
 * `node --expose-gc --max-old-space-size=256 --max-semi-space-size=8 bench/import.bench.ts` (printed first).
 */
import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeHeapSnapshot } from 'node:v8';
import { createSpectrumClient, type SpectrumClient } from '@bridge/spectrum-client';
import { pino } from 'pino';
import { createApp } from '../dist/app.js';
import { CostCodesImportService } from '../dist/imports/cost-codes/cost-codes-import.service.js';
import type { ImportRunContext, RunCounter } from '../dist/imports/import-context.js';
import { ImportsRepository } from '../dist/imports/imports.repository.js';
import { JobsImportService } from '../dist/imports/jobs/jobs-import.service.js';
import { VendorsImportService } from '../dist/imports/vendors/vendors-import.service.js';
import { connectDatabase } from '../dist/platform/db/prisma.service.js';
import {
  benchDatabase,
  benchEnv,
  childJson,
  describeNodeFlags,
  embeddedNote,
  mb,
  migrate,
  startSimulator,
  topMappings,
} from './support.ts';

const PHASE_ROWS = Number(process.env.BENCH_PHASE_ROWS ?? 200_000);

/** Peak RSS of this process while `fn` runs (sampled every 25 ms). */
async function measured<T>(
  fn: () => Promise<T>,
): Promise<{ value: T; ms: number; peakRssMb: number; peakHeapMb: number; startRssMb: number }> {
  global.gc?.();
  const start = process.memoryUsage();
  let peak = start.rss;
  let heap = start.heapUsed;
  const timer = setInterval(() => {
    const m = process.memoryUsage();
    peak = Math.max(peak, m.rss);
    heap = Math.max(heap, m.heapUsed);
  }, 25);
  const t0 = performance.now();
  try {
    const value = await fn();
    return {
      value,
      ms: performance.now() - t0,
      peakRssMb: mb(Math.max(peak, process.memoryUsage().rss)),
      peakHeapMb: mb(heap),
      startRssMb: mb(start.rss),
    };
  } finally {
    clearInterval(timer);
  }
}

/** Everything the three groups read, with the client alone (the reference time). */
async function download(client: SpectrumClient): Promise<{ rows: number; vendorTypes: Set<string> }> {
  let rows = 0;
  const vendorTypes = new Set<string>();
  for await (const _ of client.listStandardPhases()) rows++;
  for await (const _ of client.listCostTypes()) rows++;
  const jobs: string[] = [];
  for await (const j of client.listJobs()) {
    rows++;
    jobs.push(j.jobNumber.trim());
  }
  for (const job of jobs) for await (const _ of client.getPhases({ jobNumber: job })) rows++;
  for await (const v of client.listVendorMaster()) {
    rows++;
    vendorTypes.add(v.type.trim().toUpperCase());
  }
  for await (const _ of client.listJobs()) rows++;
  for await (const _ of client.listContracts()) rows++;
  for await (const _ of client.listContractItems()) rows++;
  return { rows, vendorTypes };
}

function spectrumClient(baseUrl: string): SpectrumClient {
  return createSpectrumClient({
    baseUrl,
    companyCode: 'GEN',
    authorizationId: 'BRIDGEDEMO',
    timeoutMs: 120_000,
  });
}

interface Downloaded {
  rows: number;
  vendorTypes: string[];
  ms: number;
  peakRssMb: number;
  peakHeapMb: number;
  startRssMb: number;
}

async function downloadMeasured(client: SpectrumClient): Promise<Downloaded> {
  // warm-up (connections, JIT) then the reference download
  await client.listCostTypes().toArray();
  const dl = await measured(() => download(client));
  const { value, ...m } = dl;
  return { rows: value.rows, vendorTypes: [...value.vendorTypes], ...m };
}

/** The reference download in a child process (`--download <url>` prints its figures as JSON). */
function downloadInChild(url: string): Promise<Downloaded> {
  return childJson(fileURLToPath(import.meta.url), ['--download', url], ['--expose-gc']);
}

async function main() {
  console.log(describeNodeFlags());
  console.log(`starting the simulator with a generated company of ${PHASE_ROWS} phase rows…`);
  const sim = await startSimulator(`generated:42:${PHASE_ROWS}`);
  const dir = mkdtempSync(join(tmpdir(), 'bridge-bench-'));
  const database = await benchDatabase(dir);
  const databaseUrl = database.url;
  try {
    const client = spectrumClient(sim.url);
    // the reference download runs in a child process of its own by default, so that its heap (the client's replies)
    // is not counted in the import's RSS; BENCH_DOWNLOAD_IN_PROCESS=1 runs it here, before the import
    const dl: Downloaded = process.env.BENCH_DOWNLOAD_IN_PROCESS
      ? await downloadMeasured(client)
      : await downloadInChild(sim.url);
    await client.listCostTypes().toArray();
    console.log(
      `download${process.env.BENCH_DOWNLOAD_IN_PROCESS ? '' : ' (child process)'}: ${dl.rows} rows in ${(dl.ms / 1000).toFixed(1)} s, peak RSS ${dl.peakRssMb} MB (start ${dl.startRssMb} MB, JS heap ${dl.peakHeapMb} MB)`,
    );
    console.log(`database: ${databaseUrl.replace(/\/\/[^@]*@/, '//…@')}`);

    const env = benchEnv(databaseUrl);
    // migrations run in a child process (the schema engine is not part of the import's footprint)
    await migrate(databaseUrl);
    const db = await connectDatabase(env.DATABASE_URL, { migrate: false });
    const app = await createApp({ env, logger: pino({ level: 'silent' }), prisma: db.prisma });
    await app.init();
    await db.prisma.integrationSettings.upsert({
      where: { id: 1 },
      create: { id: 1, companyCode: 'GEN', vendorTypeFilter: [...dl.vendorTypes] },
      update: { vendorTypeFilter: [...dl.vendorTypes] },
    });
    if (process.env.BENCH_DIAG) {
      global.gc?.();
      const m = process.memoryUsage();
      console.log(
        `  service started: rss ${mb(m.rss)} MB, heap ${mb(m.heapUsed)} MB, external ${mb(m.external)} MB`,
      );
    }
    const repo = app.get(ImportsRepository);
    const services = [
      app.get(CostCodesImportService),
      app.get(VendorsImportService),
      app.get(JobsImportService),
    ];
    const silent = { debug() {}, info() {}, warn() {}, error() {} };

    const tableRows = async () => {
      const r = await db.prisma.$queryRawUnsafe<{ n: bigint }[]>(
        `SELECT (SELECT count(*) FROM "SpectrumRecord") + (SELECT count(*) FROM "SyncLink") + (SELECT count(*) FROM "CostCode")
              + (SELECT count(*) FROM "CostType") AS n`,
      );
      return Number(r[0]?.n ?? 0);
    };
    const importAll = async () => {
      const counts: Record<RunCounter, number> = {
        read: 0,
        created: 0,
        updated: 0,
        unchanged: 0,
        vanished: 0,
        failed: 0,
      };
      const ctx: ImportRunContext = {
        runId: 'bench',
        client,
        logger: silent,
        count: (c, n = 1) => {
          counts[c] += n;
        },
        fail: () => {
          counts.failed++;
        },
      };
      for (const s of services) {
        const t0 = performance.now();
        await s.run(ctx);
        if (process.env.BENCH_DIAG) {
          global.gc?.();
          const m = process.memoryUsage();
          console.log(
            `  ${s.constructor.name}: ${((performance.now() - t0) / 1000).toFixed(1)} s; after gc: rss ${mb(m.rss)} MB, heap ${mb(m.heapUsed)} MB (committed ${mb(m.heapTotal)} MB), external ${mb(m.external)} MB, arrayBuffers ${mb(m.arrayBuffers)} MB`,
          );
          console.log(`    largest mappings: ${topMappings()}`);
          if (process.env.BENCH_HEAP_SNAPSHOT) console.log(`  heap snapshot: ${writeHeapSnapshot()}`);
        }
      }
      return counts;
    };

    const report: Record<string, unknown>[] = [];
    for (const label of ['full import', 'no-change re-run']) {
      const rowsBefore = await tableRows();
      const footBefore = await repo.footprint();
      const r = await measured(importAll);
      const rowsAfter = await tableRows();
      const unchangedTables = JSON.stringify(footBefore) === JSON.stringify(await repo.footprint());
      const written = r.value.created + r.value.updated + r.value.vanished;
      report.push({
        run: label,
        'wall s': +(r.ms / 1000).toFixed(1),
        '× download': +(r.ms / dl.ms).toFixed(2),
        'peak RSS MB': r.peakRssMb,
        'RSS at start MB': r.startRssMb,
        'peak JS heap MB': r.peakHeapMb,
        'rows read': r.value.read,
        'rows written (created+updated+vanished)': written,
        'new table rows': rowsAfter - rowsBefore,
        'tables untouched': unchangedTables,
        failed: r.value.failed,
      });
      console.log(
        `${label}: ${(r.ms / 1000).toFixed(1)} s, ${written} rows written, peak RSS ${r.peakRssMb} MB`,
      );
    }
    console.log(
      `\nreference: client download ${(dl.ms / 1000).toFixed(1)} s for ${dl.rows} rows (RSS ${dl.peakRssMb} MB)`,
    );
    console.table(report);
    const [full, rerun] = report as {
      '× download': number;
      'peak RSS MB': number;
      'rows written (created+updated+vanished)': number;
    }[];
    console.log(
      `targets: full ≤ 2× download: ${full && full['× download'] <= 2 ? 'met' : 'MISSED'}; re-run ≤ 1.2× with 0 rows: ${
        rerun && rerun['× download'] <= 1.2 && rerun['rows written (created+updated+vanished)'] === 0
          ? 'met'
          : 'MISSED'
      }; RSS ≤ 400 MB: ${Math.max(full?.['peak RSS MB'] ?? 0, rerun?.['peak RSS MB'] ?? 0) <= 400 ? 'met' : 'MISSED'}`,
    );
    console.log(embeddedNote(databaseUrl));
    await app.close();
    await db.close();
  } finally {
    sim.child.kill();
    rmSync(dir, { recursive: true, force: true });
    await database.drop();
  }
}

const downloadAt = process.argv.indexOf('--download');
(downloadAt >= 0
  ? downloadMeasured(spectrumClient(process.argv[downloadAt + 1] as string)).then((d) =>
      process.stdout.write(JSON.stringify(d)),
    )
  : main()
).catch((e) => {
  console.error(e);
  process.exit(1);
});
