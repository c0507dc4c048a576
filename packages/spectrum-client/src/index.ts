export type { PutServiceName, PutWire } from '@bridge/rules';
export type { AuthKind, AuthOptions } from './auth/auth-provider.js';
export {
  type CallOptions,
  type ConnectionStatus,
  createSpectrumClient,
  type SpectrumClient,
  type SpectrumClientOptions,
} from './client.js';
export { PROBED_GET_SERVICES, type ProbedGetService, type SpectrumProbes } from './diagnostics/probes.js';
export {
  isSpectrumError,
  SpectrumAuthError,
  SpectrumCallLimitError,
  SpectrumError,
  type SpectrumErrorKind,
  SpectrumFaultError,
  SpectrumParseError,
  type SpectrumProblem,
  SpectrumRowCapError,
  SpectrumSessionExpired,
  SpectrumTlsError,
  SpectrumTransportError,
  SpectrumValidationError,
} from './errors.js';
export { columnsOf } from './infolink/infolink-columns.js';
export {
  createHttpInfoLinkReader,
  type HttpInfoLinkConfig,
  type InfoLinkReader,
} from './infolink/infolink-reader.js';
export type {
  ChangeRequest,
  ChangeRequestCostLine,
  ChangeRequestRevenueLine,
  Contract,
  ContractItem,
  CostType,
  InfoLinkFilter,
  InfoLinkJob,
  JobCostTransaction,
  PhaseMasterRow,
  StandardPhase,
  Subcontract,
  SubcontractLine,
  VendorMasterRow,
} from './infolink/infolink-tables.js';
export {
  CHANGE_REQUEST_COST_LINES,
  CHANGE_REQUEST_REVENUE_LINES,
  CHANGE_REQUESTS,
  INFOLINK_TABLES,
  type InfoLinkTableDef,
  JOB_MASTER,
  PHASE_MASTER,
  SUBCONTRACT_LINES,
  SUBCONTRACT_LINES_BY_JOB,
  SUBCONTRACTS,
  SUBCONTRACTS_BY_JOB,
  VENDOR_MASTER,
} from './infolink/infolink-tables.js';
export {
  buildPageStatement,
  type PageQuery,
  type SqlParam,
  type SqlStatement,
} from './infolink/sql/infolink-query.js';
export {
  createMssqlExecutor,
  type InfoLinkSqlConnection,
  type MssqlDriver,
  mssqlConfig,
} from './infolink/sql/mssql-executor.js';
export { POSTGRES, type SqlDialect, TSQL } from './infolink/sql/sql-dialect.js';
export {
  createSqlInfoLinkReader,
  type SqlExecutor,
  type SqlInfoLinkConfig,
  type SqlInfoLinkReader,
} from './infolink/sql/sql-infolink-reader.js';
export type { SpectrumLogger } from './logger.js';
export type {
  ScheduleOfValuesContract,
  ScheduleOfValuesInput,
  ScheduleOfValuesItem,
  ScheduleOfValuesItemResult,
  ScheduleOfValuesResult,
  Vendor,
  VendorFilter,
} from './rest/rest-services.js';
export type {
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
export type {
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
export type { RowStream } from './streaming/row-stream.js';
export { type CertificateProblem, findCertificateProblem } from './transport/certificate-problem.js';
export type {
  CallGate,
  FetchLike,
  SpectrumCallEvent,
  SpectrumCallOutcome,
} from './transport/http-transport.js';
export type { RetryOptions } from './transport/retry-policy.js';
export { parseCaBundle, type TlsOptions } from './transport/tls-fetch.js';
export { formatMoneyCents, formatWireDate, parseMoneyCents, parseWireDate } from './wire/wire-values.js';
