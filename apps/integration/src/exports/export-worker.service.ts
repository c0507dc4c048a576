import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { type ExportableType, hashRow, isPutServiceName, type RowValue } from '@bridge/rules';
import {
  isSpectrumError,
  SpectrumAuthError,
  SpectrumCallLimitError,
  SpectrumValidationError,
} from '@bridge/spectrum-client';
import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import type { Logger } from 'pino';
import { AuditService } from '../audit/audit.service.js';
import type { Env } from '../config/env.js';
import type { Prisma } from '../generated/prisma/client.js';
import { LinksRepository } from '../links/links.repository.js';
import { withCorrelation } from '../platform/logging/correlation.js';
import type { ServiceLifecycle } from '../platform/runtime/lifecycle.js';
import { CLOCK, type Clock, ENV, LIFECYCLE, LOGGER, SPECTRUM_CLIENT_FACTORY } from '../platform/tokens.js';
import { SettingsService } from '../settings/settings.service.js';
import type { BridgeSpectrumClient, SpectrumClientFactory } from '../spectrum/spectrum-client.factory.js';
import { ConnectionNotConfiguredError, describeError } from '../spectrum/spectrum-errors.js';
import { ExportItemsService } from './export-items.service.js';
import { ExportMetrics, type ExportRunOutcome } from './export-metrics.js';
import { ExportProgress } from './export-progress.js';
import {
  type ClaimedExport,
  type ClaimedRequest,
  type ExportStepRecord,
  ExportsRepository,
  type StepDone,
} from './exports.repository.js';
import { EXPORT_NOTIFIER, type ExportNotifier } from './notifier.js';
import { writtenStatement } from './written-statement.js';

/**
 * Default lease of a claimed request (`EXPORT_LEASE_MS`) and its heartbeat, a quarter of the lease (a stopped
 * instance's lease simply expires, like a crash).
 */
export const LEASE_MS = 60_000;
export const HEARTBEAT_MS = LEASE_MS / 4;
/** Transport errors, timeouts and Server faults: attempts before the request fails, and the backoff. */
export const MAX_ATTEMPTS = 6;
export const BACKOFF_BASE_MS = 5_000;
export const BACKOFF_MAX_MS = 10 * 60_000;

/**
 * Whether sending a step again writes nothing new (docs/decisions.md → Exports): Spectrum's upserts keyed by the
 * natural key fixed at accept, and the pure adds (AddJob, AddVendor) the worker looks up first. Finished repeatable
 * steps are recorded in batches (`EXPORT_STEPS_PER_RECORD`); after a crash the unrecorded ones are sent again with
 * identical values. Every other step is recorded as soon as Spectrum answered: JobCostProjections adds a projection
 * entry on each call, a change request or change order without its number would get a new one, and AddCustomer is
 * not known to be an upsert.
 */
export function isRepeatableStep(step: Pick<ExportStepRecord, 'service' | 'input'>): boolean {
  const filled = (field: string) => (step.input[field] ?? '').trim() !== '';
  switch (step.service) {
    case 'AddJob':
    case 'UpdateJob':
    case 'AddPhase':
    case 'AddVendor':
    case 'UpdateVendor':
    case 'UpdateSubcontract':
    case 'UpdateSubcontractPhases':
      return true;
    case 'ARChangeRequest':
      return filled('Change_Request_Number');
    case 'ARChangeOrder':
      return filled('Change_Order_Number');
    default:
      return false;
  }
}

/** Spectrum already holds the key with other values: a person must look (no write is made). */
class SpectrumConflict extends Error {}

/** Why a run ended early without changing the request (lease lost or the instance stopping). */
class Abandoned extends Error {}

/**
 * The instance is stopping gracefully (OPS-1): the run stops at its next step boundary (or its call in flight is
 * cancelled when the grace period is over), records what Spectrum answered and gives the lease back, so another
 * instance takes the request at once.
 */
class Yielded extends Error {}

/**
 * Test seam: the process "dies" where it is. Thrown by a hook, it is never classified as a Spectrum error: the
 * worker records nothing and leaves the lease in place, exactly as after a crash (the error reaches the caller).
 */
export class ProcessDied extends Error {
  constructor(message = 'the process died') {
    super(message);
    this.name = 'ProcessDied';
  }
}

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

