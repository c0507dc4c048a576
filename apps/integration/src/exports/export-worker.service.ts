import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import type { Logger } from 'pino';
import type { Env } from '../config/env.js';
import { withCorrelation } from '../platform/logging/correlation.js';
import type { ServiceLifecycle } from '../platform/runtime/lifecycle.js';
import { CLOCK, type Clock, ENV, LIFECYCLE, LOGGER, SPECTRUM_CLIENT_FACTORY } from '../platform/tokens.js';
import { inOwnContext } from '../platform/transactions.js';
import { SettingsService } from '../settings/settings.service.js';
import type { BridgeSpectrumClient, SpectrumClientFactory } from '../spectrum/spectrum-client.factory.js';
import { ExportErrorPolicy } from './export-error-policy.js';
import { ExportFinisher } from './export-finisher.js';
import {
  type ClaimedExport,
  type ClaimedRequest,
  ExportLeasesRepository,
  type StepDone,
} from './export-leases.repository.js';
import { ExportMetrics, type ExportRunOutcome } from './export-metrics.js';
import { ExportProgress } from './export-progress.js';
import { type ExportStepRecord, ExportsRepository } from './exports.repository.js';
import { executeStep, isRepeatableStep } from './step-executor.js';
import { ExportVerifier } from './verification/export-verifier.service.js';
import { Abandoned, ProcessDied, Yielded } from './worker-errors.js';

export { isRepeatableStep } from './step-executor.js';
export { ProcessDied } from './worker-errors.js';

/**
 * Default lease of a claimed request (`EXPORT_LEASE_MS`) and its heartbeat, a quarter of the lease (a stopped
 * instance's lease simply expires, like a crash).
 */
export const LEASE_MS = 60_000;
export const HEARTBEAT_MS = LEASE_MS / 4;
export { BACKOFF_BASE_MS, BACKOFF_MAX_MS, MAX_ATTEMPTS } from './export-error-policy.js';

/** One drain's shared Spectrum client (one session, kept-alive connections), built by its first request. */
interface Batch {
  client: Promise<BridgeSpectrumClient> | null;
}

/** Injectable hooks for tests; none are set in production. */
export interface ExportWorkerHooks {
  /** Runs after Spectrum answered a step's call and before the step is recorded as done. */
  afterSpectrumCall?(call: {
    requestId: string;
    step: ExportStepRecord;
    total: number;
  }): void | Promise<void>;
}

const label = (s: ExportStepRecord, total: number) =>
  `${s.name} (step ${s.seq + 1} of ${total}, ${s.service})`;

/**
 * The export worker (docs/decisions.md → Exports): claims each due request with one conditional statement (up to
 * `EXPORT_CONCURRENCY` at a time), holds a renewed lease, runs the request's pending steps in order and records each
 * finished step with Spectrum's answer (a step that must not be repeated at once, repeatable ones in batches and the
 * rest with the finishing transaction; no transaction is held across a Spectrum call), and classifies errors: transport, timeouts
 * and Server faults retry with backoff; Spectrum `I`/`M` rows fail the request with Spectrum's words; `A` sends it
 * back to wait, pauses the queue and marks the connection Not Connected.
 */
