import { Agent, request as httpRequest } from 'node:http';
import fc from 'fast-check';
import { z } from 'zod';

/**
 * Property-based API fuzzing driven by the service's OpenAPI document: for every operation, requests whose path,
 * query, headers and body are valid-looking or deliberately broken (wrong types, missing fields, huge or odd text, NUL
 * and lone surrogates, extreme numbers, unknown enum values, malformed JSON, wrong content types, deep nesting, huge
 * arrays), and the checks every answer must pass (never a 5xx or a hang, 4xx as problem details, 2xx as documented).
 */

type Schema = Record<string, unknown> & {
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  enum?: unknown[];
  nullable?: boolean;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  $ref?: string;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  maxItems?: number;
  format?: string;
};

interface OpenApiParameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: Schema;
}

interface OpenApiOperation {
  operationId?: string;
  parameters?: OpenApiParameter[];
  requestBody?: { content?: Record<string, { schema?: Schema }> };
  responses?: Record<string, { content?: Record<string, { schema?: Schema }> }>;
  security?: unknown[];
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, OpenApiOperation>>;
  components?: { schemas?: Record<string, Schema> };
}

export interface Operation {
  id: string;
  method: string;
  path: string;
  pathParams: string[];
  queryParams: OpenApiParameter[];
  body?: Schema;
  /** 2xx status → zod validator of the documented JSON response (only where a schema is documented). */
  responses: Map<number, z.ZodType>;
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

/** Inlines `#/components/schemas/…` references (a reference met again inside itself becomes `{}`). */
function deref(doc: OpenApiDocument, s: unknown, seen: readonly string[] = []): unknown {
  if (Array.isArray(s)) return s.map((x) => deref(doc, x, seen));
  if (s === null || typeof s !== 'object') return s;
  const ref = (s as Schema).$ref;
  if (typeof ref === 'string') {
    const name = ref.replace('#/components/schemas/', '');
    if (seen.includes(name)) return {};
    return deref(doc, doc.components?.schemas?.[name] ?? {}, [...seen, name]);
  }
  return Object.fromEntries(Object.entries(s).map(([k, v]) => [k, deref(doc, v, seen)]));
}

/** The operations of the document, with their inputs and documented 2xx response schemas. */
export function operationsOf(doc: OpenApiDocument): Operation[] {
  const ops: Operation[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const method of METHODS) {
      const op = item[method];
      if (!op) continue;
      const params = (op.parameters ?? []).map((p) => deref(doc, p) as OpenApiParameter);
      const responses = new Map<number, z.ZodType>();
      for (const [status, r] of Object.entries(op.responses ?? {})) {
        const schema = r.content?.['application/json']?.schema;
        if (!/^2\d\d$/.test(status) || !schema) continue;
        responses.set(
          Number(status),
          z.fromJSONSchema(deref(doc, schema) as never, { defaultTarget: 'openapi-3.0' }),
        );
      }
      const body = op.requestBody?.content?.['application/json']?.schema;
      ops.push({
        id: op.operationId ?? `${method} ${path}`,
        method: method.toUpperCase(),
        path,
        pathParams: params.filter((p) => p.in === 'path').map((p) => p.name),
        queryParams: params.filter((p) => p.in === 'query'),
        ...(body ? { body: deref(doc, body) as Schema } : {}),
        responses,
      });
    }
  }
  return ops;
}

// ---------------------------------------------------------------------------------------------------------------
// Values

/** Placeholder strings replaced by raw JSON text after serialisation (numbers JSON.stringify cannot write). */
const RAW = '\u{E000}raw:';

const NUL = 'a\u0000b';
const LONE_SURROGATES = ['\ud800', 'x\udfff', '\udc00\ud800', 'ok\ud83d'];
const ODD_TEXT = [
  '',
  ' ',
  '\t\n',
  '..',
  '../../etc/passwd',
  "' OR 1=1 --",
  '%00',
  '\\u0000',
  '🏗️',
  'null',
  'NaN',
];
const EXTREME_NUMBERS = [
  0,
  -0,
  -1,
  1.5,
  2 ** 31,
  -(2 ** 31) - 1,
  2 ** 53,
  -(2 ** 53) - 5,
  Number.MAX_VALUE,
  -Number.MAX_VALUE,
  Number.MIN_VALUE,
  `${RAW}1e400`,
  `${RAW}-1e400`,
  `${RAW}123456789012345678901234567890`,
  `${RAW}1E-400`,
];