function validationText(e: SpectrumValidationError): string {
  const problems =
    e.problems.length > 0 ? e.problems : [{ description: e.description ?? e.message, column: e.column }];
  return problems
    .map((p) => `${(p.description ?? '').trim() || 'refused'}${p.column ? ` (field ${p.column})` : ''}`)
    .join('; ');
}

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
  /** No new claims (graceful stop or shutdown). */
  private stopping = false;
  /** Graceful stop (OPS-1): runs in flight give their requests back at their next step boundary. */
  private yielding = false;
  /** The application is closing: runs in flight are abandoned where they are (the lease runs out). */
  private closing = false;
  private readonly running = new Set<AbortController>();
  private readonly inFlight = new Set<Promise<void>>();
  private draining: Promise<number> | null = null;
  /** Injectable for tests: random in [0, 1) for the backoff jitter. */
  random: () => number = Math.random;
  /** Test seams (see `ExportWorkerHooks`); empty in production. */
  hooks: ExportWorkerHooks = {};

  constructor(
    @Inject(ExportsRepository) private readonly repo: ExportsRepository,
    @Inject(ExportItemsService) private readonly items: ExportItemsService,
    @Inject(LinksRepository) private readonly links: LinksRepository,
    @Inject(ExportProgress) private readonly progress: ExportProgress,
    @Inject(AuditService) private readonly audit: AuditService,
    @Inject(SettingsService) private readonly settings: SettingsService,
    @Inject(SPECTRUM_CLIENT_FACTORY) private readonly clients: SpectrumClientFactory,
    @Inject(EXPORT_NOTIFIER) private readonly notifier: ExportNotifier,
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
   * all through one Spectrum client (one session) for the batch. One drain per instance at a time (others wait for
   * it).
   */
  drain(max = Number.POSITIVE_INFINITY): Promise<number> {
    if (this.draining) return this.draining;
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
  async runOne(batch: Batch = { client: null }): Promise<boolean> {
    if (this.stopping) return false;
    const now = this.clock.now();
    const leaseUntil = new Date(now.getTime() + this.leaseMs);
    const claimed = await this.repo.claim(this.instanceId, now, leaseUntil);
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
    while (this.draining || this.inFlight.size > 0)
      await Promise.allSettled([this.draining, ...this.inFlight].filter((p) => p !== null));
  }

  async onModuleDestroy(): Promise<void> {
    this.stopping = true;
    this.closing = true;
    for (const c of this.running) c.abort(new Abandoned('the service is stopping'));
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
      const held = await this.repo.renewLease(id, this.instanceId, until);
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
        const result = await this.execute(client, step, abort.signal).catch((e) => {
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
          result: result as Prisma.InputJsonValue,
          doneAt: this.clock.now(),
        });
        if (!isRepeatableStep(step) || unrecorded.length >= this.stepsPerRecord) {
          const held = await this.repo.markStepsDone(id, this.instanceId, unrecorded.splice(0));
          if (!held) throw new Abandoned('the export lost its lease');
        }
        log.debug({ step: step.name }, 'step done');
      }
      if (await this.finishSynced(request, unrecorded, log)) outcome = 'synced';
    } catch (caught) {
      if (caught instanceof ProcessDied) throw caught;
      // a call cancelled by a forced stop fails with a transport error: the reason is the stop
      const e = abort.signal.reason instanceof Yielded ? abort.signal.reason : caught;
      // what Spectrum confirmed stays recorded, so a retry starts at the step that failed
      if (unrecorded.length > 0 && !(e instanceof Abandoned))
        await this.repo.markStepsDone(id, this.instanceId, unrecorded.splice(0)).catch(() => false);
      if (e instanceof Yielded) {
        await this.giveBack(request, log);
        outcome = 'given_back';
      } else outcome = await this.handleError(request, e, log);
    } finally {
      this.metrics.runEnded(request.type, outcome, (performance.now() - started) / 1000);
      clearInterval(heartbeat);
      this.running.delete(abort);
    }
  }

  /** One step: pure adds look the key up first; upserts are simply (re)written. */
  private async execute(
    client: BridgeSpectrumClient,
    step: ExportStepRecord,
    signal: AbortSignal,
  ): Promise<unknown> {
    const service = step.service;
    if (!isPutServiceName(service)) throw new TypeError(`unknown Spectrum service ${service}`);
    if (service === 'AddJob') {
      const jobNumber = step.input.Job_Number ?? '';
      const [job] = await client.listJobs({ jobNumber }).toArray();
      if (job) {
        const ours = (step.input.Job_Description ?? '').trim();
        const theirs = job.jobDescription.trim();
        const customer = (step.input.Customer_Code ?? '').trim();
        if (ours === theirs && customer === job.customerCode.trim()) return { alreadyInSpectrum: true };
        throw new SpectrumConflict(
          `Spectrum already has job ${jobNumber} with different values (description "${theirs}", customer ${job.customerCode.trim() || 'none'}).`,
        );
      }
    }
    if (service === 'AddVendor') {
      const vendorCode = step.input.Vendor_Code ?? '';
      const [vendor] = await client.listVendorMaster({ vendorCode }).toArray();
      if (vendor) {
        const ours = (step.input.Vendor_Name ?? '').trim();
        if (ours === vendor.vendorName.trim()) return { alreadyInSpectrum: true };
        throw new SpectrumConflict(
          `Spectrum already has vendor ${vendorCode} with different values (name "${vendor.vendorName.trim()}").`,
        );
      }
    }
    // the stored step input is the rules' wire record: sent as it is
    const res = await client.put(service, step.input, { signal });
    return { generated: res.generated };
  }

  /** True when this worker finished the request (false: the lease was lost, another instance finishes it). */
  private async finishSynced(
    request: ClaimedRequest,
    unrecorded: readonly StepDone[],
    log: Logger,
  ): Promise<boolean> {
    const type = request.type as ExportableType;
    const p = request.payload as { item?: RowValue; linkType?: ExportableType };
    const linkType = p.linkType ?? type;
    const now = this.clock.now();
    const key = request.spectrumKey ?? '';
    const done = await this.repo.transaction(async (tx) => {
      await this.items.lock(type, request.itemId, tx);
      // the request ends synced, the last steps are recorded and a row the import staged for the same Spectrum key
      // (no PM item yet) is removed: this item's link replaces it
      const finished = await this.repo.finishSynced(
        request.id,
        this.instanceId,
        unrecorded,
        { type: linkType, spectrumKey: key },
        now,
        tx,
      );
      if (!finished) return false; // the lease was lost: another instance finishes it
      const item = (p.item ?? {}) as RowValue;
      await this.links.upsertForItem(
        linkType,
        request.itemId,
        {
          state: 'synced',
          spectrumKey: key,
          lastError: null,
          lastSyncedAt: now,
          lastSyncedHash: hashRow(JSON.parse(JSON.stringify(item)) as RowValue),
          lastSyncedValues: JSON.parse(JSON.stringify(item)) as Prisma.InputJsonValue,
        },
        tx,
      );
      if (type === 'budget')
        await this.repo.setBudgetFlags(request.itemId, { exportInFlight: false, everExported: true }, tx);
      await this.audit.record(
        {
          actorId: null,
          action: 'export.synced',
          itemType: type,
          itemId: request.itemId,
          before: { state: 'exporting' },
          after: { state: 'synced', spectrumKey: key },
        },
        tx,
      );
      return true;
    });
    if (!done) return false;
    this.metrics.exportEnded(type, 'synced', request.decidedAt, now);
    this.progress.emit({ requestId: request.id, kind: 'state', state: 'synced' });
    log.info({ spectrumKey: key }, 'export synced');
    await this.notifier.finished({
      requestId: request.id,
      type,
      itemId: request.itemId,
      state: 'synced',
      spectrumKey: key,
      error: null,
    });
    return true;
  }

  private async fail(
    request: ClaimedRequest,
    cause: string,
    kind: string,
    log: Logger,
  ): Promise<ExportRunOutcome> {
    const type = request.type as ExportableType;
    const message = `${cause}${writtenStatement(await this.repo.steps(request.id))}`;
    const linkType = ((request.payload as { linkType?: ExportableType }).linkType ?? type) as ExportableType;
    const now = this.clock.now();
    const done = await this.repo.transaction(async (tx) => {
      await this.items.lock(type, request.itemId, tx);
      const finished = await this.repo.finishHeld(
        request.id,
        this.instanceId,
        { state: 'failed', finishedAt: now, lastError: message, lastErrorKind: kind },
        tx,
      );
      if (!finished) return false;
      await this.links.upsertForItem(linkType, request.itemId, { state: 'failed', lastError: message }, tx);
      await this.audit.record(
        {
          actorId: null,
          action: 'export.failed',
          itemType: type,
          itemId: request.itemId,
          before: { state: 'exporting' },
          after: { state: 'failed', lastError: message },
        },
        tx,
      );
      return true;
    });
    if (!done) return 'abandoned';
    this.metrics.exportEnded(type, 'failed', request.decidedAt, now);
    this.progress.emit({ requestId: request.id, kind: 'state', state: 'failed' });
    log.warn({ error: message, kind }, 'export failed');
    await this.notifier.finished({
      requestId: request.id,
      type,
      itemId: request.itemId,
      state: 'failed',
      spectrumKey: request.spectrumKey,
      error: message,
    });
    return 'failed';
  }

  /** OPS-1: the lease is given back and the request is due at once, for another instance to take it now. */
  private async giveBack(request: ClaimedRequest, log: Logger): Promise<void> {
    try {
      const released = await this.repo.giveBack(request.id, this.instanceId, this.clock.now());
      log.info({ released }, 'export given back: the service is stopping');
    } catch (err) {
      log.warn({ err }, 'giving the export back failed: another instance takes it when the lease runs out');
    }
  }

  private backoff(attempt: number): number {
    const ceiling = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** (attempt - 1));
    return Math.floor(ceiling / 2 + (this.random() * ceiling) / 2);
  }

  private async handleError(request: ClaimedRequest, error: unknown, log: Logger): Promise<ExportRunOutcome> {
    if (error instanceof Abandoned || this.closing) {
      log.warn({ reason: (error as Error).message }, 'export left for another attempt');
      return 'abandoned';
    }
    const step = (error as { step?: string }).step;
    const where = step ? ` at ${step}` : '';
    const now = this.clock.now();
    if (error instanceof SpectrumValidationError) {
      return this.fail(
        request,
        `Spectrum refused the export${where}: ${validationText(error)}.`,
        'validation',
        log,
      );
    }
    if (error instanceof SpectrumConflict) return this.fail(request, error.message, 'conflict', log);
    if (error instanceof SpectrumAuthError || error instanceof ConnectionNotConfiguredError) {
      const reason = error instanceof SpectrumAuthError ? error.description || error.message : error.message;
      await this.repo.release(request.id, this.instanceId, {
        nextAttemptAt: now,
        lastError: `Waiting: Spectrum refused the connection (${reason}); exports resume after a successful connection test.`,
        lastErrorKind: 'auth',
      });
      if (error instanceof SpectrumAuthError) await this.settings.recordAuthorizationFailure(reason);
      log.warn({ reason }, 'export paused: Spectrum refused the credentials');
      return 'paused';
    }
    if (error instanceof SpectrumCallLimitError) {
      // OPS-13: the call was never sent (no free slot of the shared call limit in time): not an attempt, the request
      // waits a little and goes on from the same step
      const delay = this.backoff(1);
      await this.repo.release(request.id, this.instanceId, {
        nextAttemptAt: new Date(now.getTime() + delay),
        lastError: `Waiting for Spectrum capacity${where}: ${describeError(error)}; nothing was sent, retrying.`,
        lastErrorKind: 'transport',
      });
      log.warn({ delayMs: delay, error: error.message }, 'export waits for a Spectrum call slot');
      return 'retry';
    }
    const transient =
      isSpectrumError(error) &&
      (error.retryable ||
        error.kind === 'parse' ||
        error.kind === 'session-expired' ||
        error.kind === 'transport');
    const text = describeError(error);
    if (!transient) return this.fail(request, `The export stopped${where}: ${text}`, 'error', log);
    const attempts = request.attempts + 1;
    if (attempts >= MAX_ATTEMPTS) {
      return this.fail(
        request,
        `Spectrum did not answer after ${attempts} attempts${where}; the last error: ${text}`,
        'transport',
        log,
      );
    }
    const delay = this.backoff(attempts);
    await this.repo.release(request.id, this.instanceId, {
      attempts,
      nextAttemptAt: new Date(now.getTime() + delay),
      lastError: `Attempt ${attempts} failed${where}: ${text}; retrying.`,
      lastErrorKind: 'transport',
    });
    log.warn({ attempts, delayMs: delay, error: text }, 'export will be retried');
    return 'retry';
  }
}
