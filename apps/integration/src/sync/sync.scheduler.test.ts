import { SYNC_FREQUENCIES, type SyncFrequency, type SyncGroup } from '@bridge/rules';
import { SchedulerRegistry } from '@nestjs/schedule';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cronJobName, SyncScheduler } from './sync.scheduler.js';
import type { Frequencies, SyncScheduleService } from './sync-schedule.service.js';

const daily: Frequencies = { cost_codes: 'daily', vendors: 'daily', jobs: 'daily' };

function setup(enabled = true) {
  const registry = new SchedulerRegistry();
  const ticks: { group: SyncGroup; at: string }[] = [];
  const listeners: ((f: Frequencies) => void)[] = [];
  let stored: Frequencies = { ...daily };
  const schedules = {
    frequencies: async () => stored,
    onChange: (l: (f: Frequencies) => void) => {
      listeners.push(l);
      return () => {};
    },
  } as unknown as SyncScheduleService;
  const sync = {
    startScheduled: async (group: SyncGroup) => {
      ticks.push({ group, at: new Date().toISOString() });
      return null;
    },
  };
  const scheduler = new SyncScheduler(
    registry,
    schedules,
    sync as never,
    { SCHEDULER_ENABLED: enabled },
    { now: () => new Date() },
    pino({ level: 'silent' }),
  );
  return {
    registry,
    scheduler,
    ticks,
    store: (f: Frequencies) => {
      stored = f;
      for (const l of listeners) l(f);
    },
    cron: (g: SyncGroup) =>
      registry.doesExist('cron', cronJobName(g))
        ? String(registry.getCronJob(cronJobName(g)).cronTime.source)
        : null,
  };
}

describe('SyncScheduler (SCH-1)', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: new Date('2026-03-02T01:59:00.000Z') });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  const expected: Record<SyncFrequency, string | null> = {
    never: null,
    daily: '0 0 2 * * *',
    every_4_hours: '0 0 */4 * * *',
    every_2_hours: '0 0 */2 * * *',
    hourly: '0 0 * * * *',
  };

  for (const frequency of SYNC_FREQUENCIES) {
    it(`SCH-1: ${frequency} registers ${expected[frequency] ?? 'no cron job'} for the jobs group`, () => {
      const s = setup();
      s.scheduler.apply({ ...daily, jobs: frequency });
      expect(s.cron('jobs')).toBe(expected[frequency]);
      for (const job of s.registry.getCronJobs().values()) job.stop();
    });
  }

  it('SCH-1: the cron jobs fire at their UTC times and ask the sync service to start the group', async () => {
    const s = setup();
    s.scheduler.apply({ cost_codes: 'daily', vendors: 'hourly', jobs: 'every_2_hours' });
    await vi.advanceTimersByTimeAsync(2 * 3_600_000); // 01:59 → 03:59
    expect(s.ticks).toEqual(
      [
        { group: 'jobs', at: '2026-03-02T02:00:00.000Z' },
        { group: 'vendors', at: '2026-03-02T02:30:00.000Z' },
        { group: 'cost_codes', at: '2026-03-02T02:15:00.000Z' },
        { group: 'vendors', at: '2026-03-02T03:30:00.000Z' },
      ].sort((a, b) => a.at.localeCompare(b.at)),
    );
    for (const job of s.registry.getCronJobs().values()) job.stop();
  });

  it('SCH-1: a schedule change re-registers the changed groups only; never removes the job', async () => {
    const s = setup();
    await s.scheduler.onApplicationBootstrap();
    const costCodes = s.registry.getCronJob(cronJobName('cost_codes'));
    const vendors = s.registry.getCronJob(cronJobName('vendors'));
    s.store({ cost_codes: 'daily', vendors: 'hourly', jobs: 'never' });
    expect(s.registry.getCronJob(cronJobName('cost_codes'))).toBe(costCodes);
    expect(vendors.isActive).toBe(false);
    expect(s.cron('vendors')).toBe('0 30 * * * *');
    expect(s.cron('jobs')).toBeNull();
    s.ticks.length = 0;
    await vi.advanceTimersByTimeAsync(3_600_000);
    expect(s.ticks.map((t) => t.group)).toEqual(['cost_codes', 'vendors']);
    for (const job of s.registry.getCronJobs().values()) job.stop();
    for (const name of s.registry.getIntervals()) s.registry.deleteInterval(name);
  });

  it('SCH-1: at start-up every scheduled group is offered one catch-up run (startScheduled decides whether it is due)', async () => {
    const s = setup();
    await s.scheduler.onApplicationBootstrap();
    // 01:59: the last daily slot was yesterday 02:xx, so every group is due once (startScheduled decides for real)
    expect(s.ticks.map((t) => t.group).sort()).toEqual(['cost_codes', 'jobs', 'vendors']);
    for (const job of s.registry.getCronJobs().values()) job.stop();
    for (const name of s.registry.getIntervals()) s.registry.deleteInterval(name);
  });

  it('SCH-1: SCHEDULER_ENABLED=false registers nothing', async () => {
    const s = setup(false);
    await s.scheduler.onApplicationBootstrap();
    expect(s.registry.getCronJobs().size).toBe(0);
    expect(s.ticks).toEqual([]);
  });
});
