import { z } from 'zod';
import { isoDateTime } from '../links/links.schemas.js';

/** `getHealth`: database reachability and the last known Spectrum connection status (GEN-3). */
export const healthSchema = z
  .object({
    status: z.enum(['ok', 'degraded']),
    database: z.enum(['up', 'down']),
    spectrum: z.object({
      status: z.string().describe('connected, not_connected, …: the last recorded connection status'),
      checkedAt: isoDateTime.nullable(),
      error: z.string().nullable(),
    }),
  })
  .meta({ id: 'Health' });

/** `getLiveness` (OPS-2): the process answers. */
export const livenessSchema = z.object({ status: z.literal('alive') }).meta({ id: 'Liveness' });

/** `getReadiness` (OPS-2): whether this instance should receive traffic, and each check's state. */
export const readinessSchema = z
  .object({
    status: z.enum(['ready', 'not_ready']),
    checks: z.object({
      startup: z
        .enum(['done', 'pending'])
        .describe('pending until migrations, modules and the listener are up'),
      shutdown: z.enum(['running', 'stopping']).describe('stopping from SIGTERM/SIGINT on'),
      database: z.enum(['up', 'down']),
      migrations: z
        .enum(['applied', 'pending', 'unknown'])
        .describe('every migration of this build applied (`bridge migrate` on PostgreSQL)'),
    }),
  })
  .meta({ id: 'Readiness' });
