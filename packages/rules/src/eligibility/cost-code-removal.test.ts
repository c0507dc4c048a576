import { describe, expect, it } from 'vitest';
import { codesOf, reasonsOf } from '../core/result.js';
import { type CostCodeUse, checkCostCodeRemoval } from './cost-code-removal.js';

const unused: CostCodeUse = {
  budgetLines: 0,
  budgetChangeLines: 0,
  commitmentLines: 0,
  commitmentChangeOrderLines: 0,
  primeContractLines: 0,
  syncedCostTypes: [],
};

describe('checkCostCodeRemoval', () => {
  it('WBS-5: an unused, unsynced cost code of a project outside the queue can be removed', () => {
    expect(checkCostCodeRemoval('999999', unused, null)).toEqual({ ok: true });
    expect(checkCostCodeRemoval('999999', unused, 'rejected')).toEqual({ ok: true });
  });

  it('WBS-5: every use, the Spectrum phase and the queue are reasons at once, each saying what to do', () => {
    const check = checkCostCodeRemoval(
      '033000',
      {
        budgetLines: 1,
        budgetChangeLines: 2,
        commitmentLines: 3,
        commitmentChangeOrderLines: 1,
        primeContractLines: 1,
        syncedCostTypes: ['S', 'L'],
      },
      'ready_to_export',
    );
    expect(codesOf(check)).toEqual([
      'already-awaiting-approval',
      'cost-code-used-by-budget',
      'cost-code-used-by-budget-change',
      'cost-code-used-by-commitment',
      'cost-code-used-by-change-order',
      'cost-code-used-by-prime-contract',
      'cost-code-synced',
    ]);
    const messages = reasonsOf(check).map((r) => r.message);
    expect(messages[1]).toBe('Cost code 033000 is used by 1 budget line; change or delete it first.');
    expect(messages[3]).toBe('Cost code 033000 is used by 3 commitment lines; change or delete them first.');
    expect(messages[6]).toContain('(cost types L, S) is a phase of the linked Spectrum job');
    expect(
      reasonsOf(checkCostCodeRemoval('1', { ...unused, syncedCostTypes: ['S'] }, null))[0]?.message,
    ).toContain('(cost type S)');
  });
});
