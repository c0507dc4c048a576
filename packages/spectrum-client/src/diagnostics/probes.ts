import type { AuthProvider } from '../auth/auth-provider.js';
import { SpectrumValidationError } from '../errors.js';

import {
  GET_CUSTOMERS,
  GET_JOB,
  GET_JOB_DATES,
  GET_JOB_MAIN,
  GET_PHASE,
  GET_PHASE_ENHANCED,
  type GetServiceDef,
} from '../services/get-services.js';
import type { SoapParam } from '../soap/envelope.js';
import type { GuidScope } from '../soap/guid-scope.js';
import type { SoapCaller } from '../soap/soap-caller.js';
import { sendOnce, statusError, type TransportDeps } from '../transport/http-transport.js';

/** The Get services the client can probe harmlessly. */
export const PROBED_GET_SERVICES = [
  'GetJob',
  'GetJobMain',
  'GetJobDates',
  'GetPhase',
  'GetPhaseEnhanced',
  'GetCustomers',
] as const;
export type ProbedGetService = (typeof PROBED_GET_SERVICES)[number];

/** A filter no real record matches: the Get is authorized and answered, and returns (almost) nothing. */
const NOTHING = 'ZZDOCTOR';

const GET_PROBES: Record<
  ProbedGetService,
  { def: Pick<GetServiceDef, 'name' | 'params'>; filter: Record<string, string> }
> = {
  GetJob: { def: GET_JOB, filter: { projectManager: NOTHING } },
  GetJobMain: { def: GET_JOB_MAIN, filter: { projectManager: NOTHING } },
  GetJobDates: { def: GET_JOB_DATES, filter: { projectManager: NOTHING } },
  GetPhase: { def: GET_PHASE, filter: { jobNumber: NOTHING } },
  GetPhaseEnhanced: { def: GET_PHASE_ENHANCED, filter: { jobNumber: NOTHING } },
  GetCustomers: { def: GET_CUSTOMERS, filter: { status: '' } },
};

/**
 * The connection doctor's probes: harmless reads only (never a Put). Each throws the client's typed errors, so a
 * caller can tell an untrusted certificate, an unreachable host, a slow server and a refused Authorization ID apart.
 */
export interface SpectrumProbes {
  /** `GET /wsdls/<Service>.jws` without credentials: the server answers (any HTTP status) and its certificate is trusted. */
  server(): Promise<{ status: number; serverDate: string | null }>;
  /** Whether the service's WSDL is served and declares the operation. */
  wsdl(service: string): Promise<{ served: boolean; hasOperation: boolean }>;
  /** One harmless Get of the service (a filter that matches nothing). Spectrum answering a value problem counts as answered. */
  get(service: ProbedGetService): Promise<void>;
  /** An OAuth token from `/connect/token` (enhanced authorization). */
  token(): Promise<void>;
}

export function createProbes(shared: {
  baseUrl: string;
  companyCode: string;
  deps: TransportDeps;
  auth: AuthProvider;
  soap: SoapCaller;
  scope: GuidScope;
}): SpectrumProbes {
  const { baseUrl, deps } = shared;
  const fetchWsdl = (service: string) =>
    sendOnce(
      deps,
      `${baseUrl}/wsdls/${encodeURIComponent(service)}.jws`,
      { method: 'GET' },
      { operation: `wsdl/${service}` },
    );
  return {
    async server() {
      const reply = await fetchWsdl('GetJob');
      return { status: reply.status, serverDate: reply.headers.get('date') };
    },
    async wsdl(service) {
      const reply = await fetchWsdl(service);
      if (reply.status === 404) return { served: false, hasOperation: false };
      if (reply.status !== 200) throw statusError(`wsdl/${service}`, reply.status, '');
      const operation = new RegExp(`<(?:\\w+:)?operation\\s+name=["']${service}["']`);
      return { served: true, hasOperation: operation.test(reply.text) };
    },
    async get(service) {
      const probe = GET_PROBES[service];
      const params: SoapParam[] = probe.def.params.map(
        ([wire, key]) =>
          [wire, key === 'companyCode' ? shared.companyCode : (probe.filter[key] ?? '')] as const,
      );
      try {
        await shared.soap.get(probe.def.name, params, shared.scope);
      } catch (error) {
        // `I`/`M` rows ("job not found"): the service is enabled and answered the Authorization ID
        if (error instanceof SpectrumValidationError) return;
        throw error;
      }
    },
    async token() {
      shared.auth.invalidate();
      await shared.auth.restHeader();
    },
  };
}
