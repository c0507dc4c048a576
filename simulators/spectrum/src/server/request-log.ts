/** How a logged call ended, as the console filters it. */
export type RequestOutcome = 'ok' | 'refused' | 'error' | 'fault';
export const REQUEST_OUTCOMES: readonly RequestOutcome[] = ['ok', 'refused', 'error', 'fault'];

/** One row a call wrote: collection, operation and key (external form). */
export interface TouchedRowView {
  collection: string;
  op: string;
  key: Record<string, string | number | null>;
}

/** A logged call as lists show it (no bodies). */
export interface RequestLogEntry {
  id: number;
  /** When the answer finished (ISO). */
  time: string;
  /** When the request arrived (ISO). */
  startedAt: string;
  /** Requests being answered when this one arrived, itself included. */
  concurrent: number;
  method: string;
  path: string;
  service: string;
  status: number;
  durationMs: number;
  outcome: RequestOutcome;
  /** Who called, secrets masked: `basic ABC:BR…MO`, `oauth bridge-demo`, `auth ID BR…MO`, or ''. */
  identity: string;
  /** Data rows a read returned. */
  rows?: number;
  /** Rows a write inserted, updated or deleted (at most MAX_TOUCHED listed; touchedCount has them all). */
  touched?: TouchedRowView[];
  touchedCount?: number;
  /** Spectrum's refusal (an A/I/M/E row in a 200 reply). */
  refused?: string;
  /** The injected fault that answered or shaped the call. */
  fault?: string;
}

/** A logged call with its request and response (secrets masked, each cut at the log's body limit). */
export interface RequestLogDetail extends RequestLogEntry {
  request: { headers: Record<string, string>; body: string; bytes: number; truncated: boolean };
  response: { contentType: string; body: string; bytes: number; truncated: boolean };
}

export interface RequestLogFilter {
  service?: string;
  outcome?: RequestOutcome;
  /** Only entries with a larger id (the console's live tail). */
  after?: number;
  /** At most this many, the newest. */
  limit?: number;
}

export const DEFAULT_LOG_SIZE = 1000;
export const DEFAULT_LOG_BODY_BYTES = 16 * 1024;
export const MAX_LOG_SIZE = 100_000;
export const MAX_TOUCHED = 20;

