import type { SyncGroup } from '@bridge/rules';
import type { Provider, Type } from '@nestjs/common';
import type { Logger } from 'pino';
import type { BridgeSpectrumClient } from '../spectrum/spectrum-client.factory.js';

/**
 * Multi-provider token of the import jobs. A feature registers its jobs with `provideSyncJobs(...)` in its own
 * module's `providers`; the sync engine finds every `SYNC_JOBS` provider of every module at start-up, so the import
 * features plug in without touching `src/sync`.
 */
export const SYNC_JOBS = Symbol('SYNC_JOBS');

/** What started a run (SCH-5). */
export const SYNC_TRIGGERS = ['schedule', 'on_demand'] as const;
export type SyncTrigger = (typeof SYNC_TRIGGERS)[number];

/** The counters a run records (SCH-5). */
export const SYNC_COUNTERS = ['read', 'created', 'updated', 'unchanged', 'vanished', 'failed'] as const;
export type SyncCounter = (typeof SYNC_COUNTERS)[number];
export type SyncCounts = Record<SyncCounter, number>;

/** What a job gets from the run that executes it. */
export interface SyncJobContext {
  readonly runId: string;
  readonly group: SyncGroup;
  readonly trigger: SyncTrigger;
  /** A Spectrum client built from the stored connection for this run (one per run). */
  readonly client: BridgeSpectrumClient;
  /** The service logger with the run (`runId`, `group`); each line also carries the correlation id (OPS-4). */
  readonly logger: Logger;
  /** Aborted when the service shuts down or the run lost its lease; jobs should stop soon after. */
  readonly signal: AbortSignal;
  /** The service clock (tests inject a fake one). */
  now(): Date;
  /** Adds `n` (default 1) to a counter. */
  count(counter: SyncCounter, n?: number): void;
  /** Adds several counters at once, e.g. the result of a snapshot import. */
  countAll(counts: Partial<SyncCounts>): void;
  /**
   * One item could not be imported; the run goes on. Records a `SyncRunFailure` with the reason (an Error is
   * described in plain words) and adds 1 to `failed`. Buffered: awaiting the returned promise (when there is one)
   * applies back-pressure while the buffer is written.
   */
  fail(itemType: string, itemKey: string, reason: string | Error): void | Promise<void>;
}

/**
 * One import of a sync group (SCH-1, SCH-2). A group may have several jobs (e.g. `cost_codes`: standard cost codes,
 * then project cost codes, then job costs); they run one after the other in `order` (then registration order). A
 * job that throws ends the run `failed` with the error in plain words; the jobs after it do not run.
 */
export interface SyncJob {
  readonly group: SyncGroup;
  /** Shown in logs; defaults to the class name. */
  readonly name?: string;
  /** Lower runs first; default 100. */
  readonly order?: number;
  run(ctx: SyncJobContext): Promise<void>;
}

/**
 * The providers that register jobs: the job classes themselves plus ONE `SYNC_JOBS` provider listing them. Use it
 * once per module (a module that declared `SYNC_JOBS` twice would keep only the last one):
 * `providers: [...provideSyncJobs(StandardCostCodesJob, ProjectCostCodesJob)]`.
 */
export function provideSyncJobs(...jobs: Type<SyncJob>[]): Provider[] {
  return [...jobs, { provide: SYNC_JOBS, useFactory: (...instances: SyncJob[]) => instances, inject: jobs }];
}
