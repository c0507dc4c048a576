import { http } from 'msw';
import { describe, expect, it } from 'vitest';
import { SpectrumAuthError, SpectrumValidationError } from './errors.js';
import { errorRows, sampleData } from './mocks/index.js';
import { BASE_URL, paramOf, useMockSpectrum } from './test-support/msw-setup.js';

const mock = useMockSpectrum();

function fieldOrder(body: string): string[] {
  const inner = body.slice(body.indexOf('<GUID>'));
  return [...inner.matchAll(/<([A-Za-z_]\w*)>/g)].map((m) => m[1]!);
}

describe('Put services', () => {
  it('addJob sends Company_Code, the fields in order, blanks empty, wire formats', async () => {
    const received: Record<string, string>[] = [];
    mock.data({ ...sampleData(), onPut: (_s, f) => received.push(f) });
    const result = await mock.client().addJob({
      jobNumber: '24-103',
      taxable: false,
      priceMethodCode: 'F',
      jobDescription: 'North Wing & Annex',
      originalContractCents: 123450,
      estStartDate: '2025-01-14',
      totalUnits: '12.5',
    });
    expect(result).toEqual({ generated: {} });
    const body = mock.captured[0]!.body;
    expect(mock.captured[0]!.url).toBe(`${BASE_URL}/ws/AddJob`);
    expect(fieldOrder(body).slice(0, 6)).toEqual([
      'GUID',
      'Company_Code',
      'Job_Number',
      'Taxable_Flag',
      'Price_Method_Code',
      'Job_Description',
    ]);
    expect(received[0]).toMatchObject({
      Company_Code: 'ABC',
      Job_Number: '24-103',
      Taxable_Flag: 'N',
      Job_Description: 'North Wing & Annex',
      Original_Contract: '1234.50',
      Est_Start_Date: '01/14/2025',
      Total_Units: '12.5',
      Division: '',
      Master_Job: '',
    });
    expect(body).toContain('<Job_Description>North Wing &amp; Annex</Job_Description>');
  });

  it('returns generated values from G rows', async () => {
    mock.data({ ...sampleData(), generated: { ARChangeRequest: { Change_Request_Number: 'CR0042' } } });
    const result = await mock.client().addChangeRequestLine({
      jobNumber: '24-101',
      customerCode: 'ACME',
      description: 'Canopy',
      phaseCode: '051200',
      costType: 'S',
      amountCents: 1500000,
      subcontractorCode: 'STEEL01',
      subcontractNumber: '24-101-01',
      subStatus: 'P',
    });
    expect(result).toEqual({ generated: { Change_Request_Number: 'CR0042' } });
    expect(paramOf(mock.captured[0]!.body, 'Change_Request_Amount')).toBe('15000.00');
    expect(paramOf(mock.captured[0]!.body, 'Change_Request_Number')).toBe('');
  });

  it('I/M rows become one SpectrumValidationError with every problem, never retried', async () => {
    mock.data();
    mock.server.use(
      errorRows(BASE_URL, 'AddPhase', [
        { code: 'I', description: 'Phase code does not match the job phase mask', column: 'Phase_Code' },
        { code: 'M', description: 'Description is required for a new phase', column: 'Description' },
      ]),
    );
    const err = await mock
      .client()
      .addPhase({ jobNumber: '24-101', phaseCode: '01-31', costType: 'L' })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SpectrumValidationError);
    const v = err as SpectrumValidationError;
    expect(v.retryable).toBe(false);
    expect(v.column).toBe('Phase_Code');
    expect(v.problems).toEqual([
      { code: 'I', description: 'Phase code does not match the job phase mask', column: 'Phase_Code' },
      { code: 'M', description: 'Description is required for a new phase', column: 'Description' },
    ]);
    expect(v.message).toContain('Phase_Code: Phase code does not match the job phase mask');
    expect(mock.captured).toHaveLength(1);
  });

  it('an A row is a SpectrumAuthError', async () => {
    mock.data({ ...sampleData(), authorizationId: 'someone-else' });
    const err = await mock
      .client()
      .addVendor({
        vendorCode: 'NEW01',
        vendorName: 'New',
        alphaSort: 'NEW',
        termsCode: 'A',
        termsDays: 30,
        termsDiscCode: 'A',
      })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SpectrumAuthError);
    expect((err as SpectrumAuthError).column).toBe('Authorization_ID');
    expect((err as SpectrumAuthError).code).toBe('A');
  });

  it('refuses to send a request without its required fields or with a bad value', async () => {
    mock.data();
    const client = mock.client();
    // @ts-expect-error jobNumber is required
    await expect(client.addJob({ taxable: true, priceMethodCode: 'F' })).rejects.toThrow(
      'AddJob: jobNumber is required',
    );
    await expect(
      client.addJobCostProjection({
        jobNumber: '1',
        phaseCode: '01',
        costType: 'L',
        transactionDate: '01/02/2025',
      }),
    ).rejects.toThrow('transactionDate');
    await expect(
      client.upsertSubcontractLine({ vendorCode: 'V', subcontractNumber: 'S', originalContractCents: 1.5 }),
    ).rejects.toThrow('originalContractCents');
    expect(mock.captured).toHaveLength(0);
  });

  it('every write method calls its Spectrum service', async () => {
    mock.data();
    const c = mock.client();
    await c.addJob({ jobNumber: 'J', taxable: true, priceMethodCode: 'F' });
    await c.updateJob({ jobNumber: 'J', ownerName: 'Owner' });
    await c.addPhase({
      jobNumber: 'J',
      phaseCode: '01',
      costType: 'L',
      description: 'x',
      priceMethodCode: 'J',
    });
    await c.addJobCostProjection({
      jobNumber: 'J',
      phaseCode: '01',
      costType: 'L',
      transactionDate: '2025-01-31',
      amountCents: 0,
    });
    await c.addVendor({
      vendorCode: 'V',
      vendorName: 'V',
      alphaSort: 'V',
      termsCode: 'A',
      termsDays: 30,
      termsDiscCode: 'A',
      city: 'Decatur',
    });
    await c.updateVendor({ vendorCode: 'V', city: 'Peoria', status: 'I' });
    await c.upsertSubcontract({
      vendorCode: 'V',
      subcontractNumber: 'S1',
      jobNumber: 'J',
      glAccount: '5200',
    });
    await c.upsertSubcontractLine({
      vendorCode: 'V',
      subcontractNumber: 'S1',
      phaseCode: '01',
      costType: 'S',
      originalContractCents: 100,
      retention: true,
    });
    await c.addChangeRequestLine({ jobNumber: 'J', customerCode: 'C' });
    await c.addChangeOrderLine({
      jobNumber: 'J',
      customerCode: 'C',
      changeOrderNumber: 'CO1',
      revenueCents: 500,
    });
    await c.addCustomer({ customerCode: 'C', name: 'C', termsCode: 'A', salesTaxCode: 'IL' });
    expect(mock.captured.map((r) => r.url.split('/ws/')[1])).toEqual([
      'AddJob',
      'UpdateJob',
      'AddPhase',
      'JobCostProjections',
      'AddVendor',
      'UpdateVendor',
      'UpdateSubcontract',
      'UpdateSubcontractPhases',
      'ARChangeRequest',
      'ARChangeOrder',
      'AddCustomer',
    ]);
    // the city goes to Address_3 on AddVendor and City on UpdateVendor
    expect(paramOf(mock.captured[4]!.body, 'Address_3')).toBe('Decatur');
    expect(paramOf(mock.captured[5]!.body, 'City')).toBe('Peoria');
    expect(paramOf(mock.captured[7]!.body, 'Retention_Flag')).toBe('Y');
    expect(paramOf(mock.captured[3]!.body, 'Amount')).toBe('0.00');
  });

  it('one client reuses its GUID across calls; batch() starts a new one', async () => {
    mock.data();
    const client = mock.client();
    await client.updateJob({ jobNumber: 'J1' });
    await client.updateJob({ jobNumber: 'J2' });
    await client.batch().updateJob({ jobNumber: 'J3' });
    const guids = mock.captured.map((c) => paramOf(c.body, 'GUID'));
    expect(guids[0]).toBe(guids[1]);
    expect(guids[2]).not.toBe(guids[0]);
  });
});

