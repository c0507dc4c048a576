/**
 * Money inside the product is integer cents (a safe integer, never a fraction). Spectrum writes decimals without a
 * leading zero and without thousands separators: `.00`, `859.51`, `-10.20`.
 */

/** Throws when a value is not a whole number of cents: money arithmetic with fractions is a programming error. */
export function assertCents(cents: number): void {
  if (!Number.isSafeInteger(cents)) throw new RangeError(`amount must be whole cents, got ${cents}`);
}

/** 0 → `.00`, 85951 → `859.51`, -1020 → `-10.20`, 50 → `.50`. */
export function formatSpectrumAmount(cents: number): string {
  assertCents(cents);
  const negative = cents < 0;
  const abs = Math.abs(cents);
  const units = Math.floor(abs / 100);
  const fraction = String(abs % 100).padStart(2, '0');
  return `${negative ? '-' : ''}${units === 0 ? '' : String(units)}.${fraction}`;
}

/** Decimal text as cents, `1234.5` → `1234.50` style: the form Info-Link and JSON payloads use. */
export function formatDecimalAmount(cents: number): string {
  assertCents(cents);
  const negative = cents < 0;
  const abs = Math.abs(cents);
  return `${negative ? '-' : ''}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

const AMOUNT = /^([+-]?)(\d*)(?:\.(\d{0,2}))?$/;

/**
 * `.00` → 0, `859.51` → 85951, `-10.2` → -1020, `1234` → 123400; blank → null. Parsed with string arithmetic, never
 * through a float. Throws RangeError for anything else (more than two decimals, separators, letters).
 */
export function parseSpectrumAmount(value: string): number | null {
  const v = value.trim();
  if (v === '') return null;
  const m = AMOUNT.exec(v);
  if (!m || (m[2] === '' && (m[3] === undefined || m[3] === ''))) {
    throw new RangeError(`not an amount: ${JSON.stringify(value)}`);
  }
  const units = m[2] === '' ? 0 : Number(m[2]);
  const fraction = Number((m[3] ?? '').padEnd(2, '0'));
  const cents = units * 100 + fraction;
  if (!Number.isSafeInteger(cents)) throw new RangeError(`amount too large: ${JSON.stringify(value)}`);
  return m[1] === '-' && cents !== 0 ? -cents : cents;
}

const FORMAT = /^(-?)(\d+)\.(\d+)$/;

/**
 * Whether decimal text fits a Spectrum numeric format such as `-10.2` (sign allowed, at most 10 integer digits,
 * at most 2 decimals). A format without `-` allows no sign.
 */
export function fitsNumericFormat(value: string, format: string): boolean {
  const f = FORMAT.exec(format);
  if (!f) throw new RangeError(`not a numeric format: ${format}`);
  const signed = f[1] === '-';
  const v = value.trim();
  const m = /^(-?)(\d*)(?:\.(\d*))?$/.exec(v);
  if (!m || (m[2] === '' && (m[3] ?? '') === '')) return false;
  if (m[1] === '-' && !signed) return false;
  const integerDigits = (m[2] ?? '').replace(/^0+(?=\d)/, '');
  return integerDigits.length <= Number(f[2]) && (m[3] ?? '').length <= Number(f[3]);
}

/** Whether an amount in cents fits a Spectrum numeric format (`-10.2` and friends). */
export function amountFitsFormat(cents: number, format: string): boolean {
  return fitsNumericFormat(formatSpectrumAmount(cents), format);
}

/** Sums cents exactly (every addend must be whole cents). */
export function sumCents(values: Iterable<number>): number {
  let total = 0;
  for (const v of values) {
    assertCents(v);
    total += v;
  }
  assertCents(total);
  return total;
}