@Injectable()
export class ExportWorker implements OnModuleDestroy {
  readonly instanceId: string;
  /** Requests this instance works at the same time (`EXPORT_CONCURRENCY`). */
  concurrency: number;
  /** The lease this instance takes on a claimed request (`EXPORT_LEASE_MS`) and renews every quarter of it. */
  readonly leaseMs: number;
  /** Finished repeatable steps recorded together (`EXPORT_STEPS_PER_RECORD`; see `isRepeatableStep`). */
  stepsPerRecord: number;
  /** VER-4: read each synced export back (EXPORT_VERIFY_AFTER_SYNC; always on but in a benchmark). */
  verifyAfterSync: boolean;
  /** No new claims (graceful stop or shutdown). */
  private stopping = false;
  /** Graceful stop (OPS-1): runs in flight give their requests back at their next step boundary. */
  private yielding = false;
  /** The application is closing: runs in flight are abandoned where they are (the lease runs out). */
  private closing = false;
  private readonly running = new Set<AbortController>();
  private readonly inFlight = new Set<Promise<void>>();
  /** VER-4 read-backs of exports this instance finished, running beside the lanes. */
  private readonly verifying = new Set<Promise<void>>();
  private draining: Promise<number> | null = null;
  /** Injectable for tests: random in [0, 1) for the backoff jitter. */
  random: () => number = Math.random;
  /** Test seams (see `ExportWorkerHooks`); empty in production. */
  hooks: ExportWorkerHooks = {};

  constructor(
    @Inject(ExportsRepository) private readonly repo: ExportsRepository,
    @Inject(ExportLeasesRepository) private readonly leases: ExportLeasesRepository,
    @Inject(ExportFinisher) private readonly finisher: ExportFinisher,
    @Inject(ExportErrorPolicy) private readonly errors: ExportErrorPolicy,
    @Inject(ExportVerifier) private readonly verifier: ExportVerifier,
    @Inject(ExportProgress) private readonly progress: ExportProgress,
    @Inject(SettingsService) readonly _settings: SettingsService,
    @Inject(SPECTRUM_CLIENT_FACTORY) private readonly clients: SpectrumClientFactory,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(ENV) private readonly env: Env,
    @Inject(LIFECYCLE) lifecycle: ServiceLifecycle,
    @Inject(ExportMetrics) private readonly metrics: ExportMetrics,
  ) {
    lifecycle.register({
      name: 'export worker',
      stop: () => this.stopGracefully(),
      idle: () => this.idle(),
      force: () => this.giveBackNow(),
    });
    this.leaseMs = env.EXPORT_LEASE_MS ?? LEASE_MS;
    this.concurrency = env.EXPORT_CONCURRENCY ?? 4;
    this.stepsPerRecord = env.EXPORT_STEPS_PER_RECORD ?? 50;
    this.verifyAfterSync = env.EXPORT_VERIFY_AFTER_SYNC ?? true;
    this.instanceId = env.INSTANCE_ID ?? `${hostname()}-${process.pid}-${randomUUID().slice(0, 8)}`;
  }

  /** Right after an accept or retry: start working now instead of at the next tick (worker instances only). */
  kick(): void {
    if (!this.env.WORKER_ENABLED || this.stopping) return;
    setImmediate(() => {
      this.drain().catch((e) => this.logger.error({ err: e }, 'export worker failed'));
    });
  }

  /**
   * Runs due requests until none is left (at most `max`), `EXPORT_CONCURRENCY` at a time, each under its own lease,
   * all through one Spectrum client (one session) for the batch, then waits for the read-backs (VER-4) it started.
   * One set of lanes per instance at a time (a second call joins them); once the lanes are done, a new call (an
   * accept's kick) starts new lanes even while read-backs are still running, so they never hold the next export.
   */
  drain(max = Number.POSITIVE_INFINITY): Promise<number> {
    const lanes = this.draining ?? this.runLanes(max);
    const readBacks = () => Promise.allSettled([...this.verifying]);
    return lanes.then(
      async (done) => {
        await readBacks();
        return done;
      },
      async (error: unknown) => {
        await readBacks();
        throw error;
      },
    );
  }

  private runLanes(max: number): Promise<number> {
    this.draining = (async () => {
      let claimed = 0;
      let done = 0;
      const batch: Batch = { client: null };
      const lane = async () => {
        while (claimed < max && !this.stopping) {
          claimed++;
          if (!(await this.runOne(batch))) {
            claimed--;
            return;
          }
          done++;
        }
      };
      try {
        const lanes = await Promise.allSettled(Array.from({ length: this.concurrency }, lane));
        const failed = lanes.find((l): l is PromiseRejectedResult => l.status === 'rejected');
        if (failed) throw failed.reason;
      } finally {
        this.draining = null;
      }
      return done;
    })();
    return this.draining;
  }

