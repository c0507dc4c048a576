import { describe, expect, it } from 'vitest';
import { codesOf, reasonsOf } from '../core/result.js';
import { company } from '../test-support/fixtures.js';
import {
  checkCompanyExport,
  checkVendorImport,
  checkVendorLink,
  checkVendorTypeFilterChange,
  lockedVendorTypes,
  vendorPassesTypeFilter,
  vendorUpdatesForCompany,
} from './vendors.js';

describe('companies and vendors', () => {
  it('VEN-2: an unlinked company with a name that fits can be exported as a new vendor', () => {
    expect(checkCompanyExport(company({ vendorCode: null })).ok).toBe(true);
  });

  it('VEN-2: names over 30 characters, blank names and phones over 14 digits are refused together', () => {
    expect(
      codesOf(
        checkCompanyExport(
          company({
            vendorCode: null,
            name: 'Acme Drywall and Acoustical Ceilings Incorporated',
            phone: '+1 217 555 0100 x 12345',
            fax: '0044 20 7946 0958 99',
          }),
        ),
      ),
    ).toEqual(['company-name-too-long', 'phone-too-long', 'phone-too-long']);
    expect(codesOf(checkCompanyExport(company({ vendorCode: null, name: ' ' })))).toEqual([
      'company-name-required',
    ]);
    expect(codesOf(checkCompanyExport(company({ vendorCode: null, syncState: 'ready_to_export' })))).toEqual([
      'already-awaiting-approval',
    ]);
  });

  it('VEN-5: companies are never exported as AR customers', () => {
    const c = checkCompanyExport(company({ vendorCode: null, isCustomer: true }), { target: 'customer' });
    expect(reasonsOf(c)).toEqual([
      expect.objectContaining({ code: 'customer-export-not-supported', rule: 'VEN-5' }),
    ]);
  });

  it('VEN-6: a company already linked to a vendor is not exported (linking happens from Ready to Import)', () => {
    expect(reasonsOf(checkCompanyExport(company()))).toEqual([
      expect.objectContaining({ code: 'company-already-linked', rule: 'VEN-6' }),
    ]);
  });

  it('VEN-1 PRE-1: an inactive Spectrum vendor is not imported as a company, with the reason', () => {
    const staged = { vendorCode: 'OLDCO', readyToImport: true, linkedCompanyId: null };
    expect(checkVendorImport({ ...staged, status: 'A' }).ok).toBe(true);
    expect(checkVendorImport({ ...staged, status: null }).ok).toBe(true);
    const refused = checkVendorImport({ ...staged, status: 'I' });
    expect(codesOf(refused)).toEqual(['vendor-not-active']);
    expect(reasonsOf(refused)[0]?.message).toMatch(/OLDCO is not active in Spectrum \(status I\)/);
  });

  it('VEN-1 / VEN-6: staged vendors are imported or linked once, only from the Ready to Import list', () => {
    const staged = { vendorCode: 'ACMEDRY', readyToImport: true, linkedCompanyId: null };
    expect(checkVendorImport(staged).ok).toBe(true);
    expect(checkVendorLink(staged, { id: 'c1', vendorCode: null }).ok).toBe(true);
    expect(codesOf(checkVendorImport({ ...staged, readyToImport: false }))).toEqual([
      'vendor-not-ready-to-import',
    ]);
    expect(codesOf(checkVendorImport({ ...staged, readyToImport: false, linkedCompanyId: 'c2' }))).toEqual([
      'vendor-already-linked',
    ]);
    expect(
      codesOf(checkVendorLink({ ...staged, readyToImport: false }, { id: 'c1', vendorCode: null })),
    ).toEqual(['vendor-not-ready-to-import']);
    expect(
      codesOf(checkVendorLink({ ...staged, linkedCompanyId: 'c2' }, { id: 'c1', vendorCode: 'OTHER' })),
    ).toEqual(['vendor-already-linked', 'company-already-linked']);
    // linking the same pair again (a retried request) is not an error
    expect(
      checkVendorLink({ ...staged, linkedCompanyId: 'c1' }, { id: 'c1', vendorCode: 'ACMEDRY' }).ok,
    ).toBe(true);
  });

  it('VEN-7: only vendors whose type passes the filter are staged', () => {
    expect(vendorPassesTypeFilter('SUB', ['SUB', 'SUPPL'])).toBe(true);
    expect(vendorPassesTypeFilter(' sub ', ['SUB'])).toBe(true);
    expect(vendorPassesTypeFilter('EQUIP', ['SUB', 'SUPPL'])).toBe(false);
    expect(vendorPassesTypeFilter(null, ['SUB'])).toBe(false);
    expect(vendorPassesTypeFilter('SUB', [])).toBe(false);
  });

  it('GEN-5: a vendor type with synced data cannot be removed from the filter; others can', () => {
    const input = { current: ['SUB', 'SUPPL', 'SVC'], next: ['SUPPL'], typesWithSyncedData: ['SUB'] };
    const c = checkVendorTypeFilterChange(input);
    expect(reasonsOf(c)).toEqual([
      expect.objectContaining({ code: 'vendor-type-in-use', rule: 'GEN-5', field: 'types' }),
    ]);
    expect(reasonsOf(c)[0]?.message).toContain('SUB');
    expect(checkVendorTypeFilterChange({ ...input, next: ['SUB', 'EQUIP'] }).ok).toBe(true);
    expect(
      codesOf(checkVendorTypeFilterChange({ current: [], next: ['SUBCONTR', ''], typesWithSyncedData: [] })),
    ).toEqual(['vendor-type-invalid', 'vendor-type-invalid']);
    expect(lockedVendorTypes(['SUB', 'SVC'], ['sub'])).toEqual(['SUB']);
  });

  it('VEN-3: with auto_update, Spectrum name, address, phone and fax changes update the linked company', () => {
    const c = company({ phone: '(217) 555-0100', fax: null, address2: null });
    const vendor = {
      name: 'Acme Drywall & Paint',
      address1: '12 Main St',
      address2: null,
      city: 'Springfield',
      state: 'IL',
      zip: '62702',
      phone: '2175550100',
      fax: '2175550199',
    };
    expect(vendorUpdatesForCompany(c, vendor, { vendors: 'auto_update' })).toEqual({
      name: 'Acme Drywall & Paint',
      zip: '62702',
      fax: '2175550199',
    });
  });

  it('VEN-3: with do_not_update nothing changes, and unchanged vendors produce no update', () => {
    const c = company();
    const same = {
      name: c.name,
      address1: c.address1,
      city: c.city,
      state: c.state,
      zip: c.zip,
      phone: c.phone,
    };
    expect(vendorUpdatesForCompany(c, { ...same, name: 'Renamed' }, { vendors: 'do_not_update' })).toEqual(
      {},
    );
    expect(vendorUpdatesForCompany(c, same, { vendors: 'auto_update' })).toEqual({});
    expect(vendorUpdatesForCompany(c, { ...same, city: '' }, { vendors: 'auto_update' })).toEqual({
      city: null,
    });
  });
});

describe('vendor type filter against Spectrum', () => {
  it('GEN-6: a type added to the filter must be one of the types seen in Spectrum; kept ones and unknown lists pass', () => {
    const base = { current: ['SUB', 'OLD'], typesWithSyncedData: [] };
    const check = checkVendorTypeFilterChange({
      ...base,
      next: ['SUB', 'OLD', 'subb'],
      knownTypes: ['SUB', 'EQP'],
    });
    expect(codesOf(check)).toEqual(['vendor-type-not-in-spectrum']);
    expect(reasonsOf(check)[0]).toMatchObject({ rule: 'GEN-6', field: 'types[2]' });
    expect(
      checkVendorTypeFilterChange({ ...base, next: ['SUB', 'EQP'], knownTypes: ['SUB', 'EQP'] }).ok,
    ).toBe(true);
    expect(checkVendorTypeFilterChange({ ...base, next: ['ANY'], knownTypes: [] }).ok).toBe(true);
  });
});
