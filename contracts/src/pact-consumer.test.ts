/**
 * Consumer side: drives the real Spectrum client against the Pact mock server for every client method
 * and writes pacts/bridge-integration-spectrum.json (consumer bridge-integration, provider spectrum).
 * Runs before pact-provider.test.ts (see vitest.config.ts), which replays every interaction against the
 * simulator.
 */
import { rmSync } from 'node:fs';
import {
  createSpectrumClient,
  SpectrumAuthError,
  type SpectrumClient,
  type SpectrumClientOptions,
  SpectrumFaultError,
  SpectrumSessionExpired,
  SpectrumValidationError,
} from '@bridge/spectrum-client';
import { MatchersV3, PactV4 } from '@pact-foundation/pact';
import { beforeAll, describe, expect, it } from 'vitest';
import { PACT_DIR, PACT_FILE } from './support/pact-files.js';
import { STATE } from './support/provider-states.js';
import {
  GET_ROWS,
  INFOLINK_ROWS,
  PUT_FIELDS,
  REST_VENDOR,
  type WireRow,
} from './support/spectrum-examples.js';
import {
  DECIMAL_PATTERN,
  getReply,
  putReply,
  type StatusRow,
  soapFault,
  soapRequest,
  WIRE_DATE_PATTERN,
  XML_CONTENT_TYPE,
  type XmlBody,
} from './support/spectrum-wire.js';

const { eachLike, fromProviderState, integer, like, number, regex } = MatchersV3;

type JsonMap = Record<string, unknown>;

/** The last stage of an interaction (pact-js does not export its V4 builder types from the package root). */
interface ReadyInteraction {
  executeTest<T>(testFn: (mockServer: { url: string }) => Promise<T>): Promise<T | undefined>;
}

const COMPANY = 'ABC';
const AUTH_ID = 'BRIDGEDEMO';
const basic = (company: string, id: string) =>
  `Basic ${Buffer.from(`${company}:${id}`, 'utf8').toString('base64')}`;
const JSON_TYPE = 'application/json';
const JSON_REPLY_TYPE = 'application/json; charset=utf-8';

const JOB_PARAMS = [
  'pCompany_Code',
  'pDivision',
  'pStatus_Code',
  'pProject_Manager',
  'pSuperintendent',
  'pEstimator',
  'pCustomer_Code',
  'pCost_Center',
  'pSort_By',
];
const PHASE_PARAMS = [
  'pCompany_Code',
  'pCost_Type',
  'pJob_Number',
  'pStatus_Code',
  'pCost_Center',
  'pSort_By',
];
const CUSTOMER_PARAMS = ['pCompany_Code', 'pStatus'];

const params = (names: readonly string[], values: Record<string, string>) =>
  names.map((n) => [n, values[n] ?? ''] as const);
const putParams = (service: string, values: Record<string, string>) =>
  params(PUT_FIELDS[service] ?? [], { Company_Code: COMPANY, ...values });

const rows = (service: string): readonly WireRow[] => GET_ROWS[service] ?? [];
/** A copy of an example row with some values replaced. */
const withValues = (row: WireRow | undefined, values: Record<string, string>): WireRow =>
  (row ?? []).map(([n, v]) => [n, values[n] ?? v] as const);

const MONEY_FIELDS = {
  JTD_Quantity: DECIMAL_PATTERN,
  JTD_Hours: DECIMAL_PATTERN,
  JTD_Actual_Dollars: DECIMAL_PATTERN,
  Projected_Quantity: DECIMAL_PATTERN,
  Projected_Hours: DECIMAL_PATTERN,
  Projected_Dollars: DECIMAL_PATTERN,
  Estimated_Quantity: DECIMAL_PATTERN,
  Estimated_Hours: DECIMAL_PATTERN,
  Current_Estimate_Dollars: DECIMAL_PATTERN,
};
const FORMATS: Record<string, Record<string, string>> = {
  GetJob: {},
  GetJobMain: { Original_Contract: DECIMAL_PATTERN },
  GetJobDates: {
    Est_Start_Date: WIRE_DATE_PATTERN,
    Est_Complete_Date: WIRE_DATE_PATTERN,
    Create_Date: WIRE_DATE_PATTERN,
    Start_Date: WIRE_DATE_PATTERN,
    Complete_Date: WIRE_DATE_PATTERN,
  },
  GetPhase: MONEY_FIELDS,
  GetPhaseEnhanced: { ...MONEY_FIELDS, Start_Date: WIRE_DATE_PATTERN },
  GetCustomers: {},
};

let pact: PactV4;
beforeAll(() => {
  // Regenerated in band: the file holds exactly the interactions of this run.
  rmSync(PACT_FILE, { force: true });
  pact = new PactV4({
    consumer: 'bridge-integration',
    provider: 'spectrum',
    dir: PACT_DIR,
    logLevel: 'warn',
  });
});

function client(mockUrl: string, options: Partial<SpectrumClientOptions> = {}): SpectrumClient {
  return createSpectrumClient({
    baseUrl: mockUrl,
    companyCode: COMPANY,
    authorizationId: AUTH_ID,
    retry: { attempts: 1 },
    ...options,
  });
}

interface SoapSpec {
  state: string;
  stateParams?: JsonMap;
  description: string;
  service: string;
  request: XmlBody;
  reply: XmlBody;
  status?: number;
  /** Authorization header; `null` = none. Default Basic ABC:BRIDGEDEMO. */
  authorization?: unknown;
}

