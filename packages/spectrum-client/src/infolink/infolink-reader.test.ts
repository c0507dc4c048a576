import { describe, expect, it } from 'vitest';
import { SpectrumAuthError, SpectrumParseError, SpectrumTransportError } from '../errors.js';
import { httpStatus, sampleData } from '../mocks/index.js';
import { BASE_URL, useMockSpectrum } from '../test-support/msw-setup.js';
import { describeInfoLinkReaderContract } from '../testing/infolink-reader-contract.js';

const mock = useMockSpectrum();

describeInfoLinkReaderContract('HTTP stand-in reader (msw mocks)', () => ({
  async load(data) {
    mock.captured.length = 0;
    mock.data(data);
  },
  reader: (options = {}) =>
    mock.client(options.pageSize === undefined ? {} : { infoLinkPageSize: options.pageSize }),
  pageRequests: () => mock.captured.filter((r) => new URL(r.url).pathname.startsWith('/infolink/')).length,
  async deny(table) {
    mock.server.use(httpStatus(BASE_URL, `/infolink/${table}`, 403, '{"error":"company not granted"}'));
  },
}));

describe('Info-Link reader (HTTP stand-in): what travels over HTTP', () => {
  it('maps domain filters to column filters and always sends Company_Code', async () => {
    mock.data();
    const rows = await mock
      .client()
      .listSubcontractLines({ vendorCode: 'STEEL01', subcontractNumber: '24-101-01' })
      .toArray();
    expect(rows).toHaveLength(1);
    const url = new URL(mock.captured[0]!.url);
    expect(Object.fromEntries(url.searchParams)).toEqual({
      Company_Code: 'ABC',
      Vendor_Code: 'STEEL01',
      Subcontract_Number: '24-101-01',
      limit: '1000',
    });
  });

  it('follows nextCursor page by page', async () => {
    const data = sampleData();
    data.infoLink!.JC_TRANSACTION_HISTORY_MC = Array.from({ length: 5 }, (_, i) => ({
      transactionNumber: i + 1,
      amountCents: i,
    }));
    mock.data(data);
    const rows = await mock.client({ infoLinkPageSize: 2 }).listJobCostHistory().toArray();
    expect(rows.map((r) => r.transactionNumber)).toEqual([1, 2, 3, 4, 5]);
    expect(mock.captured.map((r) => new URL(r.url).searchParams.get('after'))).toEqual([null, '2', '4']);
  });

  it('401/403 are auth errors; 400 is a non-retried error carrying the server’s reason', async () => {
    mock.data();
    mock.server.use(
      httpStatus(BASE_URL, '/infolink/VN_SUBCONTRACT_MC', 403, '{"error":"company not granted"}'),
    );
    const e403 = await mock
      .client()
      .listSubcontracts()
      .toArray()
      .catch((e: unknown) => e);
    expect(e403).toBeInstanceOf(SpectrumAuthError);
    expect((e403 as Error).message).toContain('company not granted');
    mock.server.use(
      httpStatus(BASE_URL, '/infolink/VN_SUBCONTRACT_MC', 400, '{"error":"unknown column Foo"}'),
    );
    const e400 = await mock
      .client()
      .listSubcontracts()
      .toArray()
      .catch((e: unknown) => e);
    expect(e400).toBeInstanceOf(SpectrumTransportError);
    expect(e400).toMatchObject({ retryable: false, status: 400 });
  });

  it('a decimal column sent as a fractional JSON number is rejected (money never travels as a float)', async () => {
    mock.data();
    mock.server.use(
      httpStatus(
        BASE_URL,
        '/infolink/JC_TRANSACTION_HISTORY_MC',
        200,
        JSON.stringify({
          table: 'JC_TRANSACTION_HISTORY_MC',
          rows: [{ Company_Code: 'ABC', Transaction_Number: 1, Tran_Amount: 859.51 }],
          nextCursor: null,
        }),
      ),
    );
    const err = await mock
      .client()
      .listJobCostHistory()
      .toArray()
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SpectrumParseError);
    expect((err as SpectrumParseError).field).toBe('Job_Number');
  });
});
