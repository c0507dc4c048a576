import { SPECTRUM_LIMITS } from '../formats/limits.js';
import {
  CHANGE_REQUEST_PREFIX,
  type DeriveChangeRequestNumberInput,
} from './derive-change-request-number.js';
import {
  type DeriveSubcontractNumberInput,
  SUBCONTRACT_SEQUENCE_PREFIX,
} from './derive-subcontract-number.js';
import { keepTail, normalizeKeyText } from './key-candidates.js';

/**
 * How a pre-filled Spectrum key was made from the PM record, in words, shown beside the pre-filled value (the PM
 * number `1` becoming change request `301-1` needs saying). Each function mirrors its `derive…` and names the parts:
 * the setting that applied, what was kept of the PM number, and a counter added because the plain form was taken.
 */

const counterNote = (value: string, base: string, scope: string) =>
  value.toUpperCase() === base.toUpperCase()
    ? ''
    : ` + a counter ("-2", "-3", …) because ${base} is already used ${scope}`;

/** How `base` came from `source`: cleaned up (capitals, letters, digits and "-") and cut to its last `max`. */
function fromNumber(what: string, source: string, max: number): { base: string; words: string } {
  const normalized = normalizeKeyText(source);
  const base = keepTail(normalized, max);
  const parts = [what];
  if (normalized !== source.trim()) parts.push('in capitals, letters, digits and "-" only');
  if (base !== normalized) parts.push(`its last ${max} characters (Spectrum allows ${max})`);
  return { base, words: parts.join(', ') };
}

/** COM-2, GEN-4: the rule behind a pre-filled subcontract number. */
export function explainSubcontractNumber(
  input: Omit<DeriveSubcontractNumberInput, 'taken'>,
  value: string,
): string {
  const max = SPECTRUM_LIMITS.subcontractNumber;
  if (input.usePmNumber) {
    const { base, words } = fromNumber('the PM contract number', input.pmNumber, max);
    if (base !== '')
      return `${words}${counterNote(value, base, 'for this vendor')} ("use PM contract number" is on)`;
  }
  const prefix = SUBCONTRACT_SEQUENCE_PREFIX[input.kind];
  return `the next free number of the sequence ${prefix}0001, ${prefix}0002, … for ${
    input.kind === 'subcontract' ? 'subcontracts' : 'purchase orders'
  } (${input.usePmNumber ? 'nothing usable in the PM contract number' : '"use PM contract number" is off'})`;
}

/** CCO-2, PCCO-2, BCH-1, GEN-4: the rule behind a pre-filled change request number. */
export function explainChangeRequestNumber(
  input: Omit<DeriveChangeRequestNumberInput, 'taken'> & {
    source: NonNullable<DeriveChangeRequestNumberInput['source']>;
  },
  value: string,
): string {
  const max = SPECTRUM_LIMITS.changeRequestNumber;
  const prefix = CHANGE_REQUEST_PREFIX[input.source];
  const number = normalizeKeyText(input.pmNumber);
  const setting = '("use PM change order number" is on)';
  if (input.usePmNumber && number !== '') {
    if (input.source === 'commitment_change_order') {
      if (value.toUpperCase() === number) return `the change order number ${setting}`;
      const tail3 = (v: string) => v.replace(/-/g, '').slice(-3);
      const parent = tail3(normalizeKeyText(input.parentNumber ?? ''));
      const base = parent === '' ? tail3(number) : `${parent}-${tail3(number)}`;
      const made =
        parent === ''
          ? "the change order number's last 3 letters or digits"
          : 'the commitment number\'s last 3 letters or digits + "-" + the change order number\'s last 3';
      return `${made}, because the change order number alone is taken on this job's contract or longer than ${max} characters${counterNote(value, base, "on this job's contract")} ${setting}`;
    }
    const kind = input.source === 'budget_change' ? 'budget change' : 'change order';
    const bare = normalizeKeyText(number.startsWith(prefix) ? number.slice(prefix.length) : number);
    const base = `${prefix}${keepTail(bare, max - prefix.length)}`;
    const cut = bare.length > max - prefix.length ? `, its last ${max - prefix.length} characters` : '';
    return `"${prefix}" + the ${kind} number${number.startsWith(prefix) ? ` (which already starts with ${prefix})` : ''}${cut}${counterNote(value, base, "on this job's contract")} ${setting}`;
  }
  return `the next free number of the sequence ${prefix}0001, ${prefix}0002, … on this job's contract (${
    input.usePmNumber ? 'nothing usable in the PM number' : '"use PM change order number" is off'
  })`;
}

/** JOB-2: the rule behind a pre-filled job number. */
export function explainJobNumber(projectNumber: string, value: string): string {
  const { base, words } = fromNumber('the project number', projectNumber, 10);
  return `${words}${counterNote(value, base, 'in Spectrum')}`;
}

/** VEN-2: the rule behind a pre-filled vendor code. */
export function explainVendorCode(companyName: string, value: string): string {
  const base = normalizeKeyText(companyName).replace(/-/g, '').slice(0, 8);
  return `the company name's first 8 letters and digits in capitals${counterNote(value, base, 'in Spectrum')}`;
}
