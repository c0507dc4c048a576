import { z } from 'zod';
import { centsOut, isoDateTime } from '../links/links.schemas.js';

const value = z.union([z.number(), z.string(), z.null()]);
const fields = z.record(z.string(), value);
const status = z
  .enum(['matched', 'different', 'only_pm', 'only_spectrum'])
  .meta({ id: 'ReconciliationStatus' });

const row = z
  .object({
    key: z.string().describe('The record both sides share: phase/cost type, vendor/subcontract, ...'),
    status,
    pm: fields.nullable(),
    spectrum: fields.nullable(),
    differences: z.array(z.object({ field: z.string(), pm: value, spectrum: value })),
  })
  .meta({ id: 'ReconciledRow' });

const section = z
  .object({
    rows: z.array(row),
    totals: z.object({
      pmCents: centsOut,
      spectrumCents: centsOut,
      differenceCents: centsOut.describe('PM minus Spectrum'),
      counts: z.object({
        matched: z.number().int(),
        different: z.number().int(),
        only_pm: z.number().int(),
        only_spectrum: z.number().int(),
      }),
    }),
  })
  .meta({ id: 'ReconciliationSection' });

/** REC-1, REC-2: one job, the PM side against Spectrum section by section, with totals. */
export const jobReconciliationSchema = z
  .object({
    projectId: z.string(),
    projectName: z.string(),
    jobNumber: z.string(),
    status: z.enum(['matched', 'different']),
    budget: section.describe('Per cost code/cost type: PM budget against Spectrum current estimate'),
    commitments: section.describe(
      'Per subcontract (vendor/number): PM commitment total against the subcontract',
    ),
    commitmentLines: section.describe('Per subcontract line (vendor/number/phase/cost type)'),
    primeContracts: section.describe('Per prime contract (customer) and billing item (customer/item)'),
    changeRequests: section.describe(
      'Per change request (customer/number): PM change orders and budget changes exported to it, cost and revenue',
    ),
  })
  .meta({ id: 'JobReconciliation' });

export const reconciliationReportSchema = z
  .object({
    generatedAt: isoDateTime,
    jobs: z.array(jobReconciliationSchema),
    nextCursor: z.string().nullable().describe('Company-wide: the next page of jobs; null on the last page'),
  })
  .meta({ id: 'ReconciliationReport' });

export const reconciliationCsvSchema = z
  .string()
  .describe(
    'CSV, UTF-8, one row per reconciled record: job, project, section, key, status, pm_amount, spectrum_amount, ' +
      'differences; company-wide it streams every job',
  );
