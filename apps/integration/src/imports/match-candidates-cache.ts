import { MatchCandidates } from '@bridge/rules';
import type { CompanyRecord } from '../companies/companies.repository.js';
import { companyDomain } from './vendors/vendors-import.service.js';

/** Two records with the same fields and values (dates by instant). */
function sameRecord(a: CompanyRecord, b: CompanyRecord): boolean {
  const keys = Object.keys(a) as (keyof CompanyRecord)[];
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every((k) => {
    const x = a[k];
    const y = b[k];
    return x instanceof Date && y instanceof Date ? x.getTime() === y.getTime() : x === y;
  });
}

/**
 * VEN-1: the companies a staged vendor may be linked to, prepared for matching (names, phones, addresses and their
 * index) once for as long as they stay the same. Every page still reads the companies; when every record read equals
 * the one the preparation was made from (all fields), the preparation is reused — preparing 5,000 companies is most
 * of what a page of staged vendors costs. Nothing read is ever skipped: a company added, changed, linked or removed
 * makes a new preparation.
 */
export class MatchCandidatesCache {
  private companies: readonly CompanyRecord[] = [];
  private prepared: MatchCandidates | null = null;

  for(companies: readonly CompanyRecord[]): MatchCandidates {
    if (
      this.prepared &&
      companies.length === this.companies.length &&
      companies.every((c, i) => sameRecord(c, this.companies[i] as CompanyRecord))
    )
      return this.prepared;
    const prepared = new MatchCandidates(companies.map((c) => companyDomain(c, null)));
    this.companies = companies;
    this.prepared = prepared;
    return prepared;
  }
}
