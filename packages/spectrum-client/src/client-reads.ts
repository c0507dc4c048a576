import type { CallOptions, SpectrumClient } from './client-types.js';
import type { InfoLinkReader } from './infolink/infolink-reader.js';
import type { SpectrumLogger } from './logger.js';
import { getVendors, type RestConfig } from './rest/rest-services.js';
import {
  GET_CUSTOMERS,
  GET_JOB,
  GET_JOB_DATES,
  GET_JOB_MAIN,
  GET_PHASE,
  GET_PHASE_ENHANCED,
  type GetServiceDef,
  type PhaseFilter,
} from './services/get-services.js';
import type { SoapParam } from './soap/envelope.js';
import type { GuidScope } from './soap/guid-scope.js';
import type { SoapCaller } from './soap/soap-caller.js';
import {
  type NarrowPlan,
  prefixPartition,
  type SliceFilter,
  statusPartition,
  streamNarrowed,
} from './streaming/narrowing.js';
import { type RowStream, rowStream } from './streaming/row-stream.js';
import { parseRowWith, type RowOf, type RowSpec } from './wire/row-spec.js';

/** What the Get methods of one client view share: the SOAP caller, the session GUID scope, the company. */
export interface ReadContext {
  soap: SoapCaller;
  scope: GuidScope;
  companyCode: string;
  rest: RestConfig;
  infoLink: InfoLinkReader;
  jobSource: 'getjob' | 'infolink';
  logger: SpectrumLogger;
}

export type ClientReads = Pick<
  SpectrumClient,
  'getJobs' | 'getJobMain' | 'getJobDates' | 'getPhases' | 'streamPhases' | 'getCustomers' | 'getVendors'
>;

export function paramsFor(
  def: Pick<GetServiceDef, 'params'>,
  companyCode: string,
  filter: SliceFilter,
): SoapParam[] {
  return def.params.map(
    ([wire, key]) => [wire, key === 'companyCode' ? companyCode : (filter[key] ?? '')] as const,
  );
}

function toSlice(filter: object): SliceFilter {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(filter)) if (typeof v === 'string') out[k] = v.trim();
  return out;
}

/** The Get services: SOAP calls, the 500-row cap narrowed away (W rows), rows parsed against their specs. */
export function createReads(ctx: ReadContext): ClientReads {
  const { soap, scope, companyCode, logger } = ctx;
  let warnedBlankDivision = false;

  function fetchSlice(def: Pick<GetServiceDef, 'name' | 'params'>, signal?: AbortSignal) {
    return (filter: SliceFilter) => soap.get(def.name, paramsFor(def, companyCode, filter), scope, signal);
  }

  /** GetJob family: status, then division prefixes (SuperSelect `1*`, `12*`, …). */
  function jobNarrower(filter: SliceFilter): NarrowPlan | undefined {
    const byStatus = statusPartition(filter);
    if (byStatus) return byStatus;
    const divisions = prefixPartition(filter.division ?? '', 5);
    if (!divisions) return undefined;
    if ((filter.division ?? '') === '' && !warnedBlankDivision) {
      warnedBlankDivision = true;
      logger.warn(
        { statusCode: filter.statusCode },
        'spectrum GetJob slice over 500 rows: narrowing by division prefix; jobs with a blank division are not reachable this way',
      );
    }
    return {
      dimension: 'division',
      filters: divisions.map((division) => ({ ...filter, division: division ?? '' })),
      disjointByKey: false,
    };
  }

  function streamJobNumbers(signal?: AbortSignal): AsyncIterable<string> {
    if (ctx.jobSource === 'infolink') {
      return (async function* () {
        for await (const job of ctx.infoLink.listJobs()) yield job.jobNumber;
      })();
    }
    return (async function* () {
      for (const statusCode of ['A', 'I', 'C']) {
        for await (const job of get(GET_JOB, { statusCode }, signal)) yield job.jobNumber;
      }
    })();
  }

  /** GetPhase: per job (company-wide slice), then status, then cost-type prefixes. */
  function phaseNarrower(signal?: AbortSignal) {
    return (filter: SliceFilter): NarrowPlan | undefined => {
      if ((filter.jobNumber ?? '') === '') {
        return {
          dimension: 'jobNumber',
          filters: (async function* () {
            for await (const jobNumber of streamJobNumbers(signal)) yield { ...filter, jobNumber };
          })(),
          disjointByKey: true,
        };
      }
      const byStatus = statusPartition(filter);
      if (byStatus) return byStatus;
      const costTypes = prefixPartition(filter.costType ?? '', 3);
      if (!costTypes) return undefined;
      return {
        dimension: 'costType',
        filters: costTypes.map((costType) => ({ ...filter, costType: costType ?? '' })),
        disjointByKey: true,
      };
    };
  }

  /** GetCustomers has no parameter to narrow by (only `pStatus`): a capped reply is a row-cap error. */
  function customerNarrower(): NarrowPlan | undefined {
    return undefined;
  }

  function get<S extends RowSpec>(
    def: GetServiceDef<S>,
    filter: SliceFilter,
    signal?: AbortSignal,
    narrow?: (f: SliceFilter) => NarrowPlan | undefined,
  ): RowStream<RowOf<S>> {
    const chooseNarrower =
      narrow ??
      (def.name.startsWith('GetPhase')
        ? phaseNarrower(signal)
        : def.name === 'GetCustomers'
          ? customerNarrower
          : jobNarrower);
    return rowStream(() =>
      streamNarrowed({
        service: def.name,
        root: filter,
        fetch: fetchSlice(def, signal),
        narrow: chooseNarrower,
        parse: (raw, rowIndex) => {
          if (def.name.startsWith('GetPhase') && raw.Current_Estimate_Dollars === undefined) {
            const docName = raw.Current_Estimated_Dollars;
            if (docName !== undefined) raw.Current_Estimate_Dollars = docName;
          }
          return parseRowWith(def.row, raw, { service: def.name, rowIndex });
        },
        key: def.key,
        logger,
      }),
    );
  }

  return {
    getJobs: (filter = {}, o) => get(GET_JOB, toSlice(filter), o?.signal),
    getJobMain: (filter = {}, o) => get(GET_JOB_MAIN, toSlice(filter), o?.signal),
    getJobDates: (filter = {}, o) => get(GET_JOB_DATES, toSlice(filter), o?.signal),
    getPhases: ((filter: PhaseFilter = {}, o?: CallOptions) =>
      filter.enhanced
        ? get(GET_PHASE_ENHANCED, toSlice(filter), o?.signal)
        : get(GET_PHASE, toSlice(filter), o?.signal)) as SpectrumClient['getPhases'],
    streamPhases: (filter = {}, o) =>
      rowStream(async function* () {
        for await (const jobNumber of streamJobNumbers(o?.signal)) {
          yield* get(GET_PHASE, { ...toSlice(filter), jobNumber }, o?.signal);
        }
      }),
    getCustomers: (filter = {}, o) => get(GET_CUSTOMERS, toSlice(filter), o?.signal),
    getVendors: (filter, o) => getVendors(ctx.rest, filter, o?.signal),
  };
}
