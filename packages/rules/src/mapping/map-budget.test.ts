import { describe, expect, it } from 'vitest';
import {
  mapBudgetToAddPhases,
  mapForecastToProjections,
  mapProjectCostCodesToAddPhases,
} from './map-budget.js';
import { budget } from './mapping-fixtures.js';
import { validatePayload } from './validate-payload.js';

describe('mapBudgetToAddPhases', () => {
  it('BUD-5: one AddPhase per phase + cost type with the original estimate, duplicates summed', () => {
    const payloads = mapBudgetToAddPhases(budget, {
      companyCode: 'ABC',
      jobNumber: '25-101',
      descriptions: { '01-3100': 'Project Management and Supervision Staff' },
    });
    expect(payloads).toEqual([
      {
        Company_Code: 'ABC',
        Job_Number: '25-101',
        Phase_Code: '013100',
        Cost_Type: 'L',
        Description: 'Project Management and Su',
        Price_Method_Code: '',
        Original_Est_Cost: '123000.00',
      },
      {
        Company_Code: 'ABC',
        Job_Number: '25-101',
        Phase_Code: '092900',
        Cost_Type: 'S',
        Description: '',
        Price_Method_Code: '',
        Original_Est_Cost: '460000.00',
      },
      {
        Company_Code: 'ABC',
        Job_Number: '25-101',
        Phase_Code: '033000',
        Cost_Type: 'M',
        Description: '',
        Price_Method_Code: '',
        Original_Est_Cost: '.00',
      },
    ]);
    for (const p of payloads) expect(validatePayload('AddPhase', p)).toEqual({ ok: true });
  });

  it('BUD-7: amounts only — no quantity, hours or unit of measure is sent (LIM-8)', () => {
    const payloads = mapBudgetToAddPhases(budget, { companyCode: 'ABC', jobNumber: '25-101' });
    for (const p of payloads) {
      expect(Object.keys(p).filter((k) => /quantity|hours|unit/i.test(k))).toEqual([]);
      expect(Object.values(p)).not.toContain('HR');
      expect(Object.values(p)).not.toContain('1200');
    }
  });

  it('BUD-5: descriptions may come as a Map keyed by the code as written', () => {
    const payloads = mapBudgetToAddPhases(budget, {
      companyCode: 'ABC',
      jobNumber: '25-101',
      descriptions: new Map([
        ['09-2900', 'Gypsum Board'],
        ['99-9999', 'Unused'],
      ]),
    });
    expect(payloads.map((p) => p.Description)).toEqual(['', 'Gypsum Board', '']);
  });
});

describe('mapForecastToProjections', () => {
  it('FC-1: writes the estimated cost at completion per phase + cost type, skipping lines without a forecast', () => {
    const payloads = mapForecastToProjections(budget, {
      companyCode: 'ABC',
      jobNumber: '25-101',
      transactionDate: '2026-08-31',
      note: 'Forecast from PM',
    });
    expect(payloads).toEqual([
      {
        Company_Code: 'ABC',
        Job_Number: '25-101',
        Phase_Code: '013100',
        Cost_Type: 'L',
        Transaction_Date: '08/31/2026',
        Amount: '127500.00',
        Note: 'Forecast from PM',
      },
    ]);
    for (const p of payloads) expect(validatePayload('JobCostProjections', p)).toEqual({ ok: true });
  });

  it('FC-1: a zero forecast is sent (it clears the projection), a missing one is not', () => {
    const payloads = mapForecastToProjections(
      {
        ...budget,
        lines: [
          { costCode: '01-3100', costType: 'L', amount: 5, estimatedCostAtCompletion: 0 },
          { costCode: '02', costType: 'L', amount: 5 },
        ],
      },
      { companyCode: 'ABC', jobNumber: '25-101', transactionDate: '2026-08-31' },
    );
    expect(payloads.map((p) => [p.Phase_Code, p.Amount, p.Note])).toEqual([['013100', '.00', '']]);
  });
});

describe('mapProjectCostCodesToAddPhases', () => {
  it('WBS-3 JOB-2: one AddPhase per cost code × cost type, no estimate, the template price method; valid payloads', () => {
    const payloads = mapProjectCostCodesToAddPhases(
      {
        costCodes: [
          {
            code: '01-3100',
            description: 'Project management',
            costTypes: ['L', 'm'],
            syncedWithSpectrum: false,
          },
          { code: '013100', description: 'Duplicate', costTypes: ['L'], syncedWithSpectrum: false },
          { code: '03-3000', description: 'Concrete', costTypes: [], syncedWithSpectrum: false },
        ],
      },
      { companyCode: 'abc', jobNumber: '26-330', priceMethodCode: 'F' },
    );
    expect(payloads.map((p) => [p.Phase_Code, p.Cost_Type, p.Description, p.Price_Method_Code])).toEqual([
      ['013100', 'L', 'Project management', 'F'],
      ['013100', 'M', 'Project management', 'F'],
    ]);
    expect(payloads.every((p) => p.Original_Est_Cost === '' && p.Job_Number === '26-330')).toBe(true);
    for (const p of payloads) expect(validatePayload('AddPhase', p)).toEqual({ ok: true });
  });
});
