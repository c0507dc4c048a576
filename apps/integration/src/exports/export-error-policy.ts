import {
  isSpectrumError,
  SpectrumAuthError,
  SpectrumCallLimitError,
  SpectrumValidationError,
} from '@bridge/spectrum-client';
import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { CLOCK, type Clock } from '../platform/tokens.js';
import { SettingsService } from '../settings/settings.service.js';
import { ConnectionNotConfiguredError, describeError } from '../spectrum/spectrum-errors.js';
import { ExportFinisher } from './export-finisher.js';
import { type ClaimedRequest, ExportLeasesRepository } from './export-leases.repository.js';
import type { ExportRunOutcome } from './export-metrics.js';
import { Abandoned, SpectrumConflict, validationText } from './worker-errors.js';

/** Transport errors, timeouts and Server faults: attempts before the request fails, and the backoff. */
export const MAX_ATTEMPTS = 6;
export const BACKOFF_BASE_MS = 5_000;
export const BACKOFF_MAX_MS = 10 * 60_000;

/**
 * How the worker classifies what stopped a run (docs/decisions.md → Exports): transport errors, timeouts and Server
 * faults retry with backoff until `MAX_ATTEMPTS`; Spectrum `I`/`M` rows and conflicts fail the request with
 * Spectrum's words; `A` (credentials) sends it back to wait and marks the connection Not Connected; a missing slot of
 * the shared call limit waits without counting an attempt.
 */
@Injectable()
export class ExportErrorPolicy {
  constructor(
    @Inject(ExportLeasesRepository) private readonly leases: ExportLeasesRepository,
    @Inject(ExportFinisher) private readonly finisher: ExportFinisher,
    @Inject(SettingsService) private readonly settings: SettingsService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  private backoff(attempt: number, random: () => number): number {
    const ceiling = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** (attempt - 1));
    return Math.floor(ceiling / 2 + (random() * ceiling) / 2);
  }

  /** What a run's error does to its request: retried with backoff, paused, given up, or failed in Spectrum's words. */
  async handle(
    request: ClaimedRequest,
    error: unknown,
    log: Logger,
    run: { holder: string; random: () => number; closing: boolean },
  ): Promise<ExportRunOutcome> {
    if (error instanceof Abandoned || run.closing) {
      log.warn({ reason: (error as Error).message }, 'export left for another attempt');
      return 'abandoned';
    }
    const step = (error as { step?: string }).step;
    const where = step ? ` at ${step}` : '';
    const now = this.clock.now();
    if (error instanceof SpectrumValidationError) {
      return this.finisher.failed(
        run.holder,
        request,
        `Spectrum refused the export${where}: ${validationText(error)}.`,
        'validation',
        log,
      );
    }
    if (error instanceof SpectrumConflict)
      return this.finisher.failed(run.holder, request, error.message, 'conflict', log);
    if (error instanceof SpectrumAuthError || error instanceof ConnectionNotConfiguredError) {
      const reason = error instanceof SpectrumAuthError ? error.description || error.message : error.message;
      await this.leases.release(request.id, run.holder, {
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
      const delay = this.backoff(1, run.random);
      await this.leases.release(request.id, run.holder, {
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
    if (!transient)
      return this.finisher.failed(run.holder, request, `The export stopped${where}: ${text}`, 'error', log);
    const attempts = request.attempts + 1;
    if (attempts >= MAX_ATTEMPTS) {
      return this.finisher.failed(
        run.holder,
        request,
        `Spectrum did not answer after ${attempts} attempts${where}; the last error: ${text}`,
        'transport',
        log,
      );
    }
    const delay = this.backoff(attempts, run.random);
    await this.leases.release(request.id, run.holder, {
      attempts,
      nextAttemptAt: new Date(now.getTime() + delay),
      lastError: `Attempt ${attempts} failed${where}: ${text}; retrying.`,
      lastErrorKind: 'transport',
    });
    log.warn({ attempts, delayMs: delay, error: text }, 'export will be retried');
    return 'retry';
  }
}
