import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { codesOf } from '../core/result.js';
import {
  amountFitsFormat,
  applyPhaseMask,
  assertCents,
  cleanText,
  fitsNumericFormat,
  fitText,
  formatDecimalAmount,
  formatSpectrumAmount,
  formatSpectrumDate,
  isIsoDate,
  isSpectrumDate,
  isUpperAlnumCode,
  normalizePhone,
  parseSpectrumAmount,
  parseSpectrumDate,
  SPECTRUM_LIMITS,
  stripPhaseDashes,
  sumCents,
  toVendorCode,
  validateAmount,
  validateChangeOrderNumber,
  validateChangeRequestNumber,
  validateCostType,
  validateCustomerCode,
  validateDate,
  validateJobNumber,
  validatePhaseCode,
  validatePhone,
  validateSubcontractNumber,
  validateText,
  validateVendorCode,
} from './index.js';

describe('Spectrum dates (MM/DD/YYYY on the wire)', () => {
  it('formats and parses real dates both ways', () => {
    expect(formatSpectrumDate('2025-01-14')).toBe('01/14/2025');
    expect(formatSpectrumDate('2024-02-29T10:00:00Z')).toBe('02/29/2024');
    expect(parseSpectrumDate('01/14/2025')).toBe('2025-01-14');
    expect(parseSpectrumDate('  ')).toBeNull();
    expect(isSpectrumDate('12/31/1999')).toBe(true);
  });

  it('refuses impossible dates and other layouts', () => {
    expect(() => formatSpectrumDate('2025-02-29')).toThrow(RangeError);
    expect(() => formatSpectrumDate('14/01/2025')).toThrow(RangeError);
    expect(() => parseSpectrumDate('2025-01-14')).toThrow(RangeError);
    expect(() => parseSpectrumDate('02/30/2024')).toThrow(RangeError);
    expect(isSpectrumDate('1/4/2025')).toBe(false);
    expect(isSpectrumDate('13/01/2025')).toBe(false);
    expect(isIsoDate('2100-02-29')).toBe(false);
    expect(isIsoDate('2000-02-29')).toBe(true);
    expect(isIsoDate('1899-12-31')).toBe(false);
  });

  it('round-trips every real date (property)', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1900-01-01'), max: new Date('2999-12-31'), noInvalidDate: true }),
        (d) => {
          const iso = d.toISOString().slice(0, 10);
          expect(parseSpectrumDate(formatSpectrumDate(iso))).toBe(iso);
        },
      ),
    );
  });
});

describe('Spectrum amounts (integer cents inside, .00 on the wire)', () => {
  it('writes amounts as Spectrum does: no leading zero, two decimals', () => {
    expect(formatSpectrumAmount(0)).toBe('.00');
    expect(formatSpectrumAmount(50)).toBe('.50');
    expect(formatSpectrumAmount(85951)).toBe('859.51');
    expect(formatSpectrumAmount(3341117)).toBe('33411.17');
    expect(formatSpectrumAmount(-1020)).toBe('-10.20');
    expect(formatSpectrumAmount(-5)).toBe('-.05');
    expect(formatDecimalAmount(0)).toBe('0.00');
    expect(formatDecimalAmount(-123456)).toBe('-1234.56');
  });

  it('parses without floats and refuses what is not an amount', () => {
    expect(parseSpectrumAmount('.00')).toBe(0);
    expect(parseSpectrumAmount('859.51')).toBe(85951);
    expect(parseSpectrumAmount('-10.2')).toBe(-1020);
    expect(parseSpectrumAmount('1234')).toBe(123400);
    expect(parseSpectrumAmount('-0')).toBe(0);
    expect(parseSpectrumAmount(' ')).toBeNull();
    expect(parseSpectrumAmount('0.1')).toBe(10);
    for (const bad of ['1,234.00', '1.234', 'abc', '.', '-', '1e5', '99999999999999999999']) {
      expect(() => parseSpectrumAmount(bad), bad).toThrow(RangeError);
    }
  });

  it('round-trips every whole-cent amount (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: -99_999_999_999_99, max: 99_999_999_999_99 }), (cents) => {
        expect(parseSpectrumAmount(formatSpectrumAmount(cents))).toBe(cents);
      }),
    );
  });

  it('checks numeric formats like -10.2', () => {
    expect(fitsNumericFormat('-9999999999.99', '-10.2')).toBe(true);
    expect(fitsNumericFormat('99999999999.00', '-10.2')).toBe(false);
    expect(fitsNumericFormat('1.234', '-10.2')).toBe(false);
    expect(fitsNumericFormat('-1.00', '10.2')).toBe(false);
    expect(fitsNumericFormat('.5', '3.2')).toBe(true);
    expect(fitsNumericFormat('0001.00', '1.2')).toBe(true);
    expect(fitsNumericFormat('', '3.2')).toBe(false);
    expect(fitsNumericFormat('x', '3.2')).toBe(false);
    expect(() => fitsNumericFormat('1', 'ten')).toThrow(RangeError);
    expect(amountFitsFormat(100_000_000_000, '-9.2')).toBe(false);
    expect(amountFitsFormat(99_999_999_999, '-10.2')).toBe(true);
  });

  it('refuses money that is not whole cents', () => {
    expect(() => assertCents(10.5)).toThrow(RangeError);
    expect(() => formatSpectrumAmount(0.1 + 0.2)).toThrow(RangeError);
    expect(sumCents([10, 20, -5])).toBe(25);
    expect(() => sumCents([1, 0.5])).toThrow(RangeError);
  });
});

