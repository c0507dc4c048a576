import { randomUUID } from 'node:crypto';
import {
  type AuthOptions,
  type AuthProvider,
  basicHeader,
  createAuthProvider,
} from './auth/auth-provider.js';
import { SpectrumCallLimitError, SpectrumError } from './errors.js';
import { createHttpInfoLinkReader, type InfoLinkReader } from './infolink/infolink-reader.js';
import type { InfoLinkFilter } from './infolink/infolink-tables.js';
import { Redactor, type SpectrumLogger, silentLogger } from './logger.js';
import {
  getVendors,
  postScheduleOfValues,
  type RestConfig,
  type ScheduleOfValuesInput,
  type ScheduleOfValuesResult,
  type Vendor,
  type VendorFilter,
} from './rest/rest-services.js';
import {
  type Customer,
  type CustomerFilter,
  GET_CUSTOMERS,
  GET_JOB,
  GET_JOB_DATES,
  GET_JOB_MAIN,
  GET_PHASE,
  GET_PHASE_ENHANCED,
  type GetServiceDef,
  type Job,
  type JobDates,
  type JobFilter,
  type JobMain,
  type Phase,
  type PhaseEnhanced,
  type PhaseFilter,
} from './services/get-services.js';
import {
  ADD_CUSTOMER,
  ADD_JOB,
  ADD_PHASE,
  ADD_VENDOR,
  type AddCustomerInput,
  type AddJobInput,
  type AddPhaseInput,
  type AddVendorInput,
  AR_CHANGE_ORDER,
  AR_CHANGE_REQUEST,
  type ChangeOrderLineInput,
  type ChangeRequestLineInput,
  JOB_COST_PROJECTIONS,
  type JobCostProjectionInput,
  type PutResult,
  type PutServiceDef,
  type SubcontractInput,
  type SubcontractLineInput,
  UPDATE_JOB,
  UPDATE_SUBCONTRACT,
  UPDATE_SUBCONTRACT_PHASES,
  UPDATE_VENDOR,
  type UpdateJobInput,
  type UpdateVendorInput,
} from './services/put-services.js';
import type { SoapParam } from './soap/envelope.js';
import { GuidScope } from './soap/guid-scope.js';
import { SoapCaller } from './soap/soap-caller.js';
import {
  type NarrowPlan,
  prefixPartition,
  type SliceFilter,
  statusPartition,
  streamNarrowed,
} from './streaming/narrowing.js';
import { type RowStream, rowStream } from './streaming/row-stream.js';
import { type CallGate, type FetchLike, type TransportDeps } from './transport/http-transport.js';
import { type RetryOptions, resolveRetry } from './transport/retry-policy.js';
import { parseRowWith, type RowOf, type RowSpec, toWire } from './wire/row-spec.js';
import { WireValueError } from './wire/wire-values.js';

export interface SpectrumClientOptions {
  /** Scheme, host and port of the Spectrum server (e.g. `https://acme.dexterchaney.com:8482`). */
  baseUrl: string;
  companyCode: string;
  authorizationId: string;
  /** Default `basic` (`Company_Code:Authorization_ID`); `oauth` = Enhanced Authentication. */
  auth?: AuthOptions;
  /** Per-attempt timeout (default 30 s). */
  timeoutMs?: number;
  retry?: RetryOptions;
  fetch?: FetchLike;
  /** Asked before every HTTP exchange; the service's shared Spectrum call limit (see `CallGate`). */
  gate?: CallGate;
  logger?: SpectrumLogger;
  /** Info-Link reader; default: the HTTP stand-in at the same base URL. */
  infoLink?: InfoLinkReader;
  /** Rows per Info-Link page (1..5000, default 1000). */
  infoLinkPageSize?: number;
  /** Where `streamPhases` lists jobs from: `getjob` (default) or the Info-Link job master. */
  jobSource?: 'getjob' | 'infolink';
  /** Injectable for tests: random in [0,1) for backoff jitter, clock, GUID generator. */
  random?: () => number;
  now?: () => number;
  generateGuid?: () => string;
}

export interface CallOptions {
  signal?: AbortSignal;
}

export type ConnectionStatus =
  | { connected: true }
  | {
      connected: false;
      reason: string;
      kind: SpectrumError['kind'] | 'unknown';
      code?: string;
      /** The test call was never sent (no slot of the call limit): nothing is known about the connection. */
      notSent?: true;
    };

