import { z } from 'zod';
import { isoDateTime } from '../links/links.schemas.js';
import { AUTH_MODES } from './settings.repository.js';

const connectionStatus = z.enum(['connected', 'not_connected']).meta({ id: 'ConnectionStatus' });

/** GEN-3: the result of the last connection test. */
const connectionStatusShape = {
  connectionStatus,
  connectionCheckedAt: isoDateTime.nullable(),
  connectionError: z.string().nullable().describe("Spectrum's reason when Not Connected"),
  connectedAt: isoDateTime.nullable().describe('First successful connection'),
};

/** GEN-2: the connection settings; secrets are write-only, only whether one is set is shown. */
export const connectionSettingsSchema = z
  .object({
    serviceUrl: z.string().nullable(),
    companyCode: z.string().nullable(),
    serviceUser: z.string().nullable(),
    authMode: z.enum(AUTH_MODES),
    servicePasswordSet: z.boolean(),
    clientSecretSet: z.boolean(),
    maxConcurrentCalls: z
      .number()
      .int()
      .describe('OPS-11: Spectrum calls in flight at once, across all instances'),
    callsPerSecond: z
      .number()
      .int()
      .describe('OPS-11: Spectrum calls started within any one second, across all instances'),
    ...connectionStatusShape,
  })
  .meta({ id: 'ConnectionSettings' });

export const connectionTestSchema = z.object(connectionStatusShape).meta({ id: 'ConnectionTest' });

/** JOB-3: the template job the job import copies. */
const templateJobSchema = z
  .object({
    jobNumber: z.string(),
    division: z.string(),
    costCenter: z.string(),
    customerCode: z.string(),
    taxable: z.boolean(),
    priceMethodCode: z.enum(['F', 'T', 'C', 'U']),
    phaseMask: z.string().optional(),
    glAccount: z.string().optional(),
  })
  .meta({ id: 'TemplateJob' });

/** GEN-4 general settings and the template job. */
export const generalSettingsSchema = z
  .object({
    usePmContractNumber: z.boolean(),
    usePmChangeOrderNumber: z.boolean(),
    autoAddCostCodesToBudgets: z.boolean(),
    budgetDirectCosts: z.enum(['populate_from_erp', 'editable']),
    vendors: z.enum(['auto_update', 'do_not_update']),
    templateJob: templateJobSchema.nullable(),
  })
  .meta({ id: 'GeneralSettings' });

/** GEN-5: the vendor types that are imported; locked ones have synced data and cannot be removed. */
export const vendorTypeFilterSchema = z
  .object({
    types: z.array(z.object({ type: z.string(), locked: z.boolean() })),
    knownTypes: z
      .array(z.string())
      .describe("Vendor types seen in Spectrum's vendor list at the last vendor sync"),
  })
  .meta({ id: 'VendorTypeFilter' });