function soap(spec: SoapSpec): ReadyInteraction {
  const headers: Record<string, unknown> = {
    'Content-Type': XML_CONTENT_TYPE,
    // The client sends the full endpoint URL, whatever host and port Spectrum runs on.
    SOAPAction: regex(`^https?://[^/]+/ws/${spec.service}$`, `http://127.0.0.1:8482/ws/${spec.service}`),
  };
  if (spec.authorization !== null) headers.Authorization = spec.authorization ?? basic(COMPANY, AUTH_ID);
  return pact
    .addInteraction()
    .given(spec.state, spec.stateParams as never)
    .uponReceiving(spec.description)
    .withRequest('POST', `/ws/${spec.service}`, (b) => {
      b.headers(headers as never).xmlBody(spec.request.body);
      if (spec.request.rules.length > 0) b.matchingRules({ body: spec.request.rules as never });
    })
    .willRespondWith(spec.status ?? 200, (b) => {
      b.headers({ 'Content-Type': XML_CONTENT_TYPE }).xmlBody(spec.reply.body);
      if (spec.reply.rules.length > 0) b.matchingRules({ body: spec.reply.rules as never });
    });
}

function getCall(
  service: string,
  names: readonly string[],
  values: Record<string, string>,
  authId = AUTH_ID,
): XmlBody {
  return soapRequest(service, authId, params(names, { pCompany_Code: COMPANY, ...values }));
}

const jobRow = (values: Record<string, string>) => withValues(rows('GetJob')[0], values);
const ACTIVE_JOB = jobRow({
  Job_Number: '24-101',
  Status_Code: 'A',
  Job_Description: 'Riverside Medical Office',
});

describe('SOAP Get services', () => {
  for (const [service, method] of [
    ['GetJob', 'getJobs'],
    ['GetJobMain', 'getJobMain'],
    ['GetJobDates', 'getJobDates'],
  ] as const) {
    it(`${method}: ${service} rows for completed jobs`, async () => {
      await soap({
        state: STATE.rowExists,
        stateParams: { collection: 'jobs', Job_Number: '23-087', Status_Code: 'C' },
        description: `a ${service} request for completed jobs`,
        service,
        request: getCall(service, JOB_PARAMS, { pStatus_Code: 'C' }),
        reply: getReply(service, rows(service), { formats: FORMATS[service] ?? {} }),
      }).executeTest(async (mock) => {
        const jobs = await client(mock.url)[method]({ statusCode: 'C' }).toArray();
        expect(jobs).toHaveLength(1);
        expect(jobs[0]).toMatchObject({ companyCode: 'ABC', jobNumber: '23-087' });
        if (service === 'GetJobMain') expect(jobs[0]).toMatchObject({ originalContractCents: 64_000_000 });
        if (service === 'GetJobDates') {
          expect(jobs[0]).toMatchObject({ estStartDate: '2023-02-06', projectedCompleteDate: null });
        }
      });
    });
  }

  for (const enhanced of [false, true]) {
    const service = enhanced ? 'GetPhaseEnhanced' : 'GetPhase';
    it(`getPhases${enhanced ? ' (enhanced)' : ''}: ${service} rows of one job and cost type`, async () => {
      await soap({
        state: STATE.rowExists,
        stateParams: { collection: 'phases', Job_Number: '24-101', Phase_Code: '010000', Cost_Type: 'L' },
        description: `a ${service} request for the labor phases of job 24-101`,
        service,
        request: getCall(service, PHASE_PARAMS, { pJob_Number: '24-101', pCost_Type: 'L' }),
        reply: getReply(service, rows(service), { formats: FORMATS[service] ?? {} }),
      }).executeTest(async (mock) => {
        const phases = await client(mock.url)
          .getPhases({ jobNumber: '24-101', costType: 'L', enhanced } as never)
          .toArray();
        expect(phases).toHaveLength(rows(service).length);
        expect(phases[0]).toMatchObject({
          phaseCode: '010000',
          costType: 'L',
          jtdActualCents: 582_403,
          jtdQuantity: '0.00',
          currentEstimateCents: 1_456_100,
        });
        if (enhanced) expect(phases[0]).toMatchObject({ startDate: '2024-03-04', completeDate: null });
      });
    });
  }

  it('getCustomers: GetCustomers rows (active customers)', async () => {
    await soap({
      state: STATE.rowExists,
      stateParams: { collection: 'customers', Customer_Code: 'C100' },
      description: 'a GetCustomers request for active customers',
      service: 'GetCustomers',
      request: getCall('GetCustomers', CUSTOMER_PARAMS, {}),
      reply: getReply('GetCustomers', rows('GetCustomers')),
    }).executeTest(async (mock) => {
      const customers = await client(mock.url).getCustomers().toArray();
      expect(customers.map((c) => c.customerCode)).toEqual(['C100', 'C200', 'C300']);
      expect(customers[0]).toMatchObject({ name: 'City Health Partners', status: 'Active' });
    });
  });

  it('getPhases beyond the row cap: 500 rows + W row, then the slices narrowed by status', async () => {
    const template = rows('GetPhase')[0];
    const phaseRow = (i: number, costType: string, status: string) =>
      withValues(template, {
        Job_Number: '24-105',
        Phase_Code: String(100000 + i * 100).padStart(6, '0'),
        Cost_Type: costType,
        Status_Code: status,
        Description: 'Hangar work',
      });
    const capped: WireRow[] = [];
    for (let i = 0; capped.length < 500; i++) {
      for (const ct of ['E', 'L', 'M', 'S'])
        if (capped.length < 500) capped.push(phaseRow(i, ct, ct === 'E' ? 'I' : 'A'));
    }
    const warning: StatusRow = {
      code: 'W',
      description: 'WARNING - Number of returnable records exceeds maximum number of records allowed.',
      column: '',
    };
    const request = (status: string) =>
      getCall('GetPhase', PHASE_PARAMS, { pJob_Number: '24-105', pStatus_Code: status });
    soap({
      state: STATE.hangarPhases,
      description: 'a GetPhase request for job 24-105 (more than 500 rows)',
      service: 'GetPhase',
      request: request(''),
      reply: getReply('GetPhase', capped, { formats: MONEY_FIELDS, status: warning }),
    });
    soap({
      state: STATE.hangarPhases,
      description: 'a GetPhase request for the active phases of job 24-105',
      service: 'GetPhase',
      request: request('A'),
      reply: getReply('GetPhase', [phaseRow(0, 'L', 'A'), phaseRow(0, 'M', 'A'), phaseRow(0, 'S', 'A')], {
        formats: MONEY_FIELDS,
      }),
    });
    await soap({
      state: STATE.hangarPhases,
      description: 'a GetPhase request for the inactive phases of job 24-105',
      service: 'GetPhase',
      request: request('I'),
      reply: getReply('GetPhase', [phaseRow(0, 'E', 'I'), phaseRow(1, 'E', 'I')], { formats: MONEY_FIELDS }),
    }).executeTest(async (mock) => {
      const phases = await client(mock.url).getPhases({ jobNumber: '24-105' }).toArray();
      // The capped slice is discarded; the two narrowed slices are complete.
      expect(phases.map((p) => `${p.phaseCode}/${p.costType}/${p.statusCode}`)).toEqual([
        '100000/L/A',
        '100000/M/A',
        '100000/S/A',
        '100000/E/I',
        '100100/E/I',
      ]);
    });
  });

  it('streamPhases: lists the jobs by status, then reads each job', async () => {
    for (const status of ['A', 'I', 'C']) {
      soap({
        state: STATE.singleJob,
        description: `a GetJob request for jobs of status ${status} (single-job company)`,
        service: 'GetJob',
        request: getCall('GetJob', JOB_PARAMS, { pStatus_Code: status }),
        reply: getReply('GetJob', status === 'A' ? [ACTIVE_JOB] : []),
      });
    }
    await soap({
      state: STATE.singleJob,
      description: 'a GetPhase request for every phase of job 24-101',
      service: 'GetPhase',
      request: getCall('GetPhase', PHASE_PARAMS, { pJob_Number: '24-101' }),
      reply: getReply('GetPhase', rows('GetPhase'), { formats: MONEY_FIELDS }),
    }).executeTest(async (mock) => {
      const phases = await client(mock.url).streamPhases().toArray();
      expect(phases.length).toBe(rows('GetPhase').length);
      expect(new Set(phases.map((p) => p.jobNumber))).toEqual(new Set(['24-101']));
    });
  });

  it('testConnection: an authorized GetJob read', async () => {
    await soap({
      state: STATE.demo,
      description: 'a GetJob request for active jobs',
      service: 'GetJob',
      request: getCall('GetJob', JOB_PARAMS, { pStatus_Code: 'A' }),
      reply: getReply('GetJob', [ACTIVE_JOB]),
    }).executeTest(async (mock) => {
      expect(await client(mock.url).testConnection()).toEqual({ connected: true });
    });
  });
});

