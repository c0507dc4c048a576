import { z } from 'zod';
import type { AuthProvider } from '../auth/auth-provider.js';
import {
  SpectrumAuthError,
  SpectrumParseError,
  type SpectrumProblem,
  SpectrumValidationError,
} from '../errors.js';
import {
  errorText,
  sendOnce,
  statusError,
  type TransportDeps,
  withRetries,
} from '../transport/http-transport.js';
import { parseRowWith, type RowOf, type RowSpec } from '../wire/row-spec.js';
import { formatMoneyCents } from '../wire/wire-values.js';

export const VENDOR_ROW = {
  companyCode: ['Company_Code', 'text', true],
  vendorCode: ['Vendor_Code', 'key'],
  name: ['Name', 'text'],
  address1: ['Address_1', 'text', true],
  address2: ['Address_2', 'text', true],
  city: ['City', 'text', true],
  state: ['State', 'text', true],
  zipCode: ['Zip_Code', 'text', true],
  firstName: ['First_Name', 'text', true],
  lastName: ['Last_Name', 'text', true],
  phoneNumber: ['Phone_Number', 'text', true],
  email: ['Email', 'text', true],
  accountReference: ['Account_Reference', 'text', true],
  paymentTerms: ['Payment_Terms', 'text', true],
  paymentTermDays: ['Payment_Term_Days', 'int', true],
  discountTerms: ['Discount_Terms', 'text', true],
  discountTermDays: ['Discount_Term_Days', 'int', true],
  discountPercent: ['Discount_Percent', 'decimal', true],
  purchaseLocationName: ['Purchase_Location_Name', 'text', true],
  purchaseAddress1: ['Purchase_Address_1', 'text', true],
  purchaseAddress2: ['Purchase_Address_2', 'text', true],
  purchaseCity: ['Purchase_City', 'text', true],
  purchaseState: ['Purchase_State', 'text', true],
  purchaseZip: ['Purchase_Zip', 'text', true],
  paymentLocationName: ['Payment_Location_Name', 'text', true],
  paymentAddress1: ['Payment_Address_1', 'text', true],
  paymentAddress2: ['Payment_Address_2', 'text', true],
} as const satisfies RowSpec;

export type Vendor = RowOf<typeof VENDOR_ROW>;

export interface VendorFilter {
  type?: string;
  city?: string;
  state?: string;
  name?: string;
  /** A cost center or `ALL`; Spectrum requires it when filtering by state or city. */
  costCenter?: string;
}

export interface ScheduleOfValuesItem {
  billingItem: string;
  billingDescription?: string;
  additionalBillingDescription?: string;
  glAccount?: string;
  /** Y/N on the wire. */
  taxable?: boolean;
  originalContractCents: number;
  projectedRevenueCents?: number;
  memo?: string;
  costCenter?: string;
  onlineTaxCode?: string;
}

export interface ScheduleOfValuesContract {
  jobNumber: string;
  customerCode: string;
  items: ScheduleOfValuesItem[];
}

export interface ScheduleOfValuesInput {
  contracts: ScheduleOfValuesContract[];
}

export interface ScheduleOfValuesItemResult {
  index: number;
  key: string;
  status: string;
  errors: SpectrumProblem[];
}

export interface ScheduleOfValuesResult {
  generated: Record<string, string>;
  results: ScheduleOfValuesItemResult[];
}

const SOV_REPLY = z.array(
  z.object({
    index: z.number().int(),
    key: z.string(),
    status: z.string(),
    errors: z
      .array(z.object({ code: z.string(), desc: z.string().default(''), column: z.string().default('') }))
      .default([]),
  }),
);

export interface RestConfig {
  baseUrl: string;
  companyCode: string;
  auth: AuthProvider;
  deps: TransportDeps;
}

async function restExchange(
  config: RestConfig,
  operation: string,
  url: string,
  init: { method: string; body?: string },
  write: boolean,
  signal?: AbortSignal,
): Promise<unknown> {
  return withRetries(config.deps, { operation, write, signal }, async () => {
    for (let tokenRetry = 0; ; tokenRetry++) {
      const headers: Record<string, string> = {
        Accept: 'application/json',
        Authorization: await config.auth.restHeader(signal),
      };
      if (init.body !== undefined) headers['Content-Type'] = 'application/json';
      const reply = await sendOnce(config.deps, url, { ...init, headers }, { operation, signal });
      if (reply.status === 401 && config.auth.kind === 'oauth' && tokenRetry === 0) {
        config.auth.invalidate();
        continue;
      }
      if (reply.status < 200 || reply.status >= 300) {
        throw statusError(operation, reply.status, errorText(reply.text));
      }
      try {
        return JSON.parse(reply.text) as unknown;
      } catch {
        throw new SpectrumParseError(`${operation}: the reply is not JSON`, { service: operation });
      }
    }
  });
}

