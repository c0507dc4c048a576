import { z } from 'zod';
import { centsOut, isoDateOnly, isoDateTime, syncFieldsShape } from '../links/links.schemas.js';
import { pageOf } from '../platform/http/pagination.js';

/** A budget line; amounts in integer cents, the Spectrum-side ones null until imported. */
export const budgetLineSchema = z
  .object({
    id: z.string(),
    costCode: z.string(),
    costType: z.string(),
    description: z.string().nullable(),
    amountCents: centsOut,
    directCostsCents: centsOut.nullable(),
    estimatedCostAtCompletionCents: centsOut.nullable(),
  })
  .meta({ id: 'BudgetLine' });

/** A project's budget with its lines, totals and what can be done with it (BUD-1 … BUD-7, API-4). */
export const budgetSchema = z
  .object({
    id: z.string(),
    projectId: z.string(),
    locked: z.boolean(),
    everExported: z.boolean(),
    exportInFlight: z.boolean(),
    importedAt: isoDateTime.nullable(),
    updatedAt: isoDateTime,
    directCostsEditable: z.boolean(),
    lines: z.array(budgetLineSchema),
    totals: z.object({
      amountCents: centsOut,
      directCostsCents: centsOut.nullable(),
      estimatedCostAtCompletionCents: centsOut.nullable(),
    }),
    ...syncFieldsShape,
  })
  .meta({ id: 'Budget' });

/** A budget change with its lines (BCH-1). */
export const budgetChangeSchema = z
  .object({
    id: z.string(),
    projectId: z.string(),
    number: z.string(),
    title: z.string(),
    date: isoDateOnly.nullable(),
    createdAt: isoDateTime,
    lines: z.array(
      z
        .object({
          costCode: z.string(),
          costType: z.string(),
          description: z.string().nullable(),
          amountCents: centsOut,
        })
        .meta({ id: 'BudgetChangeLine' }),
    ),
    totalCents: centsOut,
    ...syncFieldsShape,
  })
  .meta({ id: 'BudgetChange' });

export const budgetChangePageSchema = pageOf(budgetChangeSchema, 'BudgetChangePage');
