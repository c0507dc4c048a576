import { type Reason, reason } from '../core/result.js';
import type { SovLine, SyncState } from '../domain/types.js';
import { stripPhaseDashes } from '../formats/codes.js';

/** Normalized cost code for comparisons: no dashes, spaces or dots, uppercase. */
export function costCodeKey(code: string): string {
  return stripPhaseDashes(code.trim()).toUpperCase();
}

/** APP-1: an item already waiting in, or moving through, the export queue cannot be sent again. */
export function queueStateReason(state: SyncState | null | undefined, label: string): Reason | null {
  if (state === 'ready_to_export') {
    return reason(
      'already-awaiting-approval',
      'APP-1',
      `The ${label} is already waiting for an accounting approver.`,
    );
  }
  if (state === 'exporting') {
    return reason('export-in-progress', 'APP-1', `The ${label} is being exported to Spectrum right now.`);
  }
  return null;
}

/**
 * The schedule-of-values checks shared by commitments (COM-1) and commitment change orders (CCO-1): at least one
 * line, every line's cost code on the Spectrum list, one cost type for all lines.
 */
export function sovLineReasons(
  lines: readonly SovLine[],
  spectrumCostCodes: ReadonlySet<string>,
  rule: string,
): Reason[] {
  const reasons: Reason[] = [];
  if (lines.length === 0) {
    reasons.push(reason('sov-empty', rule, 'The schedule of values needs at least one line.', 'lines'));
    return reasons;
  }
  const codes = new Set([...spectrumCostCodes].map(costCodeKey));
  const costTypes = new Set<string>();
  lines.forEach((line, i) => {
    if (line.costCode.trim() === '' || !codes.has(costCodeKey(line.costCode))) {
      reasons.push(
        reason(
          'sov-cost-code-not-in-spectrum-list',
          rule,
          `Line ${i + 1} uses cost code "${line.costCode}", which is not on the Spectrum Standard Cost Codes list.`,
          `lines[${i}].costCode`,
        ),
      );
    }
    const ct = line.costType.trim();
    if (ct === '') {
      reasons.push(
        reason('sov-cost-type-missing', rule, `Line ${i + 1} has no cost type.`, `lines[${i}].costType`),
      );
    } else {
      costTypes.add(ct.toUpperCase());
    }
  });
  if (costTypes.size > 1) {
    reasons.push(
      reason(
        'sov-mixed-cost-types',
        rule,
        `All lines must share one cost type; found ${[...costTypes].sort().join(', ')}.`,
        'lines',
      ),
    );
  }
  return reasons;
}
