import { describe, expect, it } from 'vitest';
import { SpectrumParseError } from '../../errors.js';
import { JOB_COST_HISTORY } from '../infolink-tables.js';
import { decimalAtScale, toStandInRow } from './sql-infolink-reader.js';

describe('SQL rows in the stand-in’s form', () => {
  it('PROD-1 decimal text is brought to the column’s scale exactly, never rounded', () => {
    expect(decimalAtScale('1234.5', 2)).toBe('1234.50');
    expect(decimalAtScale('.5', 2)).toBe('0.50');
    expect(decimalAtScale('-12.000000', 2)).toBe('-12.00');
    expect(decimalAtScale('-0.00', 2)).toBe('0.00');
    expect(decimalAtScale('0012.3400', 4)).toBe('12.3400');
    expect(() => decimalAtScale('1.005', 2)).toThrow(/more than 2 decimals/);
    expect(() => decimalAtScale('1e3', 2)).toThrow(/not decimal text/);
  });

  it('PROD-1 NULLs, padded text, datetime dates and floats are mapped as the stand-in maps them (or refused)', () => {
    const raw = {
      Company_Code: 'ABC  ',
      Transaction_Number: 7,
      Job_Number: null,
      Tran_Date: '2024-04-30 00:00:00',
      Tran_Amount: '859.5',
      Total_Hours: null,
    };
    expect(toStandInRow(JOB_COST_HISTORY, raw, { service: 'x', rowIndex: 0 })).toMatchObject({
      Company_Code: 'ABC',
      Transaction_Number: 7,
      Job_Number: '',
      Tran_Date: '2024-04-30',
      Tran_Amount: '859.50',
      Total_Hours: '0.00',
      Quantity: '0.00',
      Reference_1: '',
    });
    const float = () =>
      toStandInRow(JOB_COST_HISTORY, { ...raw, Tran_Amount: 859.51 }, { service: 'x', rowIndex: 2 });
    expect(float).toThrow(SpectrumParseError);
    expect(float).toThrow(/row 3: field Tran_Amount is not decimal text/);
  });
});
