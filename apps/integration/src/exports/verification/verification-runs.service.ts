import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { CronJob } from 'cron';
import type { Logger } from 'pino';
import type { Env } from '../../config/env.js';
import { type Page, toPage } from '../../platform/http/pagination.js';
import { conflict } from '../../platform/http/problem.js';
import { CLOCK, type Clock, ENV, LOGGER, SPECTRUM_CLIENT_FACTORY } from '../../platform/tokens.js';
import { inOwnContext } from '../../platform/transactions.js';
import type { SpectrumClientFactory } from '../../spectrum/spectrum-client.factory.js';
import { describeError } from '../../spectrum/spectrum-errors.js';
import { ExportsRepository } from '../exports.repository.js';
import { ExportVerifier } from './export-verifier.service.js';
import {
  type RunCounts,
  type VerificationRunRecord,
  VerificationRunsRepository,
} from './verification-runs.repository.js';

/** A run still marked running this long after its start is one whose instance stopped. */
const STALE_MS = 12 * 3_600_000;

/** Synced exports read back per page of a run. */
const PAGE = 100;

const iso = (d: Date | null) => d?.toISOString() ?? null;

export function runView(r: VerificationRunRecord) {
  return { ...r, startedAt: r.startedAt.toISOString(), finishedAt: iso(r.finishedAt) };
}

/**
 * VER-5: re-verification of every synced export (the latest synced request of each item) against what Spectrum holds
 * now, on demand and on a schedule (`VERIFICATION_CRON`, nightly by default), at most one run at a time across
 * instances. Each export is verified as after its write (VER-4): drift is recorded on the request, an audit event and
 * the item's last error. A run never writes to Spectrum.
 */
@Injectable()
export class VerificationRunsService implements OnApplicationBootstrap {
  private readonly inFlight = new Set<Promise<void>>();

  constructor(
    @Inject(VerificationRunsRepository) private readonly runs: VerificationRunsRepository,
    @Inject(ExportsRepository) private readonly requests: ExportsRepository,
    @Inject(ExportVerifier) private readonly verifier: ExportVerifier,
    @Inject(SPECTRUM_CLIENT_FACTORY) private readonly clients: SpectrumClientFactory,
    @Inject(SchedulerRegistry) private readonly registry: SchedulerRegistry,
    @Inject(ENV) private readonly env: Pick<Env, 'SCHEDULER_ENABLED' | 'VERIFICATION_CRON'>,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.env.SCHEDULER_ENABLED) return;
    const job = CronJob.from({
      cronTime: this.env.VERIFICATION_CRON,
      onTick: () => {
        inOwnContext(() => this.start('schedule', null)).catch((err: unknown) => {
          if (!(err instanceof Error && err.message.includes('already running')))
            this.logger.error({ err }, 'scheduled verification failed to start');
        });
      },
      start: true,
      timeZone: 'UTC',
    });
    this.registry.addCronJob('verification', job as CronJob);
  }

  /** Starts a run (409 when one is running on any instance); it goes on in the background. */
  async start(trigger: 'manual' | 'schedule', actorId: string | null) {
    const now = this.clock.now();
    let run = await this.runs.start(trigger, actorId, now);
    if (!run) {
      // a run whose instance stopped long ago holds the guard: it is ended as failed and this one starts
      const stale = await this.runs.running();
      if (stale && now.getTime() - stale.startedAt.getTime() > STALE_MS) {
        await this.runs.end(stale.id, {
          ...stale,
          state: 'failed',
          finishedAt: now,
          error: 'The instance running it stopped before it finished.',
        });
        run = await this.runs.start(trigger, actorId, now);
      }
    }
    if (!run) {
      const other = await this.runs.running();
      throw conflict(
        'verification-running',
        `A verification run is already running${other ? ` (started ${other.startedAt.toISOString()})` : ''}.`,
      );
    }
    // the run goes on in the background in a context of its own (no transaction of its starter's)
    const work = inOwnContext(() => this.execute(run)).finally(() => this.inFlight.delete(work));
    this.inFlight.add(work);
    return runView(run);
  }

  async list(beforeId: string | undefined, limit: number): Promise<Page<unknown>> {
    return toPage(await this.runs.list(beforeId, limit + 1), limit, runView);
  }

  /** Resolves when no run started by this instance is going on (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  private async execute(run: VerificationRunRecord): Promise<void> {
    const counts: RunCounts = { checked: 0, verified: 0, drift: 0, unverifiable: 0 };
    try {
      const client = await this.clients.create({ retry: { attempts: 2 } });
      let after: string | null = null;
      for (;;) {
        const page = await this.requests.latestSynced(after, PAGE);
        if (page.length === 0) break;
        for (const r of page) {
          const v = await this.verifier.verify(r, client);
          if (!v) continue;
          counts.checked++;
          counts[v.state]++;
        }
        after = page[page.length - 1]?.id ?? null;
        await this.runs.progress(run.id, counts);
      }
      await this.runs.end(run.id, {
        ...counts,
        state: 'finished',
        finishedAt: this.clock.now(),
        error: null,
      });
      this.logger.info({ runId: run.id, ...counts }, 'verification run finished');
    } catch (e) {
      const error = `The verification run stopped: ${describeError(e)}`;
      await this.runs
        .end(run.id, { ...counts, state: 'failed', finishedAt: this.clock.now(), error })
        .catch((err: unknown) => this.logger.error({ err }, 'recording the verification run failed'));
      this.logger.warn({ runId: run.id, error }, 'verification run failed');
    }
  }
}
