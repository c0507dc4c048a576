/**
 * Soak benchmark (`pnpm bench:soak` at the root; CI never runs it): the service as its own process (`dist/main.js`,
 * export worker on) under mixed load for BENCH_SOAK_MINUTES (default 15) against the simulator (a child process)
 * with random faults switched every 15 s: readers on the list endpoints, a PM creating, sending and an approver
 * accepting commitments, and sync runs. The service's resident memory is sampled every 5 s; printed after the
 * warm-up (BENCH_WARMUP_MINUTES, default a fifth of the run, at most 3) and at the end (target: ≤ 10 % growth).
 * Then the faults stop, the queue drains, and the bench proves nothing was lost or duplicated: every accepted request
 * ended Synced or Failed with a reason, and the simulator holds exactly one subcontract (and its lines) per synced
 * request. Database: TEST_DATABASE_URL (a PostgreSQL server: a scratch database, dropped afterwards),
 * BENCH_DATABASE_URL as is, else an embedded database in a temp dir. Other options: BENCH_SOAK_EXPORTS_PER_SECOND
 * (1), BENCH_SOAK_READERS (3).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  BENCH_VENDOR,
  openSeeder,
  PHASES,
  preparePhases,
  rowsOf,
  rssMb,
  simControl,
  sleep,
  type Traffic,
} from './fleet.ts';
import { benchDatabase, ENCRYPTION_KEY, migrate, startSimulator } from './support.ts';

const MINUTES = Number(process.env.BENCH_SOAK_MINUTES ?? 15);
const WARMUP_MINUTES = Number(process.env.BENCH_WARMUP_MINUTES ?? Math.min(3, MINUTES / 5));
const EXPORTS_PER_SECOND = Number(process.env.BENCH_SOAK_EXPORTS_PER_SECOND ?? 1);
const READERS = Number(process.env.BENCH_SOAK_READERS ?? 3);
const LINES = 2;
const PREFIX = 'SOAK-';
const PM = { Authorization: 'Bearer demo-pm-token' };
const APPROVER = { Authorization: 'Bearer demo-approver-token' };
const ADMIN = { Authorization: 'Bearer demo-admin-token' };
const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');

/** Faults the soak switches between (each for 15 s), on every Spectrum service unless named. */
const FAULTS: Record<string, unknown>[] = [
  { service: '*', kind: 'http-503', rate: 0.1 },
  { service: '*', kind: 'server-fault', rate: 0.1 },
  { service: '*', kind: 'drop-connection', when: 'after', rate: 0.1 },
  { service: '*', kind: 'drop-connection', rate: 0.1 },
  { service: '*', kind: 'latency', ms: 300, rate: 0.3 },
  { service: '*', kind: 'timeout', rate: 0.02 },
  { service: 'infolink', kind: 'http-500', rate: 0.3 },
];

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

