import type { Company, SpectrumVendorFields } from '../domain/types.js';
import { type PreparedName, preparedNameSimilarity, prepareName, sortedDice } from './name-similarity.js';

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

function sortedStreet(
  street: { number: string; words: string[] } | null,
): { number: string; words: string[] } | null {
  return street && { number: street.number, words: [...street.words].sort() };
}

function zip5(zip: string | null | undefined): string {
  const digits = (zip ?? '').replace(/\D/g, '');
  return digits.length >= 5 ? digits.slice(0, 5) : '';
}

/** What the matcher compares of a company or a vendor, computed once. */
interface Matchable {
  name: PreparedName | null;
  phones: Set<string>;
  /** The street number and the street's words, sorted (compared as a multiset). */
  street: { number: string; words: string[] } | null;
  zip: string;
  /** City and state, trimmed and lower-cased; '' when missing. */
  city: string;
  state: string;
}

function matchable(x: {
  name: string;
  phone?: string | null | undefined;
  fax?: string | null | undefined;
  address1?: string | null | undefined;
  zip?: string | null | undefined;
  city?: string | null | undefined;
  state?: string | null | undefined;
}): Matchable {
  return {
    name: prepareName(x.name),
    phones: phoneKeys(x.phone, x.fax),
    street: sortedStreet(streetParts(x.address1)),
    zip: zip5(x.zip),
    city: (x.city ?? '').trim().toLowerCase(),
    state: (x.state ?? '').trim().toLowerCase(),
  };
}

function addressScore(
  v: Matchable,
  c: Matchable,
): { score: number; zip: boolean; street: number; city: boolean } {
  const zip = v.zip !== '' && v.zip === c.zip;
  const a = v.street;
  const b = c.street;
  let street = 0;
  if (a && b) {
    const names = sortedDice(a.words, b.words);
    if (a.number !== '' && b.number !== '') street = a.number === b.number ? 0.5 + 0.5 * names : 0;
    else street = 0.5 * names;
  }
  const city = v.city !== '' && v.city === c.city && v.state !== '' && v.state === c.state;
  const score =
    ADDRESS_WEIGHTS.zip * (zip ? 1 : 0) +
    ADDRESS_WEIGHTS.street * street +
    ADDRESS_WEIGHTS.cityState * (city ? 1 : 0);
  return { score, zip, street, city };
}

const round2 = (x: number) => Math.round(x * 100) / 100;

/** Each distinct element of a sorted array with how many times it occurs. */
function runs(sorted: readonly string[]): [string, number][] {
  const out: [string, number][] = [];
  for (const x of sorted) {
    const last = out[out.length - 1];
    if (last && last[0] === x) last[1]++;
    else out.push([x, 1]);
  }
  return out;
}

type Postings = Map<string, number[]>; // element → [entry index, count, entry index, count, …]

function post(index: Postings, sorted: readonly string[], entry: number): void {
  for (const [x, n] of runs(sorted)) {
    const list = index.get(x);
    if (list) list.push(entry, n);
    else index.set(x, [entry, n]);
  }
}

/** Per entry, how many elements (as multisets) it shares with `sorted`, through the postings. */
function sharedCounts(index: Postings, sorted: readonly string[], size: number): Int32Array {
  const shared = new Int32Array(size);
  for (const [x, n] of runs(sorted)) {
    const list = index.get(x);
    if (!list) continue;
    for (let k = 0; k < list.length; k += 2) {
      const entry = list[k] as number;
      shared[entry] = (shared[entry] as number) + Math.min(n, list[k + 1] as number);
    }
  }
  return shared;
}

/**
 * The companies a vendor may be matched with, each prepared once (normalized name, phones, street, ZIP) and indexed
 * by name words and trigrams: build it once for a page of vendors and pass it to `suggestVendorMatches` for each;
 * a vendor's name is then compared with every company through the index (the words and trigrams they share), not
 * company by company. Companies already linked to a vendor are left out (VEN-6).
 */
export class MatchCandidates {
  readonly entries: readonly { company: Company; match: Matchable }[];
  /** The name words and trigrams of the entries, built on the first `nameScores`. */
  private index: { tokens: Postings; trigrams: Postings } | null = null;

  constructor(companies: Iterable<Company>) {
    const entries: { company: Company; match: Matchable }[] = [];
    for (const company of companies) {
      if (company.vendorCode !== null && company.vendorCode !== undefined && company.vendorCode.trim() !== '')
        continue;
      entries.push({ company, match: matchable(company) });
    }
    this.entries = entries;
  }

  /** `preparedNameSimilarity(name, entry's name)` for every entry, in entry order (the same numbers, exactly). */
  nameScores(name: PreparedName | null): Float64Array {
    const scores = new Float64Array(this.entries.length);
    if (name === null) return scores;
    if (!this.index) {
      const index = { tokens: new Map(), trigrams: new Map() };
      this.entries.forEach(({ match }, i) => {
        if (!match.name) return;
        post(index.tokens, match.name.tokens, i);
        post(index.trigrams, match.name.trigrams, i);
      });
      this.index = index;
    }
    const tokens = sharedCounts(this.index.tokens, name.tokens, scores.length);
    const trigrams = sharedCounts(this.index.trigrams, name.trigrams, scores.length);
    this.entries.forEach(({ match }, i) => {
      const other = match.name;
      if (other === null) return;
      scores[i] =
        other.normalized === name.normalized
          ? 1
          : ((2 * (tokens[i] as number)) / (name.tokens.length + other.tokens.length) +
              (2 * (trigrams[i] as number)) / (name.trigrams.length + other.trigrams.length)) /
            2;
    });
    return scores;
  }
}

/**
 * Likely directory companies for a Spectrum vendor, for "link to existing" in the Ready to Import list (VEN-1).
 * Companies already linked to a vendor are left out (VEN-6: one link each way). Ranked by score (descending), then
 * company name, then id, so equal scores always come out in the same order. Only scores ≥ `minScore` are kept, at
 * most `limit` of them. `companies` may be prepared once for many vendors (`MatchCandidates`).
 */
export function suggestVendorMatches(
  vendor: VendorToMatch,
  companies: Iterable<Company> | MatchCandidates,
  options: { limit?: number; minScore?: number } = {},
): VendorMatch[] {
  const limit = options.limit ?? 5;
  const minScore = options.minScore ?? 0.35;
  const v = matchable(vendor);
  const prepared = companies instanceof MatchCandidates;
  const candidates = prepared ? companies : new MatchCandidates(companies);
  const names = prepared ? candidates.nameScores(v.name) : null;
  const vendorPhones = [...v.phones];
  const out: VendorMatch[] = [];
  candidates.entries.forEach(({ company, match: c }, i) => {
    const name = names ? (names[i] as number) : preparedNameSimilarity(v.name, c.name);
    const phone = vendorPhones.some((p) => c.phones.has(p)) ? 1 : 0;
    // the best the address could add cannot reach the minimum: no need to compare addresses
    const best =
      VENDOR_MATCH_WEIGHTS.name * name + VENDOR_MATCH_WEIGHTS.phone * phone + VENDOR_MATCH_WEIGHTS.address;
    if (round2(best) < minScore) return;
    const address = addressScore(v, c);
    const score = round2(
      VENDOR_MATCH_WEIGHTS.name * name +
        VENDOR_MATCH_WEIGHTS.phone * phone +
        VENDOR_MATCH_WEIGHTS.address * address.score,
    );
    if (score < minScore) return;
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
  });
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
