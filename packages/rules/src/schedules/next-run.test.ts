import { describe, expect, it } from 'vitest';
import {
  cronExpression,
  isRunDue,
  nextRunAt,
  previousRunAt,
  SYNC_FREQUENCIES,
  SYNC_GROUPS,
} from './next-run.js';

const at = (s: string) => new Date(s);

describe('sync schedule', () => {
  it('SCH-1: three groups, five frequencies, daily by default', () => {
    expect(SYNC_GROUPS).toEqual(['cost_codes', 'vendors', 'jobs']);
    expect(SYNC_FREQUENCIES).toEqual(['never', 'daily', 'every_4_hours', 'every_2_hours', 'hourly']);
  });

  it('SCH-1: frequencies to the next run time (UTC boundaries, clock passed in)', () => {
    const now = at('2026-11-22T05:30:00Z');
    expect(nextRunAt('never', now)).toBeNull();
    expect(nextRunAt('hourly', now)?.toISOString()).toBe('2026-11-22T06:00:00.000Z');
    expect(nextRunAt('every_2_hours', now)?.toISOString()).toBe('2026-11-22T06:00:00.000Z');
    expect(nextRunAt('every_4_hours', now)?.toISOString()).toBe('2026-11-22T08:00:00.000Z');
    expect(nextRunAt('daily', now)?.toISOString()).toBe('2026-11-23T02:00:00.000Z');
    expect(nextRunAt('daily', at('2026-11-22T01:00:00Z'))?.toISOString()).toBe('2026-11-22T02:00:00.000Z');
    expect(nextRunAt('daily', now, { dailyHourUtc: 23, minute: 15 })?.toISOString()).toBe(
      '2026-11-22T23:15:00.000Z',
    );
    expect(nextRunAt('hourly', at('2026-11-22T06:00:00Z'))?.toISOString()).toBe('2026-11-22T07:00:00.000Z');
    expect(nextRunAt('every_4_hours', at('2026-12-31T23:59:59Z'))?.toISOString()).toBe(
      '2027-01-01T00:00:00.000Z',
    );
  });

  it('SCH-1: a missed run is caught up once, not once per missed slot', () => {
    const now = at('2026-11-22T05:30:00Z');
    expect(previousRunAt('hourly', now)?.toISOString()).toBe('2026-11-22T05:00:00.000Z');
    expect(previousRunAt('never', now)).toBeNull();
    expect(isRunDue('hourly', null, now)).toBe(true);
    expect(isRunDue('hourly', at('2026-11-22T04:59:00Z'), now)).toBe(true);
    expect(isRunDue('hourly', at('2026-11-22T05:00:01Z'), now)).toBe(false);
    expect(isRunDue('daily', at('2026-11-22T02:00:00Z'), now)).toBe(false);
    expect(isRunDue('daily', at('2026-11-22T01:59:00Z'), now)).toBe(true);
    expect(isRunDue('never', null, now)).toBe(false);
  });

  it('SCH-1: cron expressions for the scheduler', () => {
    expect(cronExpression('never')).toBeNull();
    expect(cronExpression('hourly', { minute: 5 })).toBe('0 5 * * * *');
    expect(cronExpression('every_2_hours')).toBe('0 0 */2 * * *');
    expect(cronExpression('every_4_hours')).toBe('0 0 */4 * * *');
    expect(cronExpression('daily')).toBe('0 0 2 * * *');
  });
});
