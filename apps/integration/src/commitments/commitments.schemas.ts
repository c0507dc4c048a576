import { z } from 'zod';
import { centsOut, isoDateOnly, isoDateTime, syncFieldsShape } from '../links/links.schemas.js';
import { pageOf } from '../platform/http/pagination.js';

/** A schedule of values line (codes stored without dashes, upper case); `taxCode` on commitment lines only. */
export const sovLineSchema = z
  .object({
    costCode: z.string(),
    costType: z.string(),
    description: z.string().nullable(),
    amountCents: centsOut,
    taxCode: z.string().nullable().optional().describe('Commitment lines only (COM-6, LIM-8)'),
  })
  .meta({ id: 'SovLine' });

/** A commitment change order with its SOV (CCO-1, CCO-3, API-4). */
export const commitmentChangeOrderSchema = z
  .object({
    id: z.string(),
    commitmentId: z.string(),
    number: z.string(),
    title: z.string(),
    description: z.string().nullable(),
    status: z.enum(['draft', 'pending', 'approved', 'rejected', 'void']),
    date: isoDateOnly.nullable(),
    createdById: z.string().nullable(),
    createdAt: isoDateTime,
    updatedAt: isoDateTime,
    lines: z.array(sovLineSchema),
    totalCents: centsOut,
    ...syncFieldsShape,
  })
  .meta({ id: 'CommitmentChangeOrder' });

const commitmentShape = {
  id: z.string(),
  projectId: z.string(),
  companyId: z.string(),
  companyName: z.string(),
  kind: z.enum(['subcontract', 'purchase_order']),
  number: z.string(),
  title: z.string(),
  description: z.string().nullable(),
  status: z.enum(['draft', 'out_for_signature', 'approved', 'complete', 'terminated', 'void']),
  contractDate: isoDateOnly.nullable(),
  createdById: z.string().nullable(),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
  lines: z.array(sovLineSchema),
  totalCents: centsOut,
  changeOrderCount: z.number().int(),
  ...syncFieldsShape,
};

/** A commitment (subcontract or purchase order) in a list. */
export const commitmentSummarySchema = z.object(commitmentShape).meta({ id: 'CommitmentSummary' });

/** A commitment with its SOV and its change orders. */
export const commitmentSchema = z
  .object({ ...commitmentShape, changeOrders: z.array(commitmentChangeOrderSchema) })
  .meta({ id: 'Commitment' });

export const commitmentPageSchema = pageOf(commitmentSummarySchema, 'CommitmentPage');
