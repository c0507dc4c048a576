import { z } from 'zod';
import type { AuthProvider } from '../auth/auth-provider.js';
import { SpectrumParseError } from '../errors.js';
import { type RowStream, rowStream } from '../streaming/row-stream.js';
import {
  errorText,
  sendOnce,
  statusError,
  type TransportDeps,
  withRetries,
} from '../transport/http-transport.js';
import { parseRowWith, type RowOf, type RowSpec } from '../wire/row-spec.js';
import {
  CHANGE_REQUEST_COST_LINES,
  CHANGE_REQUEST_REVENUE_LINES,
  CHANGE_REQUESTS,
  type ChangeRequest,
  type ChangeRequestCostLine,
  type ChangeRequestRevenueLine,
  CONTRACT_ITEMS,
  CONTRACTS,
  COST_TYPES,
  type Contract,
  type ContractItem,
  type CostType,
  type InfoLinkFilter,
  type InfoLinkJob,
  type InfoLinkTableDef,
  JOB_COST_HISTORY,
  JOB_MASTER,
  type JobCostTransaction,
  PHASE_MASTER,
  type PhaseMasterRow,
  STANDARD_PHASES,
  type StandardPhase,
  SUBCONTRACT_LINES,
  SUBCONTRACT_LINES_BY_JOB,
  SUBCONTRACTS,
  SUBCONTRACTS_BY_JOB,
  type Subcontract,
  type SubcontractLine,
  VENDOR_MASTER,
  type VendorMasterRow,
} from './infolink-tables.js';

/**
 * Read access to Spectrum's Info-Link tables. The HTTP implementation talks to the simulator's stand-in; the SQL
 * implementation (`createSqlInfoLinkReader`) reads a real Info-Link login's tables with the same contract.
 */
export interface InfoLinkReader {
  listJobs(filter?: InfoLinkFilter<typeof JOB_MASTER.row>): RowStream<InfoLinkJob>;
  listPhaseMaster(filter?: InfoLinkFilter<typeof PHASE_MASTER.row>): RowStream<PhaseMasterRow>;
  listStandardPhases(filter?: InfoLinkFilter<typeof STANDARD_PHASES.row>): RowStream<StandardPhase>;
  listCostTypes(filter?: InfoLinkFilter<typeof COST_TYPES.row>): RowStream<CostType>;
  listVendorMaster(filter?: InfoLinkFilter<typeof VENDOR_MASTER.row>): RowStream<VendorMasterRow>;
  listSubcontracts(filter?: InfoLinkFilter<typeof SUBCONTRACTS.row>): RowStream<Subcontract>;
  listSubcontractLines(filter?: InfoLinkFilter<typeof SUBCONTRACT_LINES.row>): RowStream<SubcontractLine>;
  /** The subcontracts in job order (Job_Number, then vendor and number): a company read job by job in one pass. */
  listSubcontractsByJob(filter?: InfoLinkFilter<typeof SUBCONTRACTS.row>): RowStream<Subcontract>;
  /** The subcontract lines in job order (Job_Number, then the table's key). */
  listSubcontractLinesByJob(
    filter?: InfoLinkFilter<typeof SUBCONTRACT_LINES.row>,
  ): RowStream<SubcontractLine>;
  listContracts(filter?: InfoLinkFilter<typeof CONTRACTS.row>): RowStream<Contract>;
  listContractItems(filter?: InfoLinkFilter<typeof CONTRACT_ITEMS.row>): RowStream<ContractItem>;
  listChangeRequests(filter?: InfoLinkFilter<typeof CHANGE_REQUESTS.row>): RowStream<ChangeRequest>;
  listChangeRequestLines(
    filter?: InfoLinkFilter<typeof CHANGE_REQUEST_COST_LINES.row>,
  ): RowStream<ChangeRequestCostLine>;
  listChangeRequestRevenueLines(
    filter?: InfoLinkFilter<typeof CHANGE_REQUEST_REVENUE_LINES.row>,
  ): RowStream<ChangeRequestRevenueLine>;
  listJobCostHistory(filter?: InfoLinkFilter<typeof JOB_COST_HISTORY.row>): RowStream<JobCostTransaction>;
}

