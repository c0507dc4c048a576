import { z } from 'zod';
import { isoDateTime } from '../links/links.schemas.js';
import { pageOf } from '../platform/http/pagination.js';

/** One audit event: who did what to which item, with the values before and after. */
export const auditEventSchema = z
  .object({
    id: z.string(),
    at: isoDateTime,
    actorId: z.string().nullable(),
    action: z.string(),
    itemType: z.string(),
    itemId: z.string().nullable(),
    before: z.unknown().describe('The item (or the fields that changed) before; null when created'),
    after: z.unknown().describe('The item (or the fields that changed) after; null when deleted'),
    note: z.string().nullable(),
    correlationId: z
      .string()
      .nullable()
      .describe(
        'OPS-4: the x-request-id of the request (or the export run) that made the change; in its log lines too',
      ),
  })
  .meta({ id: 'AuditEvent' });

export const auditEventPageSchema = pageOf(auditEventSchema, 'AuditEventPage');
