/**
 * Accept benchmark (`pnpm bench:accept` at the root, APP-8): single accepts over HTTP against the simulator's large
 * generated company (GEN: 2,000 jobs, 200,000 phase rows, 20,000 vendors) in a child process, with a database that
 * already holds many accepted requests (BENCH_BACKGROUND, default 20,000). Each commitment is on its own linked job
 * and vendor (3 lines); prints p50/p95/max of `acceptExportRequest`, the Spectrum calls per accept (services from the
 * simulator's request log: only that item's records are read), and one bulk `acceptExportRequests` of the rest.
 * Target: p95 ≤ 50 ms. Options: BENCH_ACCEPTS (default 200), BENCH_BULK (default 200), BENCH_DATABASE_URL /
 * TEST_DATABASE_URL as the other service benches.
 */
import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { createApp } from '../dist/app.js';
import { hashToken } from '../dist/auth/tokens.js';
import { connectDatabase } from '../dist/platform/db/prisma.service.js';
import { benchLines, connectToSimulator } from './fleet.ts';
import {
  benchDatabase,
  benchEnv,
  describeNodeFlags,
  embeddedNote,
  migrate,
  startSimulator,
} from './support.ts';

const ACCEPTS = Number(process.env.BENCH_ACCEPTS ?? 200);
const BULK = Number(process.env.BENCH_BULK ?? 200);
const BACKGROUND = Number(process.env.BENCH_BACKGROUND ?? 20_000);
const TOKEN = 'bench-approver-token';
const PHASES = ['010000', '010100', '010200'];

type Row = Record<string, unknown>;
const rowsOf = (r: unknown): Row[] => (Array.isArray(r) ? r : ((r as { rows?: Row[] })?.rows ?? []));
const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;

