/** Sending a case as written and the rules every answer keeps. */
import { Agent, request as httpRequest } from 'node:http';
import type { FuzzCase } from './cases.js';
import type { Operation } from './openapi.js';

export interface FuzzAnswer {
  status: number;
  contentType: string;
  text: string;
  ms: number;
}

const agent = new Agent({ keepAlive: true, maxSockets: 4 });

/** Sends a case as written (no path normalisation, raw bytes), failing after `timeoutMs`. */
export function send(base: URL, c: FuzzCase, timeoutMs: number): Promise<FuzzAnswer> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const body = c.body === undefined ? undefined : Buffer.from(c.body, 'utf8');
    const req = httpRequest(
      {
        host: base.hostname,
        port: base.port,
        method: c.method,
        path: c.path,
        agent,
        headers: { ...c.headers, ...(body ? { 'content-length': String(body.length) } : {}) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (b: Buffer) => chunks.push(b));
        res.on('end', () => {
          clearTimeout(timer);
          resolve({
            status: res.statusCode ?? 0,
            contentType: String(res.headers['content-type'] ?? ''),
            text: Buffer.concat(chunks).toString('utf8'),
            ms: performance.now() - started,
          });
        });
        res.on('error', reject);
      },
    );
    const timer = setTimeout(() => {
      req.destroy(new Error(`no answer within ${timeoutMs} ms`));
    }, timeoutMs);
    req.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    req.end(body);
  });
}

/** The rules every answer keeps; returns what is wrong, or undefined. */
export function checkAnswer(op: Operation, a: FuzzAnswer): { problem?: string; validated2xx: boolean } {
  if (a.status >= 500) return { problem: `answered ${a.status}`, validated2xx: false };
  if (a.status >= 400) {
    if (!a.contentType.startsWith('application/problem+json'))
      return {
        problem: `${a.status} without a problem body (${a.contentType || 'no content type'})`,
        validated2xx: false,
      };
    let body: unknown;
    try {
      body = JSON.parse(a.text);
    } catch {
      return { problem: `${a.status} problem body is not JSON`, validated2xx: false };
    }
    const p = body as { type?: unknown; title?: unknown; status?: unknown; errors?: unknown };
    if (
      typeof p.type !== 'string' ||
      typeof p.title !== 'string' ||
      p.status !== a.status ||
      !Array.isArray(p.errors)
    )
      return { problem: `${a.status} problem body lacks type/title/status/errors[]`, validated2xx: false };
    return { validated2xx: false };
  }
  if (a.status >= 200 && a.status < 300) {
    const schema = op.responses.get(a.status);
    if (op.responses.size > 0 && !schema && a.status !== 204)
      return {
        problem: `answered ${a.status}, documented: ${[...op.responses.keys()].join(', ')}`,
        validated2xx: false,
      };
    if (!schema || !a.contentType.startsWith('application/json')) return { validated2xx: false };
    let body: unknown;
    try {
      body = JSON.parse(a.text);
    } catch {
      return { problem: `${a.status} body is not the JSON its content type says`, validated2xx: true };
    }
    const r = schema.safeParse(body);
    if (!r.success)
      return {
        problem: `${a.status} does not match its documented schema: ${r.error.issues
          .slice(0, 3)
          .map((i) => `${i.path.join('.')}: ${i.message}`)
          .join('; ')}`,
        validated2xx: true,
      };
    return { validated2xx: true };
  }
  return { problem: `unexpected status ${a.status}`, validated2xx: false };
}
