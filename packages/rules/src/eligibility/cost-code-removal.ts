import { type Check, checkFrom, reason } from '../core/result.js';
import type { SyncState } from '../domain/types.js';
import { queueStateReason } from './common.js';

/** What refers to one project cost code (counts of lines that name it, any cost type). */
export interface CostCodeUse {
  budgetLines: number;
  budgetChangeLines: number;
  commitmentLines: number;
  commitmentChangeOrderLines: number;
  primeContractLines: number;
  /** Cost types of the code that are phases of the linked Spectrum job (synced). */
  syncedCostTypes: readonly string[];
}

const USES: [keyof Omit<CostCodeUse, 'syncedCostTypes'>, string, string][] = [
  ['budgetLines', 'cost-code-used-by-budget', 'budget line'],
  ['budgetChangeLines', 'cost-code-used-by-budget-change', 'budget change line'],
  ['commitmentLines', 'cost-code-used-by-commitment', 'commitment line'],
  ['commitmentChangeOrderLines', 'cost-code-used-by-change-order', 'commitment change order line'],
  ['primeContractLines', 'cost-code-used-by-prime-contract', 'prime contract change order line'],
];

/**
 * WBS-5: may a cost code be removed from a project? Not while a line names it (the line would point at nothing), not
 * once it is a phase of the linked Spectrum job (the project mirrors the job, WBS-3), and not while the project is in
 * the export queue. Every reason at once, each saying what to do.
 */
export function checkCostCodeRemoval(
  code: string,
  use: CostCodeUse,
  projectSyncState: SyncState | null | undefined,
): Check {
  const plural = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;
  return checkFrom([
    queueStateReason(projectSyncState, 'project'),
    ...USES.map(
      ([key, c, what]) =>
        use[key] > 0 &&
        reason(
          c,
          'WBS-5',
          `Cost code ${code} is used by ${plural(use[key], what)}; change or delete ${use[key] === 1 ? 'it' : 'them'} first.`,
          'code',
        ),
    ),
    use.syncedCostTypes.length > 0 &&
      reason(
        'cost-code-synced',
        'WBS-5',
        `Cost code ${code} (cost type${use.syncedCostTypes.length === 1 ? '' : 's'} ${[...use.syncedCostTypes].sort().join(', ')}) is a phase of the linked Spectrum job; the project's cost codes mirror the job's phases (WBS-3), so it stays.`,
        'code',
      ),
  ]);
}
