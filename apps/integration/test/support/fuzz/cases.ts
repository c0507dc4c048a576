import fc from 'fast-check';
import { bodyArb } from './bodies.js';
import type { OpenApiParameter, Operation } from './openapi.js';
import { type FuzzPools, validArb } from './values.js';

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

/** The admin's bearer token of the test app (most cases are sent as the admin). */
export const ADMIN_TOKEN = 'demo-admin-token';

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
