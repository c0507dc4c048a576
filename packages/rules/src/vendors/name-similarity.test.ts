import { describe, expect, it } from 'vitest';
import { nameSimilarity, nameTokens, normalizeCompanyName } from './name-similarity.js';

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
