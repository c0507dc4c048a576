import { SPECTRUM_LIMITS } from './limits.js';

/** Spectrum stores phase codes without dashes; people read them through the job's phase mask. */
export function stripPhaseDashes(code: string): string {
  return code.replace(/[-\s.]/g, '');
}

/**
 * Shows a stored phase code through a mask such as `XX-XXXX` (alphanumeric mask characters are positions, anything
 * else is a literal separator): `013100` with `XX-XXXX` → `01-3100`. Characters beyond the mask are appended.
 */
export function applyPhaseMask(code: string, mask: string): string {
  const chars = [...stripPhaseDashes(code)];
  if (mask.trim() === '') return chars.join('');
  let out = '';
  let i = 0;
  for (const m of mask) {
    if (i >= chars.length) break;
    if (/[A-Za-z0-9]/.test(m)) out += chars[i++];
    else out += m;
  }
  return out + chars.slice(i).join('');
}

/** Uppercase letters and digits only: the form of vendor and customer codes. */
export function isUpperAlnumCode(value: string): boolean {
  return /^[A-Z0-9]+$/.test(value);
}

/** Best effort: a name or a sloppy code as a vendor/customer code (uppercase, no symbols, at most 10 chars). */
export function toVendorCode(value: string, maxLength: number = SPECTRUM_LIMITS.vendorCode): string {
  return value
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toUpperCase()
    .replace(/[^A-Z0-9]/g, '')
    .slice(0, maxLength);
}

/** Phone numbers go to Spectrum as digits only (no dashes, spaces or brackets). */
export function normalizePhone(value: string): string {
  return value.replace(/\D/g, '');
}

/** Trims and collapses inner whitespace; Spectrum trims what it stores. */
export function cleanText(value: string): string {
  return value.replace(/\s+/g, ' ').trim();
}

/** Cuts text to a column size, as Spectrum's Get services do with what they store. */
export function fitText(value: string, maxLength: number): string {
  return cleanText(value).slice(0, maxLength);
}
