import type { Budget, PriceMethodCode, Project } from '../domain/types.js';
import { SPECTRUM_LIMITS as L } from '../formats/limits.js';
import { type AddPhasePayload, blankPayload, type JobCostProjectionsPayload } from './payload-fields.js';
import {
  mergeByPhaseAndCostType,
  wireAmount,
  wireCode,
  wireDate,
  wirePhase,
  wireText,
} from './wire-values.js';

function describe(
  descriptions: ReadonlyMap<string, string> | Readonly<Record<string, string>> | undefined,
  phase: string,
) {
  if (!descriptions) return '';
  if (descriptions instanceof Map) {
    for (const [code, text] of descriptions) if (wirePhase(code) === phase) return text;
    return '';
  }
  for (const [code, text] of Object.entries(descriptions)) if (wirePhase(code) === phase) return text;
  return '';
}

/**
 * A locked PM budget as Spectrum original estimates (BUD-5, BUD-7): one AddPhase per phase + cost type (budget
 * lines with the same pair summed) with `Original_Est_Cost` only. Quantities, hours and units of measure are never
 * sent (LIM-8): the payload type has no such fields. `Description` is the phase's Spectrum description when
 * `descriptions` (phase code → description) names it, else blank (unchanged: the phases already exist, BUD-5, and
 * a different description would rename the phase for all its cost types). `Price_Method_Code` stays blank.
 */
export function mapBudgetToAddPhases(
  budget: Budget,
  options: {
    companyCode: string;
    jobNumber: string;
    descriptions?: ReadonlyMap<string, string> | Readonly<Record<string, string>>;
  },
): AddPhasePayload[] {
  return mergeByPhaseAndCostType(budget.lines, (l) => l).map((m) => ({
    ...blankPayload('AddPhase'),
    Company_Code: wireCode(options.companyCode),
    Job_Number: options.jobNumber.trim(),
    Phase_Code: m.phaseCode,
    Cost_Type: m.costType,
    Description: wireText(describe(options.descriptions, m.phaseCode), L.phaseDescription),
    Original_Est_Cost: wireAmount(m.amount),
  }));
}

/**
 * WBS-3, JOB-2: the phases a project exported as a job takes along: one AddPhase per cost code × cost type of the
 * project (no estimate: the budget export posts those, BUD-5), described with the cost code's description and priced
 * with the template job's price method. Without them the new job has no phases and its budget can never be sent.
 */
export function mapProjectCostCodesToAddPhases(
  project: Pick<Project, 'costCodes'>,
  options: { companyCode: string; jobNumber: string; priceMethodCode: PriceMethodCode },
): AddPhasePayload[] {
  const seen = new Set<string>();
  const out: AddPhasePayload[] = [];
  for (const cc of project.costCodes) {
    for (const type of cc.costTypes) {
      const phase = wirePhase(cc.code);
      const costType = wireCode(type);
      const key = `${phase}\u0000${costType}`;
      if (phase === '' || costType === '' || seen.has(key)) continue;
      seen.add(key);
      out.push({
        ...blankPayload('AddPhase'),
        Company_Code: wireCode(options.companyCode),
        Job_Number: options.jobNumber.trim(),
        Phase_Code: phase,
        Cost_Type: costType,
        Description: wireText(cc.description, L.phaseDescription),
        Price_Method_Code: options.priceMethodCode,
      });
    }
  }
  return out;
}

/**
 * The forecast as Spectrum projections (FC-1): for each phase + cost type, `Amount` = the estimated cost at
 * completion (summed over lines with the same pair), dated `transactionDate`. Lines without a forecast are skipped;
 * a pair none of whose lines has a forecast sends nothing (blank would mean "unchanged" anyway, and 0 would clear).
 */
export function mapForecastToProjections(
  budget: Budget,
  options: { companyCode: string; jobNumber: string; transactionDate: string; note?: string },
): JobCostProjectionsPayload[] {
  const forecast = budget.lines.filter((l) => typeof l.estimatedCostAtCompletion === 'number');
  return mergeByPhaseAndCostType(forecast, (l) => ({
    ...l,
    amount: l.estimatedCostAtCompletion as number,
  })).map((m) => ({
    ...blankPayload('JobCostProjections'),
    Company_Code: wireCode(options.companyCode),
    Job_Number: options.jobNumber.trim(),
    Phase_Code: m.phaseCode,
    Cost_Type: m.costType,
    Transaction_Date: wireDate(options.transactionDate),
    Amount: wireAmount(m.amount),
    Note: wireText(options.note, L.projectionNote),
  }));
}