/** REST `GET /vendors/{Company_Code}`: active vendors. */
export async function getVendors(
  config: RestConfig,
  filter: VendorFilter = {},
  signal?: AbortSignal,
): Promise<Vendor[]> {
  const query = new URLSearchParams();
  const map: [keyof VendorFilter, string][] = [
    ['type', 'pType'],
    ['city', 'pCity'],
    ['state', 'pState'],
    ['name', 'pName'],
    ['costCenter', 'pCostCenter'],
  ];
  for (const [key, param] of map) {
    const v = filter[key];
    if (v) query.set(param, v);
  }
  const qs = query.toString();
  const operation = 'vendors';
  const url = `${config.baseUrl}/vendors/${encodeURIComponent(config.companyCode)}${qs ? `?${qs}` : ''}`;
  const json = await restExchange(config, operation, url, { method: 'GET' }, false, signal);
  const list = Array.isArray(json) ? json : undefined;
  if (!list) throw new SpectrumParseError('vendors: the reply is not a JSON array', { service: operation });
  return list.map((raw, rowIndex) => {
    if (typeof raw !== 'object' || raw === null) {
      throw new SpectrumParseError(`vendors row ${rowIndex + 1} is not an object`, {
        service: operation,
        rowIndex,
      });
    }
    return parseRowWith(VENDOR_ROW, raw as Record<string, unknown>, {
      service: operation,
      rowIndex,
      source: 'json',
    });
  });
}

const RAW_NUMBER = '\u0000num:';

/** Builds the SOV JSON with money written as exact decimal number tokens (never via a float). */
export function scheduleOfValuesBody(companyCode: string, input: ScheduleOfValuesInput): string {
  const money = (cents: number) => `${RAW_NUMBER}${formatMoneyCents(cents)}`;
  const body = {
    contracts: input.contracts.map((c) => ({
      Company_Code: companyCode,
      Customer_Code: c.customerCode,
      Job_Number: c.jobNumber,
      Schedule_Of_Values_Fixed: c.items.map((i) => ({
        Billing_Item: i.billingItem,
        Billing_Description: i.billingDescription ?? '',
        Additional_Billing_Description: i.additionalBillingDescription ?? '',
        GL_Account: i.glAccount ?? '',
        Taxable: i.taxable === undefined ? '' : i.taxable ? 'Y' : 'N',
        Original_Contract: money(i.originalContractCents),
        Projected_Revenue: money(i.projectedRevenueCents ?? i.originalContractCents),
        Memo: i.memo ?? '',
        Cost_Center: i.costCenter ?? '',
        Online_Tax_Code: i.onlineTaxCode ?? '',
      })),
    })),
  };
  return JSON.stringify(body).replace(/"\\u0000num:(-?\d+\.\d{2})"/g, '$1');
}

/** REST `POST /contract/scheduleofvalues`: one result per contract; any rejection becomes a typed error. */
export async function postScheduleOfValues(
  config: RestConfig,
  input: ScheduleOfValuesInput,
  signal?: AbortSignal,
): Promise<ScheduleOfValuesResult> {
  const operation = 'contract/scheduleofvalues';
  const json = await restExchange(
    config,
    operation,
    `${config.baseUrl}/contract/scheduleofvalues`,
    { method: 'POST', body: scheduleOfValuesBody(config.companyCode, input) },
    true,
    signal,
  );
  const parsed = SOV_REPLY.safeParse(json);
  if (!parsed.success) {
    throw new SpectrumParseError(`${operation}: unexpected reply shape`, { service: operation });
  }
  const results: ScheduleOfValuesItemResult[] = parsed.data.map((r) => ({
    index: r.index,
    key: r.key,
    status: r.status.toUpperCase(),
    errors: r.errors.map((e) => ({ code: e.code.toUpperCase(), description: e.desc, column: e.column })),
  }));
  const auth = results.find((r) => r.status === 'A');
  if (auth) {
    const e = auth.errors[0];
    throw new SpectrumAuthError(
      `${operation}: Spectrum refused the call: ${e?.description || 'not authorized'}`,
      {
        service: operation,
        code: 'A',
        ...(e ? { column: e.column, description: e.description } : {}),
      },
    );
  }
  const failed = results.filter((r) => r.status !== 'S');
  if (failed.length > 0) {
    const problems = failed.flatMap((r) =>
      r.errors.length > 0 ? r.errors : [{ code: r.status, description: `rejected (${r.key})`, column: '' }],
    );
    const summary = problems.map((p) => `${p.column ? `${p.column}: ` : ''}${p.description}`).join('; ');
    const error = new SpectrumValidationError(
      `${operation}: Spectrum rejected the schedule of values: ${summary}`,
      problems,
      {
        service: operation,
      },
    );
    throw Object.assign(error, { results });
  }
  return { generated: {}, results };
}
