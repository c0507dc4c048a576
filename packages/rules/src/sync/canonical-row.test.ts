import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalize, hashRow, NATURAL_KEY_SEPARATOR, naturalKey, type RowValue } from './canonical-row.js';

const jobRow = {
  Company_Code: 'ABC',
  Job_Number: '  25-101',
  Job_Description: 'Harbor Point Tower ',
  Status_Code: 'A',
  Original_Contract: 125000000,
  Address: { City: 'Tampa', State: 'FL', Zip: null },
  Tags: ['b', 'a'],
  Comment: undefined,
};

describe('canonicalize', () => {
  it('SCH-2: sorts keys at every depth, trims strings, drops undefined, keeps null and array order', () => {
    expect(canonicalize(jobRow)).toBe(
      '{"Address":{"City":"Tampa","State":"FL","Zip":null},"Company_Code":"ABC","Job_Description":"Harbor Point Tower",' +
        '"Job_Number":"25-101","Original_Contract":125000000,"Status_Code":"A","Tags":["b","a"]}',
    );
  });

  it('writes numbers, booleans, bigints, dates and undefined array items deterministically', () => {
    expect(
      canonicalize({ a: 1.5, b: -0, c: true, d: false, e: 12n, f: new Date('2026-01-02T03:04:05Z') }),
    ).toBe('{"a":1.5,"b":0,"c":true,"d":false,"e":12,"f":"2026-01-02T03:04:05.000Z"}');
    expect(canonicalize([undefined, null, ' x '])).toBe('[null,null,"x"]');
    expect(canonicalize(undefined)).toBe('null');
    expect(canonicalize(Object.assign(Object.create(null), { b: 1, a: 2 }))).toBe('{"a":2,"b":1}');
  });

  it('keeps a number and the same digits as text apart', () => {
    expect(canonicalize({ a: 1 })).not.toBe(canonicalize({ a: '1' }));
    expect(hashRow({ a: 1 })).not.toBe(hashRow({ a: '1' }));
  });

  it('refuses values a row cannot hold', () => {
    expect(() => canonicalize({ a: Number.NaN })).toThrow(/NaN at a/);
    expect(() => canonicalize({ a: [Number.POSITIVE_INFINITY] })).toThrow(/a\[0\]/);
    expect(() => canonicalize({ a: new Date('nope') })).toThrow(/invalid date/);
    expect(() => canonicalize({ a: new Map() } as unknown as RowValue)).toThrow(/Map object/);
    expect(() => canonicalize({ a: () => 1 } as unknown as RowValue)).toThrow(/function/);
  });
});

describe('hashRow', () => {
  it('SCH-2: is the hex sha256 of the canonical text', () => {
    // sha256 of the text `{"a":"x"}`, computed independently with sha256sum
    expect(hashRow({ a: ' x ' })).toBe('bac82bcae3ff0e486fd02d6dce53dc6444bcbd21f6ab5dea0a69e86e8b723b7f');
    expect(hashRow({})).toBe('44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a');
  });

  it('SCH-2: is stable under field order (property)', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (row) => {
        const reversed = Object.fromEntries(Object.entries(row).reverse());
        expect(hashRow(reversed as RowValue)).toBe(hashRow(row as RowValue));
      }),
      { numRuns: 200 },
    );
  });

  it('SCH-2: changes when any field value changes (property)', () => {
    fc.assert(
      fc.property(
        fc.dictionary(fc.string({ minLength: 1 }), fc.oneof(fc.integer(), fc.boolean(), fc.string()), {
          minKeys: 1,
        }),
        fc.nat(),
        fc.oneof(fc.integer(), fc.boolean(), fc.string()),
        (row, pick, replacement) => {
          const keys = Object.keys(row);
          const key = keys[pick % keys.length] as string;
          const before = row[key];
          const norm = (v: unknown) => (typeof v === 'string' ? `s${v.trim()}` : `${typeof v}${String(v)}`);
          fc.pre(norm(before) !== norm(replacement));
          expect(hashRow({ ...row, [key]: replacement })).not.toBe(hashRow(row));
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('naturalKey', () => {
  it('SCH-2: joins trimmed key fields in the given order with a separator that cannot occur in codes', () => {
    const row = {
      Company_Code: 'ABC ',
      Job_Number: ' 25-101',
      Phase_Code: '013100',
      Cost_Type: 'L',
      Amount: 5,
    };
    expect(naturalKey(row, ['Company_Code', 'Job_Number', 'Phase_Code', 'Cost_Type'])).toBe(
      ['ABC', '25-101', '013100', 'L'].join(NATURAL_KEY_SEPARATOR),
    );
    expect(naturalKey({ id: 42 }, ['id'])).toBe('42');
    // ('A B', 'C') and ('A', 'B C') stay different keys
    expect(naturalKey({ a: 'A B', b: 'C' }, ['a', 'b'])).not.toBe(
      naturalKey({ a: 'A', b: 'B C' }, ['a', 'b']),
    );
  });

  it('throws on a missing, blank or odd key field (a programming error)', () => {
    expect(() => naturalKey({ a: 'x' }, ['a', 'b'])).toThrow(/no key field b/);
    expect(() => naturalKey({ a: null }, ['a'])).toThrow(/no key field a/);
    expect(() => naturalKey({ a: '  ' }, ['a'])).toThrow(/blank/);
    expect(() => naturalKey({ a: { x: 1 } }, ['a'])).toThrow(/string or number/);
    expect(() => naturalKey({ a: `x${NATURAL_KEY_SEPARATOR}y` }, ['a'])).toThrow(/separator/);
    expect(() => naturalKey({ a: 'x' }, [])).toThrow(/at least one/);
  });
});
