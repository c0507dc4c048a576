import { SPECTRUM_LIMITS } from '../formats/limits.js';
import { exhausted, type KeyDerivation } from './derive-subcontract-number.js';
import {
  firstFreeWithCounter,
  keepTail,
  nextInSequence,
  normalizeKeyText,
  upperSet,
} from './key-candidates.js';

export type ChangeRequestSource = 'commitment_change_order' | 'prime_contract_change_order' | 'budget_change';

/** Prefix of the number each kind of change request gets (PCCO and budget change numbers always; CCOs in sequence). */
export const CHANGE_REQUEST_PREFIX = Object.freeze({
  commitment_change_order: 'CR',
  prime_contract_change_order: 'PCO',
  budget_change: 'BC',
});
const SEQUENCE_WIDTH = 4;
const PART = 3;

const RULE: Record<ChangeRequestSource, string> = {
  commitment_change_order: 'CCO-2',
  prime_contract_change_order: 'PCCO-2',
  budget_change: 'BCH-1',
};

export interface DeriveChangeRequestNumberInput {
  /** The change order's number in the PM product. */
  pmNumber: string;
  /** For a CCO: the number of its commitment (used when the CO number alone collides or is too long). */
  parentNumber?: string | null;
  /** GEN-4 "Use PM change order number". */
  usePmNumber: boolean;
  /** Change request numbers already used on this job + customer in Spectrum, and those reserved by accepted exports. */
  taken: ReadonlySet<string>;
  /** Defaults to a CCO when `parentNumber` is given, else a PCCO. */
  source?: ChangeRequestSource;
}

function alnumTail(value: string, n: number): string {
  const alnum = value.replace(/-/g, '');
  return alnum.slice(Math.max(0, alnum.length - n));
}

/**
 * The Spectrum change request number (≤ 8 characters, per job + customer) pre-filled when an approver accepts a
 * CCO, PCCO or budget change (CCO-2, PCCO-2, BCH-1). Always valid and never in `taken` (case-insensitive);
 * deterministic.
 *
 * - CCO with `usePmNumber`: the CO number normalized when it fits and is free; otherwise (several commitments on
 *   a job each have a CO `1`) `<last 3 of commitment>-<last 3 of CO>`, e.g. `042-003`, letters and digits only in
 *   each part; then a counter tail (`…-2`) on a further collision.
 * - PCCO: `PCO` + the number (`PCO003`; a PM number that already starts with `PCO` is not prefixed twice),
 *   keeping the number's last characters when too long. Budget change: `BC` + number the same way.
 * - Without `usePmNumber` (or nothing usable in the PM number): the next of `CR0001`, `CR0002`, … (`PCO0001`,
 *   `BC0001` for the other kinds).
 */
export function deriveChangeRequestNumber(input: DeriveChangeRequestNumberInput): KeyDerivation {
  const max = SPECTRUM_LIMITS.changeRequestNumber;
  const source: ChangeRequestSource =
    input.source ?? (input.parentNumber != null ? 'commitment_change_order' : 'prime_contract_change_order');
  const taken = upperSet(input.taken);
  const prefix = CHANGE_REQUEST_PREFIX[source];
  const number = normalizeKeyText(input.pmNumber);
  let value: string | null = null;
  if (input.usePmNumber && number !== '') {
    if (source === 'commitment_change_order') {
      if (number.length <= max && !taken.has(number)) {
        value = number;
      } else {
        const parent = alnumTail(normalizeKeyText(input.parentNumber ?? ''), PART);
        const own = alnumTail(number, PART);
        value = firstFreeWithCounter(parent === '' ? own : `${parent}-${own}`, max, taken);
      }
    } else {
      const bare = normalizeKeyText(number.startsWith(prefix) ? number.slice(prefix.length) : number);
      const base = bare === '' ? '' : `${prefix}${keepTail(bare, max - prefix.length)}`;
      value = base === '' ? null : firstFreeWithCounter(base, max, taken);
    }
  }
  value ??= nextInSequence(prefix, SEQUENCE_WIDTH, max, taken);
  return value === null ? exhausted(RULE[source], 'change request number') : { ok: true, value };
}
