import { describe, expect, it } from 'vitest';
import { mapCommitmentToSubcontract } from './map-commitment-to-subcontract.js';
import { commitment, company } from './mapping-fixtures.js';
import { validatePayload } from './validate-payload.js';

const options = {
  companyCode: 'ABC',
  jobNumber: '25-101',
  vendorCode: 'ACMEDRY',
  subcontractNumber: 'SC-042',
  glAccount: '5000',
};

describe('mapCommitmentToSubcontract', () => {
  it('COM-2: maps the header with the shared cost type and the contract type', () => {
    const { header } = mapCommitmentToSubcontract(commitment, company, options);
    expect(header).toEqual({
      Company_Code: 'ABC',
      Vendor_Code: 'ACMEDRY',
      Subcontract_Number: 'SC-042',
      Job_Number: '25-101',
      GL_Account: '5000',
      Default_Phase_Code: '',
      Default_Cost_Type: 'S',
      Status_Code: 'A',
      Contract_Type: 'SUBCONTRACT',
      Date_Issued: '04/15/2026',
      Contact_Person: 'Maria Delgado-Fitzge',
      Comment: 'Drywall and paint, levels 1-12',
      Retention_Percent: '10',
    });
    expect(validatePayload('UpdateSubcontract', header)).toEqual({ ok: true });
  });

  it('COM-2: one line per phase + cost type, dashes removed, same pair summed, amounts in -9.2, descriptions ≤ 25', () => {
    const { lines } = mapCommitmentToSubcontract(commitment, company, options);
    expect(lines).toEqual([
      {
        Company_Code: 'ABC',
        Vendor_Code: 'ACMEDRY',
        Subcontract_Number: 'SC-042',
        Phase_Code: '092900',
        Cost_Type: 'S',
        Bid_Item_Number: '',
        Bill_Description: 'Gypsum board assemblies,',
        Original_Contract_Amount: '460000.25',
      },
      {
        Company_Code: 'ABC',
        Vendor_Code: 'ACMEDRY',
        Subcontract_Number: 'SC-042',
        Phase_Code: '099100',
        Cost_Type: 'S',
        Bid_Item_Number: '',
        Bill_Description: 'Painting',
        Original_Contract_Amount: '125000.50',
      },
    ]);
    for (const line of lines) expect(validatePayload('UpdateSubcontractPhases', line)).toEqual({ ok: true });
  });

  it('LIM-4: a purchase order becomes a subcontract whose contract type says so', () => {
    const { header } = mapCommitmentToSubcontract(
      { ...commitment, kind: 'purchase_order' },
      company,
      options,
    );
    expect(header.Contract_Type).toBe('PURCHASE ORDER');
    expect(validatePayload('UpdateSubcontract', header)).toEqual({ ok: true });
  });

  it('COM-6: no tax code is sent anywhere (LIM-8)', () => {
    const payloads = mapCommitmentToSubcontract(commitment, company, options);
    const wire = JSON.stringify(payloads);
    expect(wire).not.toContain('TX-FL');
    expect(wire.toLowerCase()).not.toContain('tax');
  });

  it('COM-1: refuses (as a programming error) a commitment with mixed or no cost types', () => {
    const mixed = {
      ...commitment,
      lines: [...commitment.lines, { costCode: '01-3100', costType: 'L', amount: 1 }],
    };
    expect(() => mapCommitmentToSubcontract(mixed, company, options)).toThrow(/exactly one cost type/);
    expect(() => mapCommitmentToSubcontract({ ...commitment, lines: [] }, company, options)).toThrow(
      /found 0/,
    );
  });

  it('uses the commitment title for a line without description and blanks what is unknown', () => {
    const { header, lines } = mapCommitmentToSubcontract(
      {
        ...commitment,
        contractDate: null,
        retentionPercent: null,
        lines: [{ costCode: '09 2900', costType: 's', amount: 0 }],
      },
      { ...company, contactName: null },
      options,
    );
    expect(lines[0]?.Bill_Description).toBe('Drywall and paint, levels');
    expect(lines[0]?.Original_Contract_Amount).toBe('.00');
    expect(lines[0]?.Phase_Code).toBe('092900');
    expect(header.Date_Issued).toBe('');
    expect(header.Retention_Percent).toBe('');
    expect(validatePayload('UpdateSubcontract', header)).toEqual({ ok: true });
  });
});
