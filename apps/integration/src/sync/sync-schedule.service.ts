import {
  cronExpression,
  DEFAULT_FREQUENCY,
  nextRunAt,
  type ScheduleOptions,
  SYNC_GROUPS,
  type SyncFrequency,
  type SyncGroup,
} from '@bridge/rules';
import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { AuditService } from '../audit/audit.service.js';
import { SnapshotCache } from '../platform/runtime/snapshot-cache.js';
import { CLOCK, type Clock, DATABASE_SNAPSHOTS, LOGGER, type RequestSnapshots } from '../platform/tokens.js';
import { TransactionHost, type TxHost } from '../platform/transactions.js';
import { SyncRepository } from './sync.repository.js';

/**
 * When each group runs (UTC): daily at 02:xx, the others on the hour; the minute differs per group so the three
 * groups never start at the same moment (jobs first: cost codes of a job need its project).
 */
export const GROUP_SCHEDULE_OPTIONS: Readonly<Record<SyncGroup, ScheduleOptions>> = Object.freeze({
  jobs: { minute: 0, dailyHourUtc: 2 },
  cost_codes: { minute: 15, dailyHourUtc: 2 },
  vendors: { minute: 30, dailyHourUtc: 2 },
});

export type Frequencies = Record<SyncGroup, SyncFrequency>;

export interface SyncScheduleEntry {
  group: SyncGroup;
  frequency: SyncFrequency;
  /** Six-field cron expression (seconds first, UTC); null for `never`. */
  cronExpression: string | null;
  nextRunAt: string | null;
}

/** SCH-1: the stored frequency of each sync group (default daily); changes are audited and announced. */
@Injectable()
export class SyncScheduleService {
  private readonly listeners = new Set<(f: Frequencies) => void>();

  constructor(
    @Inject(TransactionHost) private readonly txHost: TxHost,
    @Inject(SyncRepository) private readonly repo: SyncRepository,
    @Inject(AuditService) private readonly audit: AuditService,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(DATABASE_SNAPSHOTS) private readonly snapshots: RequestSnapshots | null,
  ) {}

  /** The stored frequencies, kept per database snapshot for the reads of the schedule. */
  private readonly kept = new SnapshotCache<Frequencies>({ max: 1 });

  async frequencies(): Promise<Frequencies> {
    return withDefaults(await this.repo.frequencies());
  }

  /**
   * The schedule, with each group's next run from now. For a request with its database snapshot, the frequencies
   * read at that snapshot are reused (API-9): nothing committed since, so they are what a read would find.
   */
  async get(request?: object): Promise<{ groups: SyncScheduleEntry[] }> {
    const frequencies = await this.kept.atSnapshotOf(this.snapshots, request, 'frequencies', () =>
      this.frequencies(),
    );
    return view(frequencies, this.clock.now());
  }

  async update(actorId: string, change: Partial<Frequencies>): Promise<{ groups: SyncScheduleEntry[] }> {
    const after = await this.txHost.withTransaction(async () => {
      const before = withDefaults(await this.repo.frequenciesIn());
      const after = { ...before };
      for (const group of SYNC_GROUPS) {
        const f = change[group];
        if (f === undefined) continue;
        await this.repo.setFrequency(group, f);
        after[group] = f;
      }
      if (SYNC_GROUPS.some((g) => before[g] !== after[g])) {
        await this.audit.record({
          actorId,
          action: 'sync.schedule.update',
          itemType: 'settings',
          itemId: 'sync_schedule',
          before,
          after,
        });
      }
      return after;
    });
    for (const listener of this.listeners) {
      try {
        listener(after);
      } catch (err) {
        this.logger.error({ err }, 'applying the new sync schedule failed');
      }
    }
    return view(after, this.clock.now());
  }

  /** Called after every change on this instance (the scheduler re-registers its cron jobs). */
  onChange(listener: (f: Frequencies) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

export function withDefaults(stored: Partial<Record<SyncGroup, SyncFrequency>>): Frequencies {
  return {
    cost_codes: stored.cost_codes ?? DEFAULT_FREQUENCY,
    vendors: stored.vendors ?? DEFAULT_FREQUENCY,
    jobs: stored.jobs ?? DEFAULT_FREQUENCY,
  };
}

function view(f: Frequencies, now: Date): { groups: SyncScheduleEntry[] } {
  return {
    groups: SYNC_GROUPS.map((group) => ({
      group,
      frequency: f[group],
      cronExpression: cronExpression(f[group], GROUP_SCHEDULE_OPTIONS[group]),
      nextRunAt: nextRunAt(f[group], now, GROUP_SCHEDULE_OPTIONS[group])?.toISOString() ?? null,
    })),
  };
}
