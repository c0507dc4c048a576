import { formatDecimalAmount, formatSpectrumDate } from '@bridge/rules';

/**
 * Conversions between Spectrum's wire text and domain values.
 * Money is integer cents parsed with string arithmetic (never through a float); dates are ISO `YYYY-MM-DD` in the
 * domain and `MM/DD/YYYY` on the SOAP wire; quantities stay decimal strings. The parsing here is the client's own
 * (tolerant of what Spectrum sends); the money and date formats written come from `@bridge/rules`.
 */

const DECIMAL = /^([+-]?)(\d*)(?:\.(\d*))?$/;

export class WireValueError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WireValueError';
  }
}

/** Parses Spectrum decimal text (`.00`, `859.51`, `-12.5`, `33411.17`) into integer cents. Blank is 0. */
export function parseMoneyCents(text: string): number {
  const t = text.trim();
  if (t === '') return 0;
  const m = DECIMAL.exec(t.replaceAll(',', ''));
  if (!m || (m[2] === '' && (m[3] ?? '') === '')) throw new WireValueError(`not a decimal amount: "${t}"`);
  const sign = m[1] === '-' ? -1 : 1;
  const whole = m[2] === '' ? '0' : m[2]!;
  const frac = m[3] ?? '';
  if (frac.length > 2 && /[1-9]/.test(frac.slice(2)))
    throw new WireValueError(`amount has more than 2 decimals: "${t}"`);
  const cents = Number(whole) * 100 + Number(frac.slice(0, 2).padEnd(2, '0'));
  if (!Number.isSafeInteger(cents)) throw new WireValueError(`amount out of range: "${t}"`);
  return cents === 0 ? 0 : sign * cents;
}

/**
 * Integer cents as decimal text with a leading zero (85951 -> `859.51`, -5 -> `-0.05`, 0 -> `0.00`): the rules'
 * `formatDecimalAmount`, the one place that format is written (REST bodies and the typed Put methods use it).
 */
export const formatMoneyCents: (cents: number) => string = formatDecimalAmount;

/**
 * Normalizes decimal text (quantities, hours, percents, unit prices) to a canonical decimal string:
 * leading zero restored (`.50` -> `0.50`), `+` and thousands separators dropped, scale kept. Blank -> `0`.
 */
export function normalizeDecimal(text: string): string {
  const t = text.trim().replaceAll(',', '');
  if (t === '') return '0';
  const m = DECIMAL.exec(t);
  if (!m || (m[2] === '' && (m[3] ?? '') === '')) throw new WireValueError(`not a decimal: "${text.trim()}"`);
  const whole = (m[2] ?? '').replace(/^0+(?=\d)/, '') || '0';
  const frac = m[3];
  const body = frac === undefined || frac === '' ? whole : `${whole}.${frac}`;
  const isZero = !/[1-9]/.test(body);
  return m[1] === '-' && !isZero ? `-${body}` : body;
}

/** Checks a domain decimal string before it goes on the wire. */
export function formatDecimal(value: string): string {
  if (!/^-?\d+(\.\d+)?$/.test(value)) throw new WireValueError(`not a decimal string: "${value}"`);
  return value;
}

function isRealDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return d <= days;
}

/** `MM/DD/YYYY` (also `M/D/YYYY`) -> `YYYY-MM-DD`; blank -> null. */
export function parseWireDate(text: string): string | null {
  const t = text.trim();
  if (t === '') return null;
  const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(t);
  if (!m) throw new WireValueError(`not an MM/DD/YYYY date: "${t}"`);
  const [mm, dd, yyyy] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (!isRealDate(yyyy, mm, dd)) throw new WireValueError(`not a calendar date: "${t}"`);
  return `${m[3]}-${String(mm).padStart(2, '0')}-${String(dd).padStart(2, '0')}`;
}

/** Validates an ISO `YYYY-MM-DD` string (Info-Link JSON dates); null/blank -> null. */
export function parseIsoDate(value: string | null): string | null {
  if (value === null || value.trim() === '') return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value.trim());
  if (!m || !isRealDate(Number(m[1]), Number(m[2]), Number(m[3]))) {
    throw new WireValueError(`not a YYYY-MM-DD date: "${value}"`);
  }
  return value.trim();
}

/** `YYYY-MM-DD` -> `MM/DD/YYYY`: the rules' `formatSpectrumDate`, the one place the wire date is written. */
export const formatWireDate: (iso: string) => string = formatSpectrumDate;

/** `Y`/`N` flag -> boolean; blank -> null. */
export function parseFlag(text: string): boolean | null {
  const t = text.trim().toUpperCase();
  if (t === '') return null;
  if (t === 'Y') return true;
  if (t === 'N') return false;
  throw new WireValueError(`not a Y/N flag: "${text.trim()}"`);
}

export function formatFlag(value: boolean): string {
  return value ? 'Y' : 'N';
}
