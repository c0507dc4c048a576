/**
 * Company-name similarity for vendor matching (VEN-1): names are normalized (case, accents, punctuation, `&` = and,
 * legal suffixes and a leading "the" dropped) and compared by shared words and by character trigrams, so that
 * "Acme Drywall, Inc." equals "ACME DRYWALL" and "Acme Drywal" is still close.
 */

/** Words that say what kind of legal entity a company is, not who it is. */
export const LEGAL_WORDS: ReadonlySet<string> = new Set([
  'the',
  'inc',
  'incorporated',
  'llc',
  'lc',
  'llp',
  'lp',
  'ltd',
  'limited',
  'co',
  'corp',
  'corporation',
  'company',
  'companies',
  'pc',
  'pllc',
  'plc',
  'gmbh',
]);

/** Lowercase words of a name, without accents, punctuation and legal words; `&` and `+` become "and". */
export function nameTokens(name: string): string[] {
  const words = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[&+]/g, ' and ')
    .replace(/['’.]/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .split(' ')
    .filter((w) => w !== '');
  const kept = words.filter((w) => !LEGAL_WORDS.has(w));
  // a name made only of legal words ("The Company") keeps them rather than vanishing
  return kept.length > 0 ? kept : words;
}

/** The normalized form of a name: its tokens joined by single spaces. */
export function normalizeCompanyName(name: string): string {
  return nameTokens(name).join(' ');
}

/**
 * Dice coefficient of two multisets given as sorted arrays (one merge, no allocation): 1 when both are empty or
 * equal, 0 when nothing is shared.
 */
export function sortedDice(a: readonly string[], b: readonly string[]): number {
  if (a.length === 0 && b.length === 0) return 1;
  if (a.length === 0 || b.length === 0) return 0;
  let shared = 0;
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = a[i] as string;
    const y = b[j] as string;
    if (x === y) {
      shared++;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return (2 * shared) / (a.length + b.length);
}

const sorted = (xs: readonly string[]): string[] => [...xs].sort();

function trigrams(text: string): string[] {
  const padded = `  ${text} `;
  const out: string[] = [];
  for (let i = 0; i + 3 <= padded.length; i++) out.push(padded.slice(i, i + 3));
  return out;
}

/** Dice coefficient of two word lists (multiset): 1 when the same words, 0 when none shared. */
export function tokenSimilarity(a: readonly string[], b: readonly string[]): number {
  return sortedDice(sorted(a), sorted(b));
}

/** What `nameSimilarity` compares of a name, computed once when one name is compared with many. */
export interface PreparedName {
  /** The normalized name (its tokens in order). */
  readonly normalized: string;
  readonly tokens: readonly string[];
  readonly trigrams: readonly string[];
}

/** The comparable parts of a name (tokens and trigrams sorted); null when it has no word at all. */
export function prepareName(name: string): PreparedName | null {
  const tokens = nameTokens(name);
  if (tokens.length === 0) return null;
  const byWord = sorted(tokens);
  return { normalized: tokens.join(' '), tokens: byWord, trigrams: sorted(trigrams(byWord.join(' '))) };
}

/** `nameSimilarity` of two prepared names. */
export function preparedNameSimilarity(a: PreparedName | null, b: PreparedName | null): number {
  if (a === null || b === null) return 0;
  if (a.normalized === b.normalized) return 1;
  return (sortedDice(a.tokens, b.tokens) + sortedDice(a.trigrams, b.trigrams)) / 2;
}

/**
 * Similarity of two company names, 0..1: the mean of word overlap (order-free) and character-trigram overlap of the
 * normalized names (typos, run-together words). Identical normalized names score 1.
 */
export function nameSimilarity(a: string, b: string): number {
  return preparedNameSimilarity(prepareName(a), prepareName(b));
}
