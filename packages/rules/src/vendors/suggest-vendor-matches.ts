import type { Company, SpectrumVendorFields } from '../domain/types.js';
import { nameSimilarity, tokenSimilarity } from './name-similarity.js';

/** A Spectrum vendor staged for import, as the matcher needs it: the fields VEN-3 copies to a company. */
export type VendorToMatch = SpectrumVendorFields;

export type MatchReason = 'name' | 'phone' | 'address' | 'zip' | 'city';

export interface VendorMatch {
  companyId: string;
  companyName: string;
  /** 0..1, two decimals. */
  score: number;
  /** What agrees, strongest signal first. */
  reasons: MatchReason[];
  /** The parts the score is made of, each 0..1 (two decimals). */
  breakdown: { name: number; phone: number; address: number };
}

/**
 * Weights of the score: the name decides most; a shared phone number and a shared address each confirm it. A
 * missing phone or address counts as no agreement (never as a mismatch penalty), so a name-only match of
 * identical names scores 0.60 and is still suggested.
 */
export const VENDOR_MATCH_WEIGHTS = Object.freeze({ name: 0.6, phone: 0.2, address: 0.2 });
/** Inside the address part: ZIP (first five digits) 0.4, street (number + name) 0.4, city and state 0.2. */
export const ADDRESS_WEIGHTS = Object.freeze({ zip: 0.4, street: 0.4, cityState: 0.2 });
/** A name similarity from which `name` is given as a reason. */
export const NAME_REASON_THRESHOLD = 0.8;

const STREET_WORDS: Record<string, string> = {
  street: 'st',
  avenue: 'ave',
  av: 'ave',
  road: 'rd',
  boulevard: 'blvd',
  drive: 'dr',
  lane: 'ln',
  court: 'ct',
  place: 'pl',
  highway: 'hwy',
  parkway: 'pkwy',
  suite: 'ste',
  north: 'n',
  south: 's',
  east: 'e',
  west: 'w',
};

function phoneKeys(...values: (string | null | undefined)[]): Set<string> {
  const out = new Set<string>();
  for (const v of values) {
    const digits = (v ?? '').replace(/\D/g, '');
    if (digits.length >= 7) out.add(digits.slice(-10));
  }
  return out;
}

function streetParts(address: string | null | undefined): { number: string; words: string[] } | null {
  const words = (address ?? '')
    .toLowerCase()
    .replace(/[.,#]/g, ' ')
    .split(/\s+/)
    .filter((w) => w !== '')
    .map((w) => STREET_WORDS[w] ?? w);
  if (words.length === 0) return null;
  const first = words[0] as string;
  return /^\d+[a-z]?$/.test(first) ? { number: first, words: words.slice(1) } : { number: '', words };
}

function zip5(zip: string | null | undefined): string {
  const digits = (zip ?? '').replace(/\D/g, '');
  return digits.length >= 5 ? digits.slice(0, 5) : '';
}

function same(a: string | null | undefined, b: string | null | undefined): boolean {
  const x = (a ?? '').trim().toLowerCase();
  return x !== '' && x === (b ?? '').trim().toLowerCase();
}

function addressScore(
  v: VendorToMatch,
  c: Company,
): { score: number; zip: boolean; street: number; city: boolean } {
  const zip = zip5(v.zip) !== '' && zip5(v.zip) === zip5(c.zip);
  const a = streetParts(v.address1);
  const b = streetParts(c.address1);
  let street = 0;
  if (a && b) {
    const names = tokenSimilarity(a.words, b.words);
    if (a.number !== '' && b.number !== '') street = a.number === b.number ? 0.5 + 0.5 * names : 0;
    else street = 0.5 * names;
  }
  const city = same(v.city, c.city) && same(v.state, c.state);
  const score =
    ADDRESS_WEIGHTS.zip * (zip ? 1 : 0) +
    ADDRESS_WEIGHTS.street * street +
    ADDRESS_WEIGHTS.cityState * (city ? 1 : 0);
  return { score, zip, street, city };
}

const round2 = (x: number) => Math.round(x * 100) / 100;

/**
 * Likely directory companies for a Spectrum vendor, for "link to existing" in the Ready to Import list (VEN-1).
 * Companies already linked to a vendor are left out (VEN-6: one link each way). Ranked by score (descending), then
 * company name, then id, so equal scores always come out in the same order. Only scores ≥ `minScore` are kept, at
 * most `limit` of them.
 */
export function suggestVendorMatches(
  vendor: VendorToMatch,
  companies: Iterable<Company>,
  options: { limit?: number; minScore?: number } = {},
): VendorMatch[] {
  const limit = options.limit ?? 5;
  const minScore = options.minScore ?? 0.35;
  const vendorPhones = phoneKeys(vendor.phone, vendor.fax);
  const out: VendorMatch[] = [];
  for (const company of companies) {
    if (company.vendorCode !== null && company.vendorCode !== undefined && company.vendorCode.trim() !== '')
      continue;
    const name = nameSimilarity(vendor.name, company.name);
    const companyPhones = phoneKeys(company.phone, company.fax);
    const phone = [...vendorPhones].some((p) => companyPhones.has(p)) ? 1 : 0;
    const address = addressScore(vendor, company);
    const score = round2(
      VENDOR_MATCH_WEIGHTS.name * name +
        VENDOR_MATCH_WEIGHTS.phone * phone +
        VENDOR_MATCH_WEIGHTS.address * address.score,
    );
    if (score < minScore) continue;
    const reasons: MatchReason[] = [];
    if (name >= NAME_REASON_THRESHOLD) reasons.push('name');
    if (phone === 1) reasons.push('phone');
    if (address.street >= 0.75) reasons.push('address');
    if (address.zip) reasons.push('zip');
    if (address.city) reasons.push('city');
    out.push({
      companyId: company.id,
      companyName: company.name,
      score,
      reasons,
      breakdown: { name: round2(name), phone, address: round2(address.score) },
    });
  }
  out.sort(
    (a, b) =>
      b.score - a.score ||
      compare(a.companyName.toLowerCase(), b.companyName.toLowerCase()) ||
      compare(a.companyName, b.companyName) ||
      compare(a.companyId, b.companyId),
  );
  return out.slice(0, Math.max(0, limit));
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
