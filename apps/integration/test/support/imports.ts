import { createSpectrumClient, type SpectrumClient } from '@bridge/spectrum-client';
import { controlClient, type RunningSimulator, startSimulator } from '@bridge/spectrum-simulator';
import { CostCodesImportService } from '../../src/imports/cost-codes/cost-codes-import.service.js';
import type { ImportRunContext, RunCounter } from '../../src/imports/import-context.js';
import { ImportsRepository } from '../../src/imports/imports.repository.js';
import { JobsImportService } from '../../src/imports/jobs/jobs-import.service.js';
import { VendorsImportService } from '../../src/imports/vendors/vendors-import.service.js';
import { FakeClock, startTestApp, type TestApp } from './app.js';

/** Test set-up for the imports: a service on a fresh database beside an in-process simulator (demo scenario). */

export interface RunRecord {
  counts: Record<RunCounter, number>;
  failures: { itemType: string; itemKey: string; reason: string }[];
}

export interface ImportEnv {
  t: TestApp;
  sim: RunningSimulator;
  client: SpectrumClient;
  clock: FakeClock;
  repo: ImportsRepository;
  /** Runs the import work of a sync group as the sync engine would; resolves with the run's counts and failures. */
  run(group: 'cost_codes' | 'vendors' | 'jobs'): Promise<RunRecord>;
  /** The simulator's control API (`/__sim/…`). */
  sim$(method: string, path: string, body?: unknown): Promise<unknown>;
  settings(data: Record<string, unknown>): Promise<void>;
  close(): Promise<void>;
}

let runSeq = 0;

export async function startImportEnv(): Promise<ImportEnv> {
  const clock = new FakeClock();
  const [t, sim] = await Promise.all([
    startTestApp({ clock }),
    startSimulator({ scenario: 'demo', port: 0, control: true }),
  ]);
  const client = createSpectrumClient({
    baseUrl: sim.url,
    companyCode: 'ABC',
    authorizationId: 'BRIDGEDEMO',
    retry: { attempts: 1 },
    timeoutMs: 15_000,
  });
  const jobs = {
    cost_codes: t.app.get(CostCodesImportService),
    vendors: t.app.get(VendorsImportService),
    jobs: t.app.get(JobsImportService),
  };
  const silent = { debug() {}, info() {}, warn() {}, error() {} };
  return {
    t,
    sim,
    client,
    clock,
    repo: t.app.get(ImportsRepository),
    async run(group) {
      const record: RunRecord = {
        counts: { read: 0, created: 0, updated: 0, unchanged: 0, vanished: 0, failed: 0 },
        failures: [],
      };
      const ctx: ImportRunContext = {
        runId: `test-run-${++runSeq}`,
        client,
        logger: silent,
        count: (c, n = 1) => {
          record.counts[c] += n;
        },
        fail: (itemType, itemKey, reason) => {
          record.counts.failed++;
          record.failures.push({ itemType, itemKey, reason });
        },
      };
      await jobs[group].run(ctx);
      return record;
    },
    sim$: controlClient(sim.url),

    async settings(data) {
      await t.prisma.integrationSettings.upsert({
        where: { id: 1 },
        create: { id: 1, ...data },
        update: data,
      });
    },
    async close() {
      await Promise.all([t.close(), sim.close()]);
    },
  };
}

/** The id of the staged link of a Spectrum record. */
export async function importableId(env: ImportEnv, type: string, spectrumKey: string): Promise<string> {
  const l = await env.t.prisma.syncLink.findUnique({ where: { type_spectrumKey: { type, spectrumKey } } });
  if (!l) throw new Error(`no ${type} importable ${spectrumKey}`);
  return l.id;
}
