/**
 * Helpers of the service benchmarks (`bench:scale`, `bench:soak`, `bench:verify`): the simulator's control API, a database
 * seeded with accepted commitments, cloning a PostgreSQL database, and the resident memory of a process.
 */
import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { controlClient } from '@bridge/spectrum-simulator';
import pg from 'pg';
import { pino } from 'pino';
import { createApp } from '../dist/app.js';
import { ExportAcceptService } from '../dist/exports/export-accept.service.js';
import { ExportsService } from '../dist/exports/exports.service.js';
import { connectDatabase } from '../dist/platform/db/prisma.service.js';
import { SettingsService } from '../dist/settings/settings.service.js';
import { benchEnv } from './support.ts';

export const BENCH_JOB = '24-101';
export const BENCH_VENDOR = 'CITYCON';
export const PHASES = [
  '010000',
  '013100',
  '015000',
  '024100',
  '031000',
  '033000',
  '042000',
  '051200',
  '061000',
  '092900',
];

type PrismaLike = Awaited<ReturnType<typeof connectDatabase>>['prisma'];

export const ACTOR = {
  id: 'bench',
  name: 'Bench',
  email: 'bench@localhost',
  level: 'admin' as const,
  primeContractsLevel: 'admin' as const,
  canPushToAccounting: true,
};

/** The simulator's control API (`/__sim/…`). */
export const simControl = controlClient;

/** A bench commitment's lines: one subcontract line per cost code, amounts that differ from line to line. */
export const benchLines = (costCodes: readonly string[]) =>
  costCodes.map((costCode, k) => ({
    position: k,
    costCode,
    costType: 'S',
    description: `Line ${k + 1}`,
    amountCents: BigInt((k + 1) * 100_001),
  }));

export const rowsOf = (r: unknown): Record<string, unknown>[] =>
  Array.isArray(r) ? r : ((r as { rows?: Record<string, unknown>[] })?.rows ?? []);

export interface Traffic {
  total: number;
  inFlight: number;
  maxConcurrent: number;
  maxPerSecond: number;
}

/** Puts the bench's phases on the bench job in the simulator (after a reset). */
export async function preparePhases(simUrl: string, phases = PHASES): Promise<void> {
  const sim$ = simControl(simUrl);
  const have = rowsOf(await sim$('GET', `/state/phases?Job_Number=${BENCH_JOB}&Cost_Type=S&limit=500`)).map(
    (p) => p.Phase_Code,
  );
  for (const code of phases.filter((c) => !have.includes(c))) {
    await sim$('POST', '/state/phases', {
      Company_Code: 'ABC',
      Job_Number: BENCH_JOB,
      Phase_Code: code,
      Cost_Type: 'S',
      Description: 'Bench',
      Status_Code: 'A',
    });
  }
}

/**
 * Connects the service to the simulator as an admin does (the connection with its Spectrum call limits, tested), and
 * makes the phase codes (the bench's unless given) the Spectrum Standard Cost Codes list, as the first cost code sync
 * would.
 */
export async function connectToSimulator(
  app: Awaited<ReturnType<typeof createApp>>,
  prisma: PrismaLike,
  actorId: string,
  connection: { serviceUrl: string; companyCode: string; maxConcurrentCalls: number; callsPerSecond: number },
  phases: readonly string[] = PHASES,
): Promise<void> {
  const settings = app.get(SettingsService);
  await settings.updateConnection(actorId, {
    ...connection,
    authMode: 'basic',
    servicePassword: 'BRIDGEDEMO',
  } as never);
  await settings.testConnection(actorId);
  const list = await prisma.costCodeList.create({
    data: { name: 'Spectrum Standard Cost Codes', spectrumTag: 'spectrum' },
  });
  await prisma.costCode.createMany({
    data: phases.map((code) => ({ listId: list.id, code, description: code })),
  });
  await prisma.integrationSettings.update({
    where: { id: 1 },
    data: { standardCostCodeListId: list.id, connectedAt: new Date('2020-01-01') },
  });
}

