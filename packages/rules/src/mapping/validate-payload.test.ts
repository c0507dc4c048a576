import { describe, expect, it } from 'vitest';
import { codesOf } from '../core/result.js';
import { blankPayload, SPECTRUM_WRITE_SERVICES } from './payload-fields.js';
import { fieldCodeStem, validatePayload } from './validate-payload.js';

function vendor(overrides: Record<string, string> = {}) {
  return {
    ...blankPayload('AddVendor'),
    Company_Code: 'ABC',
    Vendor_Code: 'ACMEDRY',
    Vendor_Name: 'Acme Drywall',
    Alpha_Sort: 'ACMEDR',
    Terms_Code: 'A',
    Terms_Days: '30',
    Terms_Disc_Code: 'A',
    ...overrides,
  };
}

describe('validatePayload', () => {
  it('names reason codes after the wire field', () => {
    expect(fieldCodeStem('Job_Number')).toBe('job-number');
    expect(fieldCodeStem('CR_Billing_Item_Code')).toBe('cr-billing-item-code');
  });

  it('VEN-2: accepts a well-formed AddVendor payload with blanks for "leave unchanged"', () => {
    expect(validatePayload('AddVendor', vendor())).toEqual({ ok: true });
  });

  it('reports every field problem at once, with the wire field name', () => {
    const check = validatePayload(
      'AddVendor',
      vendor({
        Company_Code: '',
        Vendor_Code: 'Acme Dry,Wall',
        Vendor_Name: 'A'.repeat(31),
        Terms_Code: 'Z',
        Terms_Days: '3O',
        Phone: '813-555-0142',
        Fax_Phone: '123456789012345',
        Address_1: 'Line\u0007one',
        State: 'Florida',
        Contact_Name: ' padded',
      }),
    );
    expect(codesOf(check)).toEqual([
      'company-code-required',
      'vendor-code-too-long',
      'vendor-code-invalid-characters',
      'vendor-name-too-long',
      'terms-code-invalid',
      'terms-days-invalid-characters',
      'address-1-invalid-characters',
      'state-too-long',
      'state-invalid-characters',
      'phone-invalid-characters',
      'fax-phone-too-long',
      'contact-name-untrimmed',
    ]);
    expect(check.ok ? [] : check.reasons.map((r) => r.field)).toContain('Vendor_Code');
    expect(check.ok ? [] : new Set(check.reasons.map((r) => r.rule))).toEqual(new Set(['SDX-FORMAT']));
  });

  it('checks dates, amounts and percentages in their wire forms', () => {
    const header = {
      ...blankPayload('UpdateSubcontract'),
      Company_Code: 'ABC',
      Vendor_Code: 'ACMEDRY',
      Subcontract_Number: 'SC-042',
      Job_Number: '25-101',
      GL_Account: '5000-100',
      Date_Issued: '2026-04-15',
      Retention_Percent: '110',
    };
    expect(codesOf(validatePayload('UpdateSubcontract', header))).toEqual([
      'date-issued-invalid-date',
      'retention-percent-invalid',
    ]);
    expect(
      validatePayload('UpdateSubcontract', {
        ...header,
        Date_Issued: '04/15/2026',
        Retention_Percent: '7.5',
      }),
    ).toEqual({
      ok: true,
    });
    const line = {
      ...blankPayload('UpdateSubcontractPhases'),
      Company_Code: 'ABC',
      Vendor_Code: 'ACMEDRY',
      Subcontract_Number: 'SC-042',
      Phase_Code: '09-2900',
      Cost_Type: 's',
      Original_Contract_Amount: '1,234.00',
    };
    expect(codesOf(validatePayload('UpdateSubcontractPhases', line))).toEqual([
      'phase-code-invalid-characters',
      'cost-type-invalid-characters',
      'original-contract-amount-invalid-amount',
    ]);
    expect(
      codesOf(
        validatePayload('UpdateSubcontractPhases', {
          ...line,
          Phase_Code: '092900',
          Cost_Type: 'S',
          Original_Contract_Amount: '1000000000.00',
        }),
      ),
    ).toEqual(['original-contract-amount-out-of-range']);
    expect(
      validatePayload('UpdateSubcontractPhases', {
        ...line,
        Phase_Code: '092900',
        Cost_Type: 'S',
        Original_Contract_Amount: '-999999999.99',
      }),
    ).toEqual({ ok: true });
  });

  it('reports missing, unknown and non-text fields', () => {
    const { Vendor_Name: _drop, ...withoutName } = vendor();
    expect(
      codesOf(validatePayload('AddVendor', { ...withoutName, Customer_Code: 'X', Terms_Days: 30 })),
    ).toEqual(['payload-missing-field', 'terms-days-not-text', 'payload-unknown-field']);
  });

  it('CCO-2: checks the rules between the fields of a change request line', () => {
    const base = {
      ...blankPayload('ARChangeRequest'),
      Company_Code: 'ABC',
      Job_Number: '25-101',
      Customer_Code: 'OWNER01',
      Change_Request_Number: '003',
    };
    expect(
      codesOf(
        validatePayload('ARChangeRequest', {
          ...base,
          CR_Phase_Code: '092900',
          Subcontract_Number: 'SC-042',
          Sub_Status: 'E',
          CR_Revenue: '10.00',
        }),
      ),
    ).toEqual([
      'cr-cost-type-required',
      'subcontractor-code-required',
      'sub-change-order-number-required',
      'cr-billing-item-code-required',
    ]);
    expect(codesOf(validatePayload('ARChangeRequest', { ...base, CR_Cost_Type: 'S' }))).toEqual([
      'cr-phase-code-required',
    ]);
  });

  it('knows every service it maps to, and a blank payload lacks only the required fields', () => {
    expect(SPECTRUM_WRITE_SERVICES).toEqual([
      'AddJob',
      'AddVendor',
      'UpdateSubcontract',
      'UpdateSubcontractPhases',
      'ARChangeRequest',
      'AddPhase',
      'JobCostProjections',
    ]);
    for (const service of SPECTRUM_WRITE_SERVICES) {
      const codes = codesOf(validatePayload(service, blankPayload(service)));
      expect(codes.every((c) => c.endsWith('-required'))).toBe(true);
    }
  });
});
