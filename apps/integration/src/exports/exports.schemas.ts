import { EXPORTABLE_TYPES } from '@bridge/rules';
import { z } from 'zod';
import {
  blockedActionSchema,
  isoDateTime,
  itemTypeSchema,
  reasonSchema,
  syncStateSchema,
} from '../links/links.schemas.js';
import { pageOf } from '../platform/http/pagination.js';

const exportRequestState = z
  .enum(['ready_to_export', 'exporting', 'synced', 'rejected', 'failed', 'retrieved'])
  .meta({ id: 'ExportRequestState' });

/** VER-4: what Spectrum held when a synced export was last read back. */
export const verificationSchema = z
  .object({
    state: z
      .enum(['verified', 'drift', 'unverifiable'])
      .describe(
        'verified: Spectrum holds every written value; drift: it lacks a record or holds other values',
      ),
    checkedAt: isoDateTime,
    drift: z
      .array(
        z.object({
          seq: z.number().int(),
          name: z.string(),
          service: z.string(),
          record: z.enum(['missing', 'changed']),
          fields: z.array(z.object({ field: z.string(), sent: z.string(), spectrum: z.string().nullable() })),
        }),
      )
      .describe('Each write Spectrum lacks or holds with other values, field by field'),
    error: z.string().nullable().describe('Why Spectrum could not be read back (unverifiable)'),
  })
  .meta({ id: 'ExportVerification' });

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
    verification: verificationSchema
      .nullable()
      .describe('VER-4: the last read-back from Spectrum of a synced export; null before one'),
  })
  .meta({ id: 'ExportRequest' });

/** API-4: the queue decisions (accept, reject, retry, retrieve) the signed-in user cannot take now, with every reason. */
const queueBlockedBy = z
  .array(blockedActionSchema)
  .describe('The decisions the signed-in user cannot take on this request now, each with every reason');

/** An export request as the queue lists it, with what the signed-in user may decide. */
export const exportRequestListItemSchema = exportRequestSchema
  .extend({ blockedBy: queueBlockedBy })
  .meta({ id: 'ExportRequestListItem' });

export const exportRequestPageSchema = pageOf(exportRequestListItemSchema, 'ExportRequestPage');

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
    blockedBy: queueBlockedBy,
    steps: z.array(exportStepSchema),
    spectrumCalls: z.number().int(),
    prefill: z
      .object({
        spectrumId: z.string().nullable().optional(),
        changeRequestId: z.string().nullable().optional(),
        rule: z
          .string()
          .nullable()
          .optional()
          .describe(
            "How the pre-filled key was made from the PM record, in words (e.g. the commitment number's last 3 " +
              'letters or digits + "-" + the change order number\'s last 3); null when nothing is pre-filled',
          ),
        blockedBy: z.array(reasonSchema).optional().describe('Why the key cannot be fixed as it is'),
        error: z.string().optional().describe('Why Spectrum could not be read to pre-fill the key'),
      })
      .nullable()
      .describe('While Ready to Export: the Spectrum key the accept would fix'),
  })
  .meta({ id: 'ExportRequestDetail' });

/** One request's outcome in a bulk accept or reject (API-7). */
const bulkOutcomeSchema = z
  .object({
    id: z.string(),
    outcome: z
      .enum(['accepted', 'rejected', 'refused', 'not_found'])
      .describe(
        'accepted / rejected: the request is (now or already) decided so; refused: `reasons` say why; not_found: no such request',
      ),
    changed: z
      .boolean()
      .describe(
        'Whether this call changed the request (false when it was already decided so, refused as it was, or unknown)',
      ),
    request: exportRequestSchema
      .nullable()
      .describe('The request as it is after this call; null when not found'),
    reasons: z
      .array(reasonSchema)
      .describe('Every reason of a refusal (state, permission, PRE-1 pre-flight, key); empty otherwise'),
  })
  .meta({ id: 'BulkDecisionOutcome' });

/** `acceptExportRequests` / `rejectExportRequests`: one outcome per request named, in the order given (API-7). */
export const bulkDecisionSchema = z
  .object({
    results: z.array(bulkOutcomeSchema),
    counts: z.object({
      accepted: z.number().int(),
      rejected: z.number().int(),
      refused: z.number().int(),
      notFound: z.number().int(),
    }),
  })
  .meta({ id: 'BulkDecisionResult' });

/** `unlink`: the item's link after it was unlinked (COM-5, CCO-3). */
export const unlinkResultSchema = z
  .object({
    type: z.enum(EXPORTABLE_TYPES),
    id: z.string(),
    state: syncStateSchema,
    spectrumKey: z.null(),
  })
  .meta({ id: 'UnlinkResult' });

/** `streamExportRequest`: the server-sent events of the live view (WEB-4). */
export const exportEventStreamSchema = z
  .string()
  .describe(
    'text/event-stream: `event: request` with an ExportRequestDetail without `prefill` whenever the request changes; ' +
      '`event: step` with `{ requestId, seq, name, total }` as each Spectrum call is answered; `: ping` comments keep ' +
      'the connection open',
  );

const fieldComparisonSchema = z
  .object({
    field: z.string().describe('The Spectrum Put field'),
    value: z.string().describe('The value the export writes, as on the wire'),
    current: z
      .string()
      .nullable()
      .describe('What Spectrum holds now; null when the record is new or the field is not readable'),
    state: z
      .enum(['new', 'same', 'different', 'kept', 'not_readable'])
      .describe(
        'new: the record does not exist yet; same / different: compared as Spectrum stores values (VER-3); ' +
          'kept: blank, Spectrum leaves the field as it is; not_readable: Spectrum does not show the field back',
      ),
  })
  .meta({ id: 'FieldComparison' });

/** One write an export would make, with the record's state in Spectrum now (VER-1). */
const previewWriteSchema = z
  .object({
    seq: z.number().int(),
    name: z.string(),
    service: z.string().describe('The Spectrum Put service'),
    record: z
      .enum(['new', 'unchanged', 'changed'])
      .describe(
        'Whether Spectrum has the record, with every written value (unchanged) or with others (changed)',
      ),
    fields: z.array(fieldComparisonSchema),
  })
  .meta({ id: 'PreviewWrite' });

/** `previewExport`: the exact Spectrum writes an export would make, planned as the accept plans them (VER-1, VER-2). */
export const exportPreviewSchema = z
  .object({
    type: z.enum(EXPORTABLE_TYPES),
    itemId: z.string(),
    requestId: z.string().nullable().describe('The request waiting for approval, if the item was sent'),
    key: z.object({
      kind: z.enum(['job', 'vendor', 'subcontract', 'change_request', 'none']),
      field: z.enum(['spectrumId', 'changeRequestId']).describe('The accept field that takes the key'),
      value: z.string().nullable().describe('The key the accept would fix (typed or pre-filled)'),
      rule: z.string().nullable().describe('How the pre-filled key was made, in words'),
    }),
    spectrumKey: z.string().nullable(),
    keyFields: z.record(z.string(), z.string()).nullable(),
    acceptable: z.boolean().describe('Whether an accept with this key would be taken now'),
    blockedBy: z.array(reasonSchema).describe('Every reason the accept would be refused'),
    writes: z.array(previewWriteSchema).describe('The Spectrum writes in the order the export makes them'),
    counts: z.object({
      writes: z.number().int(),
      new: z.number().int(),
      changed: z.number().int(),
      unchanged: z.number().int(),
    }),
  })
  .meta({ id: 'ExportPreview' });
