/**
 * Spectrum wire formats, written independently of `@bridge/rules` on purpose: the simulator is the
 * yardstick the client's formatting is checked against, so it must not share that code.
 */

/** `2025-01-14` → `01/14/2025`; null/blank → ''. */
export function formatWireDate(iso: string | null | undefined): string {
  if (!iso) return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return '';
  return `${m[2]}/${m[3]}/${m[1]}`;
}

/** `01/14/2025` → `2025-01-14`; returns undefined when the text is not a real MM/DD/YYYY date. */
export function parseWireDate(value: string): string | undefined {
  const m = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(value);
  if (!m) return undefined;
  const month = Number(m[1]);
  const day = Number(m[2]);
  const year = Number(m[3]);
  if (month < 1 || month > 12 || day < 1 || year < 1900) return undefined;
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return undefined;
  return `${m[3]}-${m[1]}-${m[2]}`;
}

/** `YYYY-MM-DD` of a Date in UTC. */
export function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/**
 * A scaled integer as Spectrum's SOAP wire writes numbers: no thousands separator, no leading zero,
 * always two decimals for scale 2 (`0` → `.00`, `85951` → `859.51`, `-1020` → `-10.20`).
 * Scale 4 values are written with 4 decimals.
 */
export function formatWireNumber(scaled: number, scale = 2): string {
  const negative = scaled < 0;
  const abs = Math.abs(scaled);
  const factor = 10 ** scale;
  const intPart = Math.floor(abs / factor);
  const frac = String(abs % factor).padStart(scale, '0');
  const head = intPart === 0 ? '' : String(intPart);
  return `${negative ? '-' : ''}${head}${scale > 0 ? `.${frac}` : ''}`;
}

/** A scaled integer as fixed decimal text with a leading zero (`"1234.50"`, `"0.00"`): Info-Link JSON. */
export function formatDecimalText(scaled: number, scale = 2): string {
  const negative = scaled < 0;
  const abs = Math.abs(scaled);
  const factor = 10 ** scale;
  const intPart = Math.floor(abs / factor);
  const frac = String(abs % factor).padStart(scale, '0');
  return `${negative ? '-' : ''}${intPart}${scale > 0 ? `.${frac}` : ''}`;
}

export interface NumericFormat {
  signed: boolean;
  integerDigits: number;
  decimals: number;
}

/** Spectrum's numeric field notation: `-10.2` = sign allowed, 10 integer digits, 2 decimals. */
export function parseNumericFormat(format: string): NumericFormat {
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(format);
  if (!m) throw new RangeError(`bad numeric format ${format}`);
  return { signed: m[1] === '-', integerDigits: Number(m[2]), decimals: Number(m[3] ?? 0) };
}

/**
 * Parses decimal text the way Spectrum accepts it on a Put (`12`, `12.5`, `.50`, `-10.20`) into a
 * scaled integer. Returns undefined when the text is not a number or does not fit the format.
 */
export function parseWireNumber(value: string, format: string, scale = 2): number | undefined {
  const f = parseNumericFormat(format);
  const m = /^([+-]?)(\d*)(?:\.(\d*))?$/.exec(value);
  if (!m) return undefined;
  const sign = m[1];
  const intDigits = (m[2] ?? '').replace(/^0+(?=\d)/, '');
  const fracDigits = (m[3] ?? '').replace(/0+$/, '');
  if ((m[2] ?? '') === '' && (m[3] ?? '') === '') return undefined;
  if (sign === '-' && !f.signed) return undefined;
  if (intDigits.length > f.integerDigits && intDigits !== '0') return undefined;
  if (fracDigits.length > f.decimals) return undefined;
  const frac = fracDigits.padEnd(scale, '0').slice(0, scale);
  const scaled = Number(intDigits || '0') * 10 ** scale + Number(frac || '0');
  if (!Number.isSafeInteger(scaled)) return undefined;
  return sign === '-' ? -scaled : scaled;
}

/** Parses JSON-ish decimal text (`"1234.50"`) or a number into a scaled integer (control API input). */
export function toScaled(value: unknown, scale: number): number | undefined {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return undefined;
    return Math.round(value * 10 ** scale);
  }
  if (typeof value !== 'string') return undefined;
  const parsed = parseWireNumber(value.trim(), `-15.${scale}`, scale);
  return parsed;
}

/** Cuts text to a column size, as Spectrum stores it. */
export function cutToColumn(value: string, max: number): string {
  return value.length > max ? value.slice(0, max) : value;
}

/**
 * Sort key of a code as Spectrum stores it: right-justified (left-padded with spaces) in its column,
 * so shorter codes sort first (`24-101` before `24-101E1`).
 */
export function codeSortKey(code: string, width = 20): string {
  return code.length >= width ? code : ' '.repeat(width - code.length) + code;
}

/** Compares two codes as right-justified storage orders them. */
export function compareCodes(a: string, b: string): number {
  if (a.length !== b.length) return a.length - b.length;
  return a < b ? -1 : a > b ? 1 : 0;
}

const XML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};

export function escapeXml(value: string): string {
  return /[&<>"']/.test(value) ? value.replace(/[&<>"']/g, (c) => XML_ESCAPES[c] ?? c) : value;
}

/** Phase code through a mask like `XXX-XXX`: `013100` → `013-100`. */
export function applyMask(code: string, mask: string): string {
  if (!mask) return code;
  let out = '';
  let i = 0;
  for (const ch of mask) {
    if (i >= code.length) break;
    if (ch === '-') out += '-';
    else out += code[i++];
  }
  return out + code.slice(i);
}

/** Number of code characters a phase mask allows (`XXX-XXX` → 6). */
export function maskCapacity(mask: string): number {
  return mask.replace(/-/g, '').length;
}
