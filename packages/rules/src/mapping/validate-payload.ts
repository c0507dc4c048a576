import { type Check, checkFrom, type Reason, reason } from '../core/result.js';
import { fitsNumericFormat } from '../formats/amounts.js';
import { isSpectrumDate } from '../formats/dates.js';
import { FORMAT_RULE } from '../formats/validators.js';
import { type FieldSpec, SERVICE_FIELDS, type SpectrumWriteService } from './payload-fields.js';
import { isControlCharacter } from './wire-values.js';

/** `Job_Number` → `job-number`: the stem of a field's reason codes. */
export function fieldCodeStem(field: string): string {
  return field.toLowerCase().replace(/_/g, '-');
}

const WIRE_AMOUNT = /^-?\d*\.\d{2}$/;
const PERCENT = /^\d{1,3}(\.\d{1,2})?$/;
const DECIMAL = /^-?(\d+(\.\d*)?|\.\d+)$/;
const YES_NO = ['Y', 'N'];

function fieldReasons(field: string, value: unknown, spec: FieldSpec): Reason[] {
  const stem = fieldCodeStem(field);
  const r = (suffix: string, message: string) => reason(`${stem}-${suffix}`, FORMAT_RULE, message, field);
  if (typeof value !== 'string') return [r('not-text', `${field} must be text on the wire.`)];
  if (value === '') return spec.required ? [r('required', `${field} is required.`)] : [];
  if (value !== value.trim()) return [r('untrimmed', `${field} has spaces at its ends.`)];
  switch (spec.kind) {
    case 'text':
      return [
        ...(spec.max !== undefined && value.length > spec.max
          ? [r('too-long', `${field} has ${value.length} characters; Spectrum allows at most ${spec.max}.`)]
          : []),
        ...([...value].some(isControlCharacter)
          ? [r('invalid-characters', `${field} contains control characters.`)]
          : []),
      ];
    case 'code':
      return [
        ...(value.length > spec.max
          ? [r('too-long', `${field} has ${value.length} characters; Spectrum allows at most ${spec.max}.`)]
          : []),
        ...(!spec.pattern.test(value)
          ? [r('invalid-characters', `${field} may contain only ${spec.expected}.`)]
          : []),
      ];
    case 'flag':
    case 'yesNo': {
      const values = spec.kind === 'flag' ? spec.values : YES_NO;
      return values.includes(value) ? [] : [r('invalid', `${field} must be one of ${values.join(', ')}.`)];
    }
    case 'date':
      return isSpectrumDate(value)
        ? []
        : [r('invalid-date', `${field} must be a real date written MM/DD/YYYY.`)];
    case 'amount':
      if (!WIRE_AMOUNT.test(value))
        return [r('invalid-amount', `${field} must be written like .00 or -1234.50.`)];
      return spec.format === undefined || fitsNumericFormat(value, spec.format)
        ? []
        : [r('out-of-range', `${field} does not fit Spectrum's numeric format ${spec.format}.`)];
    case 'digits':
    case 'int':
      return [
        ...(!/^\d+$/.test(value) ? [r('invalid-characters', `${field} must be digits only.`)] : []),
        ...(spec.max !== undefined && value.length > spec.max
          ? [r('too-long', `${field} has ${value.length} digits; at most ${spec.max}.`)]
          : []),
      ];
    case 'percent':
      return PERCENT.test(value) && Number(value) <= 100
        ? []
        : [r('invalid', `${field} must be a percentage from 0 to 100 with at most two decimals.`)];
    case 'decimal':
      return DECIMAL.test(value) ? [] : [r('invalid', `${field} must be a decimal number.`)];
  }
}

function crossFieldReasons(service: SpectrumWriteService, p: Record<string, unknown>): (Reason | false)[] {
  if (service !== 'ARChangeRequest') return [];
  const has = (f: string) => typeof p[f] === 'string' && p[f] !== '';
  const missing = (f: string, because: string) =>
    reason(`${fieldCodeStem(f)}-required`, FORMAT_RULE, `${f} is required ${because}.`, f);
  return [
    has('CR_Phase_Code') && !has('CR_Cost_Type') && missing('CR_Cost_Type', 'on a cost line'),
    has('CR_Cost_Type') && !has('CR_Phase_Code') && missing('CR_Phase_Code', 'on a cost line'),
    has('Subcontract_Number') &&
      !has('Subcontractor_Code') &&
      missing('Subcontractor_Code', 'with a subcontract'),
    p.Sub_Status === 'E' &&
      !has('Sub_Change_Order_Number') &&
      missing('Sub_Change_Order_Number', 'when the subcontract change order is executed'),
    has('CR_Revenue') && !has('CR_Billing_Item_Code') && missing('CR_Billing_Item_Code', 'on a billing line'),
  ];
}

/**
 * Checks a payload against what the Spectrum service accepts, field by field (sizes, alphabets, `MM/DD/YYYY`
 * dates, `.00` amounts within the service's numeric format, flags), plus the few rules between fields of a
 * change request line. Reasons carry the wire field name and codes such as `job-description-too-long`,
 * `phone-invalid-characters`, `original-contract-amount-out-of-range`, `payload-unknown-field`. Every reason is
 * reported, not just the first.
 */
export function validatePayload(service: SpectrumWriteService, payload: object): Check {
  const fields: Record<string, FieldSpec> = SERVICE_FIELDS[service];
  const p = payload as Record<string, unknown>;
  const reasons: (Reason | false)[] = [];
  for (const [field, spec] of Object.entries(fields)) {
    if (!(field in p)) {
      reasons.push(
        reason('payload-missing-field', FORMAT_RULE, `${service} payload has no ${field}.`, field),
      );
      continue;
    }
    reasons.push(...fieldReasons(field, p[field], spec));
  }
  for (const field of Object.keys(p)) {
    if (!(field in fields)) {
      reasons.push(reason('payload-unknown-field', FORMAT_RULE, `${service} has no field ${field}.`, field));
    }
  }
  reasons.push(...crossFieldReasons(service, p));
  return checkFrom(reasons);
}
