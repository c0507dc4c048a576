/**
 * Scale benchmark (`pnpm bench:scale` at the root): 1, 2 and 3 service instances (separate processes) on one
 * PostgreSQL database export the same 1,000 accepted commitments against the simulator (a child process) answering
 * every call after 20 ms. For each k it prints the wall time, exports/s, the ratio to one instance (target
 * ≥ 0.8·k× until the connection's Spectrum call limit binds; where it binds, 0.8× what the limit lets k instances do
 * over one: its calls at once over one instance's calls in flight, its calls a second over one instance's), each
 * instance's share, the duplicates found in the simulator (must be 0) and the most calls in flight / started within
 * one second the simulator saw beside the limit (must never exceed it).
 * Needs PostgreSQL: BENCH_DATABASE_URL or TEST_DATABASE_URL (a server; scratch databases are created and dropped).
 * Options: BENCH_COMMITMENTS (1000), BENCH_LINES (lines per commitment, 2: 1 + lines calls each), BENCH_LATENCY_MS
 * (20), BENCH_INSTANCES (e.g. "1,2,3"), BENCH_MAX_CONCURRENT (the connection's maxConcurrentCalls, 10),
 * BENCH_CALLS_PER_SECOND (callsPerSecond, 500), BENCH_CONCURRENCY (EXPORT_CONCURRENCY per instance, 4),
 * EXPORT_VERIFY_AFTER_SYNC=false (no VER-4 read-back: its two reads run beside the lanes, so with it an instance
 * has up to twice its lanes' calls in flight).
 */
import { fork } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { createThrowawayDatabase } from '../dist/platform/db/adapters.js';
import {
  BENCH_VENDOR,
  cloneDatabase,
  openSeeder,
  preparePhases,
  rowsOf,
  simControl,
  type Traffic,
} from './fleet.ts';
import { migrate, startSimulator } from './support.ts';

const N = Number(process.env.BENCH_COMMITMENTS ?? 1000);
const LINES = Number(process.env.BENCH_LINES ?? 2);
const LATENCY = Number(process.env.BENCH_LATENCY_MS ?? 20);
const KS = (process.env.BENCH_INSTANCES ?? '1,2,3').split(',').map(Number);
const MAX_CONCURRENT = Number(process.env.BENCH_MAX_CONCURRENT ?? 10);
const PER_SECOND = Number(process.env.BENCH_CALLS_PER_SECOND ?? 500);
const LANES = Number(process.env.BENCH_CONCURRENCY ?? 4);
/** The VER-4 read-back after each export (on unless EXPORT_VERIFY_AFTER_SYNC=false): its subcontract and its lines. */
const READ_BACK = /^(false|0|no)$/.test(process.env.EXPORT_VERIFY_AFTER_SYNC ?? '') ? 0 : 2;
const CALLS = N * (1 + LINES + READ_BACK);

const serverUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
if (!serverUrl?.startsWith('postgres')) {
  console.error(
    'bench:scale needs PostgreSQL (several instances share one database): set TEST_DATABASE_URL=postgresql://… (a server: scratch databases are created and dropped) or BENCH_DATABASE_URL',
  );
  process.exit(2);
}
const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');

interface InstanceResult {
  exported: number;
  ms: number;
  cpuMs: number;
  rssMb: number;
}

/** Forks k instances on the database, starts them together, and waits until every request is exported. */
async function runInstances(
  databaseUrl: string,
  k: number,
): Promise<{ wallMs: number; instances: InstanceResult[] }> {
  const script = fileURLToPath(new URL('./scale-instance.ts', import.meta.url));
  const children = Array.from({ length: k }, (_, i) =>
    fork(script, [], {
      execArgv: process.execArgv,
      env: {
        ...process.env,
        DATABASE_URL: databaseUrl,
        INSTANCE_ID: `scale-${k}-${i + 1}`,
        EXPORT_CONCURRENCY: String(LANES),
      },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    }),
  );
  const message = (c: (typeof children)[number], key: string) =>
    new Promise<Record<string, unknown>>((resolve, reject) => {
      const onMessage = (m: Record<string, unknown>) => {
        if (m[key]) {
          c.off('message', onMessage);
          resolve(m);
        }
      };
      c.on('message', onMessage);
      c.once('exit', (code) => reject(new Error(`instance exited with ${code} before "${key}"`)));
    });
  try {
    await Promise.all(children.map((c) => message(c, 'ready')));
    const done = children.map((c) => message(c, 'done'));
    const t0 = performance.now();
    for (const c of children) c.send({ go: true });
    const results = await Promise.all(done);
    const wallMs = performance.now() - t0;
    return {
      wallMs,
      instances: results.map((r) => ({
        exported: Number(r.exported),
        ms: Number(r.ms),
        cpuMs: Number(r.cpuMs),
        rssMb: Number(r.rssMb),
      })),
    };
  } finally {
    for (const c of children) if (c.exitCode === null) c.kill();
  }
}

