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

function dice<T>(a: readonly T[], b: readonly T[]): number {
  if (a.length === 0 && b.length === 0) return 1;
  if (a.length === 0 || b.length === 0) return 0;
  const counts = new Map<T, number>();
  for (const x of a) counts.set(x, (counts.get(x) ?? 0) + 1);
  let shared = 0;
  for (const y of b) {
    const n = counts.get(y) ?? 0;
    if (n > 0) {
      shared++;
      counts.set(y, n - 1);
    }
  }
  return (2 * shared) / (a.length + b.length);
}

function trigrams(text: string): string[] {
  const padded = `  ${text} `;
  const out: string[] = [];
  for (let i = 0; i + 3 <= padded.length; i++) out.push(padded.slice(i, i + 3));
  return out;
}

/** Dice coefficient of two word lists (multiset): 1 when the same words, 0 when none shared. */
export function tokenSimilarity(a: readonly string[], b: readonly string[]): number {
  return dice(a, b);
}

/**
 * Similarity of two company names, 0..1: the mean of word overlap (order-free) and character-trigram overlap of the
 * normalized names (typos, run-together words). Identical normalized names score 1.
 */
export function nameSimilarity(a: string, b: string): number {
  const ta = nameTokens(a);
  const tb = nameTokens(b);
  if (ta.length === 0 || tb.length === 0) return 0;
  const na = ta.join(' ');
  const nb = tb.join(' ');
  if (na === nb) return 1;
  const sortedA = [...ta].sort().join(' ');
  const sortedB = [...tb].sort().join(' ');
  return (tokenSimilarity(ta, tb) + dice(trigrams(sortedA), trigrams(sortedB))) / 2;
}
