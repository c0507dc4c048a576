/**
 * API read benchmark (`pnpm bench:api` at the root): loads a realistic volume (2,000 projects, 10,000 commitments,
 * 100,000 export requests, …; `test/support/volume.ts`) in bulk, then drives every list and get endpoint with
 * concurrent clients (autocannon in a worker thread, the service on this process's main thread, as one service
 * instance runs) and prints per endpoint: req/s, p50/p99 latency and the SQL statements per request (counted on the
 * driver adapter), on PostgreSQL and on the embedded database side by side. It also prints the EXPLAIN plans of the
 * statements of each list's first page. Targets: every list/get ≥ 1,000 req/s on PostgreSQL and ≥ 400 on the embedded
 * database, p99 ≤ 100 ms. An operation whose answers are kept per database snapshot (`x-read-cache`, API-9) is measured
 * twice: as served (the same page asked again while nothing is written) and `(computed)`, asked with
 * `Cache-Control: no-cache` so that every request computes its page (what a read costs after a change); listCommitments
 * a third time while the database takes BENCH_WRITES_PER_SECOND commits a second (10; 0: not measured).
 * Options: BENCH_DATABASES (`postgres,embedded`; postgres needs TEST_DATABASE_URL), BENCH_CONNECTIONS (20),
 * BENCH_SECONDS (5 per endpoint), BENCH_ONLY (a comma list of operation ids), BENCH_SMALL=1 (a tenth of the volume),
 * BENCH_PLANS=0 (no plans), BENCH_PROFILE (a folder: a CPU profile of the service's thread per endpoint's load run,
 * `<database>-<operation>.cpuprofile`, for Chrome's DevTools or `node scripts/profile-top.mjs`), READ_CACHE_MB
 * (the service's, 16 by default; 0 keeps no answers).
 */
import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { pino } from 'pino';
import { createApp } from '../dist/app.js';
import { hashToken } from '../dist/auth/tokens.js';
import { createThrowawayDatabase } from '../dist/platform/db/adapters.js';
import { connectDatabase } from '../dist/platform/db/prisma.service.js';
import { BENCH_VOLUME, seedVolume, type Volume, type VolumeOptions } from '../test/support/volume.ts';
import { benchEnv, describeNodeFlags, migrate, profiled } from './support.ts';

const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 20);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const ONLY = process.env.BENCH_ONLY?.split(',').filter(Boolean);
const TOKEN = 'bench-api-admin-token';
const TARGET = { postgres: 1000, embedded: 400 } as const;
/** The row of an `x-read-cache` operation measured with `Cache-Control: no-cache`: its page computed every time. */
const COMPUTED = '(computed)';
/** Commits a second during the third run of listCommitments: how the kept answers fare while the data changes. */
const WRITES_PER_SECOND = Number(process.env.BENCH_WRITES_PER_SECOND ?? 10);
const WRITING = `(${WRITES_PER_SECOND} commits/s)`;

type Kind = keyof typeof TARGET;
interface Endpoint {
  op: string;
  path: string;
  list: boolean;
}