async function main() {
  console.log(`load average at start: ${load()}`);
  console.log(
    `${N} commitments of ${LINES} lines (${CALLS} Spectrum calls), simulator latency ${LATENCY} ms per call, ${LANES} exports at a time per instance; connection limit ${MAX_CONCURRENT} calls at once, ${PER_SECOND} a second`,
  );
  const sim = await startSimulator('demo');
  const sim$ = simControl(sim.url);
  const template = await createThrowawayDatabase(serverUrl as string, 'bridge_scale_tpl');
  const clones: { drop(): Promise<void> }[] = [];
  const rows: string[] = [];
  let failed = false;
  try {
    await migrate(template.url);
    await preparePhases(sim.url);
    const t0 = performance.now();
    const seeder = await openSeeder(
      template.url,
      sim.url,
      { maxConcurrentCalls: MAX_CONCURRENT, callsPerSecond: PER_SECOND },
      LINES,
    );
    let next = 0;
    await Promise.all(
      Array.from({ length: 4 }, async () => {
        while (next < N) await seeder.accepted(`S-${next++}`);
      }),
    );
    await seeder.close();
    console.log(
      `set-up: ${N} commitments sent and accepted in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
    );

    let single: { exports: number; calls: number } | null = null;
    for (const k of KS) {
      const db = await cloneDatabase(template.url, `bridge_scale_${k}_${randomUUID().slice(0, 8)}`);
      clones.push(db);
      // a fresh Spectrum for each k: the demo company, the bench phases, the latency, zeroed figures
      await sim$('POST', '/reset');
      await preparePhases(sim.url);
      await sim$('POST', '/faults', { service: '*', kind: 'latency', ms: LATENCY });
      await sim$('DELETE', '/traffic');
      const run = await runInstances(db.url, k);
      const traffic = (await sim$('GET', '/traffic')) as Traffic;
      const subs = rowsOf(await sim$('GET', `/state/subcontracts?Vendor_Code=${BENCH_VENDOR}&limit=5000`));
      const lines = rowsOf(
        await sim$('GET', `/state/subcontract-lines?Vendor_Code=${BENCH_VENDOR}&limit=50000`),
      );
      const duplicates =
        subs.length -
        new Set(subs.map((s) => s.Subcontract_Number)).size +
        (lines.length - new Set(lines.map((l) => `${l.Subcontract_Number}/${l.Phase_Code}`)).size);
      const exported = run.instances.reduce((a, r) => a + r.exported, 0);
      const perSecond = exported / (run.wallMs / 1000);
      const callsPerSecond = traffic.total / (run.wallMs / 1000);
      single ??= { exports: perSecond, calls: callsPerSecond };
      const ratio = perSecond / single.exports;
      // Where the connection's limit binds, k instances cannot go faster than it lets them: an instance has up to its
      // lanes' calls in flight (twice that with the read-back, whose reads run beside the lanes), and the calls a
      // second are capped. The target is 0.8× the lesser of k and what each limit allows over one instance.
      const inFlight = k * LANES * (READ_BACK ? 2 : 1);
      const atOnceCeiling = MAX_CONCURRENT / (LANES * (READ_BACK ? 2 : 1));
      const perSecondCeiling = PER_SECOND / single.calls;
      const ceiling = Math.min(k, atOnceCeiling, perSecondCeiling);
      const binds =
        ceiling === k
          ? ''
          : ceiling === atOnceCeiling
            ? `: the limit binds, up to ${inFlight} calls in flight > ${MAX_CONCURRENT} at once`
            : `: the limit binds, ${k} × ${Math.round(single.calls)} calls/s > ${PER_SECOND} a second`;
      const target = 0.8 * ceiling;
      const ok =
        duplicates === 0 &&
        subs.length === N &&
        lines.length === N * LINES &&
        exported === N &&
        traffic.maxConcurrent <= MAX_CONCURRENT &&
        traffic.maxPerSecond <= PER_SECOND;
      if (!ok) failed = true;
      const line =
        `k=${k}: ${exported} exports in ${(run.wallMs / 1000).toFixed(1)} s = ${perSecond.toFixed(1)} exports/s ` +
        `(${Math.round(callsPerSecond)} calls/s), ratio ${ratio.toFixed(2)}× ` +
        `(target ≥ ${target.toFixed(2)}×${binds}${ratio >= target ? ', met' : ', NOT met'}); ` +
        `per instance ${run.instances.map((r) => r.exported).join('/')}, ` +
        `instance CPU ${(run.instances.reduce((a, r) => a + r.cpuMs, 0) / exported).toFixed(1)} ms per export (${(run.instances.reduce((a, r) => a + r.cpuMs, 0) / run.wallMs).toFixed(2)} cores), RSS ${run.instances.map((r) => r.rssMb).join('/')} MB; ` +
        `simulator: ${traffic.total} calls (expected ${CALLS}${READ_BACK ? ' with the read-back' : ''}), max ${traffic.maxConcurrent} at once (limit ${MAX_CONCURRENT}${traffic.maxConcurrent >= MAX_CONCURRENT ? ': reached' : ''}), ` +
        `max ${traffic.maxPerSecond} within one second (limit ${PER_SECOND}); subcontracts ${subs.length}, lines ${lines.length}, duplicates ${duplicates}` +
        `${ok ? '' : ' — FAILED'}; load average ${load()}`;
      console.log(line);
      rows.push(line);
      await db.drop();
    }
    console.log('\nsummary:');
    for (const r of rows) console.log(`  ${r}`);
    console.log(
      'database: PostgreSQL; instances are separate processes on this machine, like the simulator and PostgreSQL: compare figures from quiet runs only (the machine is shared)',
    );
  } finally {
    sim.child.kill();
    for (const c of clones) await c.drop().catch(() => {});
    await template.drop();
  }
  if (failed) process.exitCode = 1;
}

await main();
