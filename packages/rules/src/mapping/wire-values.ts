import { formatSpectrumAmount, sumCents } from '../formats/amounts.js';
import { cleanText, normalizePhone, stripPhaseDashes } from '../formats/codes.js';
import { formatSpectrumDate } from '../formats/dates.js';

/**
 * Small converters from PM values to Spectrum wire text. Free text is cleaned (control characters and runs of
 * whitespace become one space, ends trimmed) and cut to the column size; structured values (codes, states, ZIPs,
 * phones) are normalized but never cut, so a value Spectrum would refuse is reported by `validatePayload`
 * instead of being silently changed.
 */

/** True for the C0 control characters and DEL, which XML 1.0 cannot carry and Spectrum cannot store. */
export function isControlCharacter(char: string): boolean {
  const c = char.charCodeAt(0);
  return c < 0x20 || c === 0x7f;
}

function replaceControlCharacters(value: string): string {
  let out = '';
  for (const ch of value) out += isControlCharacter(ch) ? ' ' : ch;
  return out;
}

export function wireText(value: string | null | undefined, max: number): string {
  return cleanText(replaceControlCharacters(value ?? ''))
    .slice(0, max)
    .trimEnd();
}

export function wireCode(value: string | null | undefined): string {
  return (value ?? '').trim().toUpperCase();
}

/** Phase codes go without dashes (and without spaces or dots), uppercase. */
export function wirePhase(value: string | null | undefined): string {
  return stripPhaseDashes((value ?? '').trim()).toUpperCase();
}

export function wirePhone(value: string | null | undefined): string {
  return normalizePhone(value ?? '');
}

export function wireDate(iso: string | null | undefined): string {
  return iso ? formatSpectrumDate(iso) : '';
}

export function wireAmount(cents: number): string {
  return formatSpectrumAmount(cents);
}

export function yesNo(value: boolean): 'Y' | 'N' {
  return value ? 'Y' : 'N';
}

export interface MergedLine<T> {
  /** The first line with this key: its description is the one sent. */
  readonly first: T;
  readonly phaseCode: string;
  readonly costType: string;
  readonly amount: number;
  /** How many PM lines were summed into this one. */
  readonly count: number;
}

/**
 * Lines with the same phase (dashes ignored) and cost type summed into one, in the order their key first
 * appears: Spectrum keys subcontract lines, estimates and change request cost lines by phase + cost type, and a
 * second line with the same key would update the first instead of adding to it.
 */
export function mergeByPhaseAndCostType<T>(
  lines: readonly T[],
  pick: (line: T) => { costCode: string; costType: string; amount: number },
): MergedLine<T>[] {
  const merged = new Map<string, { first: T; phaseCode: string; costType: string; amounts: number[] }>();
  for (const line of lines) {
    const { costCode, costType, amount } = pick(line);
    const phaseCode = wirePhase(costCode);
    const type = wireCode(costType);
    const key = `${phaseCode}\u001f${type}`;
    const entry = merged.get(key);
    if (entry) entry.amounts.push(amount);
    else merged.set(key, { first: line, phaseCode, costType: type, amounts: [amount] });
  }
  return [...merged.values()].map((e) => ({
    first: e.first,
    phaseCode: e.phaseCode,
    costType: e.costType,
    amount: sumCents(e.amounts),
    count: e.amounts.length,
  }));
}
