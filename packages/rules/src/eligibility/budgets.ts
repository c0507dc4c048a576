import { type Check, checkFrom, type Reason, reason } from '../core/result.js';
import type { Budget, BudgetChange, BudgetLine, Cents, Project } from '../domain/types.js';
import { sumCents } from '../formats/amounts.js';
import { costCodeKey, queueStateReason } from './common.js';
import {
  changeRequestContractReason,
  costTypesKnownReasons,
  linesOnJobReasons,
  type SpectrumPreflightFacts,
} from './spectrum-preflight.js';

export interface SpectrumBudgetFacts {
  /** The job's estimate entries are posted. */
  estimatesPosted: boolean;
  /** The Spectrum budget is finalized / locked. */
  finalized: boolean;
}

/** BUD-1, BUD-6: may the Spectrum original estimate be imported into this project's budget? */
export function checkBudgetImport(project: Project, budget: Budget, spectrum: SpectrumBudgetFacts): Check {
  return checkFrom([
    project.jobNumber === null &&
      reason('job-not-linked', 'BUD-1', 'The project is not linked to a Spectrum job.'),
    !project.tools.budget &&
      reason('budget-tool-disabled', 'BUD-1', 'The project does not have the budget tool enabled.'),
    budget.locked && reason('budget-locked', 'BUD-1', 'The PM budget is locked; unlock it to import.'),
    !spectrum.estimatesPosted &&
      reason(
        'spectrum-estimates-not-posted',
        'BUD-1',
        'The Spectrum estimate entries for this job are not posted.',
      ),
    !spectrum.finalized &&
      reason('spectrum-budget-not-finalized', 'BUD-1', 'The Spectrum budget for this job is not finalized.'),
    budget.everExported &&
      reason(
        'budget-exported',
        'BUD-6',
        'This budget was exported to Spectrum; budgets are not imported again after an export.',
      ),
  ]);
}

export interface SpectrumEstimateRow {
  phaseCode: string;
  costType: string;
  description?: string | null;
  originalEstimate: Cents;
  jobToDateCost: Cents;
}

/**
 * BUD-2: which Spectrum phase/cost type rows an import touches. Rows with a job-to-date cost and/or an original
 * estimate are imported; only rows whose estimate is greater than zero become budget lines.
 */
export function selectBudgetImportRows(rows: readonly SpectrumEstimateRow[]): {
  imported: SpectrumEstimateRow[];
  budgetLines: SpectrumEstimateRow[];
  skipped: SpectrumEstimateRow[];
} {
  const imported: SpectrumEstimateRow[] = [];
  const budgetLines: SpectrumEstimateRow[] = [];
  const skipped: SpectrumEstimateRow[] = [];
  for (const row of rows) {
    if (row.originalEstimate === 0 && row.jobToDateCost === 0) {
      skipped.push(row);
      continue;
    }
    imported.push(row);
    if (row.originalEstimate > 0) budgetLines.push(row);
  }
  return { imported, budgetLines, skipped };
}

/** BUD-3, BUD-4: may the budget be re-imported (overwritten with current Spectrum values)? */
export function checkBudgetReimport(budget: Budget, options: { confirmed: boolean }): Check {
  return checkFrom([
    budget.locked && reason('budget-locked', 'BUD-4', 'The budget is locked; re-import is unavailable.'),
    budget.everExported &&
      reason('budget-exported', 'BUD-4', 'The budget was exported to Spectrum; re-import is unavailable.'),
    !options.confirmed &&
      reason(
        'confirmation-required',
        'BUD-3',
        'Re-import overwrites the existing budget lines with the current Spectrum values; confirm to continue.',
        'confirm',
      ),
  ]);
}

const lineKey = (costCode: string, costType: string) =>
  `${costCodeKey(costCode)}\u001f${costType.trim().toUpperCase()}`;

/**
 * BUD-3: the three totals the re-import listing shows per job. A re-import overwrites the PM lines that Spectrum
 * also has, adds the Spectrum estimate lines the budget does not have yet (BUD-2: estimate > 0), and leaves PM lines
 * Spectrum does not have as they are.
 */
export function budgetReimportTotals(
  pmLines: readonly Pick<BudgetLine, 'costCode' | 'costType' | 'amount'>[],
  spectrumRows: readonly Pick<SpectrumEstimateRow, 'phaseCode' | 'costType' | 'originalEstimate'>[],
): { spectrumTotal: Cents; pmTotal: Cents; newPmTotal: Cents } {
  const spectrum = new Map<string, Cents>();
  for (const r of spectrumRows) {
    const k = lineKey(r.phaseCode, r.costType);
    spectrum.set(k, (spectrum.get(k) ?? 0) + r.originalEstimate);
  }
  const pm = new Set(pmLines.map((l) => lineKey(l.costCode, l.costType)));
  const added = [...spectrum].filter(([k, cents]) => !pm.has(k) && cents > 0).map(([, cents]) => cents);
  return {
    spectrumTotal: sumCents(spectrumRows.map((r) => r.originalEstimate)),
    pmTotal: sumCents(pmLines.map((l) => l.amount)),
    newPmTotal: sumCents([
      ...pmLines.map((l) => spectrum.get(lineKey(l.costCode, l.costType)) ?? l.amount),
      ...added,
    ]),
  };
}

