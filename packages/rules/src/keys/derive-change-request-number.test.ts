import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { validateChangeRequestNumber } from '../formats/validators.js';
import {
  type DeriveChangeRequestNumberInput,
  deriveChangeRequestNumber,
} from './derive-change-request-number.js';

function value(input: DeriveChangeRequestNumberInput): string {
  const r = deriveChangeRequestNumber(input);
  if (!r.ok) throw new Error('derivation failed');
  return r.value;
}

const none = new Set<string>();

describe('deriveChangeRequestNumber — CCOs', () => {
  it('CCO-2: pre-fills the CCO number when it fits and is free', () => {
    expect(value({ pmNumber: '003', parentNumber: 'SC-042', usePmNumber: true, taken: none })).toBe('003');
    expect(value({ pmNumber: 'cco 7', parentNumber: 'SC-042', usePmNumber: true, taken: none })).toBe('CCO7');
  });

  it('CCO-2: uses <last 3 of commitment>-<last 3 of CO> when the CO number collides or is too long', () => {
    expect(
      value({ pmNumber: '003', parentNumber: 'SC-042', usePmNumber: true, taken: new Set(['003']) }),
    ).toBe('042-003');
    expect(
      value({ pmNumber: 'CCO-2025-0003', parentNumber: 'SC-2025-0042', usePmNumber: true, taken: none }),
    ).toBe('042-003');
    // dashes inside the last three characters are skipped
    expect(value({ pmNumber: '1-2', parentNumber: 'A-1', usePmNumber: true, taken: new Set(['1-2']) })).toBe(
      'A1-12',
    );
  });

  it('CCO-2: adds a counter when the composite is taken too, staying within 8 characters', () => {
    expect(
      value({
        pmNumber: '003',
        parentNumber: 'SC-042',
        usePmNumber: true,
        taken: new Set(['003', '042-003']),
      }),
    ).toBe('42-003-2');
  });

  it('CCO-2: a CO number without a parent falls back to its own tail', () => {
    expect(
      value({
        pmNumber: '123456789',
        parentNumber: '##',
        usePmNumber: true,
        taken: none,
        source: 'commitment_change_order',
      }),
    ).toBe('789');
  });

  it('CCO-2: without the setting, numbers follow CR0001, CR0002, …', () => {
    expect(value({ pmNumber: '003', parentNumber: 'SC-042', usePmNumber: false, taken: none })).toBe(
      'CR0001',
    );
    expect(
      value({ pmNumber: '003', parentNumber: 'SC-042', usePmNumber: false, taken: new Set(['cr0009']) }),
    ).toBe('CR0010');
  });
});

describe('deriveChangeRequestNumber — PCCOs and budget changes', () => {
  it('PCCO-2: PCO + number when it fits, not prefixed twice', () => {
    expect(value({ pmNumber: '003', usePmNumber: true, taken: none })).toBe('PCO003');
    expect(value({ pmNumber: 'PCO-004', usePmNumber: true, taken: none })).toBe('PCO004');
    expect(value({ pmNumber: '2025-00017', usePmNumber: true, taken: none })).toBe('PCO00017');
    expect(value({ pmNumber: '003', usePmNumber: true, taken: new Set(['PCO003']) })).toBe('PCO003-2');
    expect(value({ pmNumber: 'PCO', usePmNumber: true, taken: none })).toBe('PCO0001');
  });

  it('BCH-1: budget changes become BC + number', () => {
    expect(value({ pmNumber: '12', usePmNumber: true, taken: none, source: 'budget_change' })).toBe('BC12');
    expect(value({ pmNumber: '12', usePmNumber: false, taken: none, source: 'budget_change' })).toBe(
      'BC0001',
    );
  });

  it('CCO-2: derived numbers are always valid and unique for any input and taken set (property)', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 20 }),
        fc.option(fc.string({ maxLength: 20 }), { nil: undefined }),
        fc.boolean(),
        fc.constantFrom(
          undefined,
          'commitment_change_order' as const,
          'prime_contract_change_order' as const,
          'budget_change' as const,
        ),
        fc.array(fc.string({ maxLength: 9 }), { maxLength: 15 }),
        (pmNumber, parentNumber, usePmNumber, source, extra) => {
          const base: DeriveChangeRequestNumberInput = {
            pmNumber,
            parentNumber,
            usePmNumber,
            taken: new Set(),
            source,
          };
          const first = deriveChangeRequestNumber(base);
          const seeded = first.ok
            ? [first.value, first.value.toLowerCase(), `${first.value}-2`.slice(-8)]
            : [];
          const taken = new Set([...extra, ...seeded]);
          const r = deriveChangeRequestNumber({ ...base, taken });
          expect(r.ok).toBe(true);
          if (!r.ok) return;
          expect(validateChangeRequestNumber(r.value)).toEqual({ ok: true });
          expect([...taken].map((t) => t.trim().toUpperCase())).not.toContain(r.value);
        },
      ),
      { numRuns: 300 },
    );
  });
});
