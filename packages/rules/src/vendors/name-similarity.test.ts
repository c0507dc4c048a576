import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  nameSimilarity,
  nameTokens,
  normalizeCompanyName,
  preparedNameSimilarity,
  prepareName,
  tokenSimilarity,
} from './name-similarity.js';

describe('company name normalization', () => {
  it('VEN-1: drops case, punctuation, accents, legal suffixes and a leading "the"; & is "and"', () => {
    expect(normalizeCompanyName('Acme Drywall, Inc.')).toBe('acme drywall');
    expect(normalizeCompanyName('ACME DRYWALL')).toBe('acme drywall');
    expect(normalizeCompanyName('The Smith & Sons Co.')).toBe('smith and sons');
    expect(normalizeCompanyName("O'Brien Électrique L.L.C.")).toBe('obrien electrique');
    expect(normalizeCompanyName('Johnson+Johnson Corp')).toBe('johnson and johnson');
  });

  it('keeps the words of a name made only of legal words', () => {
    expect(nameTokens('The Company, Inc.')).toEqual(['the', 'company', 'inc']);
    expect(nameTokens('  ')).toEqual([]);
  });
});

describe('nameSimilarity', () => {
  it('VEN-1: scores the same company written differently as 1', () => {
    expect(nameSimilarity('Acme Drywall, Inc.', 'ACME DRYWALL')).toBe(1);
    expect(nameSimilarity('Smith & Sons Plumbing LLC', 'smith and sons plumbing')).toBe(1);
  });

  it('VEN-1: keeps typos and word order close, different companies far', () => {
    const typo = nameSimilarity('Acme Drywall', 'Acme Drywal');
    const reordered = nameSimilarity('Drywall Acme', 'Acme Drywall');
    const other = nameSimilarity('Acme Drywall', 'Baker Concrete');
    expect(typo).toBeGreaterThan(0.6);
    expect(reordered).toBe(1 / 2 + 1 / 2);
    expect(other).toBeLessThan(0.2);
    expect(nameSimilarity('Acme Drywall Supply', 'Acme Drywall')).toBeGreaterThan(typo - 0.2);
  });

  it('scores an empty name as no match', () => {
    expect(nameSimilarity('', 'Acme')).toBe(0);
  });
});

/** The multiset Dice coefficient written plainly (a count per element), to check the merge of sorted arrays. */
function referenceDice(a: readonly string[], b: readonly string[]): number {
  if (a.length === 0 && b.length === 0) return 1;
  if (a.length === 0 || b.length === 0) return 0;
  const counts = new Map<string, number>();
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

function referenceSimilarity(a: string, b: string): number {
  const ta = nameTokens(a);
  const tb = nameTokens(b);
  if (ta.length === 0 || tb.length === 0) return 0;
  if (ta.join(' ') === tb.join(' ')) return 1;
  const grams = (t: string[]) => {
    const padded = `  ${[...t].sort().join(' ')} `;
    return Array.from({ length: padded.length - 2 }, (_, i) => padded.slice(i, i + 3));
  };
  return (referenceDice(ta, tb) + referenceDice(grams(ta), grams(tb))) / 2;
}

describe('VEN-1: prepared names compare as the plain definition says', () => {
  const word = fc.constantFrom(
    'acme',
    'drywall',
    'and',
    'inc',
    'co',
    'baker',
    'concrete',
    'gulf',
    'a',
    'aa',
    '&',
    'É',
  );
  const name = fc.array(word, { maxLength: 6 }).map((w) => w.join(' '));
  it('nameSimilarity and tokenSimilarity equal the count-based Dice coefficient for any names', () => {
    fc.assert(
      fc.property(name, name, (a, b) => {
        expect(nameSimilarity(a, b)).toBeCloseTo(referenceSimilarity(a, b), 12);
        expect(preparedNameSimilarity(prepareName(a), prepareName(b))).toBe(nameSimilarity(a, b));
        expect(tokenSimilarity(a.split(' '), b.split(' '))).toBeCloseTo(
          referenceDice(a.split(' '), b.split(' ')),
          12,
        );
      }),
      { seed: 20261205, numRuns: 500 },
    );
  });
});
