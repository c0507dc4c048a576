// Streams the 200,000 phase rows (JC_PHASE_MASTER_MC) of a generated company twice: through the HTTP stand-in of
// the simulator and through the PostgreSQL dialect of the SQL reader from the simulator's PostgreSQL mirror of the
// same table. Prints time, throughput and peak heap growth of each, and whether the SQL reader stays within the
// limits (heap growth <= 50 MB, time <= 1.5 x the HTTP stand-in's).
// Needs a PostgreSQL server (BENCH_DATABASE_URL or TEST_DATABASE_URL) and the simulator built
// (pnpm --filter @bridge/spectrum-simulator build). Run: pnpm --filter @bridge/spectrum-client bench
// The simulator runs as its own process (the client never imports it): only the client's memory is measured.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { createSpectrumClient } from '../client.js';
import type { InfoLinkReader } from '../infolink/infolink-reader.js';
import { createPgExecutor } from '../infolink/sql/pg-executor.js';
import { createSqlInfoLinkReader } from '../infolink/sql/sql-infolink-reader.js';

const ROWS = Number(process.env.BENCH_PHASE_ROWS ?? 200_000);
const DATABASE_URL = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
const SIMULATOR = fileURLToPath(new URL('../../../../simulators/spectrum/dist/cli.js', import.meta.url));
const SCHEMA = `bench_infolink_${process.pid}`;

const gc = (globalThis as { gc?: () => void }).gc;
const heap = () => {
  gc?.();
  return process.memoryUsage().heapUsed;
};

async function startSimulator(): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(
    process.execPath,
    [
      SIMULATOR,
      '--scale',
      String(ROWS),
      '--port',
      '0',
      '--pg-mirror',
      DATABASE_URL ?? '',
      '--pg-mirror-schema',
      SCHEMA,
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = /listening on (\S+)/.exec(out);
      if (m?.[1]) resolve(m[1]);
    });
    child.once('exit', (code) => reject(new Error(`the simulator exited (${code}) before listening`)));
  });
  return { url, child };
}

async function measure(name: string, reader: InfoLinkReader) {
  const before = heap();
  let peak = 0;
  let rows = 0;
  let cents = 0;
  const started = performance.now();
  for await (const row of reader.listPhaseMaster()) {
    rows++;
    cents += row.jtdActualCents;
    if (rows % 10_000 === 0) peak = Math.max(peak, heap() - before);
  }
  const ms = performance.now() - started;
  return {
    name,
    rows,
    jtdActualCents: cents,
    seconds: +(ms / 1000).toFixed(2),
    rowsPerSecond: Math.round(rows / (ms / 1000)),
    heapGrowthPeakMB: +(peak / 1048576).toFixed(2),
  };
}

async function main(): Promise<number> {
  if (!DATABASE_URL) {
    console.log(
      JSON.stringify({ skipped: 'set BENCH_DATABASE_URL or TEST_DATABASE_URL (a PostgreSQL server)' }),
    );
    return 0;
  }
  if (!existsSync(SIMULATOR)) {
    console.error(
      `build the simulator first: pnpm --filter @bridge/spectrum-simulator build (${SIMULATOR} is missing)`,
    );
    return 1;
  }
  const loadStarted = performance.now();
  const sim = await startSimulator();
  const loadSeconds = +((performance.now() - loadStarted) / 1000).toFixed(1);
  const executor = createPgExecutor({ connectionString: DATABASE_URL });
  try {
    const http = createSpectrumClient({
      baseUrl: sim.url,
      companyCode: 'GEN',
      authorizationId: 'BRIDGEDEMO',
    });
    const sql = createSqlInfoLinkReader({ executor, companyCode: 'GEN', schema: SCHEMA });
    // one warm-up page each (connections, JIT), then the measured runs
    for await (const _ of http.listCostTypes()) break;
    for await (const _ of sql.listCostTypes()) break;
    const httpRun = await measure('http stand-in', http);
    const sqlRun = await measure('sql (PostgreSQL dialect)', sql);
    const ratio = +(sqlRun.seconds / httpRun.seconds).toFixed(2);
    const result = {
      phaseRows: ROWS,
      simulatorStartWithMirrorSeconds: loadSeconds,
      http: httpRun,
      sql: sqlRun,
      sqlTimeOverHttp: ratio,
      sameRows: httpRun.rows === sqlRun.rows && httpRun.jtdActualCents === sqlRun.jtdActualCents,
      withinLimits: sqlRun.heapGrowthPeakMB <= 50 && ratio <= 1.5,
      gcExposed: gc !== undefined,
    };
    console.log(JSON.stringify(result, null, 2));
    return result.withinLimits && result.sameRows ? 0 : 1;
  } finally {
    await executor.close();
    sim.child.kill('SIGTERM');
    const admin = new pg.Client({ connectionString: DATABASE_URL });
    await admin.connect();
    await admin.query(`DROP SCHEMA IF EXISTS "${SCHEMA}" CASCADE`);
    await admin.end();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
