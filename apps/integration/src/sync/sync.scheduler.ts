import { cronExpression, isRunDue, SYNC_GROUPS, type SyncGroup } from '@bridge/rules';
import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { CronJob } from 'cron';
import type { Logger } from 'pino';
import type { Env } from '../config/env.js';
import { CLOCK, type Clock, ENV, LOGGER } from '../platform/tokens.js';
import { inOwnContext } from '../platform/transactions.js';
import { SyncService } from './sync.service.js';
import { type Frequencies, GROUP_SCHEDULE_OPTIONS, SyncScheduleService } from './sync-schedule.service.js';

/** Name of a group's cron job in the `SchedulerRegistry`. */
export const cronJobName = (group: SyncGroup) => `sync:${group}`;
/** Other instances' schedule changes are picked up this often. */
export const SCHEDULE_REFRESH_MS = 5 * 60_000;

/**
 * SCH-1 wiring only: one cron job per group from the stored schedule, registered at run time through the
 * `SchedulerRegistry` and re-registered when the schedule changes; none with `SCHEDULER_ENABLED=false`. Each tick
 * asks `SyncService.startScheduled`, which decides (once across instances) whether a run starts.
 */
@Injectable()
export class SyncScheduler implements OnApplicationBootstrap {
  constructor(
    @Inject(SchedulerRegistry) private readonly registry: SchedulerRegistry,
    @Inject(SyncScheduleService) private readonly schedules: SyncScheduleService,
    @Inject(SyncService) private readonly sync: Pick<SyncService, 'startScheduled'>,
    @Inject(ENV) private readonly env: Pick<Env, 'SCHEDULER_ENABLED'>,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.env.SCHEDULER_ENABLED) return;
    const frequencies = await this.schedules.frequencies();
    this.apply(frequencies);
    this.schedules.onChange((f) => this.apply(f));
    const refresh = setInterval(() => void this.refresh(), SCHEDULE_REFRESH_MS);
    refresh.unref();
    this.registry.addInterval('sync:schedule-refresh', refresh);
    // A service that was down at a scheduled time catches up once (startScheduled checks it is still due).
    for (const group of SYNC_GROUPS) {
      if (isRunDue(frequencies[group], null, this.clock.now(), GROUP_SCHEDULE_OPTIONS[group]))
        this.tick(group);
    }
  }

  /** Registers, replaces or removes each group's cron job so that it matches the frequencies. */
  apply(frequencies: Frequencies): void {
    for (const group of SYNC_GROUPS) {
      const name = cronJobName(group);
      const cron = cronExpression(frequencies[group], GROUP_SCHEDULE_OPTIONS[group]);
      const existing = this.registry.doesExist('cron', name) ? this.registry.getCronJob(name) : null;
      if (existing && cron !== null && String(existing.cronTime.source) === cron) continue;
      if (existing) this.registry.deleteCronJob(name);
      if (cron === null) continue;
      const job = CronJob.from({
        cronTime: cron,
        onTick: () => this.tick(group),
        start: true,
        timeZone: 'UTC',
      });
      this.registry.addCronJob(name, job as CronJob);
      this.logger.info({ group, cron, frequency: frequencies[group] }, 'sync schedule registered');
    }
  }

  private tick(group: SyncGroup): void {
    inOwnContext(() => this.sync.startScheduled(group)).catch((err: unknown) =>
      this.logger.error({ err, group }, 'scheduled sync failed to start'),
    );
  }

  private async refresh(): Promise<void> {
    try {
      this.apply(await this.schedules.frequencies());
    } catch (err) {
      this.logger.error({ err }, 'reloading the sync schedule failed');
    }
  }
}
