import { z } from 'zod';
import { centsOut, isoDateOnly, isoDateTime, syncFieldsShape } from '../links/links.schemas.js';
import { pageOf } from '../platform/http/pagination.js';

/** A prime contract change order with its lines (PCCO-1, PCCO-2, API-4). */
export const primeContractChangeOrderSchema = z
  .object({
    id: z.string(),
    primeContractId: z.string(),
    number: z.string(),
    title: z.string(),
    description: z.string().nullable(),
    status: z.enum(['draft', 'pending', 'approved', 'rejected', 'void']),
    unitPrice: z.boolean(),
    approvedDate: isoDateOnly.nullable(),
    createdById: z.string().nullable(),
    createdAt: isoDateTime,
    updatedAt: isoDateTime,
    lines: z.array(
      z
        .object({
          billingItemCode: z.string(),
          description: z.string().nullable(),
          amountCents: centsOut,
          costCode: z.string().nullable(),
          costType: z.string().nullable(),
          costAmountCents: centsOut.nullable(),
        })
        .meta({ id: 'PrimeContractChangeOrderLine' }),
    ),
    totalCents: centsOut,
    ...syncFieldsShape,
  })
  .meta({ id: 'PrimeContractChangeOrder' });

const primeContractShape = {
  id: z.string(),
  projectId: z.string(),
  jobNumber: z.string(),
  customerCode: z.string(),
  title: z.string(),
  status: z.string(),
  unitPrice: z.boolean(),
  originalContractCents: centsOut,
  lastImportedAt: isoDateTime.nullable(),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
  lines: z.array(
    z
      .object({ billingItem: z.string(), description: z.string().nullable(), amountCents: centsOut })
      .meta({ id: 'PrimeContractLine' }),
  ),
  totals: z.object({
    originalContractCents: centsOut,
    approvedChangeOrdersCents: centsOut,
    pendingChangeOrdersCents: centsOut,
    revisedContractCents: centsOut,
  }),
  changeOrderCount: z.number().int(),
  ...syncFieldsShape,
};

/** A prime contract imported from Spectrum (PC-1 … PC-4), in a list. */
export const primeContractSummarySchema = z.object(primeContractShape).meta({ id: 'PrimeContractSummary' });

/** A prime contract with its change orders. */
export const primeContractSchema = z
  .object({ ...primeContractShape, changeOrders: z.array(primeContractChangeOrderSchema) })
  .meta({ id: 'PrimeContract' });

export const primeContractPageSchema = pageOf(primeContractSummarySchema, 'PrimeContractPage');