async function main() {
  console.log(
    `load average at start: ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  const t0 = performance.now();
  const sim = await startSimulator('large');
  console.log(`simulator: large company generated in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  const sim$ = async (method: string, path: string) => {
    const res = await fetch(`${sim.url}/__sim${path}`, { method });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
    return text ? JSON.parse(text) : null;
  };
  const dir = mkdtempSync(join(tmpdir(), 'bridge-accept-bench-'));
  const database = await benchDatabase(dir);
  const databaseUrl = database.url;
  console.log(describeNodeFlags());
  try {
    const env = benchEnv(databaseUrl);
    const inMemory = databaseUrl === 'pglite://memory';
    if (!inMemory) await migrate(databaseUrl);
    let statements = 0;
    let trace: string[] | null = null;
    const db = await connectDatabase(env.DATABASE_URL, {
      migrate: inMemory,
      onStatement: (sql) => {
        statements++;
        if (trace) trace.push(sql.replace(/\s+/g, ' ').slice(0, 160));
      },
    });
    const app = await createApp({ env, logger: pino({ level: 'silent' }), prisma: db.prisma });
    await app.listen(0, '127.0.0.1');
    const base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}/api/v1`;
    const prisma = db.prisma;
    const user = await prisma.user.create({
      data: {
        name: 'Bench Approver',
        email: 'bench@localhost',
        level: 'admin',
        canPushToAccounting: true,
        tokens: { create: { tokenHash: hashToken(TOKEN), label: 'bench' } },
      },
    });
    // the highest Spectrum call limits an admin can set (OPS-11): with the default 10 calls a second, accepts one
    // after the other (four Spectrum reads each) wait for the limit, and the bench would measure the limit
    await connectToSimulator(
      app,
      prisma,
      user.id,
      {
        serviceUrl: sim.url,
        companyCode: 'GEN',
        maxConcurrentCalls: 32,
        callsPerSecond: 500,
      },
      PHASES,
    );

    // active jobs and vendors of the generated company, one pair per commitment
    const n = ACCEPTS + BULK;
    const jobs = rowsOf(await sim$('GET', '/state/jobs?Status_Code=A&limit=5000')).map((j) =>
      String(j.Job_Number),
    );
    const vendors = rowsOf(await sim$('GET', '/state/vendors?Status=A&limit=20000')).map((v) =>
      String(v.Vendor_Code),
    );
    console.log(`Spectrum: ${jobs.length} active jobs, ${vendors.length} active vendors`);
    if (jobs.length < n || vendors.length < n) throw new Error('not enough active jobs or vendors');

    // a database that already holds many accepted requests and links (what an accept must not read whole)
    const tb = performance.now();
    for (let i = 0; i < BACKGROUND; i += 5000) {
      const size = Math.min(5000, BACKGROUND - i);
      await prisma.exportRequest.createMany({
        data: Array.from({ length: size }, (_, k) => {
          const vendor = vendors[(i + k) % vendors.length];
          return {
            type: 'commitment',
            itemId: `old-${i + k}`,
            state: 'synced' as const,
            payload: {},
            sentById: user.id,
            spectrumKey: `${vendor}/OLD${i + k}`,
            keyFields: { vendorCode: vendor ?? '', subcontractNumber: `OLD${i + k}` },
          };
        }),
      });
    }
    console.log(
      `database: ${BACKGROUND} accepted requests already there (${((performance.now() - tb) / 1000).toFixed(1)} s)`,
    );

    const headers = { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' };
    const post = async (path: string, body: unknown) => {
      const res = await fetch(`${base}${path}`, { method: 'POST', headers, body: JSON.stringify(body) });
      const json = await res.json();
      if (res.status >= 300) throw new Error(`${path}: ${res.status} ${JSON.stringify(json)}`);
      return json as Record<string, unknown>;
    };
    const requestIds: string[] = [];
    const ts = performance.now();
    for (let i = 0; i < n; i++) {
      const project = await prisma.project.create({ data: { name: `Bench ${i}` } as never });
      const company = await prisma.company.create({ data: { name: `Bench Vendor ${i}` } as never });
      await prisma.syncLink.createMany({
        data: [
          { type: 'job', pmId: project.id, spectrumKey: jobs[i], state: 'synced' },
          { type: 'vendor', pmId: company.id, spectrumKey: vendors[i], state: 'synced' },
        ],
      });
      const c = await prisma.commitment.create({
        data: {
          projectId: project.id,
          companyId: company.id,
          kind: 'subcontract',
          number: `B-${i}`,
          title: `Bench ${i}`,
          status: 'approved',
          lines: {
            create: benchLines(PHASES),
          },
        } as never,
      });
      requestIds.push(String((await post('/exports/send', { type: 'commitment', id: c.id })).id));
    }
    console.log(
      `set-up: ${n} commitments on ${n} jobs and vendors sent in ${((performance.now() - ts) / 1000).toFixed(1)} s`,
    );

    await sim$('DELETE', '/requests');
    const times: number[] = [];
    const statements0 = statements;
    const cpu0 = process.cpuUsage();
    for (const id of requestIds.slice(0, ACCEPTS)) {
      const a0 = performance.now();
      const r = await post(`/export-requests/${id}/accept`, {});
      times.push(performance.now() - a0);
      if (r.state !== 'exporting') throw new Error(`not accepted: ${JSON.stringify(r)}`);
    }
    const perAccept = (statements - statements0) / ACCEPTS;
    const cpu = process.cpuUsage(cpu0);
    const cpuPerAccept = (cpu.user + cpu.system) / 1000 / ACCEPTS;
    if (process.env.BENCH_TRACE) {
      trace = [];
      await post(`/export-requests/${requestIds[ACCEPTS]}/accept`, {});
      console.log(trace.join('\n'));
      trace = null;
      requestIds.splice(ACCEPTS, 1);
    }
    const calls = rowsOf(await sim$('GET', '/requests?limit=5000'));
    const spectrumMs = calls.reduce((a, c) => a + Number(c.durationMs ?? 0), 0) / ACCEPTS;
    const byService = new Map<string, number>();
    for (const c of calls) {
      const key = String(c.path).startsWith('/infolink')
        ? String(c.path).replace(/\?.*$/, '')
        : String(c.service);
      byService.set(key, (byService.get(key) ?? 0) + 1);
    }
    const warm = times.slice(10).sort((a, b) => a - b);
    console.log(
      `single accept (${warm.length} after 10 warm-up, one at a time over HTTP): p50 ${pct(warm, 50).toFixed(1)} ms, p95 ${pct(warm, 95).toFixed(1)} ms, max ${warm[warm.length - 1]?.toFixed(1)} ms (target p95 ≤ 50 ms); this process's CPU ${cpuPerAccept.toFixed(1)} ms per accept (service and HTTP client)`,
    );
    console.log(
      `Spectrum calls per accept: ${(calls.length / ACCEPTS).toFixed(1)} — ${[...byService].map(([s, k]) => `${s} ${(k / ACCEPTS).toFixed(1)}`).join(', ')} (${spectrumMs.toFixed(1)} ms of simulator time); SQL statements per accept: ${perAccept.toFixed(1)}`,
    );

    if (BULK > 0) {
      const b0 = performance.now();
      const res = await post('/export-requests/accept', { ids: requestIds.slice(ACCEPTS) });
      const ms = performance.now() - b0;
      console.log(
        `bulk accept of ${BULK} in one call: ${(ms / 1000).toFixed(2)} s (${(ms / BULK).toFixed(1)} ms per request), ${JSON.stringify(res.counts)}`,
      );
    }
    console.log(
      `${embeddedNote(databaseUrl)}; load average ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}`,
    );
    await app.close();
    await db.close();
    if (pct(warm, 95) > 50) process.exitCode = 1;
  } finally {
    sim.child.kill();
    await database.drop();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