/**
 * Connects a migrated database to the simulator with the given call limits, links a project and a company to the
 * bench job and vendor, and returns functions that create and send (and accept) one commitment of `lines` lines.
 * The export worker runs in this process only with `worker: true`; `env` adds service settings (e.g.
 * `EXPORT_VERIFY_AFTER_SYNC`).
 */
export async function openSeeder(
  databaseUrl: string,
  simUrl: string,
  limits: { maxConcurrentCalls: number; callsPerSecond: number },
  lines: number,
  options: { worker?: boolean; env?: Record<string, string> } = {},
) {
  const env = benchEnv(databaseUrl, { WORKER_ENABLED: options.worker ? 'true' : 'false', ...options.env });
  const db = await connectDatabase(env.DATABASE_URL, { migrate: databaseUrl.startsWith('pglite://') });
  const app = await createApp({ env, logger: pino({ level: 'silent' }), prisma: db.prisma });
  await app.init();
  const prisma = db.prisma;
  await connectToSimulator(app, prisma, ACTOR.id, { serviceUrl: simUrl, companyCode: 'ABC', ...limits });
  const project = await prisma.project.create({ data: { name: 'Bench', createdAt: new Date() } as never });
  const company = await prisma.company.create({ data: { name: 'Bench Vendor' } as never });
  await prisma.syncLink.create({
    data: { type: 'job', pmId: project.id, spectrumKey: BENCH_JOB, state: 'synced' },
  });
  await prisma.syncLink.create({
    data: { type: 'vendor', pmId: company.id, spectrumKey: BENCH_VENDOR, state: 'synced' },
  });
  const exportsService = app.get(ExportsService);
  const accepts = app.get(ExportAcceptService);
  /** Creates commitment `number` and sends it; returns the export request's id. */
  const sent = async (number: string): Promise<string> => {
    const c = await prisma.commitment.create({
      data: {
        projectId: project.id,
        companyId: company.id,
        kind: 'subcontract',
        number,
        title: `Bench ${number}`,
        status: 'approved',
        createdAt: new Date(),
        lines: {
          create: benchLines(PHASES.slice(0, lines)),
        },
      } as never,
    });
    return (await exportsService.send(ACTOR, { type: 'commitment', id: c.id })).id as string;
  };
  return {
    app,
    env,
    prisma,
    projectId: project.id as string,
    companyId: company.id as string,
    sent,
    /** Creates commitment `number`, sends and accepts it; returns the export request's id. */
    async accepted(number: string): Promise<string> {
      const id = await sent(number);
      await accepts.accept(ACTOR, id, {});
      return id;
    },
    async close() {
      await app.close();
      await db.close();
    },
  };
}

function pgConfig(url: string): pg.ClientConfig {
  const u = new URL(url);
  return {
    host: u.hostname,
    port: Number(u.port || 5432),
    user: decodeURIComponent(u.username),
    password: decodeURIComponent(u.password),
    database: u.pathname.slice(1) || 'postgres',
  };
}

/** A copy of a PostgreSQL database (`CREATE DATABASE … TEMPLATE`; nobody may be connected to the template). */
export async function cloneDatabase(
  templateUrl: string,
  name: string,
): Promise<{ url: string; drop(): Promise<void> }> {
  const template = new URL(templateUrl).pathname.slice(1);
  const admin = new pg.Client({ ...pgConfig(templateUrl), database: 'postgres' });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`);
  } finally {
    await admin.end();
  }
  const u = new URL(templateUrl);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    async drop() {
      const a = new pg.Client({ ...pgConfig(templateUrl), database: 'postgres' });
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await a.end();
    },
  };
}

/** Resident memory of a process in MB (Linux /proc), or null when it is gone. */
export function rssMb(pid: number): number | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1]);
    return Number.isFinite(kb) ? Math.round(kb / 1024) : null;
  } catch {
    return null;
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
