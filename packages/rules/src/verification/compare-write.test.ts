import { describe, expect, it } from 'vitest';
import { compareWrite, differences, storedForm } from './compare-write.js';

describe('VER-3: a write compared with what Spectrum holds, as Spectrum stores values', () => {
  const sent = {
    Company_Code: 'BC1',
    Vendor_Code: 'STEEL01',
    Subcontract_Number: '24-101-01',
    Job_Number: '24-101',
    GL_Account: '5000-00',
    Default_Phase_Code: '',
    Default_Cost_Type: '',
    Status_Code: 'a',
    Contract_Type: 'SUBCONTRACT',
    Date_Issued: '03/02/2026',
    Contact_Person: 'Pat',
    Comment: '',
    Retention_Percent: '10',
  };

  it('VER-3: no record is new, every sent field new and blanks kept', () => {
    const c = compareWrite('UpdateSubcontract', sent, null);
    expect(c.record).toBe('new');
    expect(c.fields.find((f) => f.field === 'GL_Account')).toMatchObject({ state: 'new', current: null });
    expect(c.fields.find((f) => f.field === 'Comment')?.state).toBe('kept');
  });

  it('VER-3: padded text, lower-case flags, ISO dates and 10 vs 10.00 are the same; unreadable fields are not differences', () => {
    const held = {
      Company_Code: 'BC1',
      Vendor_Code: 'STEEL01',
      Subcontract_Number: '24-101-01',
      Job_Number: '24-101    ',
      GL_Account: '5000-00',
      Status_Code: 'A',
      Contract_Type: 'SUBCONTRACT ',
      Date_Issued: '2026-03-02',
      Retention_Percent: '10.00',
    };
    const c = compareWrite('UpdateSubcontract', sent, held);
    expect(c.record).toBe('unchanged');
    expect(differences(c)).toEqual([]);
    expect(c.fields.find((f) => f.field === 'Contact_Person')?.state).toBe('not_readable');
    expect(c.fields.find((f) => f.field === 'Default_Phase_Code')?.state).toBe('kept');
  });

  it('VER-3: a different amount or text is named with both values', () => {
    const c = compareWrite(
      'UpdateSubcontractPhases',
      {
        Company_Code: 'BC1',
        Vendor_Code: 'STEEL01',
        Subcontract_Number: '24-101-01',
        Phase_Code: '010100',
        Cost_Type: 'S',
        Bid_Item_Number: '',
        Bill_Description: 'Steel',
        Original_Contract_Amount: '1200.00',
      },
      {
        Vendor_Code: 'STEEL01',
        Subcontract_Number: '24-101-01',
        Phase_Code: '010100',
        Cost_Type: 'S',
        Bill_Description: 'Steel',
        Original_Contract_Amount: '1250.00',
      },
    );
    expect(c.record).toBe('changed');
    expect(differences(c)).toEqual([
      { field: 'Original_Contract_Amount', value: '1200.00', current: '1250.00', state: 'different' },
    ]);
  });

  it('VER-3: change request lines are read from their own columns (CR_Phase_Code → Phase_Code), projections from the phase', () => {
    const line = compareWrite(
      'ARChangeRequest',
      {
        Change_Request_Number: 'CO1',
        CR_Phase_Code: '010100',
        CR_Cost_Type: 'S',
        Change_Request_Amount: '.50',
      },
      { Change_Request_Number: 'CO1', Phase_Code: '010100', Cost_Type: 'S', Change_Request_Amount: '0.5' },
    );
    expect(line.record).toBe('unchanged');
    const projection = compareWrite(
      'JobCostProjections',
      {
        Job_Number: '24-101',
        Phase_Code: '010100',
        Cost_Type: 'L',
        Transaction_Date: '12/05/2026',
        Amount: '99.99',
      },
      { Job_Number: '24-101', Phase_Code: '010100', Cost_Type: 'L', Projected_Dollars: '100.00' },
    );
    expect(differences(projection).map((f) => f.field)).toEqual(['Amount']);
    expect(projection.fields.find((f) => f.field === 'Transaction_Date')?.state).toBe('not_readable');
  });

  it('VER-3: stored forms', () => {
    expect(storedForm({ kind: 'digits', max: 10 }, '(555) 123-4567')).toBe('5551234567');
    expect(storedForm({ kind: 'amount', format: '-10.2' }, '-10.2')).toBe('-1020');
    expect(storedForm({ kind: 'date' }, '3/2/2026')).toBe('2026-03-02');
    expect(storedForm(undefined, '  x ')).toBe('x');
  });
});
