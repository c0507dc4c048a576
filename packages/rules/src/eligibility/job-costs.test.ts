import { describe, expect, it } from 'vitest';
import { codesOf } from '../core/result.js';
import { budget, project } from '../test-support/fixtures.js';
import { checkForecastExport, checkJobCostSync } from './job-costs.js';

describe('job costs and forecasts', () => {
  it('JC-1: JTD costs fill the direct costs column only with the budget tool and populate_from_erp', () => {
    const linked = project({ jobNumber: '24-101' });
    expect(checkJobCostSync(linked, { budgetDirectCosts: 'populate_from_erp' }).ok).toBe(true);
    expect(codesOf(checkJobCostSync(linked, { budgetDirectCosts: 'editable' }))).toEqual([
      'direct-costs-editable',
    ]);
    expect(
      codesOf(
        checkJobCostSync(project({ tools: { budget: false, primeContracts: true } }), {
          budgetDirectCosts: 'populate_from_erp',
        }),
      ),
    ).toEqual(['job-not-linked', 'budget-tool-disabled']);
  });

  it('FC-1: forecast export needs it enabled on the project and at least one estimate at completion', () => {
    const linked = project({ jobNumber: '24-101' });
    expect(checkForecastExport(linked, budget()).ok).toBe(true);
    expect(
      codesOf(
        checkForecastExport(
          project({ forecastExportEnabled: false, tools: { budget: false, primeContracts: false } }),
          {
            lines: [{ costCode: '01-3100', costType: 'L', amount: 1 }],
          },
        ),
      ),
    ).toEqual(['forecast-export-disabled', 'job-not-linked', 'budget-tool-disabled', 'forecast-empty']);
  });
});
