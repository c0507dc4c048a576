/** Values for the schemas: valid-looking ones from the documented schema, and hostile ones for any field. */
import fc from 'fast-check';
import type { Schema } from './openapi.js';

export interface FuzzPools {
  /** Ids of records that exist (so valid-looking requests reach past the 404). */
  ids: string[];
}

/** Placeholder strings replaced by raw JSON text after serialisation (numbers JSON.stringify cannot write). */
export const RAW = '\u{E000}raw:';

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
export const hostileValue = (): fc.Arbitrary<unknown> =>
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
export const serialise = (v: unknown): string =>
  JSON.stringify(v).replace(/"\u{E000}raw:([^"]*)"/gu, (_m, raw: string) => raw);
