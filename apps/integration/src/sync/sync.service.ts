import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { isRunDue, reason, type SyncGroup } from '@bridge/rules';
import { isSpectrumError } from '@bridge/spectrum-client';
import { type BeforeApplicationShutdown, Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { Logger } from 'pino';
import type { AuthUser } from '../auth/auth-user.js';
import type { Env } from '../config/env.js';
import { ProblemError, unprocessable } from '../platform/http/problem.js';
import { currentCorrelationId, withCorrelation } from '../platform/logging/correlation.js';
import type { ServiceLifecycle } from '../platform/runtime/lifecycle.js';
import { CLOCK, type Clock, ENV, LIFECYCLE, LOGGER, SPECTRUM_CLIENT_FACTORY } from '../platform/tokens.js';
import { inOwnContext } from '../platform/transactions.js';
import { SettingsService } from '../settings/settings.service.js';
import type { BridgeSpectrumClient, SpectrumClientFactory } from '../spectrum/spectrum-client.factory.js';
import { ConnectionNotConfiguredError, describeError } from '../spectrum/spectrum-errors.js';
import {
  type NewFailure,
  SyncRepository,
  type SyncRunFailureRecord,
  type SyncRunRecord,
} from './sync.repository.js';
import { SYNC_COUNTERS, type SyncCounts, type SyncJobContext, type SyncTrigger } from './sync-job.js';
import { SyncJobRegistry } from './sync-job.registry.js';
import { SyncMetrics } from './sync-metrics.js';
import { GROUP_SCHEDULE_OPTIONS, SyncScheduleService } from './sync-schedule.service.js';

/** The reason recorded on a run whose service stopped (crash, restart, shutdown) before it ended (SCH-5). */
export const STOPPED_DURING_RUN = 'the service stopped during the run';

/** Failures kept per run; beyond that they are only counted. */
const MAX_STORED_FAILURES = 10_000;
/** Buffered failures that make `ctx.fail` write at once. */
const FAILURE_FLUSH_AT = 500;

export interface SyncTiming {
  /** How long a lease lasts without a heartbeat (a crashed instance's group is free again after this). */
  leaseMs: number;
  /** How often a running run renews its lease and saves its progress. */
  heartbeatMs: number;
}

export interface SyncRunView {
  id: string;
  group: SyncGroup;
  trigger: SyncTrigger;
  status: 'running' | 'succeeded' | 'failed';
  startedAt: string;
  endedAt: string | null;
  startedBy: string | null;
  counts: SyncCounts;
  error: string | null;
}

export interface SyncRunDetailView extends SyncRunView {
  failures: { id: string; itemType: string; itemKey: string; reason: string; createdAt: string }[];
}

export const runView = (r: SyncRunRecord): SyncRunView => ({
  id: r.id,
  group: r.group,
  trigger: r.trigger,
  status: r.status,
  startedAt: r.startedAt.toISOString(),
  endedAt: r.endedAt?.toISOString() ?? null,
  startedBy: r.startedBy,
  counts: { ...r.counts },
  error: r.error,
});

const failureView = (f: SyncRunFailureRecord) => ({ ...f, createdAt: f.createdAt.toISOString() });

const zero = (): SyncCounts => ({ read: 0, created: 0, updated: 0, unchanged: 0, vanished: 0, failed: 0 });

class RunAborted extends Error {}

/**
 * The sync-run engine (SCH-3 … SCH-5): one run per group across every instance (a lease in `SyncGroupLock`, taken
 * with one conditional UPDATE, renewed by a heartbeat, released at the end), the run record with its counts and
 * failures, and the recovery of runs a stopped instance left `running`. The import work itself is done by the
 * `SyncJob`s registered for the group.
 */
@Injectable()
export class SyncService implements OnModuleInit, BeforeApplicationShutdown {
  /** This instance, as written in leases and runs. */
  readonly holder: string;
  private timing: SyncTiming = { leaseMs: 60_000, heartbeatMs: 15_000 };
  private readonly active = new Map<
    string,
    { done: Promise<void>; abort: AbortController; counts: SyncCounts }
  >();
  /** OPS-1: the instance is stopping; no run starts any more. */
  private stopping = false;

  constructor(
    @Inject(SyncRepository) private readonly repo: SyncRepository,
    @Inject(SyncJobRegistry) private readonly jobs: SyncJobRegistry,
    @Inject(SyncScheduleService) private readonly schedules: SyncScheduleService,
    @Inject(SPECTRUM_CLIENT_FACTORY) private readonly clients: SpectrumClientFactory,
    @Inject(SettingsService) private readonly settings: SettingsService,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(ENV) env: Env,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(LIFECYCLE) lifecycle: ServiceLifecycle,
    @Inject(SyncMetrics) private readonly metrics: SyncMetrics,
  ) {
    // OPS-1: a stopping instance starts no run; its runs get the grace period to end, then are stopped (failed,
    // lease released) like at any shutdown
    lifecycle.register({
      name: 'sync runs',
      stop: () => {
        this.stopping = true;
      },
      idle: () => this.idle(),
      force: () => {
        for (const r of this.active.values()) r.abort.abort(new RunAborted(STOPPED_DURING_RUN));
      },
    });
    this.holder = `${env.INSTANCE_ID ?? hostname()}#${process.pid}#${randomBytes(4).toString('hex')}`;
  }

  async onModuleInit(): Promise<void> {
    await this.repo.ensureLocks();
    await this.recoverAbandonedRuns();
  }

  /** Stops the runs of this instance: their jobs see the abort, the runs end failed and release their leases. */
  async beforeApplicationShutdown(): Promise<void> {
    const running = [...this.active.values()];
    for (const r of running) r.abort.abort(new RunAborted(STOPPED_DURING_RUN));
    await Promise.race([
      Promise.allSettled(running.map((r) => r.done)),
      new Promise((resolve) => setTimeout(resolve, 10_000).unref()),
    ]);
  }

  /** Lease and heartbeat durations (operations and tests). */
  setTiming(timing: Partial<SyncTiming>): void {
    this.timing = { ...this.timing, ...timing };
  }

  /** SCH-5: marks runs left `running` by a stopped instance (lease expired) as failed. */
  async recoverAbandonedRuns(): Promise<string[]> {
    const ids = await this.repo.failAbandonedRuns(this.clock.now(), STOPPED_DURING_RUN);
    if (ids.length > 0)
      this.logger.warn({ runIds: ids }, 'sync runs left running by a stopped service marked failed');
    return ids;
  }

  /**
   * SCH-3: an on-demand run. 422 when the connection is not configured, 409 `sync-already-running` (with the running
   * run's id) when the group is busy on any instance. The run goes on in the background.
   */
  async startOnDemand(group: SyncGroup, actor: Pick<AuthUser, 'id'>): Promise<SyncRunView> {
    if (this.stopping) {
      const message =
        'This instance is stopping and starts no sync run; try again (another instance will take it).';
      throw new ProblemError(503, 'service-stopping', message, [
        { code: 'service-stopping', rule: 'OPS-1', message },
      ]);
    }
    const client = await this.clientOr422();
    const result = await this.start(group, 'on_demand', client, actor.id);
    if (!result.acquired) {
      const runningRunId = result.reason === 'busy' ? result.runningRunId : null;
      const message = `A ${group} sync is already running${runningRunId ? ` (run ${runningRunId})` : ''}; wait for it to end.`;
      throw new ProblemError(409, 'conflict', message, [
        { code: 'sync-already-running', rule: 'SCH-4', message, ...(runningRunId ? { field: 'group' } : {}) },
      ]);
    }
    return runView(result.run);
  }

  /**
   * A scheduled run (the scheduler's cron tick, or the catch-up at start-up): started only when a scheduled time
   * passed since the group's last run, and only by one instance. Returns null when skipped.
   */
  async startScheduled(group: SyncGroup): Promise<SyncRunView | null> {
    if (this.stopping) return null;
    let client: BridgeSpectrumClient;
    try {
      client = await this.clients.create();
    } catch (e) {
      this.logger.info({ group, reason: describeError(e) }, 'scheduled sync skipped');
      return null;
    }
    const frequency = (await this.schedules.frequencies())[group];
    const options = GROUP_SCHEDULE_OPTIONS[group];
    const result = await this.start(group, 'schedule', client, null, (last) =>
      isRunDue(frequency, last, this.clock.now(), options),
    );
    if (!result.acquired) {
      this.logger.debug({ group, reason: result.reason }, 'scheduled sync skipped');
      return null;
    }
    return runView(result.run);
  }

  /** Resolves when the run (of this instance) has ended; at once for unknown or finished runs. */
  async waitForRun(runId: string): Promise<void> {
    await this.active.get(runId)?.done;
  }

  /** Resolves when every run of this instance has ended. */
  async idle(): Promise<void> {
    while (this.active.size > 0) await Promise.allSettled([...this.active.values()].map((r) => r.done));
  }

  /**
   * The counts so far of a run this instance is running (they reach the database only with each heartbeat);
   * undefined for a run that ended or runs on another instance.
   */
  liveCounts(runId: string): Readonly<SyncCounts> | undefined {
    return this.active.get(runId)?.counts;
  }

  /** A run without its failures (null when there is none). */
  async findRun(id: string): Promise<SyncRunView | null> {
    const run = await this.repo.findRun(id);
    return run ? runView(run) : null;
  }

  async getRun(id: string): Promise<SyncRunDetailView | null> {
    const run = await this.repo.findRun(id);
    if (!run) return null;
    const failures = await this.repo.failuresOf(id, 1000);
    return { ...runView(run), failures: failures.map(failureView) };
  }

  listRuns(
    filter: { group?: SyncGroup; status?: SyncRunView['status'] },
    beforeId: string | undefined,
    take: number,
  ) {
    return this.repo.listRuns(filter, beforeId, take);
  }

  private async clientOr422(): Promise<BridgeSpectrumClient> {
    try {
      return await this.clients.create();
    } catch (e) {
      if (e instanceof ConnectionNotConfiguredError) {
        throw unprocessable('The sync cannot start.', [
          reason('connection-not-configured', 'GEN-2', e.message),
        ]);
      }
      throw e;
    }
  }

  private async start(
    group: SyncGroup,
    trigger: SyncTrigger,
    client: BridgeSpectrumClient,
    startedBy: string | null,
    isDue?: (last: Date | null) => boolean,
  ) {
    const now = this.clock.now();
    const result = await this.repo.acquire({
      group,
      trigger,
      startedBy,
      holder: this.holder,
      now,
      leaseUntil: new Date(now.getTime() + this.timing.leaseMs),
      orphanReason: STOPPED_DURING_RUN,
      ...(isDue ? { isDue } : {}),
    });
    if (result.acquired) {
      if (result.orphansFailed > 0) {
        this.logger.warn(
          { group, count: result.orphansFailed },
          'abandoned sync runs of the group marked failed',
        );
      }
      const abort = new AbortController();
      const counts = zero();
      // OPS-4: an on-demand run logs with the id of the request that started it, a scheduled one with its run id
      const run = result.run;
      // the run goes on in the background in a context of its own (no transaction of its starter's)
      const done = inOwnContext(() =>
        withCorrelation(currentCorrelationId() ?? run.id, () => this.execute(run, client, abort, counts)),
      ).finally(() => this.active.delete(run.id));
      this.active.set(run.id, { done, abort, counts });
    }
    return result;
  }

  private async execute(
    run: SyncRunRecord,
    client: BridgeSpectrumClient,
    abort: AbortController,
    counts: SyncCounts,
  ): Promise<void> {
    const logger = this.logger.child({ runId: run.id, group: run.group });
    let pending: NewFailure[] = [];
    let stored = 0;
    let writing: Promise<void> = Promise.resolve();
    let finished = false;

    /** Writes progress and buffered failures; serialized so writes never overlap. */
    const flush = (): Promise<void> => {
      const batch = pending;
      pending = [];
      const snapshot = { ...counts };
      writing = writing
        .then(() => this.repo.saveProgress(run.id, snapshot, batch))
        .catch((err: unknown) => logger.error({ err }, 'saving sync progress failed'));
      return writing;
    };

    const beat = async () => {
      if (finished) return;
      const now = this.clock.now();
      try {
        const held = await this.repo.renewLease(
          run.group,
          run.id,
          new Date(now.getTime() + this.timing.leaseMs),
        );
        if (!held && !finished) {
          abort.abort(new RunAborted('the run lost its lease (another instance took the group over)'));
          return;
        }
      } catch (err) {
        logger.error({ err }, 'renewing the sync lease failed');
      }
      await flush();
    };
    const timer = setInterval(() => void beat(), this.timing.heartbeatMs);
    timer.unref();

    const ctx: SyncJobContext = {
      runId: run.id,
      group: run.group,
      trigger: run.trigger,
      client,
      logger,
      signal: abort.signal,
      now: () => this.clock.now(),
      count: (counter, n = 1) => {
        counts[counter] += n;
      },
      countAll: (c) => {
        for (const k of SYNC_COUNTERS) counts[k] += c[k] ?? 0;
      },
      fail: (itemType, itemKey, why) => {
        counts.failed += 1;
        if (stored >= MAX_STORED_FAILURES) return;
        stored += 1;
        const text = typeof why === 'string' ? why.slice(0, 2000) : describeError(why);
        pending.push({ itemType, itemKey: itemKey.slice(0, 500), reason: text, createdAt: this.clock.now() });
        if (stored === MAX_STORED_FAILURES)
          logger.warn('failure limit reached: further failures are only counted');
        if (pending.length >= FAILURE_FLUSH_AT) return flush();
        return undefined;
      },
    };

    let status: 'succeeded' | 'failed' = 'succeeded';
    let error: string | null = null;
    const started = performance.now();
    logger.info({ trigger: run.trigger, startedBy: run.startedBy }, 'sync run started');
    try {
      const jobs = this.jobs.forGroup(run.group);
      if (jobs.length === 0) throw new Error(`No import is installed for the ${run.group} group.`);
      for (const job of jobs) {
        if (abort.signal.aborted) throw abort.signal.reason;
        logger.debug({ job: job.name ?? job.constructor.name }, 'sync job started');
        await job.run(ctx);
      }
      if (abort.signal.aborted) throw abort.signal.reason;
    } catch (e) {
      status = 'failed';
      error = describeError(abort.signal.aborted ? abort.signal.reason : e);
      logger.warn(
        { err: e instanceof Error ? { name: e.name, message: error } : undefined },
        'sync run failed',
      );
      if (isSpectrumError(e) && e.kind === 'auth' && error !== null) {
        const reason = error;
        await this.settings
          .recordAuthorizationFailure(reason)
          .catch((err: unknown) => logger.error({ err }, 'recording the connection status failed'));
      }
    } finally {
      finished = true;
      clearInterval(timer);
      await writing;
      try {
        await this.repo.finish({ run, status, error, counts, failures: pending, endedAt: this.clock.now() });
      } catch (err) {
        logger.error({ err }, 'recording the end of the sync run failed (the lease expires on its own)');
      }
      this.metrics.runEnded(run, status, (performance.now() - started) / 1000, counts);
      logger.info({ status, counts, error }, 'sync run ended');
    }
  }
}
