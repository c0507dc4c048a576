import { describe, expect, it } from 'vitest';
import { isPutServiceName, PUT_METHOD, putInputFromWire } from './put-input-from-wire.js';
import { PUT_SERVICES } from './put-services.js';

describe('putInputFromWire', () => {
  it('turns a subcontract line wire payload into the client input (money as cents, blanks left out)', () => {
    const input = putInputFromWire('UpdateSubcontractPhases', {
      Company_Code: 'ABC',
      Vendor_Code: 'ACMEEL',
      Subcontract_Number: 'S0001',
      Phase_Code: '033000',
      Cost_Type: 'S',
      Bid_Item_Number: '',
      Bill_Description: 'Concrete',
      Original_Contract_Amount: '12500.55',
      Retention_Flag: '',
    });
    expect(input).toEqual({
      vendorCode: 'ACMEEL',
      subcontractNumber: 'S0001',
      phaseCode: '033000',
      costType: 'S',
      billDescription: 'Concrete',
      originalContractCents: 1_250_055,
    });
  });

  it('reads dates, flags, integers and decimals for their kinds', () => {
    expect(
      putInputFromWire('AddVendor', {
        Vendor_Code: 'NEWCO',
        Vendor_Name: 'New Co',
        Alpha_Sort: 'NEWCO',
        Terms_Code: 'A',
        Terms_Days: '30',
        Terms_Disc_Code: 'A',
        Address_3: 'Denver',
        Hold_Flag: 'N',
      }),
    ).toEqual({
      vendorCode: 'NEWCO',
      vendorName: 'New Co',
      alphaSort: 'NEWCO',
      termsCode: 'A',
      termsDays: 30,
      termsDiscCode: 'A',
      city: 'Denver',
      hold: false,
    });
    expect(
      putInputFromWire('UpdateSubcontract', {
        Vendor_Code: 'V',
        Subcontract_Number: 'S1',
        Date_Issued: '03/02/2026',
        Retention_Percent: '10.5',
      }),
    ).toEqual({
      vendorCode: 'V',
      subcontractNumber: 'S1',
      dateIssued: '2026-03-02',
      retentionPercent: '10.5',
    });
  });

  it('ignores blank fields the client does not send and refuses non-blank ones', () => {
    expect(
      putInputFromWire('AddPhase', { Job_Number: '24-101', Phase_Code: '01', Cost_Type: 'L', Extra: '' }),
    ).toEqual({ jobNumber: '24-101', phaseCode: '01', costType: 'L' });
    expect(() => putInputFromWire('AddPhase', { Job_Number: '24-101', Extra: 'x' })).toThrow(
      /does not send Extra/,
    );
  });

  it('refuses values that cannot be read for their kind', () => {
    expect(() => putInputFromWire('AddPhase', { Original_Est_Cost: '12.345' })).toThrow(TypeError);
    expect(() => putInputFromWire('UpdateSubcontract', { Date_Issued: '2026-03-02' })).toThrow(/Date_Issued/);
    expect(() => putInputFromWire('AddVendor', { Terms_Days: '3x' })).toThrow(/Terms_Days/);
    expect(() => putInputFromWire('AddJob', { Taxable_Flag: 'maybe' })).toThrow(/Taxable_Flag/);
  });

  it('names a client method for every Put service', () => {
    for (const d of PUT_SERVICES) {
      expect(isPutServiceName(d.name)).toBe(true);
      expect(PUT_METHOD[d.name]).toMatch(/^[a-z]/);
    }
    expect(isPutServiceName('DeleteJob')).toBe(false);
  });
});
