import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Company } from '../domain/types.js';
import { MatchCandidates, suggestVendorMatches, type VendorToMatch } from './suggest-vendor-matches.js';

function company(id: string, name: string, more: Partial<Company> = {}): Company {
  return { id, name, vendorCode: null, ...more };
}

const acmeVendor: VendorToMatch = {
  name: 'ACME DRYWALL',
  address1: '1200 N Harbor Blvd',
  city: 'Tampa',
  state: 'FL',
  zip: '33602-1234',
  phone: '8135550142',
  fax: null,
};

const directory: Company[] = [
  company('c-1', 'Acme Drywall, Inc.', {
    address1: '1200 North Harbor Boulevard',
    city: 'TAMPA',
    state: 'fl',
    zip: '33602',
    phone: '+1 (813) 555-0142',
  }),
  company('c-2', 'Acme Drywall Supply Co.', { phone: '813.555.9999', zip: '33602' }),
  company('c-3', 'Baker Concrete LLC', { phone: '(813) 555-0142' }),
  company('c-4', 'Acme Drywall', { vendorCode: 'ACMEDRY' }),
  company('c-5', 'Gulf Coast Electric', { zip: '33602', city: 'Tampa', state: 'FL' }),
];

describe('suggestVendorMatches', () => {
  it('VEN-1: ranks the same company first, with name, phone and address reasons', () => {
    const matches = suggestVendorMatches(acmeVendor, directory);
    expect(matches.map((m) => m.companyId)).toEqual(['c-1', 'c-2']);
    expect(matches[0]).toEqual({
      companyId: 'c-1',
      companyName: 'Acme Drywall, Inc.',
      score: 1,
      reasons: ['name', 'phone', 'address', 'zip', 'city'],
      breakdown: { name: 1, phone: 1, address: 1 },
    });
    // a different company with a similar name: suggested, but well below the real one and without the name reason
    expect(matches[1]?.reasons).toEqual(['zip']);
    expect(matches[1]?.score).toBeLessThan(0.7);
  });

  it('VEN-1: matches phones written differently on their last 10 digits, also against the fax', () => {
    const matches = suggestVendorMatches({ name: 'Baker Concrete', phone: '1-813-555-0142' }, directory, {
      minScore: 0,
    });
    const baker = matches.find((m) => m.companyId === 'c-3');
    expect(baker?.reasons).toEqual(['name', 'phone']);
    expect(baker?.score).toBe(0.8);
    const byFax = suggestVendorMatches({ name: 'Baker Concrete', fax: '813 555 0142' }, directory);
    expect(byFax[0]?.reasons).toEqual(['name', 'phone']);
    // short numbers (extensions, partial entries) never count
    const short = suggestVendorMatches(
      { name: 'Nobody', phone: '0142' },
      [company('x', 'Other', { phone: '0142' })],
      {
        minScore: 0,
      },
    );
    expect(short[0]?.breakdown.phone).toBe(0);
  });

  it('VEN-6: leaves out companies already linked to a vendor', () => {
    const matches = suggestVendorMatches({ name: 'Acme Drywall' }, directory, { minScore: 0 });
    expect(matches.map((m) => m.companyId)).not.toContain('c-4');
  });

  it('VEN-1: drops scores under minScore and keeps at most limit', () => {
    expect(suggestVendorMatches({ name: 'Zzyzx Holdings' }, directory)).toEqual([]);
    expect(suggestVendorMatches(acmeVendor, directory, { limit: 1 }).map((m) => m.companyId)).toEqual([
      'c-1',
    ]);
    expect(suggestVendorMatches(acmeVendor, directory, { limit: 0 })).toEqual([]);
  });

  it('VEN-1: breaks ties by name, then by id, whatever the input order', () => {
    const twins = [
      company('b', 'Summit Glass'),
      company('a', 'Summit Glass'),
      company('z', 'Summit Glass, Inc.'),
      company('m', 'SUMMIT GLASS LLC'),
    ];
    // equal scores: case-insensitive name order first ("Summit Glass" < "SUMMIT GLASS LLC" < "Summit Glass, Inc."), then id
    const expected = ['a', 'b', 'm', 'z'];
    expect(suggestVendorMatches({ name: 'Summit Glass' }, twins).map((m) => m.companyId)).toEqual(expected);
    expect(
      suggestVendorMatches({ name: 'Summit Glass' }, [...twins].reverse()).map((m) => m.companyId),
    ).toEqual(expected);
    expect(new Set(suggestVendorMatches({ name: 'Summit Glass' }, twins).map((m) => m.score))).toEqual(
      new Set([0.6]),
    );
  });

  it('VEN-1: a different street number on the same street is no address match', () => {
    const [m] = suggestVendorMatches({ name: 'Acme Drywall', address1: '1300 N Harbor Blvd', zip: '33602' }, [
      company('c', 'Acme Drywall', { address1: '1200 N Harbor Blvd', zip: '33602' }),
    ]);
    expect(m?.reasons).toEqual(['name', 'zip']);
    const [noNumber] = suggestVendorMatches({ name: 'Acme Drywall', address1: 'Harbor Blvd' }, [
      company('c', 'Acme Drywall', { address1: '1200 Harbor Boulevard' }),
    ]);
    expect(noNumber?.breakdown.address).toBe(0.2);
  });

  it('VEN-1, VEN-6: companies prepared once give every vendor of a page the same suggestions as the plain list', () => {
    const prepared = new MatchCandidates(directory);
    // the linked company is left out once, when prepared
    expect(prepared.entries.map((e) => e.company.id)).toEqual(['c-1', 'c-2', 'c-3', 'c-5']);
    const vendors: VendorToMatch[] = [
      acmeVendor,
      { name: 'Baker Concrete', phone: '813-555-0142' },
      { name: 'Gulf Coast Electrical Contractors', city: 'Tampa', state: 'FL', zip: '33602' },
      { name: 'Nobody Alike', address1: '9 Elm St' },
    ];
    for (const v of vendors)
      expect(suggestVendorMatches(v, prepared)).toEqual(suggestVendorMatches(v, directory));
    expect(suggestVendorMatches(vendors[1] as VendorToMatch, prepared)[0]?.companyId).toBe('c-3');
  });

  it('VEN-1: through the index, any directory and vendor get exactly the suggestions of the company-by-company comparison', () => {
    const word = fc.constantFrom(
      'acme',
      'acne',
      'drywall',
      'drywal',
      'and',
      'inc',
      'baker',
      'concrete',
      'gulf',
      'a',
      'É',
    );
    const name = fc.array(word, { maxLength: 5 }).map((w) => w.join(' '));
    const phone = fc.constantFrom(null, '813-555-0142', '8135559999', '555 0100');
    const place = fc.record({
      name,
      phone,
      address1: fc.constantFrom(null, '12 Main St', '12 Main Street', '14 Main St', 'Harbor Blvd'),
      zip: fc.constantFrom(null, '33602', '33602-1234', '10001'),
      city: fc.constantFrom(null, 'Tampa', 'TAMPA', 'Miami'),
      state: fc.constantFrom(null, 'FL', 'fl'),
    });
    fc.assert(
      fc.property(
        fc.array(place, { maxLength: 12 }),
        fc.array(place, { minLength: 1, maxLength: 4 }),
        (dir, vendors) => {
          const companies = dir.map((c, i) => company(`c-${i}`, c.name, c));
          const prepared = new MatchCandidates(companies);
          for (const v of vendors) {
            const options = { limit: 20, minScore: 0.2 };
            expect(suggestVendorMatches(v, prepared, options)).toEqual(
              suggestVendorMatches(v, companies, options),
            );
          }
        },
      ),
      { seed: 20261205, numRuns: 300 },
    );
  });
});