function startService(databaseUrl: string, port: number): ChildProcess {
  const main = fileURLToPath(new URL('../dist/main.js', import.meta.url));
  return spawn(process.execPath, ['--max-semi-space-size=32', '--heap-growing-percent=75', main], {
    env: {
      ...process.env,
      NODE_ENV: 'development',
      DEMO_MODE: 'true',
      DATABASE_URL: databaseUrl,
      ENCRYPTION_KEY,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'error',
      WORKER_ENABLED: 'true',
      SCHEDULER_ENABLED: 'false',
      SPECTRUM_TIMEOUT_MS: '5000',
      WEB_DIST_DIR: 'none',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s[Math.floor((s.length - 1) / 2)] as number) : Number.NaN;
};

async function main() {
  console.log(`load average at start: ${load()}`);
  const sim = await startSimulator('demo');
  const sim$ = simControl(sim.url);
  const dir = mkdtempSync(join(tmpdir(), 'bridge-soak-'));
  const database = await benchDatabase(dir);
  const databaseUrl = database.url;
  console.log(
    `database: ${databaseUrl.replace(/\/\/[^@]*@/, '//…@')}; ${MINUTES} min, warm-up ${WARMUP_MINUTES} min`,
  );
  let service: ChildProcess | null = null;
  let failed = false;
  try {
    if (databaseUrl.startsWith('postgres')) await migrate(databaseUrl);
    await preparePhases(sim.url);
    const seeder = await openSeeder(
      databaseUrl,
      sim.url,
      { maxConcurrentCalls: 4, callsPerSecond: 10 },
      LINES,
    );
    const { projectId, companyId } = seeder;
    await seeder.close();
    const port = await freePort();
    service = startService(databaseUrl, port);
    const base = `http://127.0.0.1:${port}`;
    for (let i = 0; ; i++) {
      const up = await fetch(`${base}/health`).then(
        (r) => r.ok,
        () => false,
      );
      if (up) break;
      if (i > 600 || service.exitCode !== null) throw new Error('the service did not start');
      await sleep(100);
    }
    const pid = service.pid as number;
    const api = async (method: string, path: string, headers: Record<string, string>, body?: unknown) => {
      const res = await fetch(`${base}/api/v1${path}`, {
        method,
        headers: { ...headers, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      });
      const text = await res.text();
      return { status: res.status, body: text ? JSON.parse(text) : null };
    };

    const t0 = Date.now();
    const endAt = t0 + MINUTES * 60_000;
    const warmAt = t0 + WARMUP_MINUTES * 60_000;
    const samples: { t: number; rss: number }[] = [];
    const statuses = new Map<string, number>();
    const count = (key: string) => statuses.set(key, (statuses.get(key) ?? 0) + 1);
    const accepted: string[] = [];
    const refused: string[] = [];
    let reads = 0;
    let readErrors = 0;
    let syncs = 0;
    let faultSwitches = 0;
    const running = () => Date.now() < endAt;

    const sampler = (async () => {
      while (running()) {
        const rss = rssMb(pid);
        if (rss !== null) samples.push({ t: Date.now() - t0, rss });
        await sleep(5000);
      }
    })();
    const readPaths = [
      `/commitments?projectId=${projectId}&limit=50`,
      '/export-requests?limit=50',
      '/export-requests?state=failed&limit=50',
      '/importables?type=vendor&limit=50',
      '/sync/runs?limit=20',
      '/projects?limit=50',
      '/companies?limit=50',
      '/reports/accountant',
      '/settings/connection',
    ];
    const readers = Array.from({ length: READERS }, async (_, r) => {
      let i = r;
      while (running()) {
        const path = readPaths[i++ % readPaths.length] as string;
        const res = await api('GET', path, path.startsWith('/settings') ? ADMIN : APPROVER).catch(() => ({
          status: 0,
          body: null,
        }));
        reads++;
        if (res.status !== 200) {
          readErrors++;
          count(`GET ${path.split('?')[0]} ${res.status}`);
        }
        await sleep(20);
      }
    });
    const exporter = (async () => {
      let n = 0;
      while (running()) {
        const started = Date.now();
        const number = `${PREFIX}${n++}`;
        const c = await api('POST', '/commitments', PM, {
          projectId,
          companyId,
          kind: 'subcontract',
          number,
          title: `Soak ${number}`,
          status: 'approved',
          contractDate: '2026-02-20',
          lines: PHASES.slice(0, LINES).map((costCode, k) => ({
            costCode,
            costType: 'S',
            description: `Line ${k + 1}`,
            amountCents: (k + 1) * 100_001,
          })),
        });
        if (c.status !== 201) {
          count(`createCommitment ${c.status}`);
        } else {
          const sent = await api('POST', '/exports/send', PM, { type: 'commitment', id: c.body.id });
          if (sent.status !== 201) count(`sendToErp ${sent.status}`);
          else {
            const ok = await api('POST', `/export-requests/${sent.body.id}/accept`, APPROVER, {});
            if (ok.status === 200) accepted.push(sent.body.id);
            else {
              // the accept's check could not read Spectrum (a fault): the request waits for an approver, unchanged
              refused.push(sent.body.id);
              count(`acceptExportRequest ${ok.status}`);
            }
          }
        }
        await sleep(Math.max(0, 1000 / EXPORTS_PER_SECOND - (Date.now() - started)));
      }
    })();
    const syncer = (async () => {
      const groups = ['vendors', 'jobs', 'cost_codes'];
      let i = 0;
      while (running()) {
        const res = await api('POST', '/sync/runs', ADMIN, { group: groups[i++ % groups.length] });
        if (res.status === 202) syncs++;
        else count(`startSyncRun ${res.status}`);
        await sleep(20_000);
      }
    })();
    const faulter = (async () => {
      let i = 0;
      while (running()) {
        await sim$('DELETE', '/faults');
        const fault = FAULTS[Math.floor(Math.random() * FAULTS.length)];
        if (i++ % 4 !== 3) await sim$('POST', '/faults', fault); // every fourth period is clean
        faultSwitches++;
        await sleep(15_000);
      }
      await sim$('DELETE', '/faults');
    })();
    const progress = setInterval(() => {
      const last = samples.at(-1);
      console.log(
        `  ${Math.round((Date.now() - t0) / 1000)} s: RSS ${last?.rss ?? '?'} MB, ${accepted.length} accepted, ${reads} reads, ${syncs} sync runs, load ${load()}`,
      );
    }, 60_000);
    await Promise.all([sampler, ...readers, exporter, syncer, faulter]);
    clearInterval(progress);
    const loadEndedAt = Date.now();

    // memory: the median of the minute after the warm-up against the median of the last minute of load
    const warmSamples = samples
      .filter((s) => s.t >= warmAt - t0 && s.t < warmAt - t0 + 60_000)
      .map((s) => s.rss);
    const endSamples = samples.filter((s) => s.t >= loadEndedAt - t0 - 60_000).map((s) => s.rss);
    const warm = median(warmSamples);
    const end = median(endSamples);
    const growth = (end / warm - 1) * 100;
    const peak = Math.max(...samples.map((s) => s.rss));

    // the queue drains without faults; retries wait out their backoff (at most a few minutes)
    await sim$('DELETE', '/faults');
    const drainStart = Date.now();
    for (;;) {
      const left = await api('GET', '/export-requests?state=exporting&limit=1', APPROVER);
      if ((left.body?.items ?? []).length === 0) break;
      if (Date.now() - drainStart > 15 * 60_000) {
        console.log('the queue did not drain within 15 minutes');
        failed = true;
        break;
      }
      await sleep(1000);
    }
    const drainSeconds = (Date.now() - drainStart) / 1000;
    const outcome = { synced: 0, failedWithReason: 0, failedWithoutReason: 0, other: 0 };
    const syncedNumbers = new Set<string>();
    const failedReasons: string[] = [];
    for (const id of accepted) {
      const r = await api('GET', `/export-requests/${id}`, APPROVER);
      const state = r.body?.state;
      if (state === 'synced') {
        outcome.synced++;
        syncedNumbers.add(String(r.body.keyFields?.subcontractNumber ?? r.body.item?.number ?? ''));
      } else if (state === 'failed') {
        if (r.body.lastError) {
          outcome.failedWithReason++;
          failedReasons.push(String(r.body.lastError));
        } else outcome.failedWithoutReason++;
      } else outcome.other++;
    }
    const subs = rowsOf(
      await sim$('GET', `/state/subcontracts?Vendor_Code=${BENCH_VENDOR}&limit=100000`),
    ).filter((s) => String(s.Subcontract_Number).startsWith(PREFIX));
    const lines = rowsOf(
      await sim$('GET', `/state/subcontract-lines?Vendor_Code=${BENCH_VENDOR}&limit=100000`),
    ).filter((l) => String(l.Subcontract_Number).startsWith(PREFIX));
    const subNumbers = subs.map((s) => String(s.Subcontract_Number));
    const duplicates =
      subNumbers.length -
      new Set(subNumbers).size +
      (lines.length - new Set(lines.map((l) => `${l.Subcontract_Number}/${l.Phase_Code}`)).size);
    const syncedInSim = subNumbers.filter((n) => syncedNumbers.has(n)).length;
    const syncedLines = lines.filter((l) => syncedNumbers.has(String(l.Subcontract_Number))).length;
    const extra = subNumbers.filter((n) => !syncedNumbers.has(n));
    const traffic = (await sim$('GET', '/traffic')) as Traffic;
    const runs = await api('GET', '/sync/runs?limit=200', ADMIN);
    const runStates = new Map<string, number>();
    for (const run of runs.body?.items ?? []) runStates.set(run.status, (runStates.get(run.status) ?? 0) + 1);
    const runFailures = [
      ...new Set(
        ((runs.body?.items ?? []) as { error: string | null }[]).map((r) => r.error).filter(Boolean),
      ),
    ];

    console.log(
      `load: ${MINUTES} min, ${reads} reads (${readErrors} not 200), ${accepted.length} exports accepted (${refused.length} accepts refused while Spectrum could not be read), ${syncs} sync runs, ${faultSwitches} fault periods`,
    );
    console.log(
      `sync runs: ${JSON.stringify(Object.fromEntries(runStates))}${runFailures.length ? `; e.g. ${runFailures.slice(0, 2).join(' | ')}` : ''}`,
    );
    if (statuses.size) console.log(`non-2xx answers: ${JSON.stringify(Object.fromEntries(statuses))}`);
    console.log(
      `service RSS: ${warm} MB after the ${WARMUP_MINUTES}-minute warm-up, ${end} MB at the end (${growth >= 0 ? '+' : ''}${growth.toFixed(1)} %, target ≤ 10 %${growth <= 10 ? ', met' : ', NOT met'}), peak ${peak} MB; ${samples.length} samples`,
    );
    console.log(
      `outcome of the ${accepted.length} accepted requests after ${drainSeconds.toFixed(0)} s of draining: ${outcome.synced} synced, ${outcome.failedWithReason} failed with a reason, ${outcome.failedWithoutReason} failed without one, ${outcome.other} in another state (lost: must be 0)`,
    );
    for (const reason of [...new Set(failedReasons)].slice(0, 5)) console.log(`  failed: ${reason}`);
    console.log(
      `simulator: ${subs.length} soak subcontracts (${syncedInSim} of synced requests, ${extra.length} of requests that failed after writing), ${lines.length} lines (${syncedLines} of synced requests, expected ${outcome.synced * LINES}), duplicates ${duplicates}; synced requests ${outcome.synced}: ${syncedInSim === outcome.synced ? 'equal' : 'NOT equal'}; ${traffic.total} Spectrum calls, max ${traffic.maxConcurrent} at once (limit 4), max ${traffic.maxPerSecond} within one second (limit 10)`,
    );
    if (
      growth > 10 ||
      outcome.other > 0 ||
      outcome.failedWithoutReason > 0 ||
      duplicates !== 0 ||
      syncedInSim !== outcome.synced ||
      syncedLines !== outcome.synced * LINES
    )
      failed = true;
    console.log(`load average at the end: ${load()}`);
  } finally {
    service?.kill('SIGTERM');
    await sleep(500);
    if (service && service.exitCode === null) service.kill('SIGKILL');
    sim.child.kill();
    await database.drop();
    rmSync(dir, { recursive: true, force: true });
  }
  if (failed) process.exitCode = 1;
}

await main();
