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