describe('SOAP authorization, session and fault replies', () => {
  const statusOnly = (service: string, status: StatusRow) =>
    getReply(service, [], { status, layout: (rows(service)[0] ?? []).map(([n]) => n) });

  it('testConnection: an E row (company not authorized) reports the reason', async () => {
    await soap({
      state: STATE.foreignCompany,
      description: 'a GetJob request for a company the Authorization ID may not read',
      service: 'GetJob',
      request: soapRequest(
        'GetJob',
        AUTH_ID,
        params(JOB_PARAMS, { pCompany_Code: 'XYZ', pStatus_Code: 'A' }),
      ),
      authorization: basic('XYZ', AUTH_ID),
      reply: statusOnly('GetJob', {
        code: 'E',
        description: 'The web service is not Authorized',
        column: 'Authorization_ID',
      }),
    }).executeTest(async (mock) => {
      const status = await client(mock.url, { companyCode: 'XYZ' }).testConnection();
      expect(status).toEqual({
        connected: false,
        reason: 'The web service is not Authorized',
        kind: 'auth',
        code: 'E',
      });
    });
  });

  it('an expired session GUID (E row, column GUID) is replaced once, then reported', async () => {
    await soap({
      state: STATE.guidExpired,
      stateParams: { service: 'GetJob' },
      description: 'a GetJob request with a timed-out session GUID',
      service: 'GetJob',
      request: getCall('GetJob', JOB_PARAMS, { pStatus_Code: 'C' }),
      reply: statusOnly('GetJob', { code: 'E', description: 'Time out has occurred', column: 'GUID' }),
    }).executeTest(async (mock) => {
      const guids = ['11111111-1111-4111-8111-111111111111', '22222222-2222-4222-8222-222222222222'];
      const error = await client(mock.url, { generateGuid: () => guids.shift() ?? '' })
        .getJobs({ statusCode: 'C' })
        .toArray()
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(SpectrumSessionExpired);
      expect(guids).toEqual([]); // a second GUID was used
    });
  });

  it('HTTP 401 for credentials Spectrum does not know', async () => {
    await pact
      .addInteraction()
      .given(STATE.unknownId)
      .uponReceiving('a GetJob request with Basic credentials of an unknown Authorization ID')
      .withRequest('POST', '/ws/GetJob', (b) => {
        const request = getCall('GetJob', JOB_PARAMS, { pStatus_Code: 'A' }, 'NOSUCH');
        b.headers({
          'Content-Type': XML_CONTENT_TYPE,
          Authorization: basic(COMPANY, 'NOSUCH'),
        })
          .xmlBody(request.body)
          .matchingRules({ body: request.rules as never });
      })
      .willRespondWith(401, (b) => {
        b.headers({
          'Content-Type': like(JSON_TYPE),
          'WWW-Authenticate': like('Basic realm="Spectrum"'),
        }).jsonBody({
          error: like('Invalid Basic credentials'),
        });
      })
      .executeTest(async (mock) => {
        const error = await client(mock.url, { authorizationId: 'NOSUCH' })
          .getJobs({ statusCode: 'A' })
          .toArray()
          .catch((e: unknown) => e);
        expect(error).toBeInstanceOf(SpectrumAuthError);
        expect(error).toMatchObject({ status: 401 });
      });
  });

  it('a SOAP Server fault is a retryable fault error', async () => {
    await soap({
      state: STATE.serverFault,
      stateParams: { service: 'GetJob' },
      description: 'a GetJob request while the service fails',
      service: 'GetJob',
      request: getCall('GetJob', JOB_PARAMS, { pStatus_Code: 'C' }),
      status: 500,
      reply: soapFault('Server', 'Error executing Web Service'),
    }).executeTest(async (mock) => {
      const error = await client(mock.url)
        .getJobs({ statusCode: 'C' })
        .toArray()
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(SpectrumFaultError);
      expect(error).toMatchObject({ faultCode: expect.stringMatching(/Server$/), retryable: true });
    });
  });

  it('a SOAP Client fault (service missing in this release) is not retried', async () => {
    await soap({
      state: STATE.missingService,
      stateParams: { service: 'GetPhaseEnhanced' },
      description: 'a GetPhaseEnhanced request to a release without that service',
      service: 'GetPhaseEnhanced',
      request: getCall('GetPhaseEnhanced', PHASE_PARAMS, { pJob_Number: '24-101', pCost_Type: 'L' }),
      status: 500,
      reply: soapFault(
        'Client',
        'Error identifying Web Service: class com.northgateis.proiv.ws.servlet.WebServiceIdentificationException: Could not find WebService named: GetPhaseEnhanced',
      ),
    }).executeTest(async (mock) => {
      const error = await client(mock.url, { retry: { attempts: 3, baseDelayMs: 1, maxDelayMs: 1 } })
        .getPhases({ jobNumber: '24-101', costType: 'L', enhanced: true })
        .toArray()
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(SpectrumFaultError);
      expect(error).toMatchObject({ faultCode: expect.stringMatching(/Client$/), retryable: false });
    });
  });
});

