import { controlClient, type RunningSimulator, startSimulator } from '@bridge/spectrum-simulator';
import type { INestApplication } from '@nestjs/common';
import { type Logger, pino } from 'pino';
import request from 'supertest';
import { createApp } from '../../src/app.js';
import { BACKOFF_MAX_MS, ExportWorker, LEASE_MS } from '../../src/exports/export-worker.service.js';
import { ExportsRepository } from '../../src/exports/exports.repository.js';
import { LinksRepository } from '../../src/links/links.repository.js';
import type { StatementListener } from '../../src/platform/db/statement-counter.js';
import { ADMIN, APPROVER, bearer, FakeClock, PM, startTestApp, type TestApp } from './app.js';

/** Test set-up for the exports: a service connected (through its settings) to an in-process simulator. */
export interface ExportEnv {
  t: TestApp;
  sim: RunningSimulator;
  clock: FakeClock;
  worker: ExportWorker;
  http(): ReturnType<typeof request>;
  sim$(method: string, path: string, body?: unknown): Promise<unknown>;
  /** Runs the worker until no export is left in `exporting`, advancing the clock past backoffs and leases. */
  drain(rounds?: number): Promise<void>;
  linkedProject(jobNumber: string, body?: Record<string, unknown>): Promise<string>;
  linkedCompany(vendorCode: string, name?: string): Promise<string>;
  commitment(projectId: string, companyId: string, body?: Record<string, unknown>): Promise<string>;
  send(type: string, id: string, token?: string): Promise<string>;
  accept(requestId: string, body?: Record<string, unknown>): Promise<request.Response>;
  close(): Promise<void>;
}

export const SUB_LINES = [
  { costCode: '01-0000', costType: 'S', description: 'General conditions', amountCents: 1_250_000 },
  { costCode: '03-3000', costType: 'S', description: 'Concrete', amountCents: 4_800_050 },
  { costCode: '03-1000', costType: 'S', description: 'Formwork', amountCents: 975_025 },
];

export async function connect(t: TestApp, simUrl: string): Promise<void> {
  await request(t.app.getHttpServer())
    .patch('/api/v1/settings/connection')
    .set(bearer(ADMIN))
    .send({ serviceUrl: simUrl, companyCode: 'ABC', authMode: 'basic', servicePassword: 'BRIDGEDEMO' })
    .expect(200);
  const res = await request(t.app.getHttpServer())
    .post('/api/v1/settings/connection/test')
    .set(bearer(ADMIN));
  if (res.body.connectionStatus !== 'connected')
    throw new Error(`not connected: ${JSON.stringify(res.body)}`);
}

export async function startExportEnv(
  options: {
    databaseUrl?: string;
    sim?: RunningSimulator;
    clock?: FakeClock;
    seed?: boolean;
    env?: Record<string, string>;
    logger?: Logger;
    onStatement?: StatementListener;
  } = {},
): Promise<ExportEnv> {
  const clock = options.clock ?? new FakeClock();
  const [t, sim] = await Promise.all([
    startTestApp({
      clock,
      ...(options.databaseUrl ? { databaseUrl: options.databaseUrl } : {}),
      ...(options.env ? { env: options.env } : {}),
      ...(options.logger ? { logger: options.logger } : {}),
      ...(options.onStatement ? { onStatement: options.onStatement } : {}),
    }),
    options.sim ? Promise.resolve(options.sim) : startSimulator({ scenario: 'demo', port: 0, control: true }),
  ]);
  const http = () => request(t.app.getHttpServer());
  const sim$ = controlClient(sim.url);

  await connect(t, sim.url);
  if (options.seed !== false) {
    const phases = (await sim$('GET', '/state/standard-phases?limit=100')) as
      | { rows?: { Phase_Code: string; Description: string }[] }
      | { Phase_Code: string; Description: string }[];
    const rows = Array.isArray(phases) ? phases : (phases.rows ?? []);
    const list = await t.prisma.costCodeList.upsert({
      where: { name: 'Spectrum Standard Cost Codes' },
      create: { name: 'Spectrum Standard Cost Codes', spectrumTag: 'spectrum' },
      update: {},
    });
    for (const p of rows) {
      await t.prisma.costCode.upsert({
        where: { listId_code: { listId: list.id, code: p.Phase_Code } },
        create: { listId: list.id, code: p.Phase_Code, description: p.Description },
        update: {},
      });
    }
    await t.prisma.integrationSettings.update({
      where: { id: 1 },
      data: {
        connectedAt: new Date('2026-01-01T00:00:00Z'),
        standardCostCodeListId: list.id,
        templateJob: {
          jobNumber: '99-TPL',
          division: '1',
          costCenter: 'NOR',
          customerCode: 'C100',
          taxable: false,
          priceMethodCode: 'F',
        },
      },
    });
  }
  const worker = t.app.get(ExportWorker);
  worker.random = () => 0.5;
  const repo = t.app.get(ExportsRepository);
  const links = t.app.get(LinksRepository);
  const env: ExportEnv = {
    t,
    sim,
    clock,
    worker,
    http,
    sim$,
    async drain(rounds = 30) {
      for (let i = 0; i < rounds; i++) {
        await worker.drain();
        const counts = await repo.countByState();
        if (!counts.exporting) return;
        if (!(await repo.connected())) return;
        clock.advance(BACKOFF_MAX_MS + LEASE_MS);
      }
    },
    async linkedProject(jobNumber, body = {}) {
      const res = await http()
        .post('/api/v1/projects')
        .set(bearer(PM))
        .send({
          name: `Project ${jobNumber}`,
          budgetToolEnabled: true,
          primeContractsToolEnabled: true,
          ...body,
        })
        .expect(201);
      await links.upsertForItem('job', res.body.id, { state: 'synced', spectrumKey: jobNumber });
      return res.body.id as string;
    },
    async linkedCompany(vendorCode, name = `Company ${vendorCode}`) {
      const res = await http().post('/api/v1/companies').set(bearer(PM)).send({ name }).expect(201);
      await links.upsertForItem('vendor', res.body.id, { state: 'synced', spectrumKey: vendorCode });
      return res.body.id as string;
    },
    async commitment(projectId, companyId, body = {}) {
      const res = await http()
        .post('/api/v1/commitments')
        .set(bearer(PM))
        .send({
          projectId,
          companyId,
          kind: 'subcontract',
          number: 'SC-0001',
          title: 'Concrete package',
          status: 'approved',
          contractDate: '2026-02-20',
          lines: SUB_LINES,
          ...body,
        })
        .expect(201);
      return res.body.id as string;
    },
    async send(type, id, token = PM) {
      const res = await http().post('/api/v1/exports/send').set(bearer(token)).send({ type, id });
      if (res.status !== 201) throw new Error(`send ${type}: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body.id as string;
    },
    accept(requestId, body = {}) {
      return http().post(`/api/v1/export-requests/${requestId}/accept`).set(bearer(APPROVER)).send(body);
    },
    async close() {
      await t.close();
      if (!options.sim) await sim.close();
    },
  };
  return env;
}

/** A second service instance on the same database and clock (its own worker and instance id), not listening. */
export async function startSecondInstance(
  e: ExportEnv,
): Promise<{ app: INestApplication; worker: ExportWorker }> {
  const app = await createApp({
    env: { ...e.t.env, DEMO_MODE: false },
    logger: pino({ level: 'silent' }),
    prisma: e.t.prisma,
    clock: e.clock,
  });
  await app.init();
  const worker = app.get(ExportWorker);
  worker.random = () => 0.5;
  return { app, worker };
}
