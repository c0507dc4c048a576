import { type Reason, reason } from '../core/result.js';
import { SPECTRUM_LIMITS } from '../formats/limits.js';
import {
  firstFreeWithCounter,
  keepTail,
  nextInSequence,
  normalizeKeyText,
  upperSet,
} from './key-candidates.js';

/** A derived Spectrum key, or why none could be derived. */
export type KeyDerivation =
  | { readonly ok: true; readonly value: string }
  | { readonly ok: false; readonly reasons: readonly Reason[] };

export const SUBCONTRACT_SEQUENCE_PREFIX = Object.freeze({ subcontract: 'S', purchase_order: 'P' });
const SEQUENCE_WIDTH = 4;

export interface DeriveSubcontractNumberInput {
  /** The commitment's number in the PM product (`SC-2025-0042`, `PO 17`). */
  pmNumber: string;
  kind: 'subcontract' | 'purchase_order';
  /** GEN-4 "Use PM contract number". */
  usePmNumber: boolean;
  /** Subcontract numbers already used for this vendor in Spectrum, and those reserved by accepted exports. */
  taken: ReadonlySet<string>;
}

export function exhausted(rule: string, what: string): KeyDerivation {
  return {
    ok: false,
    reasons: [reason('spectrum-key-exhausted', rule, `No free ${what} is left; enter one by hand.`)],
  };
}

/**
 * The Spectrum subcontract number pre-filled when an approver accepts a commitment (GEN-4, COM-2). Always valid
 * (`validateSubcontractNumber` passes) and never in `taken` (compared case-insensitively); the same inputs give
 * the same number.
 *
 * - With `usePmNumber`: the PM number normalized (uppercase, only A-Z 0-9 and `-`); longer than 10 characters,
 *   its LAST 10 are kept, since the tail carries the sequence (`SC-2025-0042` → `2025-0042`). No prefix is added:
 *   the setting promises the PM number. On a collision the tail becomes a counter: `…-2`, `…-3`, still ≤ 10.
 * - Without it, or when nothing is left of the PM number: the next number of a per-kind sequence, `S0001`,
 *   `S0002`, … for subcontracts and `P0001`, … for purchase orders (LIM-4: both become Spectrum subcontracts; the
 *   letter keeps their numbers apart and tells the accountant which PM tool the record came from).
 */
export function deriveSubcontractNumber(input: DeriveSubcontractNumberInput): KeyDerivation {
  const max = SPECTRUM_LIMITS.subcontractNumber;
  const taken = upperSet(input.taken);
  const base = input.usePmNumber ? keepTail(normalizeKeyText(input.pmNumber), max) : '';
  const value =
    base !== ''
      ? firstFreeWithCounter(base, max, taken)
      : nextInSequence(SUBCONTRACT_SEQUENCE_PREFIX[input.kind], SEQUENCE_WIDTH, max, taken);
  return value === null ? exhausted('COM-2', 'subcontract number') : { ok: true, value };
}