describe('SOAP Put services', () => {
  interface PutCase {
    method: keyof SpectrumClient;
    service: string;
    state: string;
    stateParams: JsonMap;
    input: JsonMap;
    wire: Record<string, string>;
    generated?: { column: string; example: string; pattern: string };
  }
  const cases: PutCase[] = [
    {
      method: 'addJob',
      service: 'AddJob',
      state: STATE.rowAbsent,
      stateParams: { collection: 'jobs', Job_Number: '25-101' },
      input: {
        jobNumber: '25-101',
        taxable: false,
        priceMethodCode: 'F',
        jobDescription: 'Contract Test Job',
        division: '1',
        customerCode: 'C100',
        costCenter: 'NOR',
        statusCode: 'A',
        originalContractCents: 125_000_000,
        startDate: '2026-01-05',
      },
      wire: {
        Job_Number: '25-101',
        Taxable_Flag: 'N',
        Price_Method_Code: 'F',
        Job_Description: 'Contract Test Job',
        Division: '1',
        Customer_Code: 'C100',
        Cost_Center: 'NOR',
        Status_Code: 'A',
        Original_Contract: '1250000.00',
        Start_Date: '01/05/2026',
      },
    },
    {
      method: 'updateJob',
      service: 'UpdateJob',
      state: STATE.rowExists,
      stateParams: { collection: 'jobs', Job_Number: '24-101' },
      input: { jobNumber: '24-101', jobDescription: 'Riverside Medical Office', projectManager: 'JSMITH' },
      wire: { Job_Number: '24-101', Job_Description: 'Riverside Medical Office', Project_Manager: 'JSMITH' },
    },
    {
      method: 'addPhase',
      service: 'AddPhase',
      state: STATE.rowExists,
      stateParams: { collection: 'jobs', Job_Number: '24-101' },
      input: {
        jobNumber: '24-101',
        phaseCode: '033500',
        costType: 'L',
        description: 'Concrete Finishing',
        priceMethodCode: 'J',
        originalEstCents: 1_250_000,
      },
      wire: {
        Job_Number: '24-101',
        Phase_Code: '033500',
        Cost_Type: 'L',
        Description: 'Concrete Finishing',
        Price_Method_Code: 'J',
        Original_Est_Cost: '12500.00',
      },
    },
    {
      method: 'addJobCostProjection',
      service: 'JobCostProjections',
      state: STATE.rowExists,
      stateParams: { collection: 'phases', Job_Number: '24-101', Phase_Code: '010000', Cost_Type: 'L' },
      input: {
        jobNumber: '24-101',
        phaseCode: '010000',
        costType: 'L',
        transactionDate: '2026-11-20',
        amountCents: 1_500_000,
        note: 'Forecast',
      },
      wire: {
        Job_Number: '24-101',
        Phase_Code: '010000',
        Cost_Type: 'L',
        Transaction_Date: '11/20/2026',
        Amount: '15000.00',
        Note: 'Forecast',
      },
    },
    {
      method: 'addVendor',
      service: 'AddVendor',
      state: STATE.rowAbsent,
      stateParams: { collection: 'vendors', Vendor_Code: 'NEWVND' },
      input: {
        vendorCode: 'NEWVND',
        vendorName: 'New Vendor LLC',
        alphaSort: 'NEWVND',
        termsCode: 'A',
        termsDays: 30,
        termsDiscCode: 'A',
        type: 'SUB',
        city: 'Springfield',
        state: 'IL',
      },
      wire: {
        Vendor_Code: 'NEWVND',
        Vendor_Name: 'New Vendor LLC',
        Alpha_Sort: 'NEWVND',
        Terms_Code: 'A',
        Terms_Days: '30',
        Terms_Disc_Code: 'A',
        Type: 'SUB',
        Address_3: 'Springfield',
        State: 'IL',
      },
    },
    {
      method: 'updateVendor',
      service: 'UpdateVendor',
      state: STATE.rowExists,
      stateParams: { collection: 'vendors', Vendor_Code: 'ACMEEL' },
      input: { vendorCode: 'ACMEEL', phone: '2175559999' },
      wire: { Vendor_Code: 'ACMEEL', Phone: '2175559999' },
    },
    {
      method: 'upsertSubcontract',
      service: 'UpdateSubcontract',
      state: STATE.rowExists,
      stateParams: { collection: 'vendors', Vendor_Code: 'ACMEEL' },
      input: {
        vendorCode: 'ACMEEL',
        subcontractNumber: '24101-02',
        jobNumber: '24-101',
        glAccount: '5200',
        statusCode: 'A',
        dateIssued: '2026-11-02',
        retentionPercent: '10.00',
      },
      wire: {
        Vendor_Code: 'ACMEEL',
        Subcontract_Number: '24101-02',
        Job_Number: '24-101',
        GL_Account: '5200',
        Status_Code: 'A',
        Date_Issued: '11/02/2026',
        Retention_Percent: '10.00',
      },
    },
    {
      method: 'upsertSubcontractLine',
      service: 'UpdateSubcontractPhases',
      state: STATE.rowExists,
      stateParams: { collection: 'subcontracts', Vendor_Code: 'ACMEEL', Subcontract_Number: '24101-01' },
      input: {
        vendorCode: 'ACMEEL',
        subcontractNumber: '24101-01',
        phaseCode: '010000',
        costType: 'S',
        billDescription: 'Electrical rough-in',
        originalContractCents: 12_500_000,
      },
      wire: {
        Vendor_Code: 'ACMEEL',
        Subcontract_Number: '24101-01',
        Phase_Code: '010000',
        Cost_Type: 'S',
        Bill_Description: 'Electrical rough-in',
        Original_Contract_Amount: '125000.00',
      },
    },
    {
      method: 'addChangeRequestLine',
      service: 'ARChangeRequest',
      state: STATE.rowExists,
      stateParams: { collection: 'phases', Job_Number: '24-101', Phase_Code: '010000', Cost_Type: 'L' },
      input: {
        jobNumber: '24-101',
        customerCode: 'C100',
        description: 'Added outlets',
        status: 'OP',
        phaseCode: '010000',
        costType: 'L',
        amountCents: 150_000,
      },
      wire: {
        Job_Number: '24-101',
        Customer_Code: 'C100',
        CR_Description: 'Added outlets',
        CR_Status: 'OP',
        CR_Phase_Code: '010000',
        CR_Cost_Type: 'L',
        Change_Request_Amount: '1500.00',
      },
      generated: { column: 'Change_Request_Number', example: '2', pattern: '^\\d+$' },
    },
    {
      method: 'addChangeOrderLine',
      service: 'ARChangeOrder',
      state: STATE.rowExists,
      stateParams: { collection: 'change-requests', Job_Number: '24-101', Change_Request_Number: '1' },
      input: {
        jobNumber: '24-101',
        customerCode: 'C100',
        changeOrderNumber: '5',
        description: 'Owner change',
        statusCode: 'AP',
        changeRequestNumber: '1',
      },
      wire: {
        Job_Number: '24-101',
        Customer_Code: 'C100',
        Change_Order_Number: '5',
        Description: 'Owner change',
        Status_Code: 'AP',
        Change_Request_Number: '1',
      },
    },
    {
      method: 'addCustomer',
      service: 'AddCustomer',
      state: STATE.rowAbsent,
      stateParams: { collection: 'customers', Customer_Code: 'C500' },
      input: { customerCode: 'C500', name: 'New Customer Inc', termsCode: 'A', salesTaxCode: 'IL' },
      wire: { Customer_Code: 'C500', Name: 'New Customer Inc', Terms_Code: 'A', Sales_Tax_Code: 'IL' },
    },
  ];

  for (const c of cases) {
    it(`${String(c.method)}: ${c.service} accepted${c.generated ? ' with a generated value' : ''}`, async () => {
      await soap({
        state: c.state,
        stateParams: c.stateParams,
        description: `a ${c.service} request that Spectrum accepts`,
        service: c.service,
        request: soapRequest(c.service, AUTH_ID, putParams(c.service, c.wire)),
        reply: putReply(
          c.service,
          c.generated
            ? [
                {
                  code: 'G',
                  desc: c.generated.example,
                  column: c.generated.column,
                  descPattern: c.generated.pattern,
                },
              ]
            : [],
        ),
      }).executeTest(async (mock) => {
        const call = client(mock.url)[c.method] as (input: JsonMap) => Promise<{ generated: JsonMap }>;
        const result = await call(c.input);
        expect(result.generated).toEqual(c.generated ? { [c.generated.column]: c.generated.example } : {});
      });
    });
  }

  it('addPhase: an I row (column and description) is a validation error', async () => {
    await soap({
      state: STATE.rowExists,
      stateParams: { collection: 'jobs', Job_Number: '24-101' },
      description: 'an AddPhase request with a lower-case phase code',
      service: 'AddPhase',
      request: soapRequest(
        'AddPhase',
        AUTH_ID,
        putParams('AddPhase', { Job_Number: '24-101', Phase_Code: '03350a', Cost_Type: 'L' }),
      ),
      reply: putReply('AddPhase', [
        { code: 'I', desc: 'Phase_Code must be uppercase', column: 'Phase_Code' },
      ]),
    }).executeTest(async (mock) => {
      const error = await client(mock.url)
        .addPhase({ jobNumber: '24-101', phaseCode: '03350a', costType: 'L' })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(SpectrumValidationError);
      expect((error as SpectrumValidationError).problems).toEqual([
        { code: 'I', description: 'Phase_Code must be uppercase', column: 'Phase_Code' },
      ]);
    });
  });

  it('addJobCostProjection: I and M rows are all reported', async () => {
    const problems = [
      { code: 'I', description: 'Phase/cost type does not exist on the job', column: 'Phase_Code' },
      {
        code: 'M',
        description: 'At least one of Amount, Projected_Hours or Projected_Quantity is required',
        column: 'Amount',
      },
    ];
    await soap({
      state: STATE.rowAbsent,
      stateParams: { collection: 'phases', Job_Number: '24-101', Phase_Code: '999999' },
      description: 'a JobCostProjections request for an unknown phase without amounts',
      service: 'JobCostProjections',
      request: soapRequest(
        'JobCostProjections',
        AUTH_ID,
        putParams('JobCostProjections', {
          Job_Number: '24-101',
          Phase_Code: '999999',
          Cost_Type: 'L',
          Transaction_Date: '11/20/2026',
        }),
      ),
      reply: putReply(
        'JobCostProjections',
        problems.map((p) => ({ code: p.code, desc: p.description, column: p.column })),
      ),
    }).executeTest(async (mock) => {
      const error = await client(mock.url)
        .addJobCostProjection({
          jobNumber: '24-101',
          phaseCode: '999999',
          costType: 'L',
          transactionDate: '2026-11-20',
        })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(SpectrumValidationError);
      expect((error as SpectrumValidationError).problems).toEqual(problems);
    });
  });

  it('addPhase: an A row (service not authorized for the ID) is an auth error', async () => {
    await soap({
      state: STATE.readOnlyId,
      description: 'an AddPhase request from a read-only Authorization ID',
      service: 'AddPhase',
      authorization: basic(COMPANY, 'READONLY'),
      request: soapRequest(
        'AddPhase',
        'READONLY',
        putParams('AddPhase', { Job_Number: '24-101', Phase_Code: '033500', Cost_Type: 'L' }),
      ),
      reply: putReply('AddPhase', [
        {
          code: 'A',
          desc: 'The Web Service AddPhase is not authorized for this Authorization ID.',
          column: 'Authorization_ID',
        },
      ]),
    }).executeTest(async (mock) => {
      const error = await client(mock.url, { authorizationId: 'READONLY' })
        .addPhase({ jobNumber: '24-101', phaseCode: '033500', costType: 'L' })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(SpectrumAuthError);
      expect(error).toMatchObject({ code: 'A', column: 'Authorization_ID' });
    });
  });

  it('updateVendor: an expired GUID (A row, column GUID) is replaced once, then reported', async () => {
    await soap({
      state: STATE.guidExpired,
      stateParams: { service: 'UpdateVendor' },
      description: 'an UpdateVendor request with a timed-out session GUID',
      service: 'UpdateVendor',
      request: soapRequest(
        'UpdateVendor',
        AUTH_ID,
        putParams('UpdateVendor', { Vendor_Code: 'ACMEEL', Phone: '2175559999' }),
      ),
      reply: putReply('UpdateVendor', [{ code: 'A', desc: 'Time out has occurred', column: 'GUID' }]),
    }).executeTest(async (mock) => {
      const error = await client(mock.url)
        .updateVendor({ vendorCode: 'ACMEEL', phone: '2175559999' })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(SpectrumSessionExpired);
    });
  });
});

