import { isPutServiceName, PUT_FIELDS, PUT_SERVICE_NAMES, type PutWire } from '@bridge/rules';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { sampleData } from '../mocks/index.js';
import { paramOf, useMockSpectrum } from '../test-support/msw-setup.js';
import type { AddJobInput, SubcontractLineInput } from './put-services.js';
import { TYPED_PUTS } from './put-services.js';
import { putParams } from './put-wire.js';

const mock = useMockSpectrum();

function fields(body: string): [string, string][] {
  const inner = body.slice(body.indexOf('</GUID>') + '</GUID>'.length, body.lastIndexOf('</soap:Body>'));
  return [...inner.matchAll(/<([A-Za-z_]\w*)>([^<]*)<\/\1>/g)].map((m) => [m[1]!, m[2]!]);
}

const LINE = {
  Company_Code: 'ABC',
  Vendor_Code: 'ACMEEL',
  Subcontract_Number: 'S0001',
  Phase_Code: '033000',
  Cost_Type: 'S',
  Bid_Item_Number: '',
  Bill_Description: 'Concrete',
  Original_Contract_Amount: '.55',
} as const satisfies PutWire<'UpdateSubcontractPhases'>;

describe('put(service, wire): the rules’ wire record, sent as is', () => {
  it('sends the client’s Company_Code, then every field of the rules’ table in order, the given text unchanged', async () => {
    mock.data();
    const result = await mock.client().put('UpdateSubcontractPhases', LINE);
    expect(result).toEqual({ generated: {} });
    const sent = fields(mock.captured[0]!.body);
    expect(sent.map(([name]) => name)).toEqual(Object.keys(PUT_FIELDS.UpdateSubcontractPhases));
    expect(Object.fromEntries(sent)).toEqual({
      ...Object.fromEntries(Object.keys(PUT_FIELDS.UpdateSubcontractPhases).map((f) => [f, ''])),
      ...LINE,
    });
    // the amount goes out as the rules wrote it (not re-formatted to 0.55)
    expect(paramOf(mock.captured[0]!.body, 'Original_Contract_Amount')).toBe('.55');
  });

  it('refuses a field that is not in the rules’ table before any call, blank or not', async () => {
    mock.data();
    const client = mock.client();
    const extra = { ...LINE, Extra: 'x' } as PutWire<'UpdateSubcontractPhases'>;
    await expect(client.put('UpdateSubcontractPhases', extra)).rejects.toThrow(/has no field Extra/);
    const blank = { ...LINE, Extra: '' } as PutWire<'UpdateSubcontractPhases'>;
    await expect(client.put('UpdateSubcontractPhases', blank)).rejects.toThrow(TypeError);
    // a field of another service is not one of this one
    const jobField = { ...LINE, Job_Number: '24-101' } as PutWire<'UpdateSubcontractPhases'>;
    await expect(client.put('UpdateSubcontractPhases', jobField)).rejects.toThrow(/Job_Number/);
    expect(mock.captured).toHaveLength(0);
  });

  it('refuses, before any call, an unknown service, a blank field Spectrum requires and another company', async () => {
    mock.data();
    const client = mock.client();
    await expect(client.put('DeleteJob' as 'AddJob', {})).rejects.toThrow(/unknown Spectrum Put service/);
    await expect(client.put('UpdateSubcontractPhases', { ...LINE, Vendor_Code: '' })).rejects.toThrow(
      'UpdateSubcontractPhases: Vendor_Code is required',
    );
    await expect(client.put('UpdateSubcontractPhases', { ...LINE, Company_Code: 'XYZ' })).rejects.toThrow(
      /Company_Code XYZ/,
    );
    expect(mock.captured).toHaveLength(0);
  });

  it('refuses values that cannot be of their field’s kind', () => {
    expect(() =>
      putParams(
        'AddPhase',
        { Job_Number: '1', Phase_Code: '01', Cost_Type: 'L', Original_Est_Cost: '12.345' },
        'ABC',
      ),
    ).toThrow(/Original_Est_Cost/);
    expect(() =>
      putParams(
        'UpdateSubcontract',
        { Vendor_Code: 'V', Subcontract_Number: 'S', Date_Issued: '2026-03-02' },
        'ABC',
      ),
    ).toThrow(/Date_Issued/);
    expect(() => putParams('UpdateVendor', { Vendor_Code: 'V', Terms_Days: '3x' }, 'ABC')).toThrow(
      /Terms_Days/,
    );
    expect(() => putParams('UpdateJob', { Job_Number: 'J', Taxable_Flag: 'maybe' }, 'ABC')).toThrow(
      /Taxable_Flag/,
    );
    expect(() => putParams('UpdateJob', { Job_Number: 'J', Total_Units: '1,5' }, 'ABC')).toThrow(
      /Total_Units/,
    );
    expect(
      putParams(
        'UpdateSubcontract',
        { Vendor_Code: 'V', Subcontract_Number: 'S', Date_Issued: '03/02/2026', Retention_Percent: '10.5' },
        'ABC',
      ),
    ).toContainEqual(['Date_Issued', '03/02/2026']);
  });

  it('is the one path: a typed method sends the same body as put with the wire it formats to', async () => {
    mock.data({ ...sampleData() });
    const client = mock.client({ generateGuid: () => 'guid-1' });
    await client.upsertSubcontractLine({
      vendorCode: 'ACMEEL',
      subcontractNumber: 'S0001',
      phaseCode: '033000',
      costType: 'S',
      billDescription: 'Concrete',
      originalContractCents: 1_250_055,
    });
    await client.put('UpdateSubcontractPhases', { ...LINE, Original_Contract_Amount: '12500.55' });
    expect(mock.captured[0]!.body).toBe(mock.captured[1]!.body);
  });
});

describe('the typed Put methods name the rules’ table', () => {
  it('every service of the table has a typed method, naming each of its fields (but Company_Code) once', () => {
    expect(TYPED_PUTS.map((d) => d.service).sort()).toEqual([...PUT_SERVICE_NAMES].sort());
    for (const def of TYPED_PUTS) {
      const named = Object.values(def.names as Record<string, string>);
      expect(new Set(named).size).toBe(named.length);
      expect([...named].sort()).toEqual(
        Object.keys(PUT_FIELDS[def.service])
          .filter((f) => f !== 'Company_Code')
          .sort(),
      );
    }
    expect(isPutServiceName('AddJob')).toBe(true);
    expect(isPutServiceName('DeleteJob')).toBe(false);
  });

  it('derives the input types from the table: required where Spectrum requires, cents, booleans, numbers', () => {
    expectTypeOf<AddJobInput['jobNumber']>().toEqualTypeOf<string>();
    expectTypeOf<AddJobInput['taxable']>().toEqualTypeOf<boolean>();
    expectTypeOf<AddJobInput['originalContractCents']>().toEqualTypeOf<number | undefined>();
    expectTypeOf<SubcontractLineInput['retention']>().toEqualTypeOf<boolean | undefined>();
    expectTypeOf<SubcontractLineInput['phaseCode']>().toEqualTypeOf<string | undefined>();
  });
});