export interface SpectrumClient extends InfoLinkReader {
  readonly companyCode: string;
  getJobs(filter?: JobFilter, options?: CallOptions): RowStream<Job>;
  getJobMain(filter?: JobFilter, options?: CallOptions): RowStream<JobMain>;
  getJobDates(filter?: JobFilter, options?: CallOptions): RowStream<JobDates>;
  getPhases(filter: PhaseFilter & { enhanced: true }, options?: CallOptions): RowStream<PhaseEnhanced>;
  getPhases(filter?: PhaseFilter & { enhanced?: false }, options?: CallOptions): RowStream<Phase>;
  /** Every phase of the company: lists jobs first, then streams each job's phases. */
  streamPhases(filter?: Omit<PhaseFilter, 'jobNumber' | 'enhanced'>, options?: CallOptions): RowStream<Phase>;
  getCustomers(filter?: CustomerFilter, options?: CallOptions): RowStream<Customer>;
  getVendors(filter?: VendorFilter, options?: CallOptions): Promise<Vendor[]>;

  addJob(input: AddJobInput, options?: CallOptions): Promise<PutResult>;
  updateJob(input: UpdateJobInput, options?: CallOptions): Promise<PutResult>;
  addPhase(input: AddPhaseInput, options?: CallOptions): Promise<PutResult>;
  addJobCostProjection(input: JobCostProjectionInput, options?: CallOptions): Promise<PutResult>;
  addVendor(input: AddVendorInput, options?: CallOptions): Promise<PutResult>;
  updateVendor(input: UpdateVendorInput, options?: CallOptions): Promise<PutResult>;
  upsertSubcontract(input: SubcontractInput, options?: CallOptions): Promise<PutResult>;
  upsertSubcontractLine(input: SubcontractLineInput, options?: CallOptions): Promise<PutResult>;
  addChangeRequestLine(input: ChangeRequestLineInput, options?: CallOptions): Promise<PutResult>;
  addChangeOrderLine(input: ChangeOrderLineInput, options?: CallOptions): Promise<PutResult>;
  addCustomer(input: AddCustomerInput, options?: CallOptions): Promise<PutResult>;
  postScheduleOfValues(input: ScheduleOfValuesInput, options?: CallOptions): Promise<ScheduleOfValuesResult>;

  /** GEN-3: a cheap authorized read; never throws. */
  testConnection(options?: CallOptions): Promise<ConnectionStatus>;
  /** A view of this client with its own session GUID (one logical batch). */
  batch(): SpectrumClient;
}

interface Shared {
  options: SpectrumClientOptions;
  companyCode: string;
  deps: TransportDeps;
  auth: AuthProvider;
  soap: SoapCaller;
  rest: RestConfig;
  infoLink: InfoLinkReader;
  generateGuid: () => string;
}

export function createSpectrumClient(options: SpectrumClientOptions): SpectrumClient {
  if (!options.baseUrl) throw new TypeError('baseUrl is required');
  if (!options.companyCode) throw new TypeError('companyCode is required');
  if (!options.authorizationId) throw new TypeError('authorizationId is required');
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const redactor = new Redactor();
  redactor.add(options.authorizationId);
  redactor.add(options.auth?.clientSecret);
  redactor.add(basicHeader(options.companyCode, options.authorizationId).slice('Basic '.length));
  const deps: TransportDeps = {
    fetch: options.fetch ?? ((input, init) => fetch(input, init)),
    gate: options.gate,
    timeoutMs: options.timeoutMs ?? 30_000,
    retry: resolveRetry(options.retry),
    random: options.random ?? Math.random,
    logger: options.logger ?? silentLogger,
    redactor,
  };
  const auth = createAuthProvider(options.auth, {
    baseUrl,
    companyCode: options.companyCode,
    authorizationId: options.authorizationId,
    now: options.now ?? Date.now,
    deps,
    onToken: (token) => redactor.add(token),
  });
  const soap = new SoapCaller({ baseUrl, authorizationId: options.authorizationId, auth, deps });
  const rest: RestConfig = { baseUrl, companyCode: options.companyCode, auth, deps };
  const shared: Shared = {
    options,
    companyCode: options.companyCode,
    deps,
    auth,
    soap,
    rest,
    infoLink:
      options.infoLink ??
      createHttpInfoLinkReader({
        baseUrl,
        companyCode: options.companyCode,
        auth,
        deps,
        ...(options.infoLinkPageSize === undefined ? {} : { pageSize: options.infoLinkPageSize }),
      }),
    generateGuid: options.generateGuid ?? randomUUID,
  };
  return buildClient(shared, new GuidScope(shared.generateGuid));
}

