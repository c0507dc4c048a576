import { describe, expect, it } from 'vitest';
import { codesOf, reasonsOf } from '../core/result.js';
import { budget, project } from '../test-support/fixtures.js';
import {
  amountOnlyBudgetLines,
  budgetReimportTotals,
  checkBudgetChangeExport,
  checkBudgetEdit,
  checkBudgetExport,
  checkBudgetImport,
  checkBudgetReimport,
  selectBudgetImportRows,
} from './budgets.js';

const posted = { estimatesPosted: true, finalized: true };
const linked = project({ jobNumber: '24-101' });

describe('budget import', () => {
  it('BUD-1: needs a linked job, the budget tool, an unlocked PM budget and a posted, finalized Spectrum budget', () => {
    expect(checkBudgetImport(linked, budget({ locked: false }), posted).ok).toBe(true);
    const c = checkBudgetImport(
      project({ jobNumber: null, tools: { budget: false, primeContracts: false } }),
      budget({ locked: true }),
      { estimatesPosted: false, finalized: false },
    );
    expect(codesOf(c)).toEqual([
      'job-not-linked',
      'budget-tool-disabled',
      'budget-locked',
      'spectrum-estimates-not-posted',
      'spectrum-budget-not-finalized',
    ]);
    expect(reasonsOf(c).every((r) => r.rule === 'BUD-1')).toBe(true);
  });

  it('BUD-6: no budget import after the budget was exported', () => {
    const c = checkBudgetImport(linked, budget({ locked: false, everExported: true }), posted);
    expect(reasonsOf(c)).toEqual([expect.objectContaining({ code: 'budget-exported', rule: 'BUD-6' })]);
  });

  it('BUD-2: rows with a JTD cost and/or an estimate are imported; only estimates > 0 become budget lines', () => {
    const rows = [
      { phaseCode: '013100', costType: 'L', originalEstimate: 100_000, jobToDateCost: 0 },
      { phaseCode: '013100', costType: 'M', originalEstimate: 0, jobToDateCost: 5_000 },
      { phaseCode: '033000', costType: 'M', originalEstimate: 0, jobToDateCost: 0 },
      { phaseCode: '033000', costType: 'S', originalEstimate: -2_000, jobToDateCost: 0 },
    ];
    const r = selectBudgetImportRows(rows);
    expect(r.imported.map((x) => `${x.phaseCode}/${x.costType}`)).toEqual([
      '013100/L',
      '013100/M',
      '033000/S',
    ]);
    expect(r.budgetLines.map((x) => `${x.phaseCode}/${x.costType}`)).toEqual(['013100/L']);
    expect(r.skipped).toHaveLength(1);
  });
});

describe('budget re-import', () => {
  it('BUD-3: needs an explicit confirmation', () => {
    expect(codesOf(checkBudgetReimport(budget({ locked: false }), { confirmed: false }))).toEqual([
      'confirmation-required',
    ]);
    expect(checkBudgetReimport(budget({ locked: false }), { confirmed: true }).ok).toBe(true);
  });

  it('BUD-3: the listing shows the Spectrum total, the PM total and the PM total after re-import (new Spectrum lines included)', () => {
    const pm = [
      { costCode: '01-3100', costType: 'L', amount: 100_000 },
      { costCode: '03-3000', costType: 'M', amount: 50_000 },
    ];
    const spectrum = [
      { phaseCode: '013100', costType: 'L', originalEstimate: 120_000 },
      { phaseCode: '092900', costType: 'S', originalEstimate: 30_000 },
    ];
    expect(budgetReimportTotals(pm, spectrum)).toEqual({
      spectrumTotal: 150_000,
      pmTotal: 150_000,
      // 013100 L overwritten (120,000), 033000 M kept (50,000), 092900 S new in Spectrum (30,000)
      newPmTotal: 200_000,
    });
  });

  it('BUD-4: re-import is unavailable, with the reason, when the budget is locked or was ever exported', () => {
    const c = checkBudgetReimport(budget({ locked: true, everExported: true }), { confirmed: true });
    expect(codesOf(c)).toEqual(['budget-locked', 'budget-exported']);
    expect(reasonsOf(c).every((r) => r.rule === 'BUD-4')).toBe(true);
  });
});

describe('budget export and budget changes', () => {
  it('BUD-5: needs a linked job, a locked budget and every cost code synced', () => {
    expect(checkBudgetExport(linked, budget()).ok).toBe(true);
    const p = project({
      jobNumber: null,
      costCodes: [{ code: '09-2900', description: 'Gypsum', costTypes: ['S'], syncedWithSpectrum: false }],
    });
    const c = checkBudgetExport(p, budget({ locked: false }));
    expect(codesOf(c)).toEqual(['job-not-linked', 'budget-not-locked', 'cost-code-not-synced']);
    expect(reasonsOf(c)[2]).toMatchObject({ rule: 'BUD-5', field: 'costCodes[0]' });
  });

  it('BUD-6: while an export is in flight, re-sending, unlocking, adding lines and modifications are refused', () => {
    const inFlight = budget({ exportInFlight: true, syncState: 'exporting' });
    expect(codesOf(checkBudgetExport(linked, inFlight))).toEqual(['budget-export-in-flight']);
    for (const action of ['unlock', 'send', 'add_line', 'modify'] as const) {
      expect(reasonsOf(checkBudgetEdit(inFlight, action))).toEqual([
        expect.objectContaining({ code: 'budget-export-in-flight', rule: 'BUD-6' }),
      ]);
    }
    expect(checkBudgetEdit(budget(), 'unlock').ok).toBe(true);
    expect(codesOf(checkBudgetEdit(budget({ everExported: true }), 'import'))).toEqual(['budget-exported']);
  });

  it('BUD-7 / LIM-8: budgets are amount based; quantities and units are dropped, empty budgets refused', () => {
    const lines = amountOnlyBudgetLines([
      { costCode: '01-3100', costType: 'L', amount: 10_000, quantity: '12.5', unitOfMeasure: 'HR' },
    ]);
    expect(lines).toEqual([{ costCode: '01-3100', costType: 'L', amount: 10_000 }]);
    expect(codesOf(checkBudgetExport(linked, budget({ lines: [] })))).toEqual(['budget-empty']);
  });

  it('BCH-1: budget changes need a synced and locked budget and synced cost codes', () => {
    const change = {
      id: 'bc1',
      number: 'BC-1',
      title: 'Add canopy',
      projectId: 'p1',
      lines: [{ costCode: '03-3000', costType: 'M', amount: 25_000 }],
      syncState: null,
      spectrumKey: null,
    };
    expect(checkBudgetChangeExport(linked, budget({ everExported: true }), change).ok).toBe(true);
    const c = checkBudgetChangeExport(project(), budget({ locked: false }), {
      ...change,
      lines: [{ costCode: '99-9999', costType: 'M', amount: 1 }],
    });
    expect(codesOf(c)).toEqual([
      'job-not-linked',
      'budget-not-synced',
      'budget-not-locked',
      'cost-code-not-synced',
    ]);
    expect(reasonsOf(c).every((r) => r.rule === 'BCH-1')).toBe(true);
    expect(
      codesOf(checkBudgetChangeExport(linked, budget({ everExported: true }), { ...change, lines: [] })),
    ).toEqual(['budget-change-empty']);
    expect(
      codesOf(
        checkBudgetChangeExport(linked, budget({ everExported: true }), { ...change, syncState: 'synced' }),
      ),
    ).toEqual(['budget-change-already-synced']);
  });
});