  /** Claims and works one due request; false when nothing is due or the queue is paused (Not Connected). */
  runOne(batch: Batch = { client: null }): Promise<boolean> {
    // each run in a context of its own: its short transactions never join another run's (lanes run concurrently)
    return inOwnContext(() => this.claimAndRun(batch));
  }

  private async claimAndRun(batch: Batch): Promise<boolean> {
    if (this.stopping) return false;
    const now = this.clock.now();
    const leaseUntil = new Date(now.getTime() + this.leaseMs);
    const claimed = await this.leases.claim(this.instanceId, now, leaseUntil);
    if (!claimed) return false;
    // OPS-4: the run's log lines and audit events carry the correlation id of the request that accepted it
    const run = withCorrelation(claimed.request.correlationId ?? claimed.request.id, () =>
      this.process(claimed, leaseUntil, batch),
    );
    this.inFlight.add(run);
    try {
      await run;
    } finally {
      this.inFlight.delete(run);
    }
    return true;
  }

  /**
   * OPS-1: claims nothing more; each request in flight stops at its next step boundary (the call Spectrum is
   * answering is let finish), records what Spectrum answered and gives its lease back (due at once), unless that
   * was its last step (then it finishes).
   */
  stopGracefully(): void {
    this.stopping = true;
    this.yielding = true;
  }

  /** OPS-1, the grace period is over: calls in flight are cancelled and their requests given back now. */
  giveBackNow(): void {
    this.stopGracefully();
    for (const c of this.running) c.abort(new Yielded('the service is stopping'));
  }

  /** Resolves when this instance holds no request (no drain, no run in flight). */
  async idle(): Promise<void> {
    while (this.draining || this.inFlight.size > 0 || this.verifying.size > 0)
      await Promise.allSettled(
        [this.draining, ...this.inFlight, ...this.verifying].filter((p) => p !== null),
      );
  }

  async onModuleDestroy(): Promise<void> {
    this.stopping = true;
    this.closing = true;
    for (const c of this.running) c.abort(new Abandoned('the service is stopping'));
    // a read-back in flight finishes (it is short and only records its result) before the database closes
    await Promise.allSettled([...this.verifying]);
  }