const PAGE = z.object({
  table: z.string().optional(),
  rows: z.array(z.record(z.string(), z.unknown())),
  nextCursor: z.string().nullable().optional(),
});

export interface HttpInfoLinkConfig {
  baseUrl: string;
  companyCode: string;
  auth: AuthProvider;
  deps: TransportDeps;
  /** Rows per page (1..5000, default 1000). */
  pageSize?: number;
}

/** `GET {baseUrl}/infolink/{TABLE}?Company_Code=…&<Column>=…&limit=…&after=…`, keyset paged. */
export function createHttpInfoLinkReader(config: HttpInfoLinkConfig): InfoLinkReader {
  const pageSize = Math.min(5000, Math.max(1, config.pageSize ?? 1000));

  function list<S extends RowSpec>(
    def: InfoLinkTableDef<S>,
    filter: InfoLinkFilter<S> = {},
  ): RowStream<RowOf<S>> {
    const operation = `infolink/${def.table}`;
    return rowStream(async function* () {
      let cursor: string | null | undefined;
      let index = 0;
      do {
        const query = new URLSearchParams({ Company_Code: config.companyCode });
        for (const [domain, value] of Object.entries(filter)) {
          const spec = def.row[domain];
          if (value === undefined || value === '' || !spec) continue;
          if (spec[0] === 'Company_Code') continue;
          query.set(spec[0], String(value));
        }
        if (def.orderedBy) query.set('order', def.orderedBy);
        query.set('limit', String(pageSize));
        if (cursor) query.set('after', cursor);
        const url = `${config.baseUrl}/infolink/${def.table}?${query.toString()}`;
        const page = await withRetries(config.deps, { operation, write: false }, async () => {
          for (let tokenRetry = 0; ; tokenRetry++) {
            const authorization = await config.auth.restHeader();
            const reply = await sendOnce(
              config.deps,
              url,
              { method: 'GET', headers: { Accept: 'application/json', Authorization: authorization } },
              { operation },
            );
            if (reply.status === 401 && config.auth.kind === 'oauth' && tokenRetry === 0) {
              config.auth.invalidate();
              continue;
            }
            if (reply.status !== 200) throw statusError(operation, reply.status, errorText(reply.text));
            let json: unknown;
            try {
              json = JSON.parse(reply.text);
            } catch {
              throw new SpectrumParseError(`${operation}: the reply is not JSON`, { service: operation });
            }
            const parsed = PAGE.safeParse(json);
            if (!parsed.success) {
              throw new SpectrumParseError(`${operation}: the reply has no rows array`, {
                service: operation,
              });
            }
            return parsed.data;
          }
        });
        for (const raw of page.rows) {
          yield parseRowWith(def.row, raw, { service: operation, rowIndex: index++, source: 'json' });
        }
        cursor = page.nextCursor;
      } while (cursor);
    });
  }

  return {
    listJobs: (f) => list(JOB_MASTER, f),
    listPhaseMaster: (f) => list(PHASE_MASTER, f),
    listStandardPhases: (f) => list(STANDARD_PHASES, f),
    listCostTypes: (f) => list(COST_TYPES, f),
    listVendorMaster: (f) => list(VENDOR_MASTER, f),
    listSubcontracts: (f) => list(SUBCONTRACTS, f),
    listSubcontractLines: (f) => list(SUBCONTRACT_LINES, f),
    listSubcontractsByJob: (f) => list(SUBCONTRACTS_BY_JOB, f),
    listSubcontractLinesByJob: (f) => list(SUBCONTRACT_LINES_BY_JOB, f),
    listContracts: (f) => list(CONTRACTS, f),
    listContractItems: (f) => list(CONTRACT_ITEMS, f),
    listChangeRequests: (f) => list(CHANGE_REQUESTS, f),
    listChangeRequestLines: (f) => list(CHANGE_REQUEST_COST_LINES, f),
    listChangeRequestRevenueLines: (f) => list(CHANGE_REQUEST_REVENUE_LINES, f),
    listJobCostHistory: (f) => list(JOB_COST_HISTORY, f),
  };
}