function paramsFor(
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

function buildClient(shared: Shared, scope: GuidScope): SpectrumClient {
  const { soap, deps, companyCode } = shared;
  const logger = deps.logger;
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
    if (shared.options.jobSource === 'infolink') {
      return (async function* () {
        for await (const job of shared.infoLink.listJobs()) yield job.jobNumber;
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

  /** GetCustomers has no parameter to narrow by (only `pStatus`): a capped reply is a row-cap error. */
  function customerNarrower(): NarrowPlan | undefined {
    return undefined;
  }

  async function put<S extends PutServiceDef>(
    def: S,
    input: object,
    signal?: AbortSignal,
  ): Promise<PutResult> {
    const values = input as Record<string, unknown>;
    const params: SoapParam[] = [['Company_Code', companyCode]];
    for (const [domain, [wire, kind, required]] of Object.entries(def.fields)) {
      const value = values[domain];
      if (required && (value === undefined || value === null || value === '')) {
        throw new TypeError(`${def.name}: ${domain} is required`);
      }
      try {
        params.push([wire, toWire(kind, value)]);
      } catch (error) {
        if (error instanceof WireValueError) throw new TypeError(`${def.name}: ${domain} ${error.message}`);
        throw error;
      }
    }
    return soap.put(def.name, params, scope, signal);
  }

  const infoLink = shared.infoLink;
  const client: SpectrumClient = {
    companyCode,
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
    getVendors: (filter, o) => getVendors(shared.rest, filter, o?.signal),

    addJob: (input, o) => put(ADD_JOB, input, o?.signal),
    updateJob: (input, o) => put(UPDATE_JOB, input, o?.signal),
    addPhase: (input, o) => put(ADD_PHASE, input, o?.signal),
    addJobCostProjection: (input, o) => put(JOB_COST_PROJECTIONS, input, o?.signal),
    addVendor: (input, o) => put(ADD_VENDOR, input, o?.signal),
    updateVendor: (input, o) => put(UPDATE_VENDOR, input, o?.signal),
    upsertSubcontract: (input, o) => put(UPDATE_SUBCONTRACT, input, o?.signal),
    upsertSubcontractLine: (input, o) => put(UPDATE_SUBCONTRACT_PHASES, input, o?.signal),
    addChangeRequestLine: (input, o) => put(AR_CHANGE_REQUEST, input, o?.signal),
    addChangeOrderLine: (input, o) => put(AR_CHANGE_ORDER, input, o?.signal),
    addCustomer: (input, o) => put(ADD_CUSTOMER, input, o?.signal),
    postScheduleOfValues: (input, o) => postScheduleOfValues(shared.rest, input, o?.signal),

    listJobs: (f) => infoLink.listJobs(f),
    listStandardPhases: (f) => infoLink.listStandardPhases(f),
    listCostTypes: (f) => infoLink.listCostTypes(f),
    listVendorMaster: (f) => infoLink.listVendorMaster(f),
    listSubcontracts: (f) => infoLink.listSubcontracts(f),
    listSubcontractLines: (f) => infoLink.listSubcontractLines(f),
    listContracts: (f) => infoLink.listContracts(f),
    listContractItems: (f) => infoLink.listContractItems(f),
    listChangeRequests: (f) => infoLink.listChangeRequests(f),
    listChangeRequestLines: (f) => infoLink.listChangeRequestLines(f),
    listChangeRequestRevenueLines: (f) => infoLink.listChangeRequestRevenueLines(f),
    listJobCostHistory: (f) => infoLink.listJobCostHistory(f),

    async testConnection(o) {
      try {
        // One GetJob call with no narrowing: an authorized read that proves the Authorization ID,
        // the company and (with OAuth) the token. A capped reply still proves the connection.
        await soap.get(GET_JOB.name, paramsFor(GET_JOB, companyCode, { statusCode: 'A' }), scope, o?.signal);
        return { connected: true };
      } catch (error) {
        if (error instanceof SpectrumError) {
          return {
            connected: false,
            reason: error.description || error.message,
            kind: error.kind,
            ...(error.code ? { code: error.code } : {}),
            ...(error instanceof SpectrumCallLimitError ? { notSent: true as const } : {}),
          };
        }
        return { connected: false, reason: 'unexpected error while testing the connection', kind: 'unknown' };
      }
    },
    batch: () => buildClient(shared, new GuidScope(shared.generateGuid)),
  };
  return client;
}

export type { InfoLinkFilter };