describe('schedule of values (REST)', () => {
  it('posts exact decimal numbers and returns per-contract results', async () => {
    mock.data();
    const result = await mock.client().postScheduleOfValues({
      contracts: [
        {
          jobNumber: '24-101',
          customerCode: 'ACME',
          items: [
            {
              billingItem: '100',
              billingDescription: 'General Conditions',
              originalContractCents: 85951,
              taxable: false,
            },
          ],
        },
      ],
    });
    expect(result.results).toEqual([{ index: 0, key: '24-101/ACME', status: 'S', errors: [] }]);
    const body = mock.captured[0]!.body;
    expect(body).toContain('"Original_Contract":859.51');
    expect(body).toContain('"Projected_Revenue":859.51');
    expect(JSON.parse(body).contracts[0]).toMatchObject({
      Company_Code: 'ABC',
      Job_Number: '24-101',
      Customer_Code: 'ACME',
    });
  });

  it('a rejected contract is a SpectrumValidationError carrying Spectrum’s rows', async () => {
    mock.data();
    mock.server.use(
      http.post(`${BASE_URL}/contract/scheduleofvalues`, () =>
        Response.json([
          {
            index: 0,
            key: '24-101/ACME',
            status: 'I',
            errors: [{ code: 'I', desc: 'Invalid GL account', column: 'GL_Account' }],
          },
        ]),
      ),
    );
    const err = await mock
      .client()
      .postScheduleOfValues({
        contracts: [
          {
            jobNumber: '24-101',
            customerCode: 'ACME',
            items: [{ billingItem: '1', originalContractCents: 1 }],
          },
        ],
      })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SpectrumValidationError);
    expect((err as SpectrumValidationError).problems).toEqual([
      { code: 'I', description: 'Invalid GL account', column: 'GL_Account' },
    ]);
  });
});
