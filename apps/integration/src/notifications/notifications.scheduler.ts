import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { CronJob } from 'cron';
import type { Logger } from 'pino';
import type { Env } from '../config/env.js';
import { ENV, LOGGER } from '../platform/tokens.js';
import { inOwnContext } from '../platform/transactions.js';
import { DailySummaryService } from './daily-summary.service.js';

/** Wiring only: an hourly tick (minute 5) for the daily summary, when the scheduler is enabled. */
@Injectable()
export class NotificationsScheduler implements OnApplicationBootstrap {
  constructor(
    @Inject(SchedulerRegistry) private readonly registry: SchedulerRegistry,
    @Inject(DailySummaryService) private readonly summary: DailySummaryService,
    @Inject(ENV) private readonly env: Env,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.env.SCHEDULER_ENABLED) return;
    const job = CronJob.from({
      cronTime: '0 5 * * * *',
      timeZone: 'UTC',
      onTick: () => {
        inOwnContext(() => this.summary.tick()).catch((err: unknown) =>
          this.logger.error({ err }, 'daily summary tick failed'),
        );
      },
    });
    this.registry.addCronJob('daily-summary', job as never);
    job.start();
  }
}