/** A string fitting the schema as far as cheaply possible (valid-looking input reaches the deeper code). */
function stringArb(s: Schema, pools: FuzzPools): fc.Arbitrary<string> {
  if (s.enum) return fc.constantFrom(...(s.enum as string[]));
  const min = s.minLength ?? 0;
  const max = Math.min(s.maxLength ?? 40, 40);
  switch (s.format) {
    case 'email':
      return fc.emailAddress();
    case 'uri':
      // Closed local ports: a connection test fails at once instead of waiting on DNS or a remote host.
      return fc.constantFrom('http://127.0.0.1:9', 'http://127.0.0.1:1/ws', 'https://127.0.0.1:9/');
    case 'uuid':
      return fc.uuid();
    case 'date':
      return fc.date({ noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
    case 'date-time':
      return fc.date({ noInvalidDate: true }).map((d) => d.toISOString());
    default:
      break;
  }
  return fc.oneof(
    { weight: 3, arbitrary: fc.string({ minLength: Math.max(min, 1), maxLength: Math.max(max, min, 1) }) },
    { weight: 1, arbitrary: fc.constantFrom(...pools.ids) },
    { weight: 1, arbitrary: fc.date({ noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)) },
    { weight: 1, arbitrary: fc.stringMatching(/^[A-Z0-9]{1,6}$/) },
  );
}

function numberArb(s: Schema, integer: boolean): fc.Arbitrary<number> {
  const min = typeof s.minimum === 'number' ? s.minimum : -1_000_000;
  const max = typeof s.maximum === 'number' ? s.maximum : 1_000_000;
  if (integer)
    return fc.integer({
      min: Math.max(min, Number.MIN_SAFE_INTEGER),
      max: Math.min(max, Number.MAX_SAFE_INTEGER),
    });
  return fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
}

/** Valid-looking JSON for a schema (depth-bounded, small arrays). */
export function validArb(s: Schema | undefined, pools: FuzzPools, depth = 0): fc.Arbitrary<unknown> {
  if (!s || depth > 6) return fc.constant(null);
  const alternatives = s.anyOf ?? s.oneOf;
  let arb: fc.Arbitrary<unknown>;
  if (alternatives && alternatives.length > 0) {
    arb = fc.oneof(...alternatives.map((a) => validArb(a, pools, depth + 1)));
  } else if (s.allOf && s.allOf.length > 0) {
    arb = validArb(Object.assign({}, ...s.allOf) as Schema, pools, depth + 1);
  } else if (s.enum) {
    arb = fc.constantFrom(...s.enum);
  } else {
    const type = Array.isArray(s.type) ? s.type.find((t) => t !== 'null') : s.type;
    switch (type ?? (s.properties ? 'object' : undefined)) {
      case 'string':
        arb = stringArb(s, pools);
        break;
      case 'integer':
        arb = numberArb(s, true);
        break;
      case 'number':
        arb = numberArb(s, false);
        break;
      case 'boolean':
        arb = fc.boolean();
        break;
      case 'array':
        arb = fc.array(validArb(s.items, pools, depth + 1), { maxLength: Math.min(s.maxItems ?? 3, 3) });
        break;
      case 'object': {
        const props = s.properties ?? {};
        const required = new Set(s.required ?? []);
        const keys = Object.keys(props);
        arb = fc.record(Object.fromEntries(keys.map((k) => [k, validArb(props[k], pools, depth + 1)])), {
          requiredKeys: keys.filter((k) => required.has(k)),
        });
        break;
      }
      default:
        arb = fc.oneof(fc.string({ maxLength: 10 }), fc.integer(), fc.boolean(), fc.constant(null));
    }
  }
  return s.nullable
    ? fc.oneof({ weight: 4, arbitrary: arb }, { weight: 1, arbitrary: fc.constant(null) })
    : arb;
}

/** A value of the wrong kind for any field (or a hostile one of the right kind). */
const hostileValue = (): fc.Arbitrary<unknown> =>
  fc.oneof(
    fc.constantFrom<unknown>(
      NUL,
      `name${NUL}`,
      ...LONE_SURROGATES,
      ...ODD_TEXT,
      ...EXTREME_NUMBERS,
      true,
      false,
      null,
      [],
      {},
      [null],
      { $gt: '' },
      'unknown_enum_value',
      'DRAFT',
      '2026-02-30',
      '9999-99-99',
    ),
    fc.string({ unit: 'binary', maxLength: 30 }),
    fc.integer(),
    fc.double(),
    fc.constant('x'.repeat(10_000)),
  );

/** Describes one generated request (kept readable: it is printed when an answer breaks a rule). */
export interface FuzzCase {
  op: string;
  method: string;
  path: string;
  auth: 'admin' | 'none' | 'bogus';
  headers: Record<string, string>;
  body?: string;
  mutation: string;
}

export interface FuzzPools {
  /** Ids of records that exist (so valid-looking requests reach past the 404). */
  ids: string[];
}

/** Odd but transmittable path segments (already percent-encoded where needed). */
const ODD_SEGMENTS = [
  '%00',
  'a%00b',
  '..',
  '.',
  '%2e%2e',
  '%2F',
  '%2Fetc%2Fpasswd',
  '%ED%A0%80',
  '%FF',
  '%E0%A4%A',
  '%',
  '%20',
  '-1',
  '0',
  '1e309',
  'null',
  'undefined',
  '%F0%9F%8F%97',
  "'%20OR%201%3D1--",
  '00000000-0000-0000-0000-000000000000',
  'x'.repeat(5_000),
  'x'.repeat(20_000),
];

const segmentArb = (pools: FuzzPools): fc.Arbitrary<[string, string]> =>
  fc.oneof(
    {
      weight: 3,
      arbitrary: fc.constantFrom(...pools.ids).map((v) => [encodeURIComponent(v), 'existing id']),
    },
    { weight: 2, arbitrary: fc.uuid().map((v) => [v, 'random uuid']) },
    { weight: 4, arbitrary: fc.constantFrom(...ODD_SEGMENTS).map((v) => [v, `odd id ${v.slice(0, 20)}`]) },
    {
      weight: 1,
      arbitrary: fc
        .string({ unit: 'binary', minLength: 1, maxLength: 20 })
        .map((v) => [encodeURIComponent(v.replace(/[\ud800-\udfff]/g, '')) || 'x', 'random text id']),
    },
  ) as fc.Arbitrary<[string, string]>;

const encodeQuery = (v: string): string => {
  // encodeURIComponent throws on lone surrogates; send their UTF-8-like bytes raw as a client might.
  try {
    return encodeURIComponent(v);
  } catch {
    return '%ED%A0%80';
  }
};

const HOSTILE_QUERY = [
  '%00',
  'a%00b',
  '%ED%A0%80',
  '%FF',
  '%',
  '-1',
  '0',
  '1e309',
  '99999999999999999999999',
  'NaN',
  'Infinity',
  '1.5',
  'true',
  '',
  'unknown_enum_value',
  '2026-13-45',
  encodeURIComponent(Buffer.from(JSON.stringify({ id: '\u0000' })).toString('base64url')),
  encodeURIComponent(Buffer.from(JSON.stringify({ id: 'x'.repeat(150) })).toString('base64url')),
  encodeURIComponent(Buffer.from(JSON.stringify({ id: 42 })).toString('base64url')),
  encodeURIComponent(Buffer.from('not json').toString('base64url')),
  'x'.repeat(6_000),
];

function queryArb(op: Operation, pools: FuzzPools): fc.Arbitrary<[string, string]> {
  const one = (p: OpenApiParameter): fc.Arbitrary<string[]> =>
    fc.oneof(
      {
        weight: 3,
        arbitrary: validArb(p.schema, pools).map((v) => [
          `${p.name}=${encodeQuery(typeof v === 'string' ? v : JSON.stringify(v))}`,
        ]),
      },
      { weight: 3, arbitrary: fc.constantFrom(...HOSTILE_QUERY).map((v) => [`${p.name}=${v}`]) },
      { weight: 1, arbitrary: fc.constant<string[]>([`${p.name}=1`, `${p.name}=2`]) },
      { weight: 1, arbitrary: fc.constant<string[]>([`${p.name}[a]=1`]) },
      { weight: 1, arbitrary: fc.constant<string[]>([`${p.name}`]) },
    );
  const parts = op.queryParams.map((p) => fc.option(one(p), { nil: undefined, freq: 2 }));
  return fc
    .tuple(
      fc.tuple(...parts),
      fc.option(fc.constantFrom('unknownParam=1', '__proto__[x]=1', 'a%00=1'), { freq: 4 }),
    )
    .map(([chosen, extra]) => {
      const pairs = chosen.flatMap((p) => p ?? []);
      if (extra) pairs.push(extra);
      return [pairs.join('&'), pairs.length ? `query ${pairs.join('&').slice(0, 60)}` : 'no query'];
    });
}

/** Sets `value` at a random property path of a (cloned) body; returns the path used. */
function setAt(body: unknown, pick: number, value: unknown): [unknown, string] {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return [value, 'body'];
  const obj = structuredClone(body) as Record<string, unknown>;
  const keys = Object.keys(obj);
  if (keys.length === 0) {
    obj.name = value;
    return [obj, 'name'];
  }
  const key = keys[pick % keys.length] as string;
  const child = obj[key];
  if (Array.isArray(child) && child.length > 0 && typeof child[0] === 'object' && child[0] !== null) {
    const [inner, at] = setAt(child[0], pick >> 3, value);
    obj[key] = [inner, ...child.slice(1)];
    return [obj, `${key}.0.${at}`];
  }
  obj[key] = value;
  return [obj, key];
}

const serialise = (v: unknown): string =>
  JSON.stringify(v).replace(/"\u{E000}raw:([^"]*)"/gu, (_m, raw: string) => raw);

function bodyArb(
  op: Operation,
  pools: FuzzPools,
): fc.Arbitrary<{ text?: string; type?: string; mutation: string }> {
  const valid = validArb(op.body ?? { type: 'object', properties: {} }, pools);
  const required = op.body?.required ?? [];
  const json = (text: string, mutation: string) => ({ text, type: 'application/json', mutation });
  const mutated = fc.tuple(valid, fc.nat(), hostileValue()).map(([v, pick, bad]) => {
    const [body, at] = setAt(v, pick, bad);
    return json(serialise(body), `body.${at} = ${serialise(bad)?.slice(0, 40)}`);
  });
  const variants: fc.WeightedArbitrary<{ text?: string; type?: string; mutation: string }>[] = [
    { weight: 4, arbitrary: valid.map((v) => json(serialise(v), 'valid-looking body')) },
    { weight: 8, arbitrary: mutated },
    {
      weight: 1,
      arbitrary: fc.tuple(valid, fc.nat()).map(([v, pick]) => {
        if (required.length === 0 || v === null || typeof v !== 'object') return json('{}', 'empty object');
        const drop = required[pick % required.length] as string;
        const copy = { ...(v as Record<string, unknown>) };
        delete copy[drop];
        return json(serialise(copy), `missing required ${drop}`);
      }),
    },
    {
      weight: 1,
      arbitrary: fc.tuple(valid, fc.nat()).map(([v, pick]) => {
        const [body, at] = setAt(v, pick, 'x'.repeat(1024 * 1024));
        return json(serialise(body), `1 MB string at ${at}`);
      }),
    },
    {
      weight: 1,
      arbitrary: fc.tuple(valid, fc.nat(), fc.constantFrom(64, 1_000, 20_000)).map(([v, pick, depth]) => {
        const [body, at] = setAt(v, pick, `${RAW}${'['.repeat(depth)}${']'.repeat(depth)}`);
        return json(serialise(body), `nesting ${depth} deep at ${at}`);
      }),
    },
    {
      weight: 1,
      arbitrary: fc.tuple(valid, fc.nat(), fc.constantFrom(1_000, 10_000, 40_000)).map(([v, pick, n]) => {
        const [body, at] = setAt(
          v,
          pick,
          Array.from({ length: n }, (_, i) => i),
        );
        return json(serialise(body), `array of ${n} at ${at}`);
      }),
    },
    {
      weight: 1,
      arbitrary: fc.tuple(valid, fc.nat()).map(([v, pick]) => {
        const [body, at] = setAt(v, pick, `${RAW}"\\ud800 x"`);
        return json(serialise(body), `lone surrogate escape at ${at}`);
      }),
    },
    {
      weight: 2,
      arbitrary: fc
        .constantFrom(
          '{',
          '{"a":',
          '{"a":1,}',
          "{'a':1}",
          'nul\u0000',
          '[1,2',
          'undefined',
          '{"a":NaN}',
          '{"a":1}{"b":2}',
          '\ufeff{}',
          '"just a string"',
          '42',
          'null',
          '[]',
          '[{}]',
          '{"__proto__":{"polluted":true}}',
          '{"constructor":{"prototype":{"x":1}}}',
        )
        .map((t) => json(t, `raw body ${JSON.stringify(t).slice(0, 40)}`)),
    },
    {
      weight: 2,
      arbitrary: fc
        .tuple(
          valid,
          fc.constantFrom(
            'text/plain',
            'application/x-www-form-urlencoded',
            'multipart/form-data; boundary=x',
            'application/xml',
            'application/json; charset=latin1',
            'application/json; charset=utf-16',
            'application/merge-patch+json',
            '',
          ),
        )
        .map(([v, type]) => ({ text: serialise(v), type, mutation: `content type "${type}"` })),
    },
    { weight: 1, arbitrary: fc.constant({ mutation: 'no body' }) },
  ];
  return fc.oneof(...variants);
}

/** Requests for one operation. */
export function caseArb(op: Operation, pools: FuzzPools): fc.Arbitrary<FuzzCase> {
  const segments = fc.tuple(...op.pathParams.map(() => segmentArb(pools)));
  return fc
    .record({
      auth: fc.constantFrom<FuzzCase['auth']>(...Array(16).fill('admin'), 'none', 'bogus'),
      segments,
      query: queryArb(op, pools),
      body: op.body
        ? bodyArb(op, pools)
        : fc.oneof(
            {
              weight: 6,
              arbitrary: fc.constant({ mutation: 'no body' } as {
                text?: string;
                type?: string;
                mutation: string;
              }),
            },
            {
              weight: 1,
              arbitrary: fc.constant({
                text: '{"unexpected":true}',
                type: 'application/json',
                mutation: 'unexpected body',
              }),
            },
            {
              weight: 1,
              arbitrary: fc.constant({
                text: 'x'.repeat(200_000),
                type: 'application/json',
                mutation: '200 KB junk body',
              }),
            },
          ),
      encoding: fc.constantFrom<string | undefined>(...Array(30).fill(undefined), 'gzip', 'br', 'compress'),
    })
    .map(({ auth, segments: segs, query, body, encoding }) => {
      let path = op.path;
      const notes: string[] = [];
      op.pathParams.forEach((name, i) => {
        const [value, note] = segs[i] as [string, string];
        path = path.replace(`{${name}}`, value);
        notes.push(`${name}: ${note}`);
      });
      if (query[0]) path += `?${query[0]}`;
      notes.push(query[1], body.mutation);
      const headers: Record<string, string> = {};
      if (auth === 'admin') headers.authorization = `Bearer ${ADMIN_TOKEN}`;
      if (auth === 'bogus') headers.authorization = 'Bearer not-a-token';
      if (body.type !== undefined && body.text !== undefined) headers['content-type'] = body.type;
      if (encoding && body.text !== undefined) {
        headers['content-encoding'] = encoding;
        notes.push(`Content-Encoding ${encoding} (body not compressed)`);
      }
      return {
        op: op.id,
        method: op.method,
        path,
        auth,
        headers,
        ...(body.text !== undefined ? { body: body.text } : {}),
        mutation: notes.filter(Boolean).join('; '),
      };
    });
}

export const ADMIN_TOKEN = 'demo-admin-token';

// ---------------------------------------------------------------------------------------------------------------
// Sending and checking

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
