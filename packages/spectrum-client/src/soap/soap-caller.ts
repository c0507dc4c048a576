import type { AuthProvider } from '../auth/auth-provider.js';
import {
  SpectrumAuthError,
  type SpectrumError,
  SpectrumFaultError,
  SpectrumParseError,
  type SpectrumProblem,
  SpectrumSessionExpired,
  SpectrumTransportError,
  SpectrumValidationError,
} from '../errors.js';
import type { PutResult } from '../services/put-services.js';
import {
  errorText,
  sendOnce,
  statusError,
  type TransportDeps,
  withRetries,
} from '../transport/http-transport.js';
import { buildEnvelope, type SoapParam, soapHeaders } from './envelope.js';
import type { GuidScope } from './guid-scope.js';
import { field, parseSoapReply, type RawRow } from './reply-parser.js';

export interface GetReply {
  /** Data rows (error/warning rows removed). */
  rows: RawRow[];
  /** The trailing `W` row was present: more rows qualified than the 500 returned. */
  truncated: boolean;
}

export interface SoapCallerConfig {
  baseUrl: string;
  authorizationId: string;
  auth: AuthProvider;
  deps: TransportDeps;
}

const TIMEOUT_TEXT = /time\s*-?\s*out has occurred/i;

function problemOf(row: RawRow, codeName: string, descNames: string[], columnName: string): SpectrumProblem {
  let description = '';
  for (const name of descNames) {
    const v = field(row, name);
    if (v !== undefined) {
      description = v;
      break;
    }
  }
  return {
    code: (field(row, codeName) ?? '').toUpperCase(),
    description,
    column: field(row, columnName) ?? '',
  };
}

function isSessionTimeout(p: SpectrumProblem): boolean {
  return TIMEOUT_TEXT.test(p.description);
}

/** Turns error rows into the typed error they stand for (first by severity: session, auth, validation). */
function errorFromProblems(service: string, problems: SpectrumProblem[]): SpectrumError | undefined {
  const timeout = problems.find(isSessionTimeout);
  if (timeout) {
    return new SpectrumSessionExpired(
      `${service}: the Spectrum session GUID timed out (${timeout.description})`,
      {
        service,
        code: timeout.code,
        column: timeout.column,
        description: timeout.description,
      },
    );
  }
  const auth = problems.find((p) => p.code === 'A' || p.code === 'E');
  if (auth) {
    return new SpectrumAuthError(
      `${service}: Spectrum refused the call: ${auth.description || 'not authorized'}${auth.column ? ` (${auth.column})` : ''}`,
      { service, code: auth.code, column: auth.column, description: auth.description },
    );
  }
  const invalid = problems.filter((p) => p.code !== 'W' && p.code !== 'G' && p.code !== 'S');
  if (invalid.length > 0) {
    const summary = invalid
      .map((p) => `${p.column ? `${p.column}: ` : ''}${p.description || p.code}`)
      .join('; ');
    return new SpectrumValidationError(`${service}: Spectrum rejected the data: ${summary}`, invalid, {
      service,
    });
  }
  return undefined;
}

/** Calls SDX SOAP services: envelope, auth header, timeout, retries, GUID rotation, reply interpretation. */
export class SoapCaller {
  constructor(private readonly config: SoapCallerConfig) {}

  async get(
    service: string,
    params: readonly SoapParam[],
    scope: GuidScope,
    signal?: AbortSignal,
  ): Promise<GetReply> {
    return this.call(service, params, scope, false, signal, (rows) => this.readGet(service, rows));
  }

  private readGet(service: string, rows: RawRow[]): GetReply {
    const data: RawRow[] = [];
    const problems: SpectrumProblem[] = [];
    let truncated = false;
    for (const row of rows) {
      const p = problemOf(row, 'Error_Code', ['Error_Description', 'desc'], 'Error_Column');
      if (p.code === '') data.push(row);
      else if (p.code === 'W') truncated = true;
      else problems.push(p);
    }
    const error = errorFromProblems(service, problems);
    if (error) throw error;
    return { rows: data, truncated };
  }

