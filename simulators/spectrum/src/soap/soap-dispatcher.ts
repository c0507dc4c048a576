import { type AuthService, GUID_TIMEOUT } from '../auth/auth.service.js';
import { runPut } from '../services/put-runner.js';
import type { GetServiceDef, PutServiceDef, ServiceDef } from '../services/service-types.js';
import type { SpectrumStore } from '../store/spectrum-store.js';
import { dataRow, getResponse, MAX_GET_ROWS, ROW_CAP_WARNING, statusRow } from './get-response.writer.js';
import { parseSoapRequest, SoapClientError } from './soap-envelope.parser.js';
import {
  type PutReplyRow,
  putResponse,
  SERVER_FAULT_MESSAGE,
  soapFault,
  unknownServiceMessage,
} from './soap-envelope.writer.js';

export interface SoapOutcome {
  status: number;
  body: string | Buffer;
  /** Service name, when one was identified. */
  service: string;
  /** Whether the call changed data. */
  wrote: boolean;
  /** Data rows a Get returned (without W/E status rows). */
  rows?: number;
  /** The first A/I/M/E row's description when Spectrum refused the call in a 200 reply. */
  refused?: string;
}

/** A forced reply, used by fault injection. */
export type ForcedReply = 'auth-failure' | 'guid-timeout' | 'crash' | 'refuse';

const CACHE_LIMIT = 2000;

/**
 * Turns one SOAP request into one SOAP reply: parse, identify the service, check the Authorization
 * ID / company / GUID, run the service. Get replies are cached per (service, parameters, auth ID)
 * until the next write.
 */
export class SoapDispatcher {
  private readonly cache = new Map<
    string,
    { generation: number; body: Buffer; rows: number; refused: string | undefined }
  >();

  constructor(
    private readonly store: SpectrumStore,
    private readonly auth: AuthService,
    private readonly clock: () => Date,
    private readonly services: ReadonlyMap<string, ServiceDef>,
  ) {}

  serviceNames(): string[] {
    return [...this.services.keys()];
  }

  has(name: string): boolean {
    return this.services.has(name);
  }

  handle(
    service: string,
    xml: string,
    forced?: ForcedReply,
    crashAfterWrites = 1,
    refusal = 'Refused by a simulator fault rule',
  ): SoapOutcome {
    const def = this.services.get(service);
    if (!def)
      return {
        status: 500,
        body: soapFault('Client', unknownServiceMessage(service)),
        service,
        wrote: false,
      };
    let request: ReturnType<typeof parseSoapRequest>;
    try {
      request = parseSoapRequest(xml);
    } catch (error) {
      if (error instanceof SoapClientError) {
        return { status: 500, body: soapFault('Client', error.message), service, wrote: false };
      }
      throw error;
    }
    if (request.element !== service) {
      return {
        status: 500,
        body: soapFault('Client', `Request element ${request.element} does not match Web Service ${service}`),
        service,
        wrote: false,
      };
    }
    const f = request.fields;
    const authId = f.Authorization_ID ?? '';
    const guid = f.GUID ?? '';
    if (def.kind === 'get') return this.get(def, authId, guid, f, forced, refusal);
    return this.put(def, authId, guid, f, forced, crashAfterWrites, refusal);
  }

  private get(
    def: GetServiceDef,
    authId: string,
    guid: string,
    f: Record<string, string>,
    forced: ForcedReply | undefined,
    refusal: string,
  ): SoapOutcome {
    const reply = (rows: string, refused: string): SoapOutcome => ({
      status: 200,
      body: getResponse(def, rows),
      service: def.name,
      wrote: false,
      refused,
    });
    const company = f.pCompany_Code ?? '';
    const auth = this.auth.authorize(authId, def.name, company, true);
    if (forced === 'auth-failure' || !auth.ok) {
      const desc = auth.ok ? 'The web service is not Authorized' : auth.description;
      return reply(statusRow(def, 'E', desc, auth.ok ? 'Authorization_ID' : auth.column), desc);
    }
    if (forced === 'guid-timeout' || !this.auth.touchGuid(authId, def.name, guid)) {
      return reply(statusRow(def, 'E', GUID_TIMEOUT, 'GUID'), GUID_TIMEOUT);
    }
    if (forced === 'refuse') return reply(statusRow(def, 'E', refusal, ''), refusal);
    const outcome = (body: Buffer, rows: number, refused: string | undefined): SoapOutcome => {
      const o: SoapOutcome = { status: 200, body, service: def.name, wrote: false, rows };
      if (refused !== undefined) o.refused = refused;
      return o;
    };
    const params: Record<string, string> = {};
    for (const p of def.params) params[p] = f[p] ?? '';
    const key = `${def.name}\u0000${authId}\u0000${auth.company}\u0000${def.params.map((p) => params[p]).join('\u0000')}`;
    const cached = this.cache.get(key);
    if (cached && cached.generation === this.store.generation) {
      return outcome(cached.body, cached.rows, cached.refused);
    }
    const result = def.run(
      { store: this.store, company: auth.company, authId, now: this.clock() },
      params,
      MAX_GET_ROWS,
    );
    let rowsXml: string;
    let count = 0;
    let refused: string | undefined;
    if ('error' in result) {
      rowsXml = statusRow(def, 'E', result.error.description, result.error.column);
      refused = result.error.description;
    } else {
      count = result.rows.length;
      rowsXml = '';
      for (const r of result.rows) rowsXml += dataRow(def, r);
      if (result.more) rowsXml += statusRow(def, 'W', ROW_CAP_WARNING, '');
    }
    const body = Buffer.from(getResponse(def, rowsXml), 'utf8');
    if (this.cache.size >= CACHE_LIMIT) this.cache.clear();
    this.cache.set(key, { generation: this.store.generation, body, rows: count, refused });
    return outcome(body, count, refused);
  }

  private put(
    def: PutServiceDef,
    authId: string,
    guid: string,
    f: Record<string, string>,
    forced: ForcedReply | undefined,
    crashAfterWrites: number,
    refusal: string,
  ): SoapOutcome {
    const reply = (rows: PutReplyRow[], wrote = false): SoapOutcome => {
      const o: SoapOutcome = { status: 200, body: putResponse(def.name, rows), service: def.name, wrote };
      const refusal = rows.find((r) => r.code !== 'G');
      if (refusal) o.refused = `${refusal.code} ${refusal.column}: ${refusal.desc}`;
      return o;
    };
    const company = f.Company_Code ?? '';
    const auth = this.auth.authorize(authId, def.name, company, false);
    if (forced === 'auth-failure' || !auth.ok) {
      const desc = auth.ok ? 'The Web Service is not authorized.' : auth.description;
      return reply([{ code: 'A', desc, column: 'Authorization_ID' }]);
    }
    if (forced === 'guid-timeout' || !this.auth.touchGuid(authId, def.name, guid)) {
      return reply([{ code: 'A', desc: GUID_TIMEOUT, column: 'GUID' }]);
    }
    if (forced === 'refuse') return reply([{ code: 'I', desc: refusal, column: '' }]);
    const run = runPut(def, {
      store: this.store,
      company: auth.company,
      authId,
      now: this.clock(),
      fields: f,
      crashAfterWrites: forced === 'crash' ? crashAfterWrites : null,
    });
    if ('crashed' in run) {
      return {
        status: 500,
        body: soapFault('Server', SERVER_FAULT_MESSAGE),
        service: def.name,
        wrote: false,
      };
    }
    return reply(run.rows, run.ok);
  }

  clearCache(): void {
    this.cache.clear();
  }
}
