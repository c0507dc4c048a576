export type { AuthKind, AuthOptions } from './auth/auth-provider.js';
export {
  type CallOptions,
  type ConnectionStatus,
  createSpectrumClient,
  type SpectrumClient,
  type SpectrumClientOptions,
} from './client.js';
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
  SpectrumTransportError,
  SpectrumValidationError,
} from './errors.js';
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
  StandardPhase,
  Subcontract,
  SubcontractLine,
  VendorMasterRow,
} from './infolink/infolink-tables.js';
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
export {
  isPutServiceName,
  PUT_METHOD,
  type PutServiceName,
  putInputFromWire,
} from './services/put-input-from-wire.js';
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
export type { CallGate, FetchLike } from './transport/http-transport.js';
export type { RetryOptions } from './transport/retry-policy.js';
export { formatMoneyCents, formatWireDate, parseMoneyCents, parseWireDate } from './wire/wire-values.js';
