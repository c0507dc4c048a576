import { PUT_SERVICE_NAMES } from '@bridge/rules';
import { HttpResponse, http, type RequestHandler } from 'msw';
import { INFOLINK_TABLES, type InfoLinkTableDef } from '../infolink/infolink-tables.js';
import { VENDOR_ROW, type Vendor } from '../rest/rest-services.js';
import {
  GET_CUSTOMERS,
  GET_JOB,
  GET_JOB_DATES,
  GET_JOB_MAIN,
  GET_PHASE,
  GET_PHASE_ENHANCED,
  type GetServiceDef,
} from '../services/get-services.js';
import type { RowSpec } from '../wire/row-spec.js';
import { sampleData } from './fixtures.js';
import { infoLinkJson } from './infolink-json.js';
import type { InfoLinkTableName, SpectrumMockData } from './mock-data.js';
import {
  type ErrorTrio,
  faultXml,
  getReplyXml,
  putReplyXml,
  requestParams,
  toWireRow,
  W_DESCRIPTION,
} from './mock-xml.js';

export { sampleCustomer, sampleData, sampleJob, samplePhase, sampleVendor } from './fixtures.js';
export type { InfoLinkTableName, SpectrumMockData } from './mock-data.js';
export type { ErrorTrio } from './mock-xml.js';
export { faultXml, getReplyXml, putReplyXml, requestParams, toWireRow, W_DESCRIPTION } from './mock-xml.js';

const GET_DEFS: GetServiceDef[] = [
  GET_JOB,
  GET_JOB_MAIN,
  GET_JOB_DATES,
  GET_PHASE,
  GET_PHASE_ENHANCED,
  GET_CUSTOMERS,
];
const PUT_NAMES = new Set<string>(PUT_SERVICE_NAMES);

const PARAM_FIELDS: Record<string, string> = {
  pDivision: 'division',
  pStatus_Code: 'statusCode',
  pProject_Manager: 'projectManager',
  pSuperintendent: 'superintendent',
  pEstimator: 'estimator',
  pCustomer_Code: 'customerCode',
  pCost_Center: 'costCenter',
  pJob_Number: 'jobNumber',
  pCost_Type: 'costType',
};

/** The subset of SuperSelect the mock understands: exact, `X*` prefix, `A,B` lists, `ALL`/`*`. */
export function superSelectMatches(pattern: string, value: string): boolean {
  if (pattern === '' || pattern === '*' || pattern === 'ALL') return true;
  if (pattern.includes(',')) return pattern.split(',').some((p) => superSelectMatches(p, value));
  if (pattern.endsWith('*')) return value.startsWith(pattern.slice(0, -1));
  return value === pattern;
}

function rowsFor(service: string, data: SpectrumMockData): Record<string, unknown>[] {
  switch (service) {
    case 'GetJob':
      return data.jobs ?? [];
    case 'GetJobMain':
      return data.jobMain ?? [];
    case 'GetJobDates':
      return data.jobDates ?? [];
    case 'GetPhase':
    case 'GetPhaseEnhanced':
      return data.phases ?? [];
    case 'GetCustomers':
      return data.customers ?? [];
    default:
      return [];
  }
}

function xmlResponse(body: string, status = 200): Response {
  return new HttpResponse(body, { status, headers: { 'Content-Type': 'text/xml; charset=utf-8' } });
}

const NOT_AUTHORIZED = 'The web service is not Authorized';

function selectRows(def: GetServiceDef, params: Record<string, string>, data: SpectrumMockData) {
  const all = rowsFor(def.name, data);
  const jobsByNumber = new Map((data.jobs ?? []).map((j) => [j.jobNumber, j as Record<string, unknown>]));
  const matches = all.filter((row) => {
    for (const [param, fieldName] of Object.entries(PARAM_FIELDS)) {
      const pattern = params[param];
      if (pattern === undefined) continue;
      // GetJobMain/GetJobDates rows lack some filter columns: take them from the job.
      const source = fieldName in row ? row : (jobsByNumber.get(String(row.jobNumber)) ?? row);
      const value = String(source[fieldName] ?? '');
      if (param === 'pStatus_Code') {
        if (pattern === '' ? value === 'C' : value !== pattern) return false;
        continue;
      }
      if (!superSelectMatches(pattern, value)) return false;
    }
    return true;
  });
  return matches;
}

function getReply(def: GetServiceDef, params: Record<string, string>, data: SpectrumMockData): string {
  const fieldNames = Object.values(def.row as RowSpec).map(([wire]) => wire);
  const cap = data.rowCap ?? 500;
  const matches = selectRows(def, params, data);
  const rows = matches.slice(0, cap).map((r) => toWireRow(def.row, r));
  const trailer = matches.length > cap ? { code: 'W', description: W_DESCRIPTION, column: ' ' } : undefined;
  return getReplyXml(def.name, fieldNames, rows, trailer);
}