/** Every list and get operation of the API, with ids from the seeded volume. */
function endpoints(v: Volume): Endpoint[] {
  const l = (op: string, path: string): Endpoint => ({ op, path, list: true });
  const g = (op: string, path: string): Endpoint => ({ op, path, list: false });
  return [
    l('listExportRequests', '/export-requests'),
    l('listExportRequests?state', '/export-requests?state=ready_to_export&type=commitment'),
    g('getExportRequest', `/export-requests/${v.exportRequestId}`),
    l('listCommitments', '/commitments'),
    l('listCommitments?projectId', `/commitments?projectId=${v.projectId}`),
    l('listCommitments?state', '/commitments?state=synced'),
    g('getCommitment', `/commitments/${v.commitmentId}`),
    g('getCommitmentChangeOrder', `/commitment-change-orders/${v.commitmentChangeOrderId}`),
    l('listProjects', '/projects'),
    l('listProjects?state', '/projects?state=synced'),
    g('getProject', `/projects/${v.projectId}`),
    g('getBudget', `/projects/${v.projectId}/budget`),
    l('listBudgetChanges', `/projects/${v.projectId}/budget-changes`),
    g('getBudgetChange', `/budget-changes/${v.budgetChangeId}`),
    l('listCompanies', '/companies'),
    g('getCompany', `/companies/${v.companyId}`),
    l('listImportables', '/importables'),
    l('listImportables?type', '/importables?type=vendor&state=ready_to_import'),
    g('getImportable', `/importables/${v.importableId}`),
    l('listPrimeContracts', '/prime-contracts'),
    g('getPrimeContract', `/prime-contracts/${v.primeContractId}`),
    g('getPrimeContractChangeOrder', `/prime-contract-change-orders/${v.primeContractChangeOrderId}`),
    l('listCostCodeLists', '/cost-code-lists'),
    l('listCostCodes', `/cost-codes?listId=${v.costCodeListId}`),
    l('listSyncRuns', '/sync/runs'),
    g('getSyncRun', `/sync/runs/${v.syncRunId}`),
    g('getSyncSchedule', '/sync/schedule'),
    l('listAuditEvents', '/audit-events'),
    l('listUsers', '/users'),
    g('getCurrentUser', '/me'),
    g('getPermissionsTable', '/permissions'),
    g('getConnectionSettings', '/settings/connection'),
    g('getGeneralSettings', '/settings/general'),
    g('getVendorTypeFilter', '/settings/vendor-type-filter'),
    g('getAccountantReport', '/reports/accountant'),
  ].filter((e) => !ONLY || ONLY.includes(e.op.split('?')[0] as string));
}

interface Row {
  op: string;
  rps: number;
  p50: number;
  p99: number;
  statements: number;
  bytes: number;
  errors: number;
}

/** Sent to have an `x-read-cache` operation's answer computed, not taken from the answers kept per snapshot. */
const COMPUTE = { 'cache-control': 'no-cache' };

function load(url: string, headers: Record<string, string> = {}): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    autocannon(
      {
        url,
        connections: CONNECTIONS,
        duration: SECONDS,
        workers: 1,
        headers: { authorization: `Bearer ${TOKEN}`, ...headers },
      },
      (err: Error | null, result: autocannon.Result) => (err ? reject(err) : resolve(result)),
    );
  });
}

