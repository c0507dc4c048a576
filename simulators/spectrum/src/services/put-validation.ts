import { parseWireDate, parseWireNumber } from '../formats/spectrum-format.js';
import type { PutReplyRow } from '../soap/soap-envelope.writer.js';
import type { PutFieldDef } from './service-types.js';

/**
 * Field-level checks every Put service makes before touching data: sizes, required values, code
 * sets, uppercase codes, dates, numeric formats, digits-only phones and dash-free phase codes. All
 * problems are reported, one row each, in field order.
 */
export function validatePutFields(
  fields: readonly PutFieldDef[],
  raw: Record<string, string>,
): { errors: PutReplyRow[]; value: Record<string, string | number> } {
  const errors: PutReplyRow[] = [];
  const value: Record<string, string | number> = {};
  for (const f of fields) {
    const v = raw[f.name] ?? '';
    if (v === '') {
      if (f.required) errors.push({ code: 'M', desc: `${f.name} is required`, column: f.name });
      continue;
    }
    if (v.length > f.max) {
      errors.push({ code: 'I', desc: `${f.name} exceeds the maximum length of ${f.max}`, column: f.name });
      continue;
    }
    switch (f.kind) {
      case 'upper':
        if (!/^[A-Z0-9]+$/.test(v)) {
          errors.push({
            code: 'I',
            desc: `${f.name} must be uppercase letters and digits only`,
            column: f.name,
          });
          continue;
        }
        break;
      case 'code':
        if (v !== v.toUpperCase()) {
          errors.push({ code: 'I', desc: `${f.name} must be uppercase`, column: f.name });
          continue;
        }
        break;
      case 'phase':
        if (v.includes('-')) {
          errors.push({ code: 'I', desc: `${f.name} must be entered without dashes`, column: f.name });
          continue;
        }
        if (v !== v.toUpperCase()) {
          errors.push({ code: 'I', desc: `${f.name} must be uppercase`, column: f.name });
          continue;
        }
        break;
      case 'digits':
        if (!/^\d+$/.test(v)) {
          errors.push({ code: 'I', desc: `${f.name} must contain digits only`, column: f.name });
          continue;
        }
        break;
      case 'set':
        if (!f.values?.includes(v)) {
          errors.push({
            code: 'I',
            desc: `${f.name} must be one of ${(f.values ?? []).join(', ')}`,
            column: f.name,
          });
          continue;
        }
        break;
      case 'date': {
        const iso = parseWireDate(v);
        if (iso === undefined) {
          errors.push({ code: 'I', desc: `${f.name} is not a valid date (MM/DD/YYYY)`, column: f.name });
          continue;
        }
        value[f.name] = iso;
        continue;
      }
      case 'num': {
        const n = parseWireNumber(v, f.format ?? '-10.2', f.scale ?? 2);
        if (n === undefined) {
          errors.push({
            code: 'I',
            desc: `${f.name} is not a valid number (format ${f.format ?? '-10.2'})`,
            column: f.name,
          });
          continue;
        }
        value[f.name] = n;
        continue;
      }
      case 'int':
        if (!/^\d+$/.test(v)) {
          errors.push({ code: 'I', desc: `${f.name} must be a whole number`, column: f.name });
          continue;
        }
        value[f.name] = Number(v);
        continue;
      default:
        break;
    }
    value[f.name] = v;
  }
  return { errors, value };
}