function vendorJson(vendor: Vendor): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [domain, [wire, kind]] of Object.entries(VENDOR_ROW)) {
    const v = (vendor as Record<string, unknown>)[domain];
    out[wire] = kind === 'int' ? Number(v ?? 0) : kind === 'decimal' ? Number(v ?? 0) : (v ?? '');
  }
  return out;
}

/**
 * msw handlers for a whole Spectrum server at `baseUrl`: SOAP Get services (filters, 500-row cap with the
 * trailing `W` row), Put services (clean success, `G` rows from `data.generated`), OAuth token, REST
 * vendors and schedule of values, and the Info-Link HTTP stand-in (keyset pages).
 */
export function createSpectrumHandlers(
  baseUrl: string,
  data: SpectrumMockData = sampleData(),
): RequestHandler[] {
  const base = baseUrl.replace(/\/+$/, '');
  const company = data.companyCode ?? 'ABC';
  let tokenCount = 0;
  return [
    http.post(`${base}/ws/:service`, async ({ request, params }) => {
      const service = String(params.service);
      const fields = requestParams(await request.text());
      const def = GET_DEFS.find((d) => d.name === service);
      const authorized =
        data.authorizationId === undefined || fields.Authorization_ID === data.authorizationId;
      if (def) {
        if (!authorized) {
          const names = Object.values(def.row as RowSpec).map(([w]) => w);
          return xmlResponse(
            getReplyXml(service, names, [
              { Error_Code: 'E', Error_Description: NOT_AUTHORIZED, Error_Column: 'Authorization_ID' },
            ]),
          );
        }
        return xmlResponse(getReply(def, fields, data));
      }
      if (PUT_NAMES.has(service)) {
        if (!authorized) {
          return xmlResponse(
            putReplyXml(service, [
              {
                code: 'A',
                description:
                  'The Web Service is not authorized. Authorization ID is not setup in the system.',
                column: 'Authorization_ID',
              },
            ]),
          );
        }
        data.onPut?.(service, fields);
        const generated = Object.entries(data.generated?.[service] ?? {}).map(([column, value]) => ({
          code: 'G',
          description: value,
          column,
        }));
        return xmlResponse(putReplyXml(service, generated));
      }
      return xmlResponse(
        faultXml(
          'SOAP-ENV:Client',
          `Error identifying Web Service: class com.northgateis.proiv.ws.servlet.WebServiceIdentificationException: Could not find WebService named: ${service}`,
        ),
        500,
      );
    }),
    http.post(`${base}/connect/token`, async ({ request }) => {
      const form = new URLSearchParams(await request.text());
      if (
        form.get('grant_type') !== 'client_credentials' ||
        (data.oauth &&
          (form.get('client_id') !== data.oauth.clientId ||
            form.get('client_secret') !== data.oauth.clientSecret))
      ) {
        return HttpResponse.json({ error: 'invalid_client' }, { status: 400 });
      }
      tokenCount++;
      return HttpResponse.json({
        access_token: `mock-access-token-${tokenCount}`,
        expires_in: data.oauth?.expiresIn ?? 3600,
        token_type: 'Bearer',
        scope: 'spectrumapi',
      });
    }),
    http.get(`${base}/vendors/:company`, ({ params }) => {
      if (params.company !== company) return HttpResponse.json({ error: 'unknown company' }, { status: 403 });
      return HttpResponse.json((data.vendors ?? []).map(vendorJson));
    }),
    http.post(`${base}/contract/scheduleofvalues`, async ({ request }) => {
      const body = (await request.json()) as {
        contracts?: { Job_Number?: string; Customer_Code?: string }[];
      };
      return HttpResponse.json(
        (body.contracts ?? []).map((c, index) => ({
          index,
          key: `${c.Job_Number ?? ''}/${c.Customer_Code ?? ''}`,
          status: 'S',
          errors: [],
        })),
      );
    }),
    http.get(`${base}/infolink/:table`, ({ request, params }) => {
      const def = INFOLINK_TABLES.find((t) => t.table === params.table) as InfoLinkTableDef | undefined;
      const headers = { 'X-Spectrum-Simulator': 'info-link-stand-in' };
      if (!def) return HttpResponse.json({ error: 'unknown table' }, { status: 404, headers });
      const url = new URL(request.url);
      const companyCode = url.searchParams.get('Company_Code');
      if (!companyCode)
        return HttpResponse.json({ error: 'Company_Code is required' }, { status: 400, headers });
      const columns = new Set(Object.values(def.row).map(([w]) => w));
      const filters: [string, string][] = [];
      for (const [k, v] of url.searchParams) {
        if (k === 'Company_Code' || k === 'limit' || k === 'after' || k === 'order') continue;
        if (!columns.has(k))
          return HttpResponse.json({ error: `unknown column ${k}` }, { status: 400, headers });
        filters.push([k, v]);
      }
      const order = url.searchParams.get('order');
      if (order !== null && !columns.has(order))
        return HttpResponse.json({ error: `unknown column ${order}` }, { status: 400, headers });
      const limit = Number(url.searchParams.get('limit') ?? 1000);
      const after = Number(url.searchParams.get('after') ?? 0);
      const keys = order ? [order, ...def.key] : def.key;
      const rows = (data.infoLink?.[def.table as InfoLinkTableName] ?? [])
        .map((r) => infoLinkJson(def, { companyCode: company, ...r }))
        .filter((r) => r.Company_Code === companyCode && filters.every(([k, v]) => String(r[k]) === v))
        .sort((a, b) => compareKeys(keys, a, b));
      const page = rows.slice(after, after + limit);
      const next = after + limit < rows.length ? String(after + limit) : null;
      return HttpResponse.json({ table: def.table, rows: page, nextCursor: next }, { headers });
    }),
  ];
}

