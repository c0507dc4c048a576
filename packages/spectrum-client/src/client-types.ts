import type { PutServiceName, PutWire } from '@bridge/rules';
import type { AuthOptions } from './auth/auth-provider.js';
import type { SpectrumProbes } from './diagnostics/probes.js';
import type { SpectrumError } from './errors.js';
import type { InfoLinkReader } from './infolink/infolink-reader.js';
import type { SpectrumLogger } from './logger.js';
import type {
  ScheduleOfValuesInput,
  ScheduleOfValuesResult,
  Vendor,
  VendorFilter,
} from './rest/rest-services.js';
import type {
  Customer,
  CustomerFilter,
  Job,
  JobDates,
  JobFilter,
  JobMain,
  Phase,
  PhaseEnhanced,
  PhaseFilter,
} from './services/get-services.js';
import type {
  AddCustomerInput,
  AddJobInput,
  AddPhaseInput,
  AddVendorInput,
  ChangeOrderLineInput,
  ChangeRequestLineInput,
  JobCostProjectionInput,
  PutResult,
  SubcontractInput,
  SubcontractLineInput,
  UpdateJobInput,
  UpdateVendorInput,
} from './services/put-services.js';
import type { RowStream } from './streaming/row-stream.js';
import type { CallGate, FetchLike, SpectrumCallEvent } from './transport/http-transport.js';
import type { RetryOptions } from './transport/retry-policy.js';
import type { TlsOptions } from './transport/tls-fetch.js';

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
  /**
   * TLS for a company's own Spectrum server: `ca` = PEM certificates trusted in addition to Node's CA store
   * (a company CA or a self-signed server certificate). Verification is never switched off.
   */
  tls?: TlsOptions;
  /** Asked before every HTTP exchange; the service's shared Spectrum call limit (see `CallGate`). */
  gate?: CallGate;
  logger?: SpectrumLogger;
  /**
   * Told about every HTTP exchange with Spectrum when it ends (operation, outcome, status, duration): the caller's
   * metrics. The client depends on no metrics library; a hook that throws is ignored.
   */
  onCall?: (event: SpectrumCallEvent) => void;
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

  /**
   * One Put with its wire record as the rules' mappers produce it (Spectrum field names, text values, blank =
   * "leave unchanged"), sent as is. The fields a service accepts are the ones of the rules' Put field table; any
   * other field, a blank field Spectrum requires or another company's code is refused before any call.
   */
  put<S extends PutServiceName>(service: S, wire: PutWire<S>, options?: CallOptions): Promise<PutResult>;
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
  /** The connection doctor's harmless probes (never a Put). */
  readonly probes: SpectrumProbes;
  /** A view of this client with its own session GUID (one logical batch). */
  batch(): SpectrumClient;
}