  private async process(
    { request, pending, total }: ClaimedExport,
    claimedUntil: Date,
    batch: Batch,
  ): Promise<void> {
    const id = request.id;
    const log = this.logger.child({ exportRequestId: id, instance: this.instanceId });
    const started = performance.now();
    let outcome: ExportRunOutcome = 'abandoned';
    const abort = new AbortController();
    this.running.add(abort);
    /** The end of the lease as last confirmed by the database. */
    let leaseUntil = claimedUntil.getTime();
    const renew = async (): Promise<boolean> => {
      const until = new Date(this.clock.now().getTime() + this.leaseMs);
      const held = await this.leases.renewLease(id, this.instanceId, until);
      if (held) leaseUntil = Math.max(leaseUntil, until.getTime());
      return held;
    };
    const heartbeat = setInterval(() => {
      renew()
        .then((held) => {
          if (!held) abort.abort(new Abandoned('the export lost its lease'));
        })
        .catch(() => abort.abort(new Abandoned('the lease could not be renewed')));
    }, this.leaseMs / 4);
    heartbeat.unref?.();
    /** Steps Spectrum answered that are not recorded yet (repeatable ones, recorded in batches). */
    const unrecorded: StepDone[] = [];
    try {
      log.info(
        { type: request.type, spectrumKey: request.spectrumKey, pending: pending.length },
        'export started',
      );
      batch.client ??= this.clients.create({ retry: { attempts: 1 } });
      const client = await batch.client.catch((e: unknown) => {
        batch.client = null; // the next request builds it again (e.g. once the connection is configured)
        throw e;
      });
      for (const step of pending) {
        if (abort.signal.aborted) throw abort.signal.reason;
        if (this.yielding) throw new Yielded('the service is stopping');
        // Steps are recorded in batches, so the lease is not re-checked by every write: when less than half of it is
        // left (the heartbeat is late, e.g. after a stall), it is renewed before the next call, and a worker whose
        // lease another instance has taken over stops here instead of sending more
        if (this.clock.now().getTime() >= leaseUntil - this.leaseMs / 2 && !(await renew()))
          throw new Abandoned('the export lost its lease');
        const stepStarted = performance.now();
        const result = await executeStep(client, step, abort.signal).catch((e) => {
          this.metrics.stepEnded(step.service, 'error', (performance.now() - stepStarted) / 1000);
          throw Object.assign(e instanceof Error ? e : new Error(String(e)), {
            step: label(step, total),
          });
        });
        this.metrics.stepEnded(step.service, 'ok', (performance.now() - stepStarted) / 1000);
        await this.hooks.afterSpectrumCall?.({ requestId: id, step, total });
        this.progress.emit({ requestId: id, kind: 'step', seq: step.seq, name: step.name, total });
        if (this.closing) throw new Abandoned('the service is stopping');
        unrecorded.push({
          stepId: step.id,
          result,
          doneAt: this.clock.now(),
        });
        if (!isRepeatableStep(step) || unrecorded.length >= this.stepsPerRecord) {
          const held = await this.leases.markStepsDone(id, this.instanceId, unrecorded.splice(0));
          if (!held) throw new Abandoned('the export lost its lease');
        }
        log.debug({ step: step.name }, 'step done');
      }
      if (await this.finisher.synced(request, this.instanceId, unrecorded, log)) {
        outcome = 'synced';
        // VER-4: read back what was written; the export stays synced whatever Spectrum answers
        const synced = await this.repo.findById(id);
        // off the lane: the next claim does not wait for the read-back (drain and idle do)
        if (synced && this.verifyAfterSync) {
          const verifying: Promise<void> = this.verifier
            .verify(synced, client)
            .then(
              () => undefined,
              (err: unknown) => log.warn({ err }, 'verification failed'),
            )
            .finally(() => {
              this.verifying.delete(verifying);
              this.progress.emit({ requestId: id, kind: 'state', state: 'verified' });
            });
          this.verifying.add(verifying);
        }
      }
    } catch (caught) {
      if (caught instanceof ProcessDied) throw caught;
      // a call cancelled by a forced stop fails with a transport error: the reason is the stop
      const e = abort.signal.reason instanceof Yielded ? abort.signal.reason : caught;
      // what Spectrum confirmed stays recorded, so a retry starts at the step that failed
      if (unrecorded.length > 0 && !(e instanceof Abandoned))
        await this.leases.markStepsDone(id, this.instanceId, unrecorded.splice(0)).catch(() => false);
      if (e instanceof Yielded) {
        await this.giveBack(request, log);
        outcome = 'given_back';
      } else
        outcome = await this.errors.handle(request, e, log, {
          holder: this.instanceId,
          random: this.random,
          closing: this.closing,
        });
    } finally {
      this.metrics.runEnded(request.type, outcome, (performance.now() - started) / 1000);
      clearInterval(heartbeat);
      this.running.delete(abort);
    }
  }

  /** OPS-1: the lease is given back and the request is due at once, for another instance to take it now. */
  private async giveBack(request: ClaimedRequest, log: Logger): Promise<void> {
    try {
      const released = await this.leases.giveBack(request.id, this.instanceId, this.clock.now());
      log.info({ released }, 'export given back: the service is stopping');
    } catch (err) {
      log.warn({ err }, 'giving the export back failed: another instance takes it when the lease runs out');
    }
  }
}