/** Primary-key order (after the `order` column when one is asked), as the stand-in serves rows (numbers by value, text by code point). */
function compareKeys(
  keys: readonly string[],
  a: Record<string, unknown>,
  b: Record<string, unknown>,
): number {
  for (const k of keys) {
    const x = a[k];
    const y = b[k];
    if (typeof x === 'number' && typeof y === 'number') {
      if (x !== y) return x - y;
    } else {
      const sx = String(x ?? '');
      const sy = String(y ?? '');
      if (sx !== sy) return sx < sy ? -1 : 1;
    }
  }
  return 0;
}

function isGetService(service: string): GetServiceDef | undefined {
  return GET_DEFS.find((d) => d.name === service);
}

/** Handler: the service answers with these error rows (Get: Error_* trio; Put: error_code/desc/column). */
export function errorRows(baseUrl: string, service: string, rows: ErrorTrio[], options?: { once?: boolean }) {
  return http.post(
    `${baseUrl.replace(/\/+$/, '')}/ws/${service}`,
    () => {
      const def = isGetService(service);
      if (def) {
        const names = Object.values(def.row as RowSpec).map(([w]) => w);
        return xmlResponse(
          getReplyXml(
            service,
            names,
            rows.map((r) => ({
              Error_Code: r.code,
              Error_Description: r.description,
              Error_Column: r.column,
            })),
          ),
        );
      }
      return xmlResponse(putReplyXml(service, rows));
    },
    options,
  );
}

/** Handler: the service answers with a SOAP fault (HTTP 500), e.g. `Server` "Error executing Web Service". */
export function soapFault(
  baseUrl: string,
  service: string,
  fault: { code?: 'Server' | 'Client'; message?: string } = {},
  options?: { once?: boolean },
) {
  return http.post(
    `${baseUrl.replace(/\/+$/, '')}/ws/${service}`,
    () =>
      xmlResponse(
        faultXml(`SOAP-ENV:${fault.code ?? 'Server'}`, fault.message ?? 'Error executing Web Service'),
        500,
      ),
    options,
  );
}

/** Handler: a Get service answers with these domain rows followed by the `W` row-cap warning. */
export function withWarningRow(
  baseUrl: string,
  service: string,
  rows: Record<string, unknown>[],
  options?: { once?: boolean },
) {
  const def = isGetService(service);
  if (!def) throw new TypeError(`${service} is not a Get service`);
  return http.post(
    `${baseUrl.replace(/\/+$/, '')}/ws/${service}`,
    () => {
      const names = Object.values(def.row as RowSpec).map(([w]) => w);
      return xmlResponse(
        getReplyXml(
          service,
          names,
          rows.map((r) => toWireRow(def.row, r)),
          { code: 'W', description: W_DESCRIPTION, column: ' ' },
        ),
      );
    },
    options,
  );
}

/**
 * Handler: a plain HTTP status for a SOAP service (`GetJob`) or a path (`/vendors/ABC`,
 * `/connect/token`, `/infolink/VN_SUBCONTRACT_MC`), any method.
 */
export function httpStatus(
  baseUrl: string,
  serviceOrPath: string,
  status: number,
  body = '',
  options?: { once?: boolean },
) {
  const path = serviceOrPath.startsWith('/') ? serviceOrPath : `/ws/${serviceOrPath}`;
  return http.all(`${baseUrl.replace(/\/+$/, '')}${path}`, () => new HttpResponse(body, { status }), options);
}

export { infoLinkJson } from './infolink-json.js';
