import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { validateSubcontractNumber } from '../formats/validators.js';
import { deriveSubcontractNumber, exhausted } from './derive-subcontract-number.js';

const none = new Set<string>();

function value(r: ReturnType<typeof deriveSubcontractNumber>): string {
  if (!r.ok) throw new Error(`derivation failed: ${r.reasons.map((x) => x.code).join(',')}`);
  return r.value;
}

describe('deriveSubcontractNumber', () => {
  it("GEN-4: uses the PM contract number, normalized to Spectrum's alphabet", () => {
    expect(
      value(
        deriveSubcontractNumber({ pmNumber: 'sc-042', kind: 'subcontract', usePmNumber: true, taken: none }),
      ),
    ).toBe('SC-042');
    expect(
      value(
        deriveSubcontractNumber({
          pmNumber: ' PO #17 / b',
          kind: 'purchase_order',
          usePmNumber: true,
          taken: none,
        }),
      ),
    ).toBe('PO17B');
  });

  it('GEN-4: keeps the LAST 10 characters of a long PM number (the tail carries the sequence)', () => {
    expect(
      value(
        deriveSubcontractNumber({
          pmNumber: 'SC-2025-000042',
          kind: 'subcontract',
          usePmNumber: true,
          taken: none,
        }),
      ),
    ).toBe('025-000042');
    // a cut that would start with a dash drops it
    expect(
      value(
        deriveSubcontractNumber({
          pmNumber: 'ABCDEFGHIJ-123456789',
          kind: 'subcontract',
          usePmNumber: true,
          taken: none,
        }),
      ),
    ).toBe('123456789');
  });

  it('COM-2: on a collision (case-insensitive) appends a counter, staying within 10 characters', () => {
    const taken = new Set(['sc-042', 'SC-042-2']);
    expect(
      value(deriveSubcontractNumber({ pmNumber: 'SC-042', kind: 'subcontract', usePmNumber: true, taken })),
    ).toBe('SC-042-3');
    const full = new Set(['2025-00042']);
    expect(
      value(
        deriveSubcontractNumber({
          pmNumber: '2025-00042',
          kind: 'subcontract',
          usePmNumber: true,
          taken: full,
        }),
      ),
    ).toBe('25-00042-2');
  });

  it('GEN-4: without the setting, numbers follow S0001… for subcontracts and P0001… for purchase orders', () => {
    expect(
      value(
        deriveSubcontractNumber({ pmNumber: 'SC-1', kind: 'subcontract', usePmNumber: false, taken: none }),
      ),
    ).toBe('S0001');
    const taken = new Set(['S0001', 's0007', 'P0003', 'X9999']);
    expect(
      value(deriveSubcontractNumber({ pmNumber: 'SC-1', kind: 'subcontract', usePmNumber: false, taken })),
    ).toBe('S0008');
    expect(
      value(deriveSubcontractNumber({ pmNumber: 'PO-1', kind: 'purchase_order', usePmNumber: false, taken })),
    ).toBe('P0004');
  });

  it('GEN-4: falls back to the sequence when nothing of the PM number is usable', () => {
    expect(
      value(
        deriveSubcontractNumber({ pmNumber: '#/ --', kind: 'subcontract', usePmNumber: true, taken: none }),
      ),
    ).toBe('S0001');
  });

  it('fills the lowest free number once the sequence reached its maximum', () => {
    const taken = new Set(['S999999999', 'S0001']);
    expect(
      value(deriveSubcontractNumber({ pmNumber: '', kind: 'subcontract', usePmNumber: false, taken })),
    ).toBe('S0002');
  });

  it('is deterministic for the same inputs', () => {
    const input = {
      pmNumber: 'SC-9',
      kind: 'subcontract' as const,
      usePmNumber: true,
      taken: new Set(['SC-9']),
    };
    expect(deriveSubcontractNumber(input)).toEqual(
      deriveSubcontractNumber({ ...input, taken: new Set(['SC-9']) }),
    );
  });

  it('COM-2: derived numbers are always valid and unique, for any PM number and taken set (property)', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 30 }),
        fc.constantFrom('subcontract' as const, 'purchase_order' as const),
        fc.boolean(),
        fc.array(fc.string({ maxLength: 12 }), { maxLength: 20 }),
        (pmNumber, kind, usePmNumber, extra) => {
          // make collisions likely: the taken set holds the plain derivation and its counters
          const first = deriveSubcontractNumber({ pmNumber, kind, usePmNumber, taken: new Set() });
          const seeded = first.ok
            ? [first.value, `${first.value}-2`.slice(-10), first.value.toLowerCase()]
            : [];
          const taken = new Set([...extra, ...seeded]);
          const r = deriveSubcontractNumber({ pmNumber, kind, usePmNumber, taken });
          expect(r.ok).toBe(true);
          if (!r.ok) return;
          expect(validateSubcontractNumber(r.value)).toEqual({ ok: true });
          expect([...taken].map((t) => t.trim().toUpperCase())).not.toContain(r.value);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('COM-2: repeated derivations against a growing taken set never repeat a number (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 14 }), fc.boolean(), (pmNumber, usePmNumber) => {
        const taken = new Set<string>();
        for (let i = 0; i < 25; i++) {
          const r = deriveSubcontractNumber({ pmNumber, kind: 'subcontract', usePmNumber, taken });
          if (!r.ok) throw new Error('no number');
          expect(taken.has(r.value)).toBe(false);
          taken.add(r.value);
        }
      }),
      { numRuns: 60 },
    );
  });
});

describe('exhausted', () => {
  it('COM-2: names the rule and asks for a number by hand when none is free', () => {
    expect(exhausted('COM-2', 'subcontract number')).toEqual({
      ok: false,
      reasons: [
        {
          code: 'spectrum-key-exhausted',
          rule: 'COM-2',
          message: 'No free subcontract number is left; enter one by hand.',
        },
      ],
    });
  });
});