const VENDOR_TEMPLATE: JsonMap = Object.fromEntries(
  Object.entries(REST_VENDOR).map(([k, v]) => [
    k,
    typeof v === 'number'
      ? Number.isInteger(v) && k !== 'Discount_Percent'
        ? integer(v)
        : number(v)
      : like(v),
  ]),
);

describe('REST services', () => {
  it('getVendors: GET /vendors/{Company_Code} with filters', async () => {
    await pact
      .addInteraction()
      .given(STATE.rowExists, { collection: 'vendors', Vendor_Code: 'ACMEEL', Type: 'SUB' })
      .uponReceiving('a REST request for the subcontractor vendors')
      .withRequest('GET', '/vendors/ABC', (b) => {
        b.query({ pType: 'SUB' }).headers({ Accept: JSON_TYPE, Authorization: basic(COMPANY, AUTH_ID) });
      })
      .willRespondWith(200, (b) => {
        b.headers({ 'Content-Type': JSON_REPLY_TYPE }).jsonBody(eachLike(VENDOR_TEMPLATE, 1));
      })
      .executeTest(async (mock) => {
        const vendors = await client(mock.url).getVendors({ type: 'SUB' });
        expect(vendors[0]).toMatchObject({ vendorCode: 'ACMEEL', paymentTermDays: 30, discountPercent: '2' });
      });
  });

  it('getVendors: HTTP 401 for an unknown Authorization ID', async () => {
    await pact
      .addInteraction()
      .given(STATE.unknownId)
      .uponReceiving('a REST vendors request with credentials of an unknown Authorization ID')
      .withRequest('GET', '/vendors/ABC', (b) => {
        b.headers({ Accept: JSON_TYPE, Authorization: basic(COMPANY, 'NOSUCH') });
      })
      .willRespondWith(401, (b) => {
        b.headers({ 'Content-Type': JSON_REPLY_TYPE }).jsonBody({
          error: like('Basic credentials Company_Code:Authorization_ID are required'),
        });
      })
      .executeTest(async (mock) => {
        const error = await client(mock.url, { authorizationId: 'NOSUCH' })
          .getVendors()
          .catch((e: unknown) => e);
        expect(error).toBeInstanceOf(SpectrumAuthError);
        expect(error).toMatchObject({ status: 401 });
      });
  });

  it('postScheduleOfValues: POST /contract/scheduleofvalues with money as exact decimals', async () => {
    await pact
      .addInteraction()
      .given(STATE.rowExists, { collection: 'contracts', Job_Number: '24-103', Customer_Code: 'C300' })
      .uponReceiving('a schedule of values for the contract of job 24-103')
      .withRequest('POST', '/contract/scheduleofvalues', (b) => {
        b.headers({
          Accept: JSON_TYPE,
          'Content-Type': JSON_TYPE,
          Authorization: basic(COMPANY, AUTH_ID),
        }).jsonBody({
          contracts: [
            {
              Company_Code: 'ABC',
              Customer_Code: 'C300',
              Job_Number: '24-103',
              Schedule_Of_Values_Fixed: [
                {
                  Billing_Item: '010',
                  Billing_Description: 'General Conditions',
                  Additional_Billing_Description: '',
                  GL_Account: '',
                  Taxable: 'N',
                  Original_Contract: 10000.5,
                  Projected_Revenue: 10000.5,
                  Memo: '',
                  Cost_Center: '',
                  Online_Tax_Code: '',
                },
              ],
            },
          ],
        });
      })
      .willRespondWith(200, (b) => {
        b.headers({ 'Content-Type': JSON_REPLY_TYPE }).jsonBody([
          { index: integer(0), key: '24-103/C300', status: 'S', errors: [] },
        ]);
      })
      .executeTest(async (mock) => {
        const result = await client(mock.url).postScheduleOfValues({
          contracts: [
            {
              jobNumber: '24-103',
              customerCode: 'C300',
              items: [
                {
                  billingItem: '010',
                  billingDescription: 'General Conditions',
                  taxable: false,
                  originalContractCents: 1_000_050,
                },
              ],
            },
          ],
        });
        expect(result.results).toEqual([{ index: 0, key: '24-103/C300', status: 'S', errors: [] }]);
      });
  });
});

