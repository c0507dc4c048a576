import { allOf, type Check, checkFrom, reason } from '../core/result.js';
import { validateChangeRequestNumber, validateSubcontractNumber } from '../formats/validators.js';

export interface ApproverKeyInput {
  /** What the approver typed (or left pre-filled) in the accept dialog. */
  value: string;
  kind: 'subcontract' | 'change_request';
  /** Keys already used in Spectrum for the same scope (vendor; job + customer), compared case-insensitively. */
  taken: ReadonlySet<string>;
  /** The rule the accept dialog serves; defaults to COM-2 for subcontracts and CCO-2 for change requests. */
  rule?: string;
}

/**
 * Checks the Spectrum key an approver confirms at accept time (COM-2, CCO-2, PCCO-2): Spectrum's format for the
 * key (`subcontract-number-too-long`, `change-request-number-invalid-characters`, …) and `spectrum-key-taken` when
 * the key is already in use. The value is checked after trimming; the service stores the trimmed value.
 */
export function validateApproverKey(input: ApproverKeyInput): Check {
  const rule = input.rule ?? (input.kind === 'subcontract' ? 'COM-2' : 'CCO-2');
  const value = input.value.trim();
  const field = input.kind === 'subcontract' ? 'spectrumId' : 'changeRequestId';
  const format =
    input.kind === 'subcontract'
      ? validateSubcontractNumber(value, { rule, field })
      : validateChangeRequestNumber(value, { rule, field });
  let isTaken = false;
  if (value !== '') {
    const upper = value.toUpperCase();
    for (const t of input.taken) {
      if (t.trim().toUpperCase() === upper) {
        isTaken = true;
        break;
      }
    }
  }
  return allOf(
    format,
    checkFrom([
      isTaken &&
        reason(
          'spectrum-key-taken',
          rule,
          `${value} is already used in Spectrum${input.kind === 'subcontract' ? ' for this vendor' : ' on this job'}; choose another.`,
          field,
        ),
    ]),
  );
}
