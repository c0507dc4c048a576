import { randomUUID } from 'node:crypto';
import { type AuthProvider, basicHeader, createAuthProvider } from './auth/auth-provider.js';
import { createReads, paramsFor } from './client-reads.js';
import type { CallOptions, ConnectionStatus, SpectrumClient, SpectrumClientOptions } from './client-types.js';
import { createWrites } from './client-writes.js';
import { createProbes } from './diagnostics/probes.js';
import { SpectrumCallLimitError, SpectrumError } from './errors.js';
import { createHttpInfoLinkReader, type InfoLinkReader } from './infolink/infolink-reader.js';
import type { InfoLinkFilter } from './infolink/infolink-tables.js';
import { Redactor, silentLogger } from './logger.js';
import type { RestConfig } from './rest/rest-services.js';
import { GET_JOB } from './services/get-services.js';
import { GuidScope } from './soap/guid-scope.js';
import { SoapCaller } from './soap/soap-caller.js';
import type { TransportDeps } from './transport/http-transport.js';
import { resolveRetry } from './transport/retry-policy.js';
import { createTlsFetch } from './transport/tls-fetch.js';

export type { CallOptions, ConnectionStatus, SpectrumClient, SpectrumClientOptions };

/** What every view of one client shares (a `batch()` view only has its own session GUID). */
interface Shared {
  options: SpectrumClientOptions;
  baseUrl: string;
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
    fetch: options.fetch ?? createTlsFetch(options.tls),
    onCall: options.onCall,
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
    baseUrl,
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

/** One view of the client: the Get methods (`client-reads.ts`), the Put methods (`client-writes.ts`), Info-Link. */
function buildClient(shared: Shared, scope: GuidScope): SpectrumClient {
  const { soap, deps, companyCode, rest, infoLink } = shared;
  const reads = createReads({
    soap,
    scope,
    companyCode,
    rest,
    infoLink,
    jobSource: shared.options.jobSource ?? 'getjob',
    logger: deps.logger,
  });
  const writes = createWrites({ soap, scope, companyCode, rest });
  return {
    companyCode,
    probes: createProbes({ baseUrl: shared.baseUrl, companyCode, deps, auth: shared.auth, soap, scope }),
    ...reads,
    ...writes,

    listJobs: (f) => infoLink.listJobs(f),
    listPhaseMaster: (f) => infoLink.listPhaseMaster(f),
    listStandardPhases: (f) => infoLink.listStandardPhases(f),
    listCostTypes: (f) => infoLink.listCostTypes(f),
    listVendorMaster: (f) => infoLink.listVendorMaster(f),
    listSubcontracts: (f) => infoLink.listSubcontracts(f),
    listSubcontractLines: (f) => infoLink.listSubcontractLines(f),
    listSubcontractsByJob: (f) => infoLink.listSubcontractsByJob(f),
    listSubcontractLinesByJob: (f) => infoLink.listSubcontractLinesByJob(f),
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
}

export type { InfoLinkFilter };
