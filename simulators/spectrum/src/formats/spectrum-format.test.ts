import { describe, expect, it } from 'vitest';
import { compileSuperSelect } from '../services/superselect.js';
import {
  applyMask,
  compareCodes,
  cutToColumn,
  formatDecimalText,
  formatWireDate,
  formatWireNumber,
  parseWireDate,
  parseWireNumber,
} from './spectrum-format.js';

describe('Spectrum wire formats', () => {
  it('writes numbers without a leading zero and with two decimals', () => {
    expect([0, 85951, -1020, 50, 3341117].map((n) => formatWireNumber(n))).toEqual([
      '.00',
      '859.51',
      '-10.20',
      '.50',
      '33411.17',
    ]);
    expect(formatWireNumber(125000, 4)).toBe('12.5000');
    expect(formatDecimalText(0)).toBe('0.00');
    expect(formatDecimalText(-1200)).toBe('-12.00');
  });

  it('parses numbers within a numeric format', () => {
    expect(parseWireNumber('12.5', '-10.2')).toBe(1250);
    expect(parseWireNumber('.50', '-10.2')).toBe(50);
    expect(parseWireNumber('-10.20', '-10.2')).toBe(-1020);
    expect(parseWireNumber('-1', '3.2')).toBeUndefined();
    expect(parseWireNumber('1.234', '-10.2')).toBeUndefined();
    expect(parseWireNumber('12345678901', '-10.2')).toBeUndefined();
    expect(parseWireNumber('abc', '-10.2')).toBeUndefined();
    expect(parseWireNumber('12.3456', '-6.4', 4)).toBe(123456);
  });

  it('dates are MM/DD/YYYY on the wire and must be real dates', () => {
    expect(formatWireDate('2025-01-14')).toBe('01/14/2025');
    expect(formatWireDate(null)).toBe('');
    expect(parseWireDate('01/14/2025')).toBe('2025-01-14');
    expect(parseWireDate('02/30/2025')).toBeUndefined();
    expect(parseWireDate('2025-01-14')).toBeUndefined();
  });

  it('orders codes as right-justified storage does and cuts text to its column', () => {
    expect(['24-101E1', '24-102', '9-1', '24-101'].sort(compareCodes)).toEqual([
      '9-1',
      '24-101',
      '24-102',
      '24-101E1',
    ]);
    expect(cutToColumn('Riverside Medical Office Building', 25)).toBe('Riverside Medical Office ');
    expect(applyMask('013100', 'XXX-XXX')).toBe('013-100');
  });
});

describe('SuperSelect', () => {
  const sel = (expr: string, values: string[]) => values.filter((v) => compileSuperSelect(expr).matches(v));
  const codes = ['A1', 'A2', 'B1', 'B22', 'C3'];
  it('supports all, wildcards, lists, ranges, exclusions and combinations', () => {
    expect(compileSuperSelect('').all).toBe(true);
    expect(compileSuperSelect('ALL').all).toBe(true);
    expect(compileSuperSelect('*').all).toBe(true);
    expect(sel('A*', codes)).toEqual(['A1', 'A2']);
    expect(sel('?1', codes)).toEqual(['A1', 'B1']);
    expect(sel('A1,C3', codes)).toEqual(['A1', 'C3']);
    expect(sel('A2/B1', codes)).toEqual(['A2', 'B1']);
    expect(sel('#A*', codes)).toEqual(['B1', 'B22', 'C3']);
    expect(sel('B*,#B22', codes)).toEqual(['B1']);
    expect(compileSuperSelect('A1').exact).toBe('A1');
    expect(compileSuperSelect('A*').exact).toBeUndefined();
  });
});
