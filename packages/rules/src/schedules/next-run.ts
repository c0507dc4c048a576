/**
 * SCH-1: the three sync groups and their frequencies, turned into run times. Pure: the clock is passed in.
 * Runs align to UTC boundaries so that several instances agree on "the" run time: hourly at minute 0 (plus the
 * group's offset), every 2 / 4 hours on hours divisible by 2 / 4, daily at the configured hour.
 */
export const SYNC_GROUPS = ['cost_codes', 'vendors', 'jobs'] as const;
export type SyncGroup = (typeof SYNC_GROUPS)[number];

export const SYNC_FREQUENCIES = ['never', 'daily', 'every_4_hours', 'every_2_hours', 'hourly'] as const;
export type SyncFrequency = (typeof SYNC_FREQUENCIES)[number];

export const DEFAULT_FREQUENCY: SyncFrequency = 'daily';

export interface ScheduleOptions {
  /** Hour of day (UTC) for daily runs; default 2 (02:00 UTC, outside office hours in the Americas). */
  dailyHourUtc?: number;
  /** Minute past the hour, so the three groups do not all start at once; default 0. */
  minute?: number;
}

const HOUR = 3_600_000;

function stepHours(frequency: Exclude<SyncFrequency, 'never'>): number {
  switch (frequency) {
    case 'hourly':
      return 1;
    case 'every_2_hours':
      return 2;
    case 'every_4_hours':
      return 4;
    case 'daily':
      return 24;
  }
}

/** The first scheduled run strictly after `now`; null for `never`. */
export function nextRunAt(frequency: SyncFrequency, now: Date, options: ScheduleOptions = {}): Date | null {
  if (frequency === 'never') return null;
  const minute = options.minute ?? 0;
  const anchorHour = frequency === 'daily' ? (options.dailyHourUtc ?? 2) : 0;
  const step = stepHours(frequency) * HOUR;
  const dayStart = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  let t = dayStart + anchorHour * HOUR + minute * 60_000 - step;
  while (t <= now.getTime()) t += step;
  return new Date(t);
}

/** The latest scheduled run at or before `now`; null for `never`. */
export function previousRunAt(
  frequency: SyncFrequency,
  now: Date,
  options: ScheduleOptions = {},
): Date | null {
  const next = nextRunAt(frequency, now, options);
  if (next === null) return null;
  return new Date(next.getTime() - stepHours(frequency as Exclude<SyncFrequency, 'never'>) * HOUR);
}

/**
 * Whether a run is due: a scheduled time has passed since the last run started (or there was never a run). Lets a
 * service that was down at the scheduled time catch up once, not once per missed slot.
 */
export function isRunDue(
  frequency: SyncFrequency,
  lastRunStartedAt: Date | null,
  now: Date,
  options: ScheduleOptions = {},
): boolean {
  const prev = previousRunAt(frequency, now, options);
  if (prev === null) return false;
  return lastRunStartedAt === null || lastRunStartedAt.getTime() < prev.getTime();
}

/** A six-field cron expression (seconds first, as @nestjs/schedule reads it) for the frequency; null for `never`. */
export function cronExpression(frequency: SyncFrequency, options: ScheduleOptions = {}): string | null {
  const minute = options.minute ?? 0;
  switch (frequency) {
    case 'never':
      return null;
    case 'hourly':
      return `0 ${minute} * * * *`;
    case 'every_2_hours':
      return `0 ${minute} */2 * * *`;
    case 'every_4_hours':
      return `0 ${minute} */4 * * *`;
    case 'daily':
      return `0 ${minute} ${options.dailyHourUtc ?? 2} * * *`;
  }
}
