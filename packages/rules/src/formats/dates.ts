/** Spectrum dates travel as `MM/DD/YYYY`; inside the product dates are ISO `YYYY-MM-DD` strings. */

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const SPECTRUM_DATE = /^(\d{2})\/(\d{2})\/(\d{4})$/;

function isRealDate(year: number, month: number, day: number): boolean {
  if (year < 1900 || year > 2999 || month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
  return day <= days;
}

/** True for a real calendar date written `YYYY-MM-DD`. */
export function isIsoDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  return m !== null && isRealDate(Number(m[1]), Number(m[2]), Number(m[3]));
}

/** True for a real calendar date written `MM/DD/YYYY`, the only date form Spectrum accepts. */
export function isSpectrumDate(value: string): boolean {
  const m = SPECTRUM_DATE.exec(value);
  return m !== null && isRealDate(Number(m[3]), Number(m[1]), Number(m[2]));
}

/** `2025-01-14` → `01/14/2025`. Throws RangeError on anything but a real ISO date (a programming error). */
export function formatSpectrumDate(iso: string): string {
  const m = ISO_DATE.exec(iso.slice(0, 10));
  if (!m || !isRealDate(Number(m[1]), Number(m[2]), Number(m[3]))) {
    throw new RangeError(`not an ISO date: ${JSON.stringify(iso)}`);
  }
  return `${m[2]}/${m[3]}/${m[1]}`;
}

/** `01/14/2025` → `2025-01-14`; blank → null. Throws RangeError when the value is not a real `MM/DD/YYYY` date. */
export function parseSpectrumDate(value: string): string | null {
  const v = value.trim();
  if (v === '') return null;
  const m = SPECTRUM_DATE.exec(v);
  if (!m || !isRealDate(Number(m[3]), Number(m[1]), Number(m[2]))) {
    throw new RangeError(`not a Spectrum date (MM/DD/YYYY): ${JSON.stringify(value)}`);
  }
  return `${m[3]}-${m[1]}-${m[2]}`;
}
