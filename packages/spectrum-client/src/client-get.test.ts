import { http } from 'msw';
import { describe, expect, it } from 'vitest';
import { SpectrumParseError, SpectrumRowCapError } from './errors.js';
import { getReplyXml, sampleData, samplePhase, sampleVendor, withWarningRow } from './mocks/index.js';
import { AUTH_ID, BASE_URL, paramOf, useMockSpectrum } from './test-support/msw-setup.js';

const mock = useMockSpectrum();

describe('Get services', () => {
  it('getJobs returns camelCase jobs, Active + Inactive by default, and sends a real-looking envelope', async () => {
    mock.data();
    const jobs = await mock.client().getJobs().toArray();
    expect(jobs.map((j) => j.jobNumber)).toEqual(['24-101', '24-102']);
    expect(jobs[0]).toMatchObject({
      jobDescription: 'Riverside Medical Office',
      statusCode: 'A',
      customerCode: 'ACME',
    });
    const req = mock.captured[0]!;
    expect(req.url).toBe(`${BASE_URL}/ws/GetJob`);
    expect(req.headers.get('SOAPAction')).toBe(`${BASE_URL}/ws/GetJob`);
    expect(req.headers.get('Content-Type')).toBe('text/xml; charset=utf-8');
    expect(req.headers.get('Authorization')).toBe(
      `Basic ${Buffer.from(`ABC:${AUTH_ID}`).toString('base64')}`,
    );
    const names = [...req.body.matchAll(/<([A-Za-z_][\w:]*)[\s>]/g)].map((m) => m[1]);
    expect(names.slice(names.indexOf('GetJob'))).toEqual([
      'GetJob',
      'Authorization_ID',
      'GUID',
      'pCompany_Code',
      'pDivision',
      'pStatus_Code',
      'pProject_Manager',
      'pSuperintendent',
      'pEstimator',
      'pCustomer_Code',
      'pCost_Center',
      'pSort_By',
    ]);
    expect(paramOf(req.body, 'pCompany_Code')).toBe('ABC');
    expect(paramOf(req.body, 'GUID')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('passes filters as parameters (complete jobs only)', async () => {
    mock.data();
    const jobs = await mock.client().getJobs({ statusCode: 'C' }).toArray();
    expect(jobs.map((j) => j.jobNumber)).toEqual(['23-050']);
    expect(paramOf(mock.captured[0]!.body, 'pStatus_Code')).toBe('C');
  });

  it('getJobMain and getJobDates map money to cents and dates to ISO', async () => {
    mock.data();
    const client = mock.client();
    const [main] = await client.getJobMain({ statusCode: 'A' }).toArray();
    expect(main).toMatchObject({
      jobNumber: '24-101',
      originalContractCents: 1234567890,
      priceMethodCode: 'F',
    });
    const [dates] = await client.getJobDates({ statusCode: 'A' }).toArray();
    expect(dates).toMatchObject({ estStartDate: '2024-03-01', createDate: '2024-01-14', completeDate: null });
  });

  it('getPhases reads phase x cost type rows; the enhanced variant adds dates and price method', async () => {
    mock.data();
    const client = mock.client();
    const phases = await client.getPhases({ jobNumber: '24-101' }).toArray();
    expect(phases).toHaveLength(3);
    expect(phases[0]).toMatchObject({
      phaseCode: '013100',
      costType: 'L',
      jtdActualCents: 85951,
      jtdHours: '12.50',
      jtdQuantity: '0.00',
      currentEstimateCents: 1200000,
    });
    expect(phases[0]).not.toHaveProperty('startDate');
    const enhanced = await client.getPhases({ jobNumber: '24-101', enhanced: true }).toArray();
    expect(enhanced[0]).toMatchObject({ startDate: '2024-03-01', endDate: null, priceMethodCode: 'F' });
    expect(mock.captured.at(-1)!.url).toBe(`${BASE_URL}/ws/GetPhaseEnhanced`);
  });

  it('getCustomers and getVendors (REST) return domain objects', async () => {
    mock.data();
    const client = mock.client();
    expect(await client.getCustomers().toArray()).toMatchObject([{ customerCode: 'ACME', status: 'Active' }]);
    const vendors = await client.getVendors({ state: 'IL', costCenter: 'ALL' });
    expect(vendors).toEqual([sampleVendor({ discountPercent: '2' })]);
    const rest = mock.captured.at(-1)!;
    expect(rest.url).toBe(`${BASE_URL}/vendors/ABC?pState=IL&pCostCenter=ALL`);
    expect(rest.headers.get('Authorization')).toMatch(/^Basic /);
  });

  it('accepts the documented Current_Estimated_Dollars name as well as the wire name', async () => {
    const xml = getReplyXml(
      'GetPhase',
      ['Company_Code', 'Job_Number', 'Phase_Code', 'Cost_Type', 'Current_Estimated_Dollars'],
      [
        {
          Company_Code: 'ABC',
          Job_Number: '1',
          Phase_Code: '01',
          Cost_Type: 'L',
          Current_Estimated_Dollars: '.50',
        },
      ],
    );
    mock.server.use(http.post(`${BASE_URL}/ws/GetPhase`, () => new Response(xml)));
    const err = await mock
      .client()
      .getPhases({ jobNumber: '1' })
      .toArray()
      .catch((e: unknown) => e);
    // every other numeric field is missing in this reply: the first missing one is named
    expect(err).toBeInstanceOf(SpectrumParseError);
    expect((err as SpectrumParseError).field).toBe('Description');
  });

  it('a row missing an expected field is a parse error naming the field', async () => {
    const xml = getReplyXml(
      'GetJob',
      ['Company_Code', 'Job_Description'],
      [{ Company_Code: 'ABC', Job_Description: 'x' }],
    );
    mock.server.use(http.post(`${BASE_URL}/ws/GetJob`, () => new Response(xml)));
    const err = await mock
      .client()
      .getJobs()
      .toArray()
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SpectrumParseError);
    expect((err as SpectrumParseError).message).toBe('GetJob row 1: field Job_Number is missing');
  });

  it('a malformed money value is a parse error naming the field', async () => {
    const data = sampleData();
    mock.server.use(
      http.post(
        `${BASE_URL}/ws/GetJobMain`,
        () =>
          new Response(
            getReplyXml(
              'GetJobMain',
              ['Company_Code', 'Job_Number', 'Original_Contract'],
              [{ Company_Code: 'ABC', Job_Number: '1', Original_Contract: '12,34.5x' }],
            ),
          ),
      ),
    );
    void data;
    const err = await mock
      .client()
      .getJobMain()
      .toArray()
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SpectrumParseError);
  });
});

describe('W-row narrowing', () => {
  function bigJob(jobNumber: string, count: number, costTypes = ['L', 'M', 'S', 'E1', 'E2']) {
    return Array.from({ length: count }, (_, i) =>
      samplePhase({
        jobNumber,
        phaseCode: String(10000 + Math.floor(i / costTypes.length)).padStart(6, '0'),
        costType: costTypes[i % costTypes.length]!,
        statusCode: i % 3 === 0 ? 'I' : 'A',
      }),
    );
  }

  it('narrows one job by status then cost-type prefixes and yields every row exactly once', async () => {
    const phases = bigJob('24-101', 40);
    mock.data({ ...sampleData(), phases, rowCap: 6 });
    const rows = await mock.client().getPhases({ jobNumber: '24-101' }).toArray();
    const keys = rows.map((r) => `${r.phaseCode}/${r.costType}`);
    expect(new Set(keys).size).toBe(40);
    expect(keys.sort()).toEqual(phases.map((p) => `${p.phaseCode}/${p.costType}`).sort());
    const slices = mock.captured.map(
      (c) => `${paramOf(c.body, 'pStatus_Code')}|${paramOf(c.body, 'pCost_Type')}`,
    );
    expect(slices.slice(0, 2)).toEqual(['|', 'A|']);
    expect(slices).toContain('I|');
    expect(slices).toContain('A|E*');
    expect(slices).toContain('A|E1*');
  });

  it('narrows a company-wide phase read per job (jobs listed through GetJob)', async () => {
    const phases = [...bigJob('24-101', 5), ...bigJob('24-102', 4), ...bigJob('23-050', 3)];
    mock.data({ ...sampleData(), phases, rowCap: 8 });
    const rows = await mock.client().getPhases().toArray();
    expect(rows).toHaveLength(12);
    const services = mock.captured.map((c) => c.url.split('/ws/')[1]);
    expect(services[0]).toBe('GetPhase');
    expect(services.filter((s) => s === 'GetJob')).toHaveLength(3);
  });

  it('streamPhases lists jobs first, then streams each job', async () => {
    mock.data({ ...sampleData(), phases: [...bigJob('24-101', 3), ...bigJob('24-102', 2)] });
    const rows = [];
    for await (const row of mock.client().streamPhases()) rows.push(row);
    expect(rows).toHaveLength(5);
    expect(mock.captured[0]!.url).toMatch(/GetJob$/);
  });

  it('streamPhases can list jobs from Info-Link instead', async () => {
    mock.data({ ...sampleData(), phases: bigJob('24-101', 3) });
    const rows = await mock.client({ jobSource: 'infolink' }).streamPhases().toArray();
    expect(rows).toHaveLength(3);
    expect(mock.captured[0]!.url).toContain('/infolink/JC_JOB_MASTER_MC?Company_Code=ABC');
  });

  it('narrows GetJob by status then division prefix', async () => {
    const jobs = Array.from({ length: 30 }, () => sampleData().jobs![0]!).map((j, i) => ({
      ...j,
      jobNumber: `J${i}`,
      division: String(10 + (i % 12)),
      statusCode: i % 2 ? 'A' : 'I',
    }));
    mock.data({ ...sampleData(), jobs, rowCap: 5 });
    const rows = await mock.client().getJobs().toArray();
    expect(rows.map((r) => r.jobNumber).sort()).toEqual(jobs.map((j) => j.jobNumber).sort());
    expect(mock.captured.map((c) => paramOf(c.body, 'pDivision'))).toContain('1*');
  });

  it('deduplicates a row seen in two slices (status changed between calls)', async () => {
    const a = samplePhase({ costType: 'L' });
    mock.server.use(
      withWarningRow(BASE_URL, 'GetPhase', [a], { once: true }),
      http.post(`${BASE_URL}/ws/GetPhase`, async ({ request }) => {
        const body = await request.text();
        const rows = paramOf(body, 'pStatus_Code') === 'A' ? [a] : [a, samplePhase({ costType: 'M' })];
        const { toWireRow } = await import('./mocks/index.js');
        const { PHASE_ROW } = await import('./services/get-services.js');
        return new Response(
          getReplyXml(
            'GetPhase',
            Object.values(PHASE_ROW).map(([w]) => w),
            rows.map((r) => toWireRow(PHASE_ROW, r)),
          ),
        );
      }),
    );
    const rows = await mock.client().getPhases({ jobNumber: '24-101' }).toArray();
    expect(rows.map((r) => r.costType)).toEqual(['L', 'M']);
  });

  it('throws SpectrumRowCapError when nothing is left to narrow', async () => {
    const phases = Array.from({ length: 5 }, (_, i) => samplePhase({ phaseCode: `0${i}`, costType: 'LAB' }));
    mock.data({ ...sampleData(), phases, rowCap: 2 });
    const err = await mock
      .client()
      .getPhases({ jobNumber: '24-101', statusCode: 'A', costType: 'LAB' })
      .toArray()
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SpectrumRowCapError);
    expect((err as SpectrumRowCapError).filter).toMatchObject({ jobNumber: '24-101', costType: 'LAB' });
  });
});

describe('msw setup', () => {
  it('fails requests no handler covers (onUnhandledFrame: error)', async () => {
    mock.data();
    await expect(fetch(`${BASE_URL}/not-a-spectrum-path`)).rejects.toThrow();
  });
});
