import { describe, expect, it } from 'vitest';
import { alphaSortFromName, mapCompanyToAddVendor, NEW_VENDOR_TERMS } from './map-company-to-add-vendor.js';
import { mapProjectToAddJob } from './map-project-to-add-job.js';
import { company, project, template } from './mapping-fixtures.js';
import { validatePayload } from './validate-payload.js';

describe('mapProjectToAddJob', () => {
  it('JOB-3: takes division, cost center, customer, taxable flag, price method and phase mask from the template job', () => {
    const payload = mapProjectToAddJob(project, template, { companyCode: 'abc', jobNumber: '25-101' });
    expect(payload).toEqual({
      Company_Code: 'ABC',
      Job_Number: '25-101',
      Job_Description: 'Harbor Point Tower Ph 2',
      Division: '10',
      Address_1: '400 Channelside Dr',
      Address_2: '',
      City: 'Tampa',
      State: 'FL',
      Zip_Code: '33602',
      Phone: '8135550100',
      Customer_Code: 'OWNER01',
      Taxable_Flag: 'Y',
      Price_Method_Code: 'F',
      Cost_Center: 'TPA',
      Phase_Display_Code: 'XX-XXXX',
      Status_Code: 'A',
    });
    expect(validatePayload('AddJob', payload)).toEqual({ ok: true });
  });

  it('JOB-2: the description is the project name within 25 characters; no mask leaves the display code blank', () => {
    const payload = mapProjectToAddJob(
      { ...project, name: 'Harbor Point Tower Phase 2 — Retail Podium', phone: null, state: null, zip: null },
      { ...template, taxable: false, priceMethodCode: 'C', phaseMask: undefined },
      { companyCode: 'ABC', jobNumber: '25-102' },
    );
    expect(payload.Job_Description).toBe('Harbor Point Tower Phase');
    expect(payload.Taxable_Flag).toBe('N');
    expect(payload.Price_Method_Code).toBe('C');
    expect(payload.Phase_Display_Code).toBe('');
    expect(payload.Phone).toBe('');
    expect(validatePayload('AddJob', payload)).toEqual({ ok: true });
  });
});

describe('mapCompanyToAddVendor', () => {
  it('VEN-2: maps a directory company to a new vendor with the documented default terms', () => {
    const payload = mapCompanyToAddVendor(company, { companyCode: 'ABC', vendorCode: 'ACMEDRY' });
    expect(payload).toEqual({
      Company_Code: 'ABC',
      Vendor_Code: 'ACMEDRY',
      Vendor_Name: 'The Acme Drywall & Paint Compa',
      Alpha_Sort: 'ACMEDR',
      Terms_Code: 'A',
      Terms_Days: '30',
      Terms_Disc_Code: 'A',
      Type: 'SUB',
      Address_1: '1200 N Harbor Blvd',
      Address_2: 'Suite 4',
      Address_3: 'Tampa',
      State: 'FL',
      Zip_Code: '33602-1234',
      Phone: '8135550142',
      Fax_Phone: '8135550143',
      Contact_Name: 'Maria Delgado-Fitzge',
      Vendor_Email: 'office@acmedrywall.example',
    });
    expect(NEW_VENDOR_TERMS).toEqual({ Terms_Code: 'A', Terms_Days: '30', Terms_Disc_Code: 'A' });
    expect(validatePayload('AddVendor', payload)).toEqual({ ok: true });
  });

  it('VEN-5: a company marked as customer is still exported as a vendor only, with no customer field', () => {
    const payload = mapCompanyToAddVendor(company, { companyCode: 'ABC', vendorCode: 'ACMEDRY' });
    expect(Object.keys(payload).filter((k) => /customer/i.test(k))).toEqual([]);
  });

  it('VEN-2: derives a 6-character alpha sort from the significant words of the name', () => {
    expect(alphaSortFromName('The Acme Drywall, Inc.', 'X')).toBe('ACMEDR');
    expect(alphaSortFromName('3M', 'THREEM')).toBe('3M');
    expect(alphaSortFromName('***', 'acme-dry')).toBe('ACMEDR');
    const payload = mapCompanyToAddVendor(
      { id: 'c-9', name: 'B&B', vendorCode: null },
      { companyCode: 'ABC', vendorCode: 'BANDB' },
    );
    expect(payload.Alpha_Sort).toBe('BANDB');
    expect(payload.Address_3).toBe('');
    expect(validatePayload('AddVendor', payload)).toEqual({ ok: true });
  });
});
