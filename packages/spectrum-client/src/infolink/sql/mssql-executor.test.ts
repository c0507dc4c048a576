import { describe, expect, it } from 'vitest';
import { SpectrumAuthError, SpectrumTlsError, SpectrumTransportError } from '../../errors.js';
import {
  createMssqlExecutor,
  type InfoLinkSqlConnection,
  type MssqlDriver,
  mssqlConfig,
} from './mssql-executor.js';
import { createSqlInfoLinkReader } from './sql-infolink-reader.js';

const PASSWORD = 'Il-Secret-Pa55';
const CONNECTION: InfoLinkSqlConnection = {
  host: 'spectrum-sql.acme.example',
  database: 'Spectrum',
  login: 'bridge_infolink',
  password: PASSWORD,
};

type Answer = Record<string, unknown>[] | Error;

/** `mssql` faked at its boundary: pools, requests, typed inputs; answers and connect failures are scripted. */
function fakeDriver(script: { connect?: (Error | undefined)[]; answers?: Answer[] } = {}) {
  const pools: { config: unknown; closed: boolean }[] = [];
  const requests: { inputs: [string, unknown, unknown][]; text: string }[] = [];
  const connects = [...(script.connect ?? [])];
  const answers = [...(script.answers ?? [])];
  const driver: MssqlDriver = {
    VarChar: (length?: number) => ({ type: 'VarChar', length }),
    Int: { type: 'Int' },
    ConnectionPool: class {
      private readonly state: { config: unknown; closed: boolean };
      constructor(config: unknown) {
        this.state = { config, closed: false };
        pools.push(this.state);
      }
      async connect() {
        const failure = connects.shift();
        if (failure) throw failure;
        return this;
      }
      request() {
        const r = { inputs: [] as [string, unknown, unknown][], text: '' };
        requests.push(r);
        const req = {
          input(name: string, type: unknown, value: unknown) {
            r.inputs.push([name, type, value]);
            return req;
          },
          async query(text: string) {
            r.text = text;
            const answer = answers.shift() ?? [];
            if (answer instanceof Error) throw answer;
            return { recordset: answer };
          },
        };
        return req;
      }
      async close() {
        this.state.closed = true;
      }
    } as unknown as MssqlDriver['ConnectionPool'],
  };
  return { driver, pools, requests };
}

/** Errors shaped as `mssql` raises them (ConnectionError / RequestError with the server's number). */
function driverError(fields: { code?: string; number?: number; message: string; cause?: unknown }): Error {
  const e = new Error(fields.message) as Error & Record<string, unknown>;
  if (fields.code) e.code = fields.code;
  if (fields.number) e.number = fields.number;
  if (fields.cause) e.originalError = fields.cause;
  return e;
}

const costTypeRow = (code: string) => ({
  Company_Code: 'ABC  ',
  Cost_Type: code,
  Description: 'Labor   ',
  Summary_Name: null,
  GL_Account: '5000',
  Detail_Posting_Flag: 'Y',
});

