import { EXPORTABLE_TYPES } from '@bridge/rules';
import { z } from 'zod';
import { isoDateTime, itemTypeSchema, reasonSchema, syncStateSchema } from '../links/links.schemas.js';
import { pageOf } from '../platform/http/pagination.js';

const exportRequestState = z
  .enum(['ready_to_export', 'exporting', 'synced', 'rejected', 'failed', 'retrieved'])
  .meta({ id: 'ExportRequestState' });

/** An export request of the approval queue (APP-1 … APP-6). */
export const exportRequestSchema = z
  .object({
    id: z.string(),
    type: itemTypeSchema,
    itemId: z.string(),
    state: exportRequestState,
    sentById: z.string(),
    sentAt: isoDateTime,
    decidedById: z.string().nullable(),
    decidedAt: isoDateTime.nullable(),
    note: z.string().nullable(),
    rejectReason: z.string().nullable(),
    spectrumKey: z.string().nullable(),
    keyFields: z
      .record(z.string(), z.string())
      .nullable()
      .describe('The Spectrum key fields fixed at accept (e.g. jobNumber, subcontractNumber)'),
    attempts: z.number().int(),
    nextAttemptAt: isoDateTime.nullable(),
    lastError: z.string().nullable(),
    lastErrorKind: z.string().nullable(),
    finishedAt: isoDateTime.nullable(),
    item: z.record(z.string(), z.unknown()).describe('The item as it was sent'),
  })
  .meta({ id: 'ExportRequest' });

export const exportRequestPageSchema = pageOf(exportRequestSchema, 'ExportRequestPage');

/** One step of an export: a Spectrum call, done once (APP-3). */
const exportStepSchema = z
  .object({
    seq: z.number().int(),
    name: z.string(),
    service: z.string(),
    status: z.enum(['pending', 'done']),
    doneAt: isoDateTime.nullable(),
    result: z.unknown().describe('What Spectrum answered; null while pending'),
    input: z.record(z.string(), z.string()),
  })
  .meta({ id: 'ExportStep' });

/** An export request with its steps, the Spectrum calls made and (while waiting) the pre-filled Spectrum key. */
export const exportRequestDetailSchema = exportRequestSchema
  .extend({
    steps: z.array(exportStepSchema),
    spectrumCalls: z.number().int(),
    prefill: z
      .object({
        spectrumId: z.string().nullable().optional(),
        changeRequestId: z.string().nullable().optional(),
        blockedBy: z.array(reasonSchema).optional().describe('Why the key cannot be fixed as it is'),
        error: z.string().optional().describe('Why Spectrum could not be read to pre-fill the key'),
      })
      .nullable()
      .describe('While Ready to Export: the Spectrum key the accept would fix'),
  })
  .meta({ id: 'ExportRequestDetail' });

/** `unlink`: the item's link after it was unlinked (COM-5, CCO-3). */
export const unlinkResultSchema = z
  .object({
    type: z.enum(EXPORTABLE_TYPES),
    id: z.string(),
    state: syncStateSchema,
    spectrumKey: z.null(),
  })
  .meta({ id: 'UnlinkResult' });
