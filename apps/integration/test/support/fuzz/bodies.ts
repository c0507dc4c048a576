import fc from 'fast-check';
import type { Operation } from './openapi.js';
import { type FuzzPools, hostileValue, RAW, serialise, validArb } from './values.js';

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

/** Request bodies for an operation: valid-looking, with one field made hostile, oversized, deeply nested,
 * malformed JSON, under a wrong content type, or none. */
export function bodyArb(
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
