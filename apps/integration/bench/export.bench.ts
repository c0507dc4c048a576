/**
 * Export benchmark (`pnpm bench:export` at the root): 1,000 accepted commitments of 10 lines each exported by the
 * worker against the demo simulator in a child process, beside the time the client alone needs to send the same
 * calls (1 UpdateSubcontract + 10 UpdateSubcontractPhases per commitment, one after another). Prints wall time,
 * Spectrum calls per second, peak RSS and the duplicates found in the simulator (must be 0). Target ≤ 1.3× the client.
 * Options: BENCH_COMMITMENTS (default 1000), BENCH_DATABASE_URL (a database to use as is, e.g. `pglite://memory`), else
 * TEST_DATABASE_URL (a PostgreSQL server: a scratch database is created on it and dropped afterwards), else an embedded
 * database in a temp dir;
 * EXPORT_VERIFY_AFTER_SYNC=false (no VER-4 read-back after each export: the worker then sends the same calls as the
 * client alone), BENCH_CONCURRENCY (requests per worker at a time, default EXPORT_CONCURRENCY's default), BENCH_PROFILE (a folder: a
 * CPU profile of the worker run, `export-worker.cpuprofile`; `node scripts/profile-top.mjs` says where the time went). Prints the load average: compare
 * figures from quiet runs only (the machine is shared).
 */
import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSpectrumClient } from '@bridge/spectrum-client';
import { ExportWorker } from '../dist/exports/export-worker.service.js';
import { BENCH_JOB, BENCH_VENDOR, openSeeder, PHASES, preparePhases, rowsOf, simControl } from './fleet.ts';
import {
  benchDatabase,
  describeNodeFlags,
  embeddedNote,
  mb,
  migrate,
  profiled,
  startSimulator,
} from './support.ts';

const N = Number(process.env.BENCH_COMMITMENTS ?? 1000);
/** The highest Spectrum call limits an admin can set (OPS-11). */
const MAX_CONCURRENT_LIMIT = 32;
/**
 * Calls a second: the highest an admin can set (500) unless BENCH_CALLS_PER_SECOND says otherwise — above what the
 * client alone sends, the limit no longer binds and the ratio measures the worker's own cost.
 */
const PER_SECOND_LIMIT = Number(process.env.BENCH_CALLS_PER_SECOND ?? 500);

async function measured<T>(
  fn: () => Promise<T>,
): Promise<{ value: T; ms: number; peakRssMb: number; cpuMs: number }> {
  let peak = process.memoryUsage().rss;
  const cpu0 = process.cpuUsage();
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 25);
  const t0 = performance.now();
  try {
    const value = await fn();
    const cpu = process.cpuUsage(cpu0);
    return {
      value,
      ms: performance.now() - t0,
      peakRssMb: mb(Math.max(peak, process.memoryUsage().rss)),
      cpuMs: (cpu.user + cpu.system) / 1000,
    };
  } finally {
    clearInterval(timer);
  }
}

