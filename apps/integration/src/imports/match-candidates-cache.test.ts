import { suggestVendorMatches } from '@bridge/rules';
import { describe, expect, it } from 'vitest';
import type { CompanyRecord } from '../companies/companies.repository.js';
import { MatchCandidatesCache } from './match-candidates-cache.js';

const company = (id: string, name: string, updatedAt = '2026-12-01T00:00:00Z'): CompanyRecord => ({
  id,
  name,
  address1: '12 Main St',
  address2: null,
  city: 'Springfield',
  state: 'IL',
  zip: '62701',
  phone: null,
  fax: null,
  email: null,
  contactName: null,
  vendorType: null,
  isCustomer: false,
  createdAt: new Date('2026-01-01T00:00:00Z'),
  updatedAt: new Date(updatedAt),
});

const vendor = {
  name: 'Acme Drywall Inc',
  address1: '12 Main St',
  zip: '62701',
  city: 'Springfield',
  state: 'IL',
};
const best = (c: ReturnType<MatchCandidatesCache['for']>) => suggestVendorMatches(vendor, c)[0]?.companyName;

describe('VEN-1: the companies of "link to existing" are prepared again whenever what was read differs', () => {
  it('VEN-1: the same companies read again (new objects, equal fields) reuse the preparation', () => {
    const cache = new MatchCandidatesCache();
    const first = cache.for([company('c1', 'Acme Drywall'), company('c2', 'Bayside Plumbing')]);
    expect(cache.for([company('c1', 'Acme Drywall'), company('c2', 'Bayside Plumbing')])).toBe(first);
    expect(best(first)).toBe('Acme Drywall');
  });

  it('VEN-1: a renamed, added, removed, reordered or otherwise changed company makes a new preparation that sees it', () => {
    const cache = new MatchCandidatesCache();
    const before = cache.for([company('c1', 'Acme Drywall'), company('c2', 'Bayside Plumbing')]);
    // renamed: the suggestion follows the new names at once
    const renamed = cache.for([company('c1', 'Coastal Electric'), company('c2', 'Acme Drywall Inc')]);
    expect(renamed).not.toBe(before);
    expect(best(renamed)).toBe('Acme Drywall Inc');
    // only its time of change differs (a field outside the match changed): still a new preparation
    const touched = cache.for([
      company('c1', 'Coastal Electric', '2026-12-02T00:00:00Z'),
      company('c2', 'Acme Drywall Inc'),
    ]);
    expect(touched).not.toBe(renamed);
    const added = cache.for([
      ...[company('c1', 'Coastal Electric', '2026-12-02T00:00:00Z')],
      company('c2', 'Acme Drywall Inc'),
      company('c3', 'Acme'),
    ]);
    expect(added).not.toBe(touched);
    const removed = cache.for([company('c3', 'Acme')]);
    expect(removed).not.toBe(added);
    expect(best(removed)).toBe('Acme');
    const reordered = cache.for([company('c2', 'Acme Drywall Inc'), company('c3', 'Acme')]);
    expect(cache.for([company('c3', 'Acme'), company('c2', 'Acme Drywall Inc')])).not.toBe(reordered);
  });
});
