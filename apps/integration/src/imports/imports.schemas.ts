import { z } from 'zod';
import { importedCompanySchema } from '../companies/companies.schemas.js';
import { centsOut, syncFieldsShape, syncStateSchema } from '../links/links.schemas.js';
import { pageOf } from '../platform/http/pagination.js';

const importableBase = {
  id: z.string(),
  pmId: z
    .string()
    .nullable()
    .describe('The PM item it is linked to; null while not imported or once unlinked'),
  ...syncFieldsShape,
};

/** What the budget of a job holds on both sides (BUD-3). */
const budgetTotals = z
  .object({ spectrumTotalCents: centsOut, pmTotalCents: centsOut, newPmTotalCents: centsOut })
  .meta({ id: 'BudgetImportTotals' });

/** A Spectrum job staged for import (JOB-1, JOB-4). */
export const importableJobSchema = z
  .object({
    ...importableBase,
    type: z.literal('job'),
    spectrum: z
      .object({
        jobNumber: z.string(),
        description: z.string(),
        statusCode: z.string(),
        customerCode: z.string(),
        division: z.string(),
        costCenter: z.string(),
        priceMethodCode: z.string(),
        projectManager: z.string(),
        address1: z.string(),
        city: z.string(),
        state: z.string(),
        zip: z.string(),
      })
      .nullable(),
    job: z.object({ masterJob: z.string().nullable(), isSubJob: z.boolean(), isMasterJob: z.boolean() }),
    projectId: z.string().nullable(),
  })
  .meta({ id: 'ImportableJob' });

/** A Spectrum vendor staged for import or linking, with ranked directory matches (VEN-1, VEN-6). */
export const importableVendorSchema = z
  .object({
    ...importableBase,
    type: z.literal('vendor'),
    spectrum: z
      .object({
        vendorCode: z.string(),
        name: z.string(),
        type: z.string(),
        status: z.string(),
        address1: z.string(),
        address2: z.string(),
        city: z.string(),
        state: z.string(),
        zip: z.string(),
        phone: z.string(),
        fax: z.string(),
        email: z.string(),
        contactName: z.string(),
      })
      .nullable(),
    matchSuggestions: z.array(
      z
        .object({
          companyId: z.string(),
          companyName: z.string(),
          score: z.number().min(0).max(1),
          reasons: z.array(z.enum(['name', 'phone', 'address', 'zip', 'city'])),
          breakdown: z.object({ name: z.number(), phone: z.number(), address: z.number() }),
        })
        .meta({ id: 'VendorMatchSuggestion' }),
    ),
    companyId: z.string().nullable(),
  })
  .meta({ id: 'ImportableVendor' });

/** A job's Spectrum estimate, importable as the project's budget (BUD-1 … BUD-4). */
export const importableBudgetSchema = z
  .object({
    ...importableBase,
    type: z.literal('budget'),
    spectrum: z.object({
      jobNumber: z.string(),
      phaseRows: z.number().int(),
      rowsWithEstimate: z.number().int(),
      jobToDateCostCents: centsOut,
    }),
    totals: budgetTotals,
    projectId: z.string().nullable(),
  })
  .meta({ id: 'ImportableBudget' });

/** A Spectrum prime contract (PC-1 … PC-4). */
export const importablePrimeContractSchema = z
  .object({
    ...importableBase,
    type: z.literal('prime_contract'),
    spectrum: z
      .object({
        jobNumber: z.string(),
        customerCode: z.string(),
        description: z.string(),
        contractNumber: z.string(),
        originalContractCents: centsOut,
        priceMethodCode: z.string(),
        statusCode: z.string(),
        approved: z.boolean(),
        unitPrice: z.boolean(),
        items: z.number().int(),
      })
      .nullable(),
    projectId: z.string().nullable(),
    primeContractId: z.string().nullable(),
    hasUnsyncedChanges: z.boolean(),
  })
  .meta({ id: 'ImportablePrimeContract' });

/** A staged Spectrum record (API-4), by `type`. */
export const importableSchema = z
  .discriminatedUnion('type', [
    importableJobSchema,
    importableVendorSchema,
    importableBudgetSchema,
    importablePrimeContractSchema,
  ])
  .meta({ id: 'Importable' });

export const importablePageSchema = pageOf(importableSchema, 'ImportablePage');

/** What every import/link action answers (`ActionResult`); `created` is false when it repeated a done request. */
const actionResult = {
  created: z
    .boolean()
    .describe('False when the request repeated one that had already succeeded (answered 200)'),
  importableId: z.string(),
  type: z.string(),
  state: syncStateSchema,
  spectrumKey: z.string().nullable(),
  pmId: z.string().nullable(),
};

export const importJobResultSchema = z
  .object({
    ...actionResult,
    projectId: z.string(),
    project: z
      .object({ id: z.string(), name: z.string(), number: z.string().nullable() })
      .optional()
      .describe('The project created (only when `created`)'),
  })
  .meta({ id: 'ImportJobResult' });

export const importVendorResultSchema = z
  .object({
    ...actionResult,
    companyId: z.string(),
    company: importedCompanySchema.optional().describe('The company created (only when `created`)'),
  })
  .meta({ id: 'ImportVendorResult' });

export const linkVendorResultSchema = z
  .object({
    ...actionResult,
    created: z
      .literal(false)
      .describe('Always false: linking ties the vendor to a company that exists, none is created'),
    linked: z
      .boolean()
      .describe(
        'True when this request made the link (201), false when it repeated one that already had (200)',
      ),
    companyId: z.string(),
  })
  .meta({ id: 'LinkVendorResult' });

export const importBudgetResultSchema = z
  .object({
    ...actionResult,
    budgetId: z.string(),
    projectId: z.string().optional(),
    linesCreated: z.number().int().optional(),
    linesFromSpectrum: z.number().int().optional(),
  })
  .meta({ id: 'ImportBudgetResult' });

export const reimportBudgetResultSchema = z
  .object({
    ...actionResult,
    budgetId: z.string(),
    linesUpdated: z.number().int(),
    linesAdded: z
      .number()
      .int()
      .describe('Estimate lines new in Spectrum, added with their cost codes (BUD-2)'),
    totals: budgetTotals,
  })
  .meta({ id: 'ReimportBudgetResult' });

export const primeContractImportResultSchema = z
  .object({ ...actionResult, primeContractId: z.string(), projectId: z.string() })
  .meta({ id: 'PrimeContractImportResult' });