async function main() {
  console.log(
    `load average at start: ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  const sim = await startSimulator('demo');
  const dir = mkdtempSync(join(tmpdir(), 'bridge-export-bench-'));
  const database = await benchDatabase(dir);
  const databaseUrl = database.url;
  console.log(describeNodeFlags());
  console.log(`database: ${databaseUrl.replace(/\/\/[^@]*@/, '//…@')}`);
  try {
    await preparePhases(sim.url);
    // the reference: the client alone sends the same calls, one after another
    const client = createSpectrumClient({
      baseUrl: sim.url,
      companyCode: 'ABC',
      authorizationId: 'BRIDGEDEMO',
    });
    await client.listCostTypes().toArray();
    const ref = await measured(async () => {
      for (let i = 0; i < N; i++) {
        const key = { vendorCode: 'BAYPLB', subcontractNumber: `R${i}` };
        await client.upsertSubcontract({
          ...key,
          jobNumber: BENCH_JOB,
          glAccount: '5200',
          defaultCostType: 'S',
          statusCode: 'A',
          contractType: 'SUBCONTRACT',
        });
        for (const [k, phaseCode] of PHASES.entries()) {
          await client.upsertSubcontractLine({
            ...key,
            phaseCode,
            costType: 'S',
            billDescription: `Line ${k + 1}`,
            originalContractCents: (k + 1) * 100_001,
          });
        }
      }
    });
    const calls = N * (1 + PHASES.length);
    console.log(
      `client alone: ${calls} calls in ${(ref.ms / 1000).toFixed(1)} s (${Math.round(calls / (ref.ms / 1000))} calls/s; this process's CPU ${(ref.cpuMs / N).toFixed(2)} ms per commitment)`,
    );

    // the service: connected with the bench's limits, a project and a company linked to the bench job and vendor
    if (!databaseUrl.startsWith('pglite://')) await migrate(databaseUrl);
    const seeder = await openSeeder(
      databaseUrl,
      sim.url,
      { maxConcurrentCalls: MAX_CONCURRENT_LIMIT, callsPerSecond: PER_SECOND_LIMIT },
      PHASES.length,
      // EXPORT_VERIFY_AFTER_SYNC=false: without the read-back, the same calls as the client alone
      {
        env: process.env.EXPORT_VERIFY_AFTER_SYNC
          ? { EXPORT_VERIFY_AFTER_SYNC: process.env.EXPORT_VERIFY_AFTER_SYNC }
          : {},
      },
    );
    const { app, env, prisma } = seeder;
    const t0 = performance.now();
    for (let i = 0; i < N; i++) await seeder.accepted(`B-${i}`);
    console.log(
      `set-up: ${N} commitments sent and accepted in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
    );
    const worker = app.get(ExportWorker);
    if (process.env.BENCH_CONCURRENCY) worker.concurrency = Number(process.env.BENCH_CONCURRENCY);
    await simControl(sim.url)('DELETE', '/traffic');
    const run = await measured(() => profiled('export-worker', () => worker.drain()));
    const traffic = (await simControl(sim.url)('GET', '/traffic')) as {
      total: number;
      maxConcurrent: number;
      maxPerSecond: number;
    };
    const states = await prisma.exportRequest.groupBy({ by: ['state'], _count: { _all: true } });
    const subs = rowsOf(
      await simControl(sim.url)('GET', `/state/subcontracts?Vendor_Code=${BENCH_VENDOR}&limit=5000`),
    );
    const lines = rowsOf(
      await simControl(sim.url)('GET', `/state/subcontract-lines?Vendor_Code=${BENCH_VENDOR}&limit=20000`),
    );
    const duplicates =
      subs.length - new Set(subs.map((s) => s.Subcontract_Number)).size + (lines.length - N * PHASES.length);
    console.log(
      `worker: ${run.value} exports, ${calls} calls in ${(run.ms / 1000).toFixed(1)} s (${Math.round(calls / (run.ms / 1000))} calls/s, ${(run.value / (run.ms / 1000)).toFixed(1)} exports/s), peak RSS ${run.peakRssMb} MB; this process's CPU ${(run.cpuMs / N).toFixed(2)} ms per export`,
    );
    // every call holds a per-second permit until one second after its answer (OPS-10): the limit alone needs this long
    const floorMs = (traffic.total / PER_SECOND_LIMIT) * 1000;
    console.log(
      `simulator: ${traffic.total} calls during the worker run (the writes${env.EXPORT_VERIFY_AFTER_SYNC ? ' and the read-back after each export' : ''}), max ${traffic.maxConcurrent} at once (limit ${MAX_CONCURRENT_LIMIT}), max ${traffic.maxPerSecond} within one second (limit ${PER_SECOND_LIMIT}); ` +
        `the call limit alone needs ≥ ${(floorMs / 1000).toFixed(1)} s for them (${(floorMs / ref.ms).toFixed(2)}× the client alone)`,
    );
    console.log(
      `states: ${JSON.stringify(states.map((s) => [s.state, s._count._all]))}; subcontracts ${subs.length}, lines ${lines.length}, duplicates ${duplicates}`,
    );
    console.log(
      `ratio worker / client alone: ${(run.ms / ref.ms).toFixed(2)}× (target ≤ 1.3×; ${worker.concurrency} requests at a time; load average ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')})`,
    );
    console.log(embeddedNote(databaseUrl));
    await seeder.close();
    if (duplicates !== 0 || subs.length !== N) process.exitCode = 1;
  } finally {
    sim.child.kill();
    await database.drop();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