describe('the mssql wiring of the SQL Info-Link reader', () => {
  it('PROD-5 encrypts and verifies by default, trusts a given CA, times out, keeps a small pool and asks for read-only intent', () => {
    expect(mssqlConfig(CONNECTION)).toMatchObject({
      server: 'spectrum-sql.acme.example',
      port: 1433,
      database: 'Spectrum',
      user: 'bridge_infolink',
      connectionTimeout: 15_000,
      requestTimeout: 30_000,
      pool: { min: 0, max: 2 },
      options: { encrypt: true, trustServerCertificate: false, readOnlyIntent: true },
    });
    expect(mssqlConfig(CONNECTION).options?.cryptoCredentialsDetails).toBeUndefined();
    const pem = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----';
    expect(
      mssqlConfig({ ...CONNECTION, port: 51433, ca: pem, requestTimeoutMs: 5000, poolMax: 3 }),
    ).toMatchObject({
      port: 51433,
      requestTimeout: 5000,
      pool: { max: 3 },
      options: { cryptoCredentialsDetails: { ca: pem }, trustServerCertificate: false },
    });
  });

  it('PROD-3 PROD-5 binds every value as a typed parameter on one lazily opened pool, closed once', async () => {
    const fake = fakeDriver({ answers: [[costTypeRow('L'), costTypeRow('M')]] });
    const executor = createMssqlExecutor(CONNECTION, fake.driver);
    const reader = createSqlInfoLinkReader({ executor, companyCode: 'ABC' });
    expect(fake.pools).toHaveLength(0);
    const rows = await reader.listCostTypes({ glAccount: '5000' }).toArray();
    expect(rows).toEqual([
      {
        companyCode: 'ABC',
        costType: 'L',
        description: 'Labor',
        summaryName: '',
        glAccount: '5000',
        detailPostingFlag: 'Y',
      },
      {
        companyCode: 'ABC',
        costType: 'M',
        description: 'Labor',
        summaryName: '',
        glAccount: '5000',
        detailPostingFlag: 'Y',
      },
    ]);
    expect(await reader.probe('JC_COST_TYPE_MASTER_MC')).toBe(0);
    expect(fake.pools).toHaveLength(1);
    expect(fake.requests[0]?.inputs).toEqual([
      ['p1', { type: 'VarChar', length: 255 }, 'ABC'],
      ['p2', { type: 'VarChar', length: 255 }, '5000'],
    ]);
    expect(fake.requests[0]?.text).toMatch(
      /^SELECT TOP 1001 .* FROM \[dbo\]\.\[JC_COST_TYPE_MASTER_MC\] WHERE \[Company_Code\] = @p1 AND \[GL_Account\] = @p2 ORDER BY/,
    );
    expect(fake.requests[0]?.text).not.toContain('5000');
    await reader.close();
    expect(fake.pools[0]?.closed).toBe(true);
  });

  it('PROD-6 a refused login is an authorization error that never carries the password', async () => {
    const fake = fakeDriver({
      connect: [
        driverError({
          code: 'ELOGIN',
          message: `Login failed for user 'bridge_infolink' (password ${PASSWORD})`,
        }),
      ],
    });
    const reader = createSqlInfoLinkReader({
      executor: createMssqlExecutor(CONNECTION, fake.driver),
      companyCode: 'ABC',
    });
    const error = await reader
      .listJobs()
      .toArray()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SpectrumAuthError);
    expect((error as Error).message).toContain('check the Info-Link login and password');
    expect((error as Error).message).not.toContain(PASSWORD);
  });

  it('PROD-6 a missing SELECT grant names the table and the grant to give', async () => {
    const fake = fakeDriver({
      answers: [
        driverError({
          code: 'EREQUEST',
          number: 229,
          message:
            "The SELECT permission was denied on the object 'VN_SUBCONTRACT_MC', database 'Spectrum', schema 'dbo'.",
        }),
      ],
    });
    const reader = createSqlInfoLinkReader({
      executor: createMssqlExecutor(CONNECTION, fake.driver),
      companyCode: 'ABC',
    });
    const error = await reader
      .listSubcontracts()
      .toArray()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SpectrumAuthError);
    expect((error as Error).message).toContain('grant SELECT on VN_SUBCONTRACT_MC to the Info-Link login');
  });

  it('PROD-6 a time-out is retried; a lost connection reopens the pool; a missing table is not retried', async () => {
    const fake = fakeDriver({
      connect: [
        driverError({ code: 'ESOCKET', message: 'Failed to connect to spectrum-sql:1433 - ECONNREFUSED' }),
      ],
      answers: [
        driverError({ code: 'ETIMEOUT', message: 'Timeout: Request failed to complete in 30000ms' }),
        [costTypeRow('L')],
      ],
    });
    const reader = createSqlInfoLinkReader({
      executor: createMssqlExecutor(CONNECTION, fake.driver),
      companyCode: 'ABC',
      retry: { attempts: 3, baseDelayMs: 1, maxDelayMs: 1 },
    });
    expect(await reader.listCostTypes().toArray()).toHaveLength(1);
    expect(fake.pools).toHaveLength(2); // the first pool never opened; the second served both attempts

    const missing = fakeDriver({
      answers: [
        driverError({
          code: 'EREQUEST',
          number: 208,
          message: "Invalid object name 'dbo.JC_PHASE_MASTER_MC'.",
        }),
      ],
    });
    const r2 = createSqlInfoLinkReader({
      executor: createMssqlExecutor(CONNECTION, missing.driver),
      companyCode: 'ABC',
      retry: { attempts: 3, baseDelayMs: 1, maxDelayMs: 1 },
    });
    const error = await r2
      .listPhaseMaster()
      .toArray()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SpectrumTransportError);
    expect(error).toMatchObject({ retryable: false });
    expect((error as Error).message).toContain('has no table JC_PHASE_MASTER_MC');
    expect(missing.requests).toHaveLength(1);
  });

  it('PROD-10 an untrusted server certificate is a TLS error naming the problem and the CA bundle remedy', async () => {
    const tlsFailure = Object.assign(new Error('self-signed certificate'), {
      code: 'DEPTH_ZERO_SELF_SIGNED_CERT',
    });
    const fake = fakeDriver({
      connect: [
        driverError({
          code: 'ESOCKET',
          message: 'Failed to connect: self-signed certificate',
          cause: tlsFailure,
        }),
      ],
    });
    const reader = createSqlInfoLinkReader({
      executor: createMssqlExecutor(CONNECTION, fake.driver),
      companyCode: 'ABC',
      retry: { attempts: 3, baseDelayMs: 1, maxDelayMs: 1 },
    });
    const error = await reader
      .listJobs()
      .toArray()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SpectrumTlsError);
    expect(error).toMatchObject({ certificateProblem: 'DEPTH_ZERO_SELF_SIGNED_CERT', retryable: false });
    expect((error as Error).message).toContain("the server's certificate is self-signed and not trusted");
    expect((error as Error).message).toContain('CA bundle');
    expect(fake.pools).toHaveLength(1); // not retried
  });
});
