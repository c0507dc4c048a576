import { z } from 'zod';
import { isoDateTime, syncFieldsShape } from '../links/links.schemas.js';
import { pageOf } from '../platform/http/pagination.js';

/** A cost code of a project with its cost types, each flagged when Spectrum knows it on the linked job. */
export const projectCostCodeSchema = z
  .object({
    id: z.string(),
    code: z.string(),
    description: z.string(),
    costTypes: z.array(z.object({ costType: z.string(), syncedWithSpectrum: z.boolean() })),
  })
  .meta({ id: 'ProjectCostCode' });

const projectShape = {
  id: z.string(),
  name: z.string(),
  number: z.string().nullable(),
  status: z.string(),
  address1: z.string().nullable(),
  address2: z.string().nullable(),
  city: z.string().nullable(),
  addressState: z.string().nullable().describe("The address's state (`state` is the sync state)"),
  zip: z.string().nullable(),
  phone: z.string().nullable(),
  costCodeListId: z.string().nullable(),
  isSubJob: z.boolean(),
  budgetToolEnabled: z.boolean(),
  primeContractsToolEnabled: z.boolean(),
  forecastExportEnabled: z.boolean(),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
  usesSpectrumCostCodes: z.boolean(),
  ...syncFieldsShape,
};

/** A project with its cost codes (`getProject`, `createProject`, `updateProject`). */
export const projectSchema = z
  .object({ ...projectShape, costCodes: z.array(projectCostCodeSchema) })
  .meta({ id: 'Project' });

/** A project in a list: the number of its cost codes instead of the codes. */
export const projectSummarySchema = z
  .object({ ...projectShape, costCodeCount: z.number().int() })
  .meta({ id: 'ProjectSummary' });

export const projectPageSchema = pageOf(projectSummarySchema, 'ProjectPage');
