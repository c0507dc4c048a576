import type { IncomingMessage, ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import { AuthService } from '../auth/auth.service.js';
import { handleControl } from '../control/control-api.js';
import { FaultInjector } from '../faults/fault-injector.js';
import { handleInfoLink } from '../infolink/infolink.controller.js';
import { handleScheduleOfValues } from '../rest/schedule-of-values.controller.js';
import { handleVendors } from '../rest/vendors.controller.js';
import { demoScenario } from '../scenarios/demo.scenario.js';
import { loadScenario, type ScenarioSpec } from '../scenarios/scenario.js';
import { GET_SERVICES } from '../services/get-services.js';
import { PUT_SERVICES } from '../services/put-services.js';
import type { ServiceDef } from '../services/service-types.js';
import { SoapDispatcher } from '../soap/soap-dispatcher.js';
import { SERVER_FAULT_MESSAGE, soapFault } from '../soap/soap-envelope.writer.js';
import { jettyNotFound, wsdl } from '../soap/wsdl.writer.js';
import type { SpectrumStore, TouchedRow } from '../store/spectrum-store.js';
import type { Row } from '../store/table-defs.js';
import { applyHttpFaults } from './http-faults.js';
import { BodyTooLargeError, readBody, send, sendJson, sentBody, XML } from './http-helpers.js';
import {
  DEFAULT_LOG_BODY_BYTES,
  DEFAULT_LOG_SIZE,
  MAX_TOUCHED,
  maskAuthorization,
  maskSecret,
  RequestLog,
  type RequestOutcome,
} from './request-log.js';
import { handleSoap } from './soap-endpoint.js';
import { handleToken } from './token-endpoint.js';
import { TrafficMeter } from './traffic.js';

export interface AppOptions {
  control: boolean;
  enhancedAuth: boolean;
  guidTimeoutHours: number | null;
  clock: () => Date;
  /** Largest request body accepted, in bytes; a larger one is answered 413 (a SOAP `Client` fault on /ws). */
  maxRequestBytes: number;
  /** Folder of the built console (default: dist/console beside the compiled simulator). */
  consoleDir?: string;
  /** Calls the request log keeps (default 1,000). */
  logSize?: number;
  /** Bytes of each request and response body the log keeps (default 16 KiB). */
  logBodyBytes?: number;
  /** Resolves a scenario name to a scenario (demo, generated, files in scenarios/). */
  resolveScenario: (name: string) => ScenarioSpec | ((store: SpectrumStore) => void);
}

export interface RequestState {
  service: string;
  fault?: string;
  /** The request body as read (for the log). */
  body?: string;
  /** Spectrum's refusal in a 200 reply (SOAP A/I/M/E rows). */
  refused?: string;
  /** Data rows a SOAP Get returned. */
  rows?: number;
  /** Rows the call wrote. */
  touched?: TouchedRow[];
}

/** Everything behind the simulator's one HTTP port. */
export class SimulatorApp {
  readonly auth: AuthService;
  readonly faults = new FaultInjector();
  readonly log: RequestLog;
  /** Concurrency and per-second figures of the Spectrum traffic (`GET /__sim/traffic`). */
  readonly traffic: TrafficMeter;
  readonly dispatcher: SoapDispatcher;
  readonly services: ReadonlyMap<string, ServiceDef>;
  /** Requests held open by a `timeout` fault; destroyed on close. */
  readonly hanging = new Set<ServerResponse>();
  baseUrl = '';
  /** Added to the injected clock (the control API can move time forward, e.g. to expire GUIDs). */
  clockOffsetMs = 0;
  readonly now = (): Date => new Date(this.options.clock().getTime() + this.clockOffsetMs);
  /** The scenario loaded at start-up; `POST /__sim/reset` goes back to it. */
  startScenario: string | ScenarioSpec = 'demo';

  constructor(
    readonly store: SpectrumStore,
    readonly options: AppOptions,
  ) {
    this.traffic = new TrafficMeter(this.now);
    this.auth = new AuthService(store, this.now, {
      enhanced: options.enhancedAuth,
      guidTimeoutMs: options.guidTimeoutHours === null ? null : options.guidTimeoutHours * 3600_000,
      tokenLifetimeSeconds: 3600,
    });
    this.log = new RequestLog(
      options.logSize ?? DEFAULT_LOG_SIZE,
      options.logBodyBytes ?? DEFAULT_LOG_BODY_BYTES,
    );
    this.services = new Map<string, ServiceDef>([...GET_SERVICES, ...PUT_SERVICES].map((d) => [d.name, d]));
    this.dispatcher = new SoapDispatcher(store, this.auth, this.now, this.services);
  }

  loadScenario(nameOrSpec: string | ScenarioSpec | ((store: SpectrumStore) => void)): string {
    const resolved = typeof nameOrSpec === 'string' ? this.options.resolveScenario(nameOrSpec) : nameOrSpec;
    if (typeof resolved === 'function') resolved(this.store);
    else loadScenario(this.store, resolved);
    this.auth.reset();
    this.dispatcher.clearCache();
    return this.store.getMeta('scenario') ?? '';
  }

  loadDemo(): void {
    loadScenario(this.store, demoScenario());
  }

  handle = (req: IncomingMessage, res: ServerResponse): void => {
    const started = performance.now();
    const state: RequestState = { service: '' };
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const counted = !path.startsWith('/__sim');
    const startedAt = this.now().toISOString();
    const concurrent = counted ? this.traffic.start() : 0;
    const record = (): void => {
      if (!counted) return;
      this.traffic.end();
      const touched = state.touched ?? [];
      const status = res.headersSent ? res.statusCode : 0;
      const sent = sentBody(res);
      const outcome: RequestOutcome = state.fault
        ? 'fault'
        : status === 0 || status >= 400
          ? 'error'
          : state.refused !== undefined
            ? 'refused'
            : 'ok';
      const headers: Record<string, string> = {};
      for (const name of ['content-type', 'soapaction']) {
        const v = req.headers[name];
        if (typeof v === 'string') headers[name] = v;
      }
      if (req.headers.authorization) headers.authorization = maskAuthorization(req.headers.authorization);
      const rows = state.rows ?? sent?.rows;
      this.log.add({
        time: this.now().toISOString(),
        startedAt,
        concurrent,
        method: req.method ?? '',
        path: (req.url ?? '/').length > 2000 ? path : (req.url ?? '/'),
        service: state.service,
        status,
        durationMs: Math.round((performance.now() - started) * 100) / 100,
        outcome,
        identity: this.identity(req.headers.authorization, state.body),
        ...(rows === undefined ? {} : { rows }),
        ...(touched.length === 0
          ? {}
          : {
              touched: touched.slice(0, MAX_TOUCHED).map((t) => ({
                collection: t.collection,
                op: t.op,
                key: keyView(t.key),
              })),
              touchedCount: touched.length,
            }),
        ...(state.refused === undefined ? {} : { refused: state.refused }),
        ...(state.fault ? { fault: state.fault } : {}),
        request: { headers, body: state.body ?? '' },
        response: { contentType: sent?.contentType ?? '', body: sent?.body ?? '' },
      });
    };
    res.once('close', record);
    this.route(req, res, state).catch((error: unknown) => {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      if (error instanceof BodyTooLargeError) {
        // Answered once the body is drained; the connection is not reused after an oversized request.
        const headers = { Connection: 'close' };
        if (path === '/ws' || path.startsWith('/ws/'))
          send(res, 413, soapFault('Client', error.message), XML, headers);
        else sendJson(res, 413, { error: error.message }, headers);
        return;
      }
      send(res, 500, soapFault('Server', SERVER_FAULT_MESSAGE), XML);
    });
  };

  private async route(req: IncomingMessage, res: ServerResponse, state: RequestState): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://simulator.local');
    const path = url.pathname;
    const method = req.method ?? 'GET';

    if (path === '/__sim' || path.startsWith('/__sim/')) {
      if (!this.options.control) {
        send(res, 404, jettyNotFound(path), 'text/html; charset=ISO-8859-1');
        return;
      }
      await handleControl(this, req, res, url);
      return;
    }
    if (method === 'POST' && (path === '/ws' || path.startsWith('/ws/'))) {
      await handleSoap(this, req, res, path, state);
      return;
    }
    if (method === 'OPTIONS' && path === '/ws') {
      send(
        res,
        200,
        '<application xmlns="http://wadl.dev.java.net/2009/02"/>',
        'application/vnd.sun.wadl+xml',
      );
      return;
    }
    const wsdlMatch = /^\/wsdls\/([^/]+)\.jws$/.exec(path);
    if (method === 'GET' && wsdlMatch) {
      const def = this.services.get(decodeURIComponent(wsdlMatch[1] ?? ''));
      if (!def) send(res, 404, jettyNotFound(path), 'text/html; charset=ISO-8859-1');
      else send(res, 200, wsdl(def, this.baseUrl), XML);
      return;
    }
    if (method === 'POST' && path === '/connect/token') {
      state.service = 'token';
      if (await applyHttpFaults(this, res, state)) return;
      await handleToken(this, req, res, state);
      return;
    }
    const vendorsMatch = /^\/vendors\/([^/]+)$/.exec(path);
    if (method === 'GET' && vendorsMatch) {
      state.service = 'vendors';
      if (await applyHttpFaults(this, res, state)) return;
      handleVendors(this, req, res, decodeURIComponent(vendorsMatch[1] ?? ''), url);
      return;
    }
    if (method === 'POST' && path === '/contract/scheduleofvalues') {
      state.service = 'scheduleofvalues';
      const faults = await applyHttpFaults(this, res, state, true);
      if (faults === true) return;
      const body = await readBody(req, this.options.maxRequestBytes);
      state.body = body;
      this.recordingWrites(state, () =>
        handleScheduleOfValues(this, req, res, body, faults === false ? undefined : faults),
      );
      return;
    }
    const infoMatch = /^\/infolink\/([^/]+)$/.exec(path);
    if (method === 'GET' && infoMatch) {
      state.service = 'infolink';
      if (await applyHttpFaults(this, res, state)) return;
      handleInfoLink(this, req, res, decodeURIComponent(infoMatch[1] ?? ''), url);
      return;
    }
    send(res, 404, jettyNotFound(path), 'text/html; charset=ISO-8859-1');
  }

  /** Runs a synchronous handler with the store recording the rows it writes into the call's state. */
  recordingWrites<T>(state: RequestState, fn: () => T): T {
    state.touched = [];
    this.store.touched = state.touched;
    try {
      return fn();
    } finally {
      this.store.touched = null;
    }
  }

  /** Who made a call, with the secret masked: Basic user, OAuth client, or the envelope's Authorization ID. */
  identity(authorization: string | undefined, body: string | undefined): string {
    if (authorization) {
      const bearer = this.auth.bearer(authorization);
      if (typeof bearer === 'object') {
        const client = String(this.auth.lookup(bearer.authId)?.Client_ID ?? '').trim();
        return client ? `oauth ${client}` : `oauth ${maskSecret(bearer.authId)}`;
      }
      const masked = maskAuthorization(authorization);
      if (masked !== '') return masked.replace(/^Basic /, 'basic ');
    }
    if (body) {
      const id = /<(?:[\w.-]+:)?Authorization_ID(?:\s[^>]*)?>([^<]+)</.exec(body)?.[1]?.trim();
      if (id) return `auth ID ${maskSecret(id)}`;
      const client = /(?:^|&)client_id=([^&]*)/.exec(body)?.[1];
      if (client) return `client ${decodeURIComponent(client.replace(/\+/g, ' '))}`;
    }
    return '';
  }

  hang(res: ServerResponse): void {
    this.hanging.add(res);
    res.once('close', () => this.hanging.delete(res));
  }

  /** Answers a refused call (401 with the challenge of the auth mode in use, or 403). */
  authFailure(
    res: ServerResponse,
    status: number,
    message: string,
    extra: Record<string, string> = {},
  ): void {
    const headers: Record<string, string> =
      status === 401
        ? { 'WWW-Authenticate': this.auth.options.enhanced ? 'Bearer' : 'Basic realm="Spectrum"' }
        : {};
    sendJson(res, status, { error: message }, { ...headers, ...extra });
  }

  /**
   * Authenticates a REST / Info-Link call for a company: Basic `company:authId` or a bearer token
   * (required in enhanced mode). Answers 401/403 itself and returns undefined when refused.
   */
  restAuth(
    req: IncomingMessage,
    res: ServerResponse,
    company: string,
    extra: Record<string, string> = {},
  ): string | undefined {
    const header = req.headers.authorization;
    const bearer = this.auth.bearer(header);
    let authId: string | undefined;
    if (typeof bearer === 'object') authId = bearer.authId;
    else if (bearer === 'invalid') {
      this.authFailure(res, 401, 'Invalid or expired bearer token', extra);
      return undefined;
    } else if (this.auth.options.enhanced) {
      this.authFailure(res, 401, 'A valid bearer token is required', extra);
      return undefined;
    } else {
      const basic = this.auth.basic(header);
      if (typeof basic !== 'object') {
        this.authFailure(res, 401, 'Basic credentials Company_Code:Authorization_ID are required', extra);
        return undefined;
      }
      if (basic.company !== company) {
        this.authFailure(res, 403, `Credentials are for company ${basic.company}, not ${company}`, extra);
        return undefined;
      }
      authId = basic.authId;
    }
    if (!this.auth.companiesOf(authId).includes(company)) {
      this.authFailure(res, 403, `Authorization ID is not authorized for company ${company}`, extra);
      return undefined;
    }
    return authId;
  }

  closeHanging(): void {
    for (const res of this.hanging) res.destroy();
    this.hanging.clear();
  }
}

/** A touched row's key in the control API's external form. */
function keyView(key: Row): Record<string, string | number | null> {
  return Object.fromEntries(
    Object.entries(key).map(([k, v]) => [k, typeof v === 'string' ? v.trim() : (v ?? null)]),
  );
}