describe('codes, phones and text', () => {
  it('stores phase codes without dashes and shows them through the mask', () => {
    expect(stripPhaseDashes('01-3100')).toBe('013100');
    expect(applyPhaseMask('013100', 'XX-XXXX')).toBe('01-3100');
    expect(applyPhaseMask('01-3100', '99.9999')).toBe('01.3100');
    expect(applyPhaseMask('0131', 'XX-XXXX')).toBe('01-31');
    expect(applyPhaseMask('01310055', 'XX-XXXX')).toBe('01-310055');
    expect(applyPhaseMask('013100', '')).toBe('013100');
  });

  it('normalizes vendor codes, phones and text', () => {
    expect(toVendorCode('Acme Drywall, Inc.')).toBe('ACMEDRYWAL');
    expect(toVendorCode('Électricité Générale', 6)).toBe('ELECTR');
    expect(isUpperAlnumCode('ACME1')).toBe(true);
    expect(isUpperAlnumCode('Acme')).toBe(false);
    expect(normalizePhone('+1 (217) 555-0100')).toBe('12175550100');
    expect(cleanText('  a \n b  ')).toBe('a b');
    expect(fitText('Riverside Medical Office Building Phase 2', 25)).toBe('Riverside Medical Office ');
    expect(SPECTRUM_LIMITS.jobNumber).toBe(10);
  });
});

describe('format validators name the field and the problem', () => {
  it('job numbers', () => {
    expect(validateJobNumber('24-101').ok).toBe(true);
    expect(codesOf(validateJobNumber(''))).toEqual(['job-number-required']);
    expect(codesOf(validateJobNumber('24-101-EXT-99'))).toEqual(['job-number-too-long']);
    expect(codesOf(validateJobNumber('24 101'))).toEqual(['job-number-invalid-characters']);
    const c = validateJobNumber('ABCDEFGHIJK!', { field: 'spectrumId', rule: 'JOB-2' });
    expect(c.ok ? [] : c.reasons.map((r) => [r.code, r.field, r.rule])).toEqual([
      ['job-number-too-long', 'spectrumId', 'JOB-2'],
      ['job-number-invalid-characters', 'spectrumId', 'JOB-2'],
    ]);
  });

  it('phase codes, cost types, vendor and customer codes', () => {
    expect(validatePhaseCode('01-3100').ok).toBe(true);
    expect(codesOf(validatePhaseCode('01-3100-0000-0000-0000-000'))).toEqual(['phase-code-too-long']);
    expect(codesOf(validatePhaseCode('01/31'))).toEqual(['phase-code-invalid-characters']);
    expect(codesOf(validatePhaseCode(null))).toEqual(['phase-code-required']);
    expect(validateCostType('SUB').ok).toBe(true);
    expect(codesOf(validateCostType('SUBC'))).toEqual(['cost-type-too-long']);
    expect(codesOf(validateCostType('s'))).toEqual(['cost-type-invalid-characters']);
    expect(codesOf(validateCostType(''))).toEqual(['cost-type-required']);
    expect(validateVendorCode('ACMEDRY').ok).toBe(true);
    expect(codesOf(validateVendorCode('Acme Drywall'))).toEqual([
      'vendor-code-too-long',
      'vendor-code-invalid-characters',
    ]);
    expect(codesOf(validateCustomerCode('OWNER,1'))).toEqual(['customer-code-invalid-characters']);
    expect(codesOf(validateCustomerCode(undefined))).toEqual(['customer-code-required']);
  });

  it('subcontract, change request and change order numbers', () => {
    expect(validateSubcontractNumber('SC-0001').ok).toBe(true);
    expect(codesOf(validateSubcontractNumber('SC-00000001'))).toEqual(['subcontract-number-too-long']);
    expect(codesOf(validateSubcontractNumber('-SC1'))).toEqual(['subcontract-number-invalid-characters']);
    expect(validateChangeRequestNumber('001-002').ok).toBe(true);
    expect(codesOf(validateChangeRequestNumber('CR-000001'))).toEqual(['change-request-number-too-long']);
    expect(codesOf(validateChangeOrderNumber('co 1'))).toEqual(['change-order-number-invalid-characters']);
    expect(codesOf(validateChangeOrderNumber(''))).toEqual(['change-order-number-required']);
  });

  it('text, phones, dates and amounts', () => {
    expect(codesOf(validateText('x'.repeat(26), 25, 'job-description', 'Job description'))).toEqual([
      'job-description-too-long',
    ]);
    expect(codesOf(validateText('', 25, 'job-description', 'Job description', { required: true }))).toEqual([
      'job-description-required',
    ]);
    expect(validateText(null, 25, 'job-description', 'Job description').ok).toBe(true);
    expect(validatePhone('(217) 555-0100').ok).toBe(true);
    expect(codesOf(validatePhone('+44 20 7946 0958 ext 1234'))).toEqual(['phone-too-long']);
    expect(validateDate('2025-01-14').ok).toBe(true);
    expect(validateDate(null).ok).toBe(true);
    expect(codesOf(validateDate('', { required: true }))).toEqual(['date-required']);
    expect(codesOf(validateDate('2025-13-01'))).toEqual(['date-invalid']);
    expect(validateAmount(-1020).ok).toBe(true);
    expect(codesOf(validateAmount(1.5))).toEqual(['amount-not-whole-cents']);
    expect(codesOf(validateAmount(100_000_000_000, { format: '-9.2' }))).toEqual(['amount-out-of-range']);
  });
});