/**
 * A form-urlencoded request body, matched as a form (pact-core's form matcher). pact-js 17 has no builder
 * method for it (`body()` sends binary contents), so the interaction handle's text-body call is used.
 */
function formBody(builder: unknown, form: string): void {
  const b = builder as {
    headers(h: Record<string, string>): unknown;
    interaction: { withRequestBody(body: string, contentType: string): void };
  };
  b.headers({ 'Content-Type': 'application/x-www-form-urlencoded' });
  b.interaction.withRequestBody(form, 'application/x-www-form-urlencoded');
}

describe('OAuth (Enhanced Authentication)', () => {
  it('a client-credentials token, then bearer calls', async () => {
    pact
      .addInteraction()
      .given(STATE.oauthClient)
      .uponReceiving('a client-credentials token request')
      .withRequest('POST', '/connect/token', (b) => {
        formBody(
          b,
          'grant_type=client_credentials&client_id=bridge-demo&client_secret=bridge-demo-secret&scope=spectrumapi',
        );
      })
      .willRespondWith(200, (b) => {
        b.headers({ 'Content-Type': JSON_REPLY_TYPE }).jsonBody({
          access_token: like('0123456789abcdefABCDEF0123456789'),
          expires_in: integer(3600),
          token_type: 'Bearer',
          scope: 'spectrumapi',
        });
      });
    await soap({
      state: STATE.oauthClient,
      description: 'a GetJob request with a bearer token',
      service: 'GetJob',
      // A provider-state expression (filled by the provider's state handler), not a template string.
      // biome-ignore lint/suspicious/noTemplateCurlyInString: Pact expression syntax
      authorization: fromProviderState('Bearer ${accessToken}', 'Bearer 0123456789abcdefABCDEF0123456789'),
      request: getCall('GetJob', JOB_PARAMS, { pStatus_Code: 'C' }),
      reply: getReply('GetJob', rows('GetJob')),
    }).executeTest(async (mock) => {
      const jobs = await client(mock.url, {
        auth: { kind: 'oauth', clientId: 'bridge-demo', clientSecret: 'bridge-demo-secret' },
      })
        .getJobs({ statusCode: 'C' })
        .toArray();
      expect(jobs.map((j) => j.jobNumber)).toEqual(['23-087']);
    });
  });

  it('refused client credentials (invalid_client) are an auth error', async () => {
    await pact
      .addInteraction()
      .given(STATE.oauthClient)
      .uponReceiving('a token request with a wrong client secret')
      .withRequest('POST', '/connect/token', (b) => {
        formBody(
          b,
          'grant_type=client_credentials&client_id=bridge-demo&client_secret=wrong&scope=spectrumapi',
        );
      })
      .willRespondWith(400, (b) => {
        b.headers({ 'Content-Type': JSON_REPLY_TYPE }).jsonBody({ error: 'invalid_client' });
      })
      .executeTest(async (mock) => {
        const status = await client(mock.url, {
          auth: { kind: 'oauth', clientId: 'bridge-demo', clientSecret: 'wrong' },
        }).testConnection();
        expect(status).toEqual({
          connected: false,
          reason: expect.stringContaining('invalid_client'),
          kind: 'auth',
          code: 'invalid_client',
        });
      });
  });
});

