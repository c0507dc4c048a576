import { z } from 'zod';
import { isoDateTime } from '../links/links.schemas.js';

/** REP-1: the accountant report (`AccountantReport`). */
export const accountantReportSchema = z
  .object({
    generatedAt: isoDateTime,
    types: z.array(
      z.object({
        type: z.string(),
        waitingToImport: z.number().int(),
        waitingToExport: z.number().int(),
        synced: z.number().int(),
        rejected: z.number().int(),
        failed: z.number().int(),
      }),
    ),
    lastSync: z.array(
      z.object({
        group: z.string(),
        lastRunAt: isoDateTime.nullable(),
        lastStatus: z.string().nullable(),
        lastSucceededAt: isoDateTime.nullable(),
      }),
    ),
    attention: z.array(
      z.object({
        kind: z.enum(['export_failed', 'sync_run_failed', 'sync_item_failed', 'link_error']),
        type: z.string(),
        itemId: z.string().nullable(),
        spectrumKey: z.string().nullable(),
        message: z.string(),
        at: isoDateTime,
      }),
    ),
  })
  .meta({ id: 'AccountantReport' });

/** The same report as CSV (`format=csv`), one section per part. */
export const accountantReportCsvSchema = z.string().describe('CSV, UTF-8');