/** BUD-5, FC-1: every cost code of the project, with its cost types, is synced with Spectrum. */
export function costCodesSyncedReasons(project: Pick<Project, 'costCodes'>, rule: string): Reason[] {
  const out: Reason[] = [];
  project.costCodes.forEach((cc, i) => {
    if (!cc.syncedWithSpectrum) {
      out.push(
        reason(
          'cost-code-not-synced',
          rule,
          `Cost code ${cc.code} and its cost types are not synced with Spectrum yet.`,
          `costCodes[${i}]`,
        ),
      );
    }
  });
  return out;
}

/** BUD-5, BUD-6, BUD-7, PRE-1: may this budget be sent to Spectrum as the job's estimate? */
export function checkBudgetExport(
  project: Project,
  budget: Budget,
  spectrum: SpectrumPreflightFacts = {},
): Check {
  const reasons: (Reason | null | false)[] = [
    project.jobNumber === null &&
      reason('job-not-linked', 'BUD-5', 'The project is not linked to a Spectrum job.'),
    !budget.locked && reason('budget-not-locked', 'BUD-5', 'Lock the budget before sending it to Spectrum.'),
    budget.exportInFlight &&
      reason('budget-export-in-flight', 'BUD-6', 'An export of this budget is already waiting or running.'),
    budget.lines.length === 0 && reason('budget-empty', 'BUD-7', 'The budget has no lines to send.'),
    ...costCodesSyncedReasons(project, 'BUD-5'),
    ...costTypesKnownReasons(budget.lines, spectrum.costTypes),
  ];
  if (!budget.exportInFlight) reasons.push(queueStateReason(budget.syncState, 'budget'));
  return checkFrom(reasons);
}

export type BudgetEditAction = 'unlock' | 'send' | 'add_line' | 'modify' | 'import';

/** BUD-6: while a budget export is in flight, unlocking, re-sending, adding lines and modifications are refused. */
export function checkBudgetEdit(budget: Budget, action: BudgetEditAction): Check {
  return checkFrom([
    budget.exportInFlight &&
      reason(
        'budget-export-in-flight',
        'BUD-6',
        `The budget is being exported to Spectrum; "${action.replace('_', ' ')}" is unavailable until the export ends.`,
      ),
    action === 'import' &&
      budget.everExported &&
      reason(
        'budget-exported',
        'BUD-6',
        'The budget was exported to Spectrum; it can no longer be imported.',
      ),
  ]);
}

/** BUD-7 / LIM-8: budgets travel as amounts only; quantities and units of measure are dropped. */
export function amountOnlyBudgetLines(lines: readonly BudgetLine[]): BudgetLine[] {
  return lines.map(({ quantity: _q, unitOfMeasure: _u, ...rest }) => ({ ...rest }));
}

/** BCH-1, PRE-1: may this budget change be sent to Spectrum as a change request? */
export function checkBudgetChangeExport(
  project: Project,
  budget: Budget,
  change: BudgetChange,
  spectrum: SpectrumPreflightFacts = {},
): Check {
  const synced = new Set(
    project.costCodes.filter((c) => c.syncedWithSpectrum).map((c) => costCodeKey(c.code)),
  );
  const reasons: (Reason | null | false)[] = [
    project.jobNumber === null &&
      reason('job-not-linked', 'BCH-1', 'The project is not linked to a Spectrum job.'),
    !budget.everExported &&
      reason('budget-not-synced', 'BCH-1', 'Budget changes need a budget that was synced with Spectrum.'),
    !budget.locked && reason('budget-not-locked', 'BCH-1', 'Budget changes need a locked budget.'),
    change.lines.length === 0 &&
      reason('budget-change-empty', 'BCH-1', 'The budget change has no lines.', 'lines'),
    queueStateReason(change.syncState, 'budget change'),
    change.syncState === 'synced' &&
      reason('budget-change-already-synced', 'BCH-1', 'The budget change is already in Spectrum.'),
    ...linesOnJobReasons(change.lines, project.jobNumber, spectrum.jobPhases),
    changeRequestContractReason(spectrum.changeRequestContract),
  ];
  change.lines.forEach((l, i) => {
    if (!synced.has(costCodeKey(l.costCode))) {
      reasons.push(
        reason(
          'cost-code-not-synced',
          'BCH-1',
          `Line ${i + 1}: cost code ${l.costCode} is not synced with Spectrum.`,
          `lines[${i}].costCode`,
        ),
      );
    }
  });
  return checkFrom(reasons);
}