async function run(kind: Kind, volume: VolumeOptions): Promise<Row[]> {
  const dir = mkdtempSync(join(tmpdir(), 'bridge-api-bench-'));
  const database =
    kind === 'postgres'
      ? await createThrowawayDatabase(process.env.TEST_DATABASE_URL as string, 'bridge_bench')
      : { url: `pglite://${join(dir, 'db')}`, drop: async () => {} };
  try {
    const env = benchEnv(database.url, { READ_CACHE_MB: process.env.READ_CACHE_MB });
    if (kind === 'postgres') await migrate(database.url);
    let statements = 0;
    let capture: { sql: string; args: unknown[] }[] | null = null;
    const db = await connectDatabase(env.DATABASE_URL, {
      onStatement: (sql, args) => {
        statements++;
        capture?.push({ sql, args: [...(args ?? [])] });
      },
    });
    const prisma = db.prisma;
    const app = await createApp({ env, logger: pino({ level: 'silent' }), prisma });
    await app.listen(0, '127.0.0.1');
    const base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}/api/v1`;
    const user = await prisma.user.create({
      data: {
        name: 'Bench Admin',
        email: 'bench-api@localhost',
        level: 'admin',
        canPushToAccounting: true,
        primeContractsLevel: 'admin',
        tokens: { create: { tokenHash: hashToken(TOKEN), label: 'bench' } },
      },
    });
    const t0 = performance.now();
    const v = await seedVolume(prisma, user.id, volume);
    if (kind === 'postgres') await prisma.$executeRawUnsafe('ANALYZE');
    console.log(
      `[${kind}] volume loaded in ${((performance.now() - t0) / 1000).toFixed(1)} s: ${volume.projects} projects, ${volume.commitments} commitments, ${volume.exportRequests} export requests, ${volume.auditEvents} audit events`,
    );
    const get = async (
      path: string,
      headers: Record<string, string> = {},
      retried = false,
    ): Promise<{ status: number; bytes: number }> => {
      try {
        const res = await fetch(`${base}${path}`, {
          headers: { authorization: `Bearer ${TOKEN}`, ...headers },
        });
        return { status: res.status, bytes: (await res.arrayBuffer()).byteLength };
      } catch (e) {
        // a kept-alive socket the server closed after a load run that timed out: ask once more on a new one
        if (retried) throw e;
        return get(path, headers, true);
      }
    };
    /** Until the requests a load run left queued are answered: no statement for 200 ms. */
    const settle = async () => {
      for (let seen = -1; seen !== statements; ) {
        seen = statements;
        await new Promise((r) => setTimeout(r, 200));
      }
    };
    /** Statements per request, one request at a time. */
    const perRequest = async (path: string, headers: Record<string, string> = {}) => {
      await settle();
      const s0 = statements;
      for (let i = 0; i < 10; i++) await get(path, headers);
      return (statements - s0) / 10;
    };
    // the operations whose answers are kept per database snapshot (API-9): measured as served, then computed
    const document = (await (await fetch(`${base.replace(/\/v1$/, '')}/openapi.json`)).json()) as {
      paths: Record<string, Record<string, { operationId?: string; 'x-read-cache'?: string }>>;
    };
    const kept = new Set(
      Object.values(document.paths).flatMap((methods) =>
        Object.values(methods)
          .filter((o) => o['x-read-cache'])
          .map((o) => o.operationId),
      ),
    );
    const rows: Row[] = [];
    const measure = async (
      op: string,
      path: string,
      /** Measured one request at a time beforehand; null: counted over the load run itself. */
      statementsPerRequest: number | null,
      bytes: number,
      headers = {},
      writesPerSecond = 0,
    ) => {
      // a commit every 1/writesPerSecond s (another instance's export, say): each one is a new snapshot
      const writer = writesPerSecond
        ? setInterval(() => {
            void prisma.$executeRaw`UPDATE "Commitment" SET "updatedAt" = now() WHERE id = ${v.commitmentId}`;
          }, 1000 / writesPerSecond)
        : null;
      const s0 = statements;
      const r = await profiled(`${kind}-${op}`, () => load(`${base}${path}`, headers)).finally(() => {
        if (writer) clearInterval(writer);
      });
      // e.g. while writing: the statements of the run itself (reads that computed, reads that did not, the writes)
      const statementsEach = statementsPerRequest ?? (statements - s0) / Math.max(1, r.requests.total);
      const row = {
        op,
        rps: r.requests.average,
        p50: r.latency.p50,
        p99: r.latency.p99,
        statements: statementsEach,
        bytes,
        errors: r.errors + r.non2xx + r.timeouts,
      };
      rows.push(row);
      console.log(
        `[${kind}] ${op.padEnd(30)} ${String(Math.round(row.rps)).padStart(6)} req/s  p50 ${String(row.p50).padStart(4)} ms  p99 ${String(row.p99).padStart(4)} ms  ${row.statements.toFixed(1)} statements/request  ${(row.bytes / 1024).toFixed(1)} KB/response${row.errors ? `  ${row.errors} errors` : ''}`,
      );
    };
    for (const e of endpoints(v)) {
      const { status, bytes } = await get(e.path);
      if (status !== 200) throw new Error(`${e.op} ${e.path}: ${status}`);
      const cached = kept.has(e.op.split('?')[0]);
      if (e.list && process.env.BENCH_PLANS !== '0') {
        capture = [];
        await get(e.path, COMPUTE);
        const seen = capture;
        capture = null;
        const plans: string[] = [];
        for (const q of seen) {
          const tables = [
            ...new Set([...q.sql.matchAll(/(?:FROM|JOIN)\s+"?(?:public"?\.)?"?(\w+)/gi)].map((m) => m[1])),
          ];
          plans.push(`  ${q.sql.trim().split(/\s+/)[0]} ${tables.join(', ')}`);
          if (!/^\s*SELECT/i.test(q.sql) || /"ApiToken"|"User"|"PermissionTemplate"|"Session"/.test(q.sql))
            continue;
          try {
            const plan = (await prisma.$queryRawUnsafe(`EXPLAIN ${q.sql}`, ...q.args)) as {
              'QUERY PLAN': string;
            }[];
            const lines = plan.map((p) => p['QUERY PLAN']).filter((p) => /Scan|Limit|Sort/.test(p));
            plans.push(...lines.map((p) => `    ${p.trim()}`));
          } catch (err) {
            plans.push(`    (no plan: ${(err as Error).message.split('\n')[0]})`);
          }
        }
        console.log(`[${kind}] ${e.op} first page statements and their plans:\n${plans.join('\n')}`);
      }
      await measure(e.op, e.path, await perRequest(e.path), bytes);
      if (cached) {
        const computed = await perRequest(e.path, COMPUTE);
        await measure(`${e.op} ${COMPUTED}`, e.path, computed, bytes, COMPUTE);
        if (WRITES_PER_SECOND > 0 && e.op === 'listCommitments')
          await measure(`${e.op} ${WRITING}`, e.path, null, bytes, {}, WRITES_PER_SECOND);
      }
    }
    await app.close();
    await db.close();
    return rows;
  } finally {
    await database.drop();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main() {
  const kinds = (process.env.BENCH_DATABASES ?? 'postgres,embedded').split(',') as Kind[];
  const volume: VolumeOptions = process.env.BENCH_SMALL
    ? (Object.fromEntries(
        Object.entries(BENCH_VOLUME).map(([k, n]) => [k, k === 'linesPerCommitment' ? n : Math.ceil(n / 10)]),
      ) as unknown as VolumeOptions)
    : BENCH_VOLUME;
  console.log(describeNodeFlags());
  console.log(
    `${CONNECTIONS} connections, ${SECONDS} s per endpoint; load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  const results = new Map<Kind, Row[]>();
  for (const kind of kinds) {
    if (kind === 'postgres' && !process.env.TEST_DATABASE_URL) {
      console.log('postgres: skipped (set TEST_DATABASE_URL=postgresql://… to measure it)');
      continue;
    }
    results.set(kind, await run(kind, volume));
  }
  const ops = [...new Set([...results.values()].flatMap((rows) => rows.map((r) => r.op)))];
  const cell = (kind: Kind, op: string) => {
    const r = results.get(kind)?.find((x) => x.op === op);
    if (!r) return ''.padEnd(34);
    const ok = r.rps >= TARGET[kind] && r.p99 <= 100 && r.errors === 0;
    const verdict = op.endsWith(COMPUTED) || op.endsWith(WRITING) ? '    ' : ok ? 'met ' : 'MISS';
    return `${String(Math.round(r.rps)).padStart(6)} ${String(r.p50).padStart(4)}/${String(r.p99).padEnd(4)} ${r.statements.toFixed(0).padStart(3)} ${verdict}`.padEnd(
      34,
    );
  };
  console.log(
    `\n${'operation'.padEnd(30)} ${[...results.keys()].map((k) => `${k}: req/s p50/p99 ms stmts`.padEnd(34)).join(' ')}`,
  );
  for (const op of ops)
    console.log(`${op.padEnd(30)} ${[...results.keys()].map((k) => cell(k, op)).join(' ')}`);
  console.log(
    `${COMPUTED}: an x-read-cache operation asked with Cache-Control: no-cache, its answer computed on every request (what it costs after the database changed; API-9)`,
  );
  console.log(
    `${WRITING}: the same page asked while the database takes that many commits a second (each a new snapshot: the page is computed again once per commit, shared by the reads waiting for it)`,
  );
  console.log(
    `targets: ≥ ${TARGET.postgres} req/s on PostgreSQL, ≥ ${TARGET.embedded} on the embedded database, p99 ≤ 100 ms; load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
}

await main();