  async put(
    service: string,
    params: readonly SoapParam[],
    scope: GuidScope,
    signal?: AbortSignal,
  ): Promise<PutResult> {
    return this.call(service, params, scope, true, signal, (rows) => this.readPut(service, rows));
  }

  private readPut(service: string, rows: RawRow[]): PutResult {
    const generated: Record<string, string> = {};
    const problems: SpectrumProblem[] = [];
    for (const row of rows) {
      const p = problemOf(row, 'error_code', ['desc', 'Error_Description'], 'column');
      if (p.code === 'G') generated[p.column] = p.description;
      else if (p.code === 'W') this.config.deps.logger.warn({ service, column: p.column }, p.description);
      else if (p.code !== '' && p.code !== 'S') problems.push(p);
    }
    const error = errorFromProblems(service, problems);
    if (error) throw error;
    return { generated };
  }

  /** Runs the exchange with retries; a timed-out session GUID is replaced and the call repeated once. */
  private async call<T>(
    service: string,
    params: readonly SoapParam[],
    scope: GuidScope,
    write: boolean,
    signal: AbortSignal | undefined,
    read: (rows: RawRow[]) => T,
  ): Promise<T> {
    for (let sessionRetry = 0; ; sessionRetry++) {
      const guid = scope.current();
      try {
        const rows = await withRetries(this.config.deps, { operation: service, signal, write }, () =>
          this.exchange(service, params, guid, signal),
        );
        return read(rows);
      } catch (error) {
        if (error instanceof SpectrumSessionExpired && sessionRetry === 0) {
          this.config.deps.logger.info(
            { service },
            'spectrum session GUID timed out, switching to a new GUID',
          );
          scope.rotate(guid);
          continue;
        }
        throw error;
      }
    }
  }

  private async exchange(
    service: string,
    params: readonly SoapParam[],
    guid: string,
    signal?: AbortSignal,
  ): Promise<RawRow[]> {
    const { baseUrl, authorizationId, auth, deps } = this.config;
    const url = `${baseUrl}/ws/${service}`;
    const envelope = buildEnvelope(service, authorizationId, guid, params);
    for (let tokenRetry = 0; ; tokenRetry++) {
      const headers: Record<string, string> = soapHeaders(url);
      const authorization = await auth.soapHeader(signal);
      if (authorization) headers.Authorization = authorization;
      deps.logger.debug({ service, params: params.length }, 'spectrum soap call');
      const reply = await sendOnce(
        deps,
        url,
        { method: 'POST', headers, body: envelope },
        { operation: service, signal },
      );
      if (reply.status === 401 && auth.kind === 'oauth' && tokenRetry === 0) {
        auth.invalidate();
        continue;
      }
      const parsed = parseSoapReply(reply.text);
      if (parsed.type === 'fault') {
        throw new SpectrumFaultError(parsed.fault.faultCode, deps.redactor.redact(parsed.fault.faultString), {
          service,
        });
      }
      if (reply.status < 200 || reply.status >= 300) {
        throw statusError(
          service,
          reply.status,
          parsed.type === 'not-soap' ? deps.redactor.redact(errorText(reply.text)) : 'unexpected SOAP reply',
        );
      }
      if (parsed.type === 'not-soap') {
        throw new SpectrumParseError(`${service}: the reply is not a SOAP envelope`, { service });
      }
      if (parsed.type === 'cut-mid-row') {
        throw new SpectrumTransportError(`${service}: the reply was cut off inside a row`, { service });
      }
      if (!parsed.closed) {
        deps.logger.debug(
          { service, rows: parsed.rows.length },
          'spectrum reply without closing tags, rows kept',
        );
      }
      return parsed.rows;
    }
  }
}
