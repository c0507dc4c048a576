import { describe, expect, it } from 'vitest';
import { codesOf, reasonsOf } from '../core/result.js';
import {
  checkImportDirection,
  checkNotUnitPrice,
  checkRecordSyncable,
  checkStandardCostCodeListCreate,
  checkWbsSegments,
} from './limitations.js';

describe('limitations', () => {
  it('LIM-1: commitments and their change orders are never imported from Spectrum', () => {
    expect(reasonsOf(checkImportDirection('commitment'))).toEqual([
      expect.objectContaining({ code: 'commitment-import-not-supported', rule: 'LIM-1' }),
    ]);
    expect(codesOf(checkImportDirection('commitment_change_order'))).toEqual([
      'commitment-import-not-supported',
    ]);
    expect(checkImportDirection('job').ok).toBe(true);
    expect(checkImportDirection('vendor').ok).toBe(true);
  });

  it('BCH-1: budget changes, forecasts and PCCOs flow only PM -> Spectrum', () => {
    for (const t of ['budget_change', 'forecast', 'prime_contract_change_order'] as const) {
      expect(codesOf(checkImportDirection(t))).toEqual(['export-only-item']);
    }
  });

  it('LIM-2: exactly one Spectrum Standard Cost Codes list per integration', () => {
    expect(checkStandardCostCodeListCreate([]).ok).toBe(true);
    expect(reasonsOf(checkStandardCostCodeListCreate(['list-1']))).toEqual([
      expect.objectContaining({ code: 'standard-list-exists', rule: 'LIM-2' }),
    ]);
  });

  it('LIM-5: invoices, payments and timecards are not synced', () => {
    for (const kind of [
      'commitment_invoice',
      'commitment_payment',
      'prime_contract_invoice',
      'prime_contract_payment',
      'timecard',
      'timesheet',
    ]) {
      expect(codesOf(checkRecordSyncable(kind))).toEqual(['record-type-not-synced']);
    }
    expect(checkRecordSyncable('commitment').ok).toBe(true);
  });

  it('LIM-6: custom WBS segments are not supported', () => {
    expect(checkWbsSegments(['cost_code', 'cost_type']).ok).toBe(true);
    expect(reasonsOf(checkWbsSegments(['cost_code', 'cost_type', 'area']))).toEqual([
      expect.objectContaining({ code: 'custom-wbs-segments-not-supported', rule: 'LIM-6' }),
    ]);
  });

  it('LIM-7: unit-price contracts and change orders are not supported', () => {
    expect(checkNotUnitPrice({ unitPrice: false }, 'prime contract').ok).toBe(true);
    expect(reasonsOf(checkNotUnitPrice({ unitPrice: true }, 'prime contract change order'))).toEqual([
      expect.objectContaining({ code: 'unit-price-not-supported', rule: 'LIM-7' }),
    ]);
  });
});
