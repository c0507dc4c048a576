import { type Check, checkFrom, type Reason, reason } from '../core/result.js';
import { amountFitsFormat } from './amounts.js';
import { stripPhaseDashes } from './codes.js';
import { isIsoDate } from './dates.js';
import { SPECTRUM_LIMITS, SPECTRUM_NUMERIC_FORMATS } from './limits.js';

/** The rule tag of reasons that come from Spectrum's own field formats (docs/spectrum-wire.md §6–§7). */
export const FORMAT_RULE = 'SDX-FORMAT';

type Opts = { field?: string; rule?: string };

function r(code: string, message: string, opts: Opts, fallbackField: string): Reason {
  return reason(code, opts.rule ?? FORMAT_RULE, message, opts.field ?? fallbackField);
}

function required(
  value: string | null | undefined,
  prefix: string,
  label: string,
  opts: Opts,
  field: string,
) {
  return value === null || value === undefined || value.trim() === ''
    ? r(`${prefix}-required`, `${label} is required.`, opts, field)
    : null;
}

function tooLong(value: string, max: number, prefix: string, label: string, opts: Opts, field: string) {
  return value.length > max
    ? r(
        `${prefix}-too-long`,
        `${label} has ${value.length} characters; Spectrum allows at most ${max}.`,
        opts,
        field,
      )
    : null;
}

/** Job number: required, at most 10 characters, letters, digits and `-._/` only. */
export function validateJobNumber(value: string | null | undefined, opts: Opts = {}): Check {
  const req = required(value, 'job-number', 'Job number', opts, 'jobNumber');
  if (req) return checkFrom([req]);
  const v = (value ?? '').trim();
  return checkFrom([
    tooLong(v, SPECTRUM_LIMITS.jobNumber, 'job-number', 'Job number', opts, 'jobNumber'),
    !/^[A-Za-z0-9\-._/]+$/.test(v) &&
      r(
        'job-number-invalid-characters',
        'Job number may contain only letters, digits and - . _ /.',
        opts,
        'jobNumber',
      ),
  ]);
}

/** Phase (cost code): stored without dashes, at most 20 characters, letters and digits. */
export function validatePhaseCode(value: string | null | undefined, opts: Opts = {}): Check {
  const req = required(value, 'phase-code', 'Phase code', opts, 'phaseCode');
  if (req) return checkFrom([req]);
  const v = stripPhaseDashes((value ?? '').trim());
  return checkFrom([
    tooLong(v, SPECTRUM_LIMITS.phaseCode, 'phase-code', 'Phase code (without dashes)', opts, 'phaseCode'),
    !/^[A-Za-z0-9]+$/.test(v) &&
      r(
        'phase-code-invalid-characters',
        'Phase code may contain only letters and digits (dashes are display only).',
        opts,
        'phaseCode',
      ),
  ]);
}

/** Cost type: 1 to 3 uppercase letters or digits. */
export function validateCostType(value: string | null | undefined, opts: Opts = {}): Check {
  const req = required(value, 'cost-type', 'Cost type', opts, 'costType');
  if (req) return checkFrom([req]);
  const v = (value ?? '').trim();
  return checkFrom([
    tooLong(v, SPECTRUM_LIMITS.costType, 'cost-type', 'Cost type', opts, 'costType'),
    !/^[A-Z0-9]+$/.test(v) &&
      r(
        'cost-type-invalid-characters',
        'Cost type may contain only uppercase letters and digits.',
        opts,
        'costType',
      ),
  ]);
}

/** The two character sets of Spectrum keys, with the sentence that explains each. */
const CODE_CHARSETS = {
  upper: {
    pattern: /^[A-Z0-9]+$/,
    explains: 'may contain only uppercase letters and digits (no spaces, commas or symbols).',
  },
  number: {
    pattern: /^[A-Z0-9][A-Z0-9-]*$/,
    explains: 'may contain only uppercase letters, digits and dashes, starting with a letter or digit.',
  },
} as const;

