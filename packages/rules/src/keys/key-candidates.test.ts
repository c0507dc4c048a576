import { describe, expect, it } from 'vitest';
import { firstFreeWithCounter, keepTail, nextInSequence, normalizeKeyText } from './key-candidates.js';

describe('key candidates', () => {
  it('normalizes PM numbers to A-Z, 0-9 and inner single dashes', () => {
    expect(normalizeKeyText(' sc--0042 / é ')).toBe('SC-0042E');
    expect(normalizeKeyText('---')).toBe('');
  });

  it('keeps the tail without a leading dash', () => {
    expect(keepTail('ABC-DEF', 4)).toBe('DEF');
    expect(keepTail('ABC', 0)).toBe('');
    expect(keepTail('ABC', 5)).toBe('ABC');
  });

  it('gives up only when no candidate can fit', () => {
    expect(firstFreeWithCounter('A', 1, new Set(['A']))).toBe('2');
    expect(firstFreeWithCounter('A', 1, new Set(['A', '2', '3', '4', '5', '6', '7', '8', '9']))).toBeNull();
    expect(firstFreeWithCounter('', 3, new Set())).toBe('2');
  });

  it('reports a sequence with no room', () => {
    expect(nextInSequence('ABCDEFGH', 4, 8, new Set())).toBeNull();
    expect(
      nextInSequence('AB', 4, 3, new Set(['AB1', 'AB2', 'AB3', 'AB4', 'AB5', 'AB6', 'AB7', 'AB8', 'AB9'])),
    ).toBeNull();
  });
});
