import type { IncomingMessage, ServerResponse } from 'node:http';

export class BodyTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`Request body exceeds the limit of ${limit} bytes`);
    this.name = 'BodyTooLargeError';
  }
}

/**
 * Default request size limit: 5 MB. The largest envelope a Spectrum client sends (a Put with every field filled, or
 * a Get with all its filters) is a few kilobytes; Spectrum's Jetty front end refuses bodies in the megabytes.
 */
export const DEFAULT_MAX_REQUEST_BYTES = 5 * 1024 * 1024;

/**
 * Reads a request body of at most `limit` bytes. A larger body is drained without being kept (so the client still
 * reads the answer) and rejected with BodyTooLargeError; a declared Content-Length over the limit is rejected at once.
 */
export function readBody(req: IncomingMessage, limit: number = DEFAULT_MAX_REQUEST_BYTES): Promise<string> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > limit) {
      req.resume();
      reject(new BodyTooLargeError(limit));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
      else chunks.length = 0;
    });
    req.on('end', () => {
      if (size > limit) reject(new BodyTooLargeError(limit));
      else resolve(Buffer.concat(chunks).toString('utf8'));
    });
    req.on('error', reject);
  });
}

/** What was sent on a response, for the request log: the body and, for JSON lists, how many rows. */
export interface SentBody {
  body: Buffer;
  contentType: string;
  rows?: number;
}

const sent = new WeakMap<ServerResponse, SentBody>();

/** The body `send`/`sendJson` wrote on this response (undefined when none was written through them). */
export function sentBody(res: ServerResponse): SentBody | undefined {
  return sent.get(res);
}

export function send(
  res: ServerResponse,
  status: number,
  body: string | Buffer,
  contentType: string,
  headers: Record<string, string> = {},
): void {
  const buf = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  const previous = sent.get(res);
  sent.set(res, previous ? { ...previous, body: buf, contentType } : { body: buf, contentType });
  res.writeHead(status, { 'Content-Type': contentType, 'Content-Length': String(buf.length), ...headers });
  res.end(buf);
}

export function sendJson(
  res: ServerResponse,
  status: number,
  value: unknown,
  headers: Record<string, string> = {},
): void {
  const rows = Array.isArray(value)
    ? value.length
    : value && typeof value === 'object' && Array.isArray((value as { rows?: unknown }).rows)
      ? (value as { rows: unknown[] }).rows.length
      : undefined;
  if (rows !== undefined) sent.set(res, { body: Buffer.alloc(0), contentType: '', rows });
  send(res, status, JSON.stringify(value), 'application/json; charset=utf-8', headers);
}

export const XML = 'text/xml; charset=utf-8';

/** Waits `ms` milliseconds (a `latency` fault). */
export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
