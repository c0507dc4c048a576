import { SYNC_FREQUENCIES, SYNC_GROUPS } from '@bridge/rules';
import { z } from 'zod';
import { isoDateTime } from '../links/links.schemas.js';
import { pageOf } from '../platform/http/pagination.js';
import { SYNC_COUNTERS, SYNC_TRIGGERS } from './sync-job.js';

const syncGroup = z.enum(SYNC_GROUPS).meta({ id: 'SyncGroup' });

/** SCH-1: the frequency, cron expression (UTC) and next run of each sync group. */
export const syncScheduleSchema = z
  .object({
    groups: z.array(
      z
        .object({
          group: syncGroup,
          frequency: z.enum(SYNC_FREQUENCIES),
          cronExpression: z.string().nullable().describe('Six fields, seconds first, UTC; null for never'),
          nextRunAt: isoDateTime.nullable(),
        })
        .meta({ id: 'SyncScheduleEntry' }),
    ),
  })
  .meta({ id: 'SyncSchedule' });

const syncRunShape = {
  id: z.string(),
  group: syncGroup,
  trigger: z.enum(SYNC_TRIGGERS),
  status: z.enum(['running', 'succeeded', 'failed']),
  startedAt: isoDateTime,
  endedAt: isoDateTime.nullable(),
  startedBy: z.string().nullable(),
  counts: z.object(
    Object.fromEntries(SYNC_COUNTERS.map((c) => [c, z.number().int()])) as Record<
      (typeof SYNC_COUNTERS)[number],
      z.ZodNumber
    >,
  ),
  error: z.string().nullable(),
};

/** SCH-5: a sync run with its counts. */
export const syncRunSchema = z.object(syncRunShape).meta({ id: 'SyncRun' });

export const syncRunPageSchema = pageOf(syncRunSchema, 'SyncRunPage');

/** SCH-5: a sync run with its counts and the items that failed. */
export const syncRunDetailSchema = z
  .object({
    ...syncRunShape,
    failures: z.array(
      z
        .object({
          id: z.string(),
          itemType: z.string(),
          itemKey: z.string(),
          reason: z.string(),
          createdAt: isoDateTime,
        })
        .meta({ id: 'SyncRunFailure' }),
    ),
  })
  .meta({ id: 'SyncRunDetail' });

/** What `streamSyncRun` sends (documented; the stream itself is text). */
export const syncRunEventStreamSchema = z
  .string()
  .describe(
    'text/event-stream: `event: run` with a SyncRun (without failures) whenever its counts or status change; the ' +
      'stream ends after the event that shows the run ended; `: ping` comments keep the connection open',
  );

const kindPreviewSchema = z.object({
  kind: z.string().describe('The kind of Spectrum record (e.g. vendor, job, phase)'),
  read: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  vanished: z.number().int(),
});

/** VER-6 `previewSync`: what a sync of the group would change, written nowhere. */
export const syncPreviewSchema = z
  .object({
    group: z.enum(SYNC_GROUPS),
    previewedAt: z.string(),
    totals: kindPreviewSchema.omit({ kind: true }).extend({
      failed: z.number().int().describe('Items the run would report as failed'),
    }),
    kinds: z.array(kindPreviewSchema),
    changes: z
      .array(
        z.object({
          kind: z.string(),
          key: z.string(),
          change: z.enum(['created', 'updated', 'vanished']),
          fields: z
            .array(z.object({ field: z.string(), before: z.unknown(), after: z.unknown() }))
            .describe('Updated: the fields that differ; created: every field; vanished: none'),
        }),
      )
      .describe('The first changed rows (as many as `limit`)'),
    truncated: z.boolean().describe('More rows change than are listed'),
  })
  .meta({ id: 'SyncPreview' });