// each also matches a value the body limit cut off before its end, so half a secret is masked too
const SECRET_ELEMENT = /(<(?:[\w.-]+:)?Authorization_ID(?:\s[^>]*)?>)([^<]*)(<\/|$)/g;
const SECRET_FORM = /((?:^|&)(?:client_secret|password)=)[^&]*/g;
const SECRET_JSON = /("(?:access_token|client_secret|Client_Secret|password)"\s*:\s*")[^"]*("|$)/g;

/** A secret shown as its first and last two characters (`BR…MO`); short ones not at all. */
export function maskSecret(secret: string): string {
  return secret.length >= 8 ? `${secret.slice(0, 2)}…${secret.slice(-2)}` : '••••';
}

/** Masks every secret a Spectrum call can carry in a body: Authorization IDs, client secrets, tokens. */
export function maskBody(text: string): string {
  return text
    .replace(SECRET_ELEMENT, (_m, open: string, value: string, close: string) =>
      value === '' ? `${open}${close}` : `${open}${maskSecret(value)}${close}`,
    )
    .replace(SECRET_FORM, '$1••••')
    .replace(SECRET_JSON, '$1••••$2');
}

/** The Authorization header as the log shows it: scheme and, for Basic, the company; never the secret. */
export function maskAuthorization(header: string): string {
  const [scheme = '', value = ''] = header.trim().split(/\s+/, 2);
  if (/^basic$/i.test(scheme)) {
    const decoded = Buffer.from(value, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    return colon < 0
      ? 'Basic ••••'
      : `Basic ${decoded.slice(0, colon)}:${maskSecret(decoded.slice(colon + 1))}`;
  }
  return scheme === '' ? '' : `${scheme} ••••`;
}

/** At most `limit` bytes of a body as text (a character cut in two at the end shows as U+FFFD). */
function cut(body: string | Buffer, limit: number): { body: string; bytes: number; truncated: boolean } {
  if (typeof body === 'string') {
    const bytes = Buffer.byteLength(body, 'utf8');
    if (bytes <= limit) return { body, bytes, truncated: false };
    return { body: Buffer.from(body, 'utf8').subarray(0, limit).toString('utf8'), bytes, truncated: true };
  }
  const truncated = body.length > limit;
  return {
    body: (truncated ? body.subarray(0, limit) : body).toString('utf8'),
    bytes: body.length,
    truncated,
  };
}

export interface NewRequestLogEntry extends Omit<RequestLogEntry, 'id'> {
  request: { headers: Record<string, string>; body: string };
  response: { contentType: string; body: Buffer | string };
}

/**
 * The last N calls the simulator answered, in a ring of fixed size: memory is bounded by N × (2 × the body limit +
 * a small record), however many calls arrive. Bodies are masked and cut when the call is recorded, so no secret is
 * kept and a 500-row reply costs no more than the limit.
 */
export class RequestLog {
  private ring: (RequestLogDetail | undefined)[];
  private start = 0;
  private length = 0;
  private nextId = 1;
  bodyLimit: number;

  constructor(capacity = DEFAULT_LOG_SIZE, bodyLimit = DEFAULT_LOG_BODY_BYTES) {
    this.ring = new Array(capacity);
    this.bodyLimit = bodyLimit;
  }

  get capacity(): number {
    return this.ring.length;
  }

  get size(): number {
    return this.length;
  }

  /** Calls recorded since start or the last clear (including those the ring has dropped). */
  get total(): number {
    return this.nextId - 1;
  }

  add(entry: NewRequestLogEntry): RequestLogEntry {
    // cut first, then mask: only the kept bytes are copied and scanned (a 500-row reply is ~368 KB)
    const req = cut(entry.request.body, this.bodyLimit);
    const res = cut(entry.response.body, this.bodyLimit);
    const detail: RequestLogDetail = {
      ...entry,
      id: this.nextId++,
      request: { headers: entry.request.headers, ...req, body: maskBody(req.body) },
      response: { contentType: entry.response.contentType, ...res, body: maskBody(res.body) },
    };
    const index = (this.start + this.length) % this.ring.length;
    this.ring[index] = detail;
    if (this.length < this.ring.length) this.length++;
    else this.start = (this.start + 1) % this.ring.length;
    return summary(detail);
  }

  private *entries(): Generator<RequestLogDetail> {
    for (let i = 0; i < this.length; i++) {
      const e = this.ring[(this.start + i) % this.ring.length];
      if (e) yield e;
    }
  }

  /** Entries oldest first, without bodies, filtered. */
  list(filter: RequestLogFilter = {}): RequestLogEntry[] {
    const out: RequestLogEntry[] = [];
    for (const e of this.entries()) {
      if (filter.after !== undefined && e.id <= filter.after) continue;
      if (filter.service !== undefined && filter.service !== '' && e.service !== filter.service) continue;
      if (filter.outcome !== undefined && e.outcome !== filter.outcome) continue;
      out.push(summary(e));
    }
    return filter.limit !== undefined && out.length > filter.limit ? out.slice(-filter.limit) : out;
  }

  /** Entries oldest first with their bodies (the download). */
  details(filter: RequestLogFilter = {}): RequestLogDetail[] {
    const ids = new Set(this.list(filter).map((e) => e.id));
    return [...this.entries()].filter((e) => ids.has(e.id));
  }

  get(id: number): RequestLogDetail | undefined {
    for (const e of this.entries()) if (e.id === id) return e;
    return undefined;
  }

  /** Services seen in the log (the console's filter choices). */
  services(): string[] {
    const names = new Set<string>();
    for (const e of this.entries()) if (e.service !== '') names.add(e.service);
    return [...names].sort();
  }

  /** Keeps the newest `capacity` entries in a ring of that size. */
  resize(capacity: number): void {
    const kept = [...this.entries()].slice(-capacity);
    this.ring = new Array(capacity);
    kept.forEach((e, i) => {
      this.ring[i] = e;
    });
    this.start = 0;
    this.length = kept.length;
  }

  clear(): void {
    this.ring = new Array(this.ring.length);
    this.start = 0;
    this.length = 0;
  }

  /** UTF-8 bytes of the kept bodies (the bench's view of the log's size). */
  bodyBytes(): number {
    let n = 0;
    for (const e of this.entries())
      n += Buffer.byteLength(e.request.body) + Buffer.byteLength(e.response.body);
    return n;
  }
}

function summary(e: RequestLogDetail): RequestLogEntry {
  const { request: _request, response: _response, ...rest } = e;
  return rest;
}
