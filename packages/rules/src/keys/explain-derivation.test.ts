import { describe, expect, it } from 'vitest';
import { deriveChangeRequestNumber } from './derive-change-request-number.js';
import { deriveSubcontractNumber } from './derive-subcontract-number.js';
import {
  explainChangeRequestNumber,
  explainJobNumber,
  explainSubcontractNumber,
  explainVendorCode,
} from './explain-derivation.js';

const value = (d: { ok: boolean; value?: string }) => (d.ok ? (d.value as string) : '');

describe('explaining pre-filled Spectrum keys (APP-7)', () => {
  it('APP-7 COM-2: subcontract numbers name the PM number, what was kept of it, the counter and the setting', () => {
    const plain = { pmNumber: 'SC-0042', kind: 'subcontract' as const, usePmNumber: true };
    expect(explainSubcontractNumber(plain, 'SC-0042')).toBe(
      'the PM contract number ("use PM contract number" is on)',
    );
    const long = { ...plain, pmNumber: 'sc 2025-0042' };
    const taken = new Set(['C2025-0042']);
    const v = value(deriveSubcontractNumber({ ...long, taken }));
    expect(explainSubcontractNumber(long, v)).toBe(
      'the PM contract number, in capitals, letters, digits and "-" only, its last 10 characters (Spectrum allows 10) + a counter ("-2", "-3", …) because C2025-0042 is already used for this vendor ("use PM contract number" is on)',
    );
    expect(explainSubcontractNumber({ ...plain, usePmNumber: false }, 'S0001')).toBe(
      'the next free number of the sequence S0001, S0002, … for subcontracts ("use PM contract number" is off)',
    );
    expect(
      explainSubcontractNumber({ pmNumber: '***', kind: 'purchase_order', usePmNumber: true }, 'P0001'),
    ).toBe(
      'the next free number of the sequence P0001, P0002, … for purchase orders (nothing usable in the PM contract number)',
    );
  });

  it('APP-7 CCO-2: a CCO number 1 that became 301-1 says it is the commitment number and the change order number', () => {
    const cco = {
      pmNumber: '1',
      parentNumber: 'SC-301',
      usePmNumber: true,
      source: 'commitment_change_order' as const,
    };
    expect(explainChangeRequestNumber(cco, '1')).toBe(
      'the change order number ("use PM change order number" is on)',
    );
    const v = value(deriveChangeRequestNumber({ ...cco, taken: new Set(['1']) }));
    expect(v).toBe('301-1');
    expect(explainChangeRequestNumber(cco, v)).toMatch(
      /^the commitment number's last 3 letters or digits \+ "-" \+ the change order number's last 3, because the change order number alone is taken/,
    );
    const again = value(deriveChangeRequestNumber({ ...cco, taken: new Set(['1', '301-1']) }));
    expect(explainChangeRequestNumber(cco, again)).toContain(
      '+ a counter ("-2", "-3", …) because 301-1 is already used',
    );
    expect(explainChangeRequestNumber({ ...cco, parentNumber: '' }, '1-2')).toMatch(
      /^the change order number's last 3 letters or digits, because/,
    );
  });

  it('APP-7 PCCO-2 BCH-1: prefixed numbers name the prefix; the sequence names the setting', () => {
    const pcco = { pmNumber: 'PCCO-1', usePmNumber: true, source: 'prime_contract_change_order' as const };
    const v = value(deriveChangeRequestNumber({ ...pcco, taken: new Set() }));
    expect(v).toBe('PCOCCO-1');
    expect(explainChangeRequestNumber(pcco, v)).toBe(
      `"PCO" + the change order number, its last 5 characters ("use PM change order number" is on)`,
    );
    const bc = { pmNumber: 'BUDGETCHG-002', usePmNumber: true, source: 'budget_change' as const };
    const b = value(deriveChangeRequestNumber({ ...bc, taken: new Set() }));
    expect(b).toBe('BCHG-002');
    expect(explainChangeRequestNumber(bc, b)).toBe(
      `"BC" + the budget change number, its last 6 characters ("use PM change order number" is on)`,
    );
    expect(
      explainChangeRequestNumber(
        { pmNumber: 'PCO7', usePmNumber: true, source: 'prime_contract_change_order' },
        'PCO7',
      ),
    ).toContain('(which already starts with PCO)');
    expect(explainChangeRequestNumber({ ...bc, usePmNumber: false }, 'BC0001')).toBe(
      `the next free number of the sequence BC0001, BC0002, … on this job's contract ("use PM change order number" is off)`,
    );
    expect(explainChangeRequestNumber({ ...bc, pmNumber: '' }, 'BC0001')).toContain(
      'nothing usable in the PM number',
    );
  });

  it('APP-7 JOB-2 VEN-2: job numbers and vendor codes', () => {
    expect(explainJobNumber('26-101', '26-101')).toBe('the project number');
    expect(explainJobNumber('26-101', '26-101-2')).toBe(
      'the project number + a counter ("-2", "-3", …) because 26-101 is already used in Spectrum',
    );
    expect(explainVendorCode('Harbor Steel Co.', 'HARBORST')).toBe(
      "the company name's first 8 letters and digits in capitals",
    );
  });
});