/** A required key: present, at most `max` characters, within its character set. */
function validateKey(
  charset: keyof typeof CODE_CHARSETS,
  value: string | null | undefined,
  max: number,
  prefix: string,
  label: string,
  opts: Opts,
  field: string,
): Check {
  const req = required(value, prefix, label, opts, field);
  if (req) return checkFrom([req]);
  const v = value ?? '';
  const { pattern, explains } = CODE_CHARSETS[charset];
  return checkFrom([
    tooLong(v, max, prefix, label, opts, field),
    !pattern.test(v) && r(`${prefix}-invalid-characters`, `${label} ${explains}`, opts, field),
  ]);
}

/** Vendor code: at most 10 uppercase letters or digits, no symbols. */
export function validateVendorCode(value: string | null | undefined, opts: Opts = {}): Check {
  return validateKey(
    'upper',
    value,
    SPECTRUM_LIMITS.vendorCode,
    'vendor-code',
    'Vendor code',
    opts,
    'vendorCode',
  );
}

/** Customer code: at most 10 uppercase letters or digits, no symbols. */
export function validateCustomerCode(value: string | null | undefined, opts: Opts = {}): Check {
  return validateKey(
    'upper',
    value,
    SPECTRUM_LIMITS.customerCode,
    'customer-code',
    'Customer code',
    opts,
    'customerCode',
  );
}

/** Subcontract number: at most 10 characters, unique per vendor. */
export function validateSubcontractNumber(value: string | null | undefined, opts: Opts = {}): Check {
  return validateKey(
    'number',
    value,
    SPECTRUM_LIMITS.subcontractNumber,
    'subcontract-number',
    'Subcontract number',
    opts,
    'subcontractNumber',
  );
}

/** Change request number: at most 8 characters. */
export function validateChangeRequestNumber(value: string | null | undefined, opts: Opts = {}): Check {
  return validateKey(
    'number',
    value,
    SPECTRUM_LIMITS.changeRequestNumber,
    'change-request-number',
    'Change request number',
    opts,
    'changeRequestNumber',
  );
}

/** Change order number: at most 8 characters. */
export function validateChangeOrderNumber(value: string | null | undefined, opts: Opts = {}): Check {
  return validateKey(
    'number',
    value,
    SPECTRUM_LIMITS.changeOrderNumber,
    'change-order-number',
    'Change order number',
    opts,
    'changeOrderNumber',
  );
}

/** Free text with a column size; `code` is the reason prefix (`job-description` → `job-description-too-long`). */
export function validateText(
  value: string | null | undefined,
  max: number,
  code: string,
  label: string,
  opts: Opts & { required?: boolean } = {},
): Check {
  if (opts.required) {
    const req = required(value, code, label, opts, code);
    if (req) return checkFrom([req]);
  }
  return checkFrom([tooLong((value ?? '').trim(), max, code, label, opts, code)]);
}

/** Phone: digits only after normalizing, at most 14. */
export function validatePhone(value: string | null | undefined, opts: Opts = {}): Check {
  const digits = (value ?? '').replace(/\D/g, '');
  return checkFrom([
    digits.length > SPECTRUM_LIMITS.phone &&
      r(
        'phone-too-long',
        `Phone number has ${digits.length} digits; Spectrum allows at most ${SPECTRUM_LIMITS.phone}.`,
        opts,
        'phone',
      ),
  ]);
}

/** A date the product will send: must be a real ISO date (it is written `MM/DD/YYYY` on the wire). */
export function validateDate(
  value: string | null | undefined,
  opts: Opts & { required?: boolean } = {},
): Check {
  if (value === null || value === undefined || value === '') {
    return checkFrom([opts.required && r('date-required', 'Date is required.', opts, 'date')]);
  }
  return checkFrom([
    !isIsoDate(value) && r('date-invalid', `${value} is not a real date (YYYY-MM-DD).`, opts, 'date'),
  ]);
}

/** An amount in cents that must fit a Spectrum numeric format (default `-10.2`). */
export function validateAmount(cents: number, opts: Opts & { format?: string } = {}): Check {
  const format = opts.format ?? SPECTRUM_NUMERIC_FORMATS.amount;
  if (!Number.isSafeInteger(cents)) {
    return checkFrom([
      r('amount-not-whole-cents', 'Amount must be a whole number of cents.', opts, 'amount'),
    ]);
  }
  return checkFrom([
    !amountFitsFormat(cents, format) &&
      r('amount-out-of-range', `Amount does not fit Spectrum's numeric format ${format}.`, opts, 'amount'),
  ]);
}
