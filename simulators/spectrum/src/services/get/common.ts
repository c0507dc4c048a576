import { formatWireDate, formatWireNumber } from '../../formats/spectrum-format.js';

/** Wire formatting and the status/cost center filters the Get services share. */

export const str = (v: unknown): string => (v === null || v === undefined ? '' : String(v));
export const num = (v: unknown): string => formatWireNumber(Number(v ?? 0));
export const date = (v: unknown): string => formatWireDate(v as string | null);

/** Blank = Active and Inactive; A, I or C = that status only. Undefined when the value is invalid. */
export function statusFilter(value: string): ReadonlySet<string> | undefined {
  if (value === '') return new Set(['A', 'I']);
  if (value === 'A' || value === 'I' || value === 'C') return new Set([value]);
  return undefined;
}

export function costCenterFilter(value: string): (cc: string) => boolean {
  if (value === '' || value.toUpperCase() === 'ALL') return () => true;
  return (cc) => cc === value;
}