describe('Info-Link readers (HTTP stand-in)', () => {
  const DECIMAL_JSON = /^-?\d+\.\d{2,4}$/;
  const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
  const template = (table: string): JsonMap =>
    Object.fromEntries(
      Object.entries(INFOLINK_ROWS[table] ?? {}).map(([k, v]) => {
        if (v === null) return [k, null];
        if (typeof v === 'number') return [k, integer(v)];
        if (DECIMAL_JSON.test(v)) return [k, regex('^-?\\d+\\.\\d{2,4}$', v)];
        if (ISO_DATE.test(v)) return [k, regex('^\\d{4}-\\d{2}-\\d{2}$', v)];
        return [k, like(v)];
      }),
    );

  const COLLECTION_OF: Record<string, string> = {
    JC_JOB_MASTER_MC: 'jobs',
    JC_STD_PHASE_DESCRIPTION_MC: 'standard-phases',
    JC_COST_TYPE_MASTER_MC: 'cost-types',
    VN_VENDOR_MASTER_MC: 'vendors',
    VN_SUBCONTRACT_MC: 'subcontracts',
    VN_SUBCONTRACT_PHASE_MC: 'subcontract-lines',
    CR_CONTRACT_MASTER_MC: 'contracts',
    CR_BID_ITEM_DES_MC: 'contract-items',
    CR_CHNG_REQ_HDR_MC: 'change-requests',
    CR_CHNG_REQ_CON_DET_MC: 'change-request-cost-lines',
    CR_CHNG_REQ_REV_MC: 'change-request-revenue-lines',
    JC_TRANSACTION_HISTORY_MC: 'job-costs',
  };
  const readers: [keyof SpectrumClient, string, Record<string, string>, Record<string, string>][] = [
    ['listJobs', 'JC_JOB_MASTER_MC', { jobNumber: '24-101' }, { Job_Number: '24-101' }],
    ['listStandardPhases', 'JC_STD_PHASE_DESCRIPTION_MC', { phaseCode: '010000' }, { Phase_Code: '010000' }],
    ['listCostTypes', 'JC_COST_TYPE_MASTER_MC', { costType: 'L' }, { Cost_Type: 'L' }],
    ['listVendorMaster', 'VN_VENDOR_MASTER_MC', { vendorCode: 'ACMEEL' }, { Vendor_Code: 'ACMEEL' }],
    ['listSubcontracts', 'VN_SUBCONTRACT_MC', { vendorCode: 'ACMEEL' }, { Vendor_Code: 'ACMEEL' }],
    ['listSubcontractLines', 'VN_SUBCONTRACT_PHASE_MC', { vendorCode: 'ACMEEL' }, { Vendor_Code: 'ACMEEL' }],
    ['listContracts', 'CR_CONTRACT_MASTER_MC', { jobNumber: '24-101' }, { Job_Number: '24-101' }],
    ['listContractItems', 'CR_BID_ITEM_DES_MC', { jobNumber: '24-101' }, { Job_Number: '24-101' }],
    ['listChangeRequests', 'CR_CHNG_REQ_HDR_MC', { jobNumber: '24-101' }, { Job_Number: '24-101' }],
    ['listChangeRequestLines', 'CR_CHNG_REQ_CON_DET_MC', { jobNumber: '24-101' }, { Job_Number: '24-101' }],
    [
      'listChangeRequestRevenueLines',
      'CR_CHNG_REQ_REV_MC',
      { jobNumber: '24-101' },
      { Job_Number: '24-101' },
    ],
    ['listJobCostHistory', 'JC_TRANSACTION_HISTORY_MC', { jobNumber: '24-101' }, { Job_Number: '24-101' }],
  ];

  for (const [method, table, filter, query] of readers) {
    it(`${String(method)}: GET /infolink/${table}`, async () => {
      await pact
        .addInteraction()
        .given(STATE.rowExists, { collection: COLLECTION_OF[table] ?? table, ...query })
        .uponReceiving(`an Info-Link read of ${table} for ${Object.values(query).join('/')}`)
        .withRequest('GET', `/infolink/${table}`, (b) => {
          b.query({ Company_Code: COMPANY, ...query, limit: '1000' }).headers({
            Accept: JSON_TYPE,
            Authorization: basic(COMPANY, AUTH_ID),
          });
        })
        .willRespondWith(200, (b) => {
          b.headers({ 'Content-Type': JSON_REPLY_TYPE }).jsonBody({
            table,
            rows: eachLike(template(table), 1),
            nextCursor: null,
          });
        })
        .executeTest(async (mock) => {
          const list = client(mock.url)[method] as (f: JsonMap) => { toArray(): Promise<JsonMap[]> };
          const got = await list(filter).toArray();
          expect(got).toHaveLength(1);
          expect(got[0]).toMatchObject({ companyCode: 'ABC', ...filter });
        });
    });
  }

  it('listCostTypes: follows nextCursor across pages', async () => {
    const page = (after: string | undefined, codes: string[], next: string | null) =>
      pact
        .addInteraction()
        .given(STATE.demo)
        .uponReceiving(`an Info-Link page of JC_COST_TYPE_MASTER_MC ${after ? 'after a cursor' : '(first)'}`)
        .withRequest('GET', '/infolink/JC_COST_TYPE_MASTER_MC', (b) => {
          b.query({ Company_Code: COMPANY, limit: '3', ...(after ? { after } : {}) }).headers({
            Accept: JSON_TYPE,
            Authorization: basic(COMPANY, AUTH_ID),
          });
        })
        .willRespondWith(200, (b) => {
          b.headers({ 'Content-Type': JSON_REPLY_TYPE }).jsonBody({
            table: 'JC_COST_TYPE_MASTER_MC',
            rows: codes.map((code) => ({ ...template('JC_COST_TYPE_MASTER_MC'), Cost_Type: code })),
            nextCursor: next === null ? null : like(next),
          });
        });
    // The stand-in's cursor is the last key, base64url JSON: deterministic for the demo data.
    page(undefined, ['E', 'L', 'M'], 'WyJBQkMiLCJNIl0');
    await page('WyJBQkMiLCJNIl0', ['O', 'S'], null).executeTest(async (mock) => {
      const types = await client(mock.url, { infoLinkPageSize: 3 }).listCostTypes().toArray();
      expect(types.map((t) => t.costType)).toEqual(['E', 'L', 'M', 'O', 'S']);
    });
  });

  it('HTTP 403 for a company the Authorization ID may not read', async () => {
    await pact
      .addInteraction()
      .given(STATE.foreignCompany)
      .uponReceiving('an Info-Link read for a company the Authorization ID may not read')
      .withRequest('GET', '/infolink/JC_COST_TYPE_MASTER_MC', (b) => {
        b.query({ Company_Code: 'XYZ', limit: '1000' }).headers({
          Accept: JSON_TYPE,
          Authorization: basic('XYZ', AUTH_ID),
        });
      })
      .willRespondWith(403, (b) => {
        b.headers({ 'Content-Type': JSON_REPLY_TYPE }).jsonBody({
          error: like('Authorization ID is not authorized for company XYZ'),
        });
      })
      .executeTest(async (mock) => {
        const error = await client(mock.url, { companyCode: 'XYZ' })
          .listCostTypes()
          .toArray()
          .catch((e: unknown) => e);
        expect(error).toBeInstanceOf(SpectrumAuthError);
        expect(error).toMatchObject({ status: 403 });
      });
  });
});
