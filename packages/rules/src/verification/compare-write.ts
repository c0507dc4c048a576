import { type FieldSpec, SERVICE_FIELDS, type SpectrumWriteService } from '../mapping/payload-fields.js';

/**
 * What Spectrum holds compared with what a write sends (or sent), field by field, as Spectrum stores values
 * (docs/decisions.md → Preview and verification, VER-2):
 * - a blank value is "leave unchanged" on the wire (§4.3): it is not compared;
 * - text is compared trimmed (Spectrum stores fixed-width, space-padded columns);
 * - codes and flags are compared trimmed and upper-cased (Spectrum upper-cases keys);
 * - amounts as cents, percents as numbers, dates as calendar dates, phone digits as digits only;
 * - a field Spectrum's readable tables do not hold is reported as not readable, never as a difference.
 */

/** The state of one Spectrum record relative to a write: absent, holding every sent value, or holding others. */
export type RecordState = 'new' | 'unchanged' | 'changed';

export type FieldState = 'new' | 'same' | 'different' | 'kept' | 'not_readable';

export interface FieldComparison {
  field: string;
  /** The value the write sends, as on the wire. */
  value: string;
  /** What Spectrum holds now (null when the record is new or the field is not readable). */
  current: string | null;
  state: FieldState;
}

export interface WriteComparison {
  record: RecordState;
  fields: FieldComparison[];
}

/**
 * Put fields whose readable column has another name (the change request's line fields, a projection's amount on the
 * phase): Put field → column. Every other field is read from the column of the same name.
 */
export const READBACK_COLUMNS: Partial<Record<SpectrumWriteService, Readonly<Record<string, string>>>> = {
  ARChangeRequest: {
    CR_Phase_Code: 'Phase_Code',
    CR_Cost_Type: 'Cost_Type',
    CR_Billing_Item_Code: 'Billing_Item_Code',
    CR_Billing_Item_Description: 'Billing_Item_Description',
    CR_Revenue: 'Revenue',
  },
  JobCostProjections: { Amount: 'Projected_Dollars' },
};

/** Fields that name the company (the reader is one company's) or the record itself: never differences. */
const NOT_COMPARED: ReadonlySet<string> = new Set(['Company_Code']);

const AMOUNT = /^([+-]?)(\d*)(?:\.(\d*))?$/;

/** Decimal text as hundredths (string arithmetic; more than two decimals are rounded half away from zero). */
function hundredths(value: string): number | null {
  const m = AMOUNT.exec(value.trim().replace(/,/g, ''));
  if (!m || (m[2] === '' && !m[3])) return null;
  const fraction = (m[3] ?? '').padEnd(3, '0');
  let n = Number(m[2] || '0') * 100 + Number(fraction.slice(0, 2));
  if (Number(fraction[2]) >= 5) n += 1;
  return m[1] === '-' ? -n : n;
}

const US_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;
const ISO = /^(\d{4})-(\d{2})-(\d{2})/;

function calendarDate(value: string): string | null {
  const v = value.trim();
  const us = US_DATE.exec(v);
  if (us) return `${us[3]}-${us[1]?.padStart(2, '0')}-${us[2]?.padStart(2, '0')}`;
  const iso = ISO.exec(v);
  return iso ? `${iso[1]}-${iso[2]}-${iso[3]}` : null;
}

/** A value as Spectrum stores it, for comparison only. */
export function storedForm(spec: FieldSpec | undefined, value: string): string {
  const v = value.trim();
  switch (spec?.kind) {
    case 'code':
    case 'flag':
      return v.toUpperCase();
    case 'amount':
    case 'percent': {
      const n = hundredths(v);
      return n === null ? v : String(n);
    }
    case 'date':
      return calendarDate(v) ?? v;
    case 'digits':
      return v.replace(/\D/g, '');
    default:
      return v;
  }
}

/**
 * Compares one write with the record Spectrum holds (`current`: its readable columns as text, null when there is no
 * such record). `record` is `new` without a record, `changed` when any readable sent value differs.
 */
export function compareWrite(
  service: SpectrumWriteService,
  sent: Readonly<Record<string, string>>,
  current: Readonly<Record<string, string>> | null,
): WriteComparison {
  const specs = SERVICE_FIELDS[service] as Readonly<Record<string, FieldSpec>>;
  const columns = READBACK_COLUMNS[service] ?? {};
  const fields: FieldComparison[] = [];
  let differs = false;
  for (const [field, value] of Object.entries(sent)) {
    if (current === null) {
      fields.push({ field, value, current: null, state: value.trim() === '' ? 'kept' : 'new' });
      continue;
    }
    if (value.trim() === '') {
      fields.push({ field, value, current: null, state: 'kept' });
      continue;
    }
    const column = columns[field] ?? field;
    const held = current[column];
    if (held === undefined || NOT_COMPARED.has(field)) {
      fields.push({
        field,
        value,
        current: held ?? null,
        state: held === undefined ? 'not_readable' : 'same',
      });
      continue;
    }
    const same = storedForm(specs[field], value) === storedForm(specs[field], held);
    if (!same) differs = true;
    fields.push({ field, value, current: held.trim(), state: same ? 'same' : 'different' });
  }
  return { record: current === null ? 'new' : differs ? 'changed' : 'unchanged', fields };
}

/** The fields that differ, as the verification and the reconciliation name them. */
export function differences(c: WriteComparison): FieldComparison[] {
  return c.fields.filter((f) => f.state === 'different');
}
