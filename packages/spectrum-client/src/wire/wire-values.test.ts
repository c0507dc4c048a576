import { describe, expect, it } from 'vitest';
import {
  formatMoneyCents,
  formatWireDate,
  normalizeDecimal,
  parseFlag,
  parseIsoDate,
  parseMoneyCents,
  parseWireDate,
} from './wire-values.js';

describe('money', () => {
  it.each([
    ['.00', 0],
    ['859.51', 85951],
    ['33411.17', 3341117],
    ['-12.5', -1250],
    ['12', 1200],
    ['0.1', 10],
    ['-.05', -5],
    ['  7.10 ', 710],
    ['', 0],
    ['1.500', 150],
    ['90071992547409.91', 9007199254740991],
  ])('parses %j exactly as %d cents', (text, cents) => {
    expect(parseMoneyCents(text)).toBe(cents);
  });

  it('never goes through a float: 0.29 * 100 would be 28.999…', () => {
    expect(parseMoneyCents('0.29')).toBe(29);
    expect(parseMoneyCents('1.13')).toBe(113);
  });

  it.each(['abc', '1.2.3', '.', '1.234', '90071992547409.92'])('rejects %j', (text) => {
    expect(() => parseMoneyCents(text)).toThrow();
  });

  it('formats cents as Spectrum decimal text', () => {
    expect(formatMoneyCents(85951)).toBe('859.51');
    expect(formatMoneyCents(-5)).toBe('-0.05');
    expect(formatMoneyCents(0)).toBe('0.00');
    expect(formatMoneyCents(100)).toBe('1.00');
    expect(() => formatMoneyCents(1.5)).toThrow();
  });
});

describe('decimals', () => {
  it('normalizes quantities without changing their value', () => {
    expect(normalizeDecimal('.50')).toBe('0.50');
    expect(normalizeDecimal('-0012.25')).toBe('-12.25');
    expect(normalizeDecimal('')).toBe('0');
    expect(normalizeDecimal('-.00')).toBe('0.00');
    expect(normalizeDecimal('3')).toBe('3');
    expect(() => normalizeDecimal('x')).toThrow();
  });
});

describe('dates', () => {
  it('reads MM/DD/YYYY into ISO and writes it back', () => {
    expect(parseWireDate('01/14/2025')).toBe('2025-01-14');
    expect(parseWireDate('2/3/2024')).toBe('2024-02-03');
    expect(parseWireDate(' ')).toBeNull();
    expect(formatWireDate('2025-01-14')).toBe('01/14/2025');
  });

  it.each(['2025-01-14', '13/01/2025', '02/30/2025', '1/1/25'])('rejects %j on the wire', (text) => {
    expect(() => parseWireDate(text)).toThrow();
  });

  it('checks ISO dates', () => {
    expect(parseIsoDate(null)).toBeNull();
    expect(parseIsoDate('2024-02-29')).toBe('2024-02-29');
    expect(() => parseIsoDate('2023-02-29')).toThrow();
    expect(() => formatWireDate('')).toThrow();
  });
});

describe('flags', () => {
  it('reads Y/N/blank', () => {
    expect(parseFlag('Y')).toBe(true);
    expect(parseFlag('n')).toBe(false);
    expect(parseFlag(' ')).toBeNull();
    expect(() => parseFlag('X')).toThrow();
  });
});
