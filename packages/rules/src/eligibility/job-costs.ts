import { type Check, checkFrom, reason } from '../core/result.js';
import type { Budget, GeneralSettings, Project } from '../domain/types.js';
import { costCodesSyncedReasons } from './budgets.js';
import { linesOnJobReasons, type SpectrumPreflightFacts } from './spectrum-preflight.js';

/** JC-1: are Spectrum job-to-date costs synced into this project's budget direct costs column? */
export function checkJobCostSync(
  project: Pick<Project, 'tools' | 'jobNumber'>,
  settings: Pick<GeneralSettings, 'budgetDirectCosts'>,
): Check {
  return checkFrom([
    project.jobNumber === null &&
      reason('job-not-linked', 'JC-1', 'The project is not linked to a Spectrum job.'),
    !project.tools.budget &&
      reason('budget-tool-disabled', 'JC-1', 'Job costs need the budget tool on the project.'),
    settings.budgetDirectCosts !== 'populate_from_erp' &&
      reason(
        'direct-costs-editable',
        'JC-1',
        'The budget direct costs column is set to editable, so it is never filled from Spectrum.',
      ),
  ]);
}

/** FC-1, PRE-1: may this project's forecast (estimated cost at completion) be sent to Spectrum as projections? */
export function checkForecastExport(
  project: Pick<Project, 'jobNumber' | 'forecastExportEnabled' | 'tools' | 'costCodes'>,
  budget: Pick<Budget, 'lines'>,
  spectrum: SpectrumPreflightFacts = {},
): Check {
  const withForecast = budget.lines.filter(
    (l) => l.estimatedCostAtCompletion !== null && l.estimatedCostAtCompletion !== undefined,
  );
  return checkFrom([
    !project.forecastExportEnabled &&
      reason(
        'forecast-export-disabled',
        'FC-1',
        "Forecast export is not enabled in the project's budget settings.",
      ),
    project.jobNumber === null &&
      reason('job-not-linked', 'FC-1', 'The project is not linked to a Spectrum job.'),
    !project.tools.budget &&
      reason('budget-tool-disabled', 'FC-1', 'Forecasts need the budget tool on the project.'),
    withForecast.length === 0 &&
      reason('forecast-empty', 'FC-1', 'No budget line has an estimated cost at completion to send.'),
    ...costCodesSyncedReasons(project, 'FC-1'),
    // the lines without a forecast are not sent; they keep their place so a reason names the right line
    ...linesOnJobReasons(
      budget.lines.map((l) => (withForecast.includes(l) ? l : {})),
      project.jobNumber,
      spectrum.jobPhases,
      { field: 'budgetLines' },
    ),
  ]);
}
