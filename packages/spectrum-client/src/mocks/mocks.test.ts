import { describe, expect, it } from 'vitest';
import {
  SpectrumAuthError,
  SpectrumFaultError,
  SpectrumRowCapError,
  SpectrumTransportError,
  SpectrumValidationError,
} from '../errors.js';
import { BASE_URL, useMockSpectrum } from '../test-support/msw-setup.js';
import { errorRows, httpStatus, sampleJob, soapFault, superSelectMatches, withWarningRow } from './index.js';

const mock = useMockSpectrum();

describe('msw helpers for callers', () => {
  it('serve the sample company by default', async () => {
    mock.data();
    expect(await mock.client().getCustomers().toArray()).toHaveLength(1);
  });

  it('errorRows: Get services answer with Error_* rows, Put services with error_code rows', async () => {
    mock.data();
    mock.server.use(
      errorRows(BASE_URL, 'GetJob', [
        { code: 'E', description: 'The web service is not Authorized', column: 'Authorization_ID' },
      ]),
      errorRows(BASE_URL, 'AddCustomer', [
        { code: 'M', description: 'Sales tax code is required', column: 'Sales_Tax_Code' },
      ]),
    );
    const c = mock.client();
    expect(
      await c
        .getJobs()
        .toArray()
        .catch((e: unknown) => e),
    ).toBeInstanceOf(SpectrumAuthError);
    const err = await c
      .addCustomer({ customerCode: 'X', name: 'X', termsCode: 'A', salesTaxCode: 'ZZ' })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SpectrumValidationError);
  });

  it('soapFault: Client faults are final; a one-off Server fault is retried away', async () => {
    mock.data();
    mock.server.use(
      soapFault(BASE_URL, 'GetJobDates', {
        code: 'Client',
        message: 'Could not find WebService named: GetJobDates',
      }),
    );
    const err = await mock
      .client()
      .getJobDates()
      .toArray()
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SpectrumFaultError);
    expect((err as SpectrumFaultError).faultString).toContain('Could not find WebService');
    mock.server.resetHandlers();
    mock.data();
    mock.server.use(soapFault(BASE_URL, 'GetCustomers', {}, { once: true }));
    const rows = await mock
      .client({ retry: { baseDelayMs: 1 } })
      .getCustomers()
      .toArray();
    expect(rows).toHaveLength(1);
  });

  it('withWarningRow makes a slice look capped, so the client narrows it', async () => {
    mock.data();
    mock.server.use(withWarningRow(BASE_URL, 'GetJob', [sampleJob()], { once: true }));
    const jobs = await mock.client().getJobs().toArray();
    expect(jobs.map((j) => j.jobNumber)).toEqual(['24-101', '24-102']);
    expect(mock.captured.length).toBe(3); // capped, then A and I
  });

  it('a capped GetCustomers reply cannot be narrowed and is a row-cap error', async () => {
    mock.data();
    mock.server.use(withWarningRow(BASE_URL, 'GetCustomers', []));
    const err = await mock
      .client()
      .getCustomers({ status: 'ALL' })
      .toArray()
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SpectrumRowCapError);
    expect(mock.captured).toHaveLength(1);
  });

  it('httpStatus returns a bare status for a service or a path', async () => {
    mock.data();
    mock.server.use(httpStatus(BASE_URL, 'GetJob', 502), httpStatus(BASE_URL, '/vendors/ABC', 401));
    const c = mock.client({ retry: { attempts: 1 } });
    expect(
      await c
        .getJobs()
        .toArray()
        .catch((e: unknown) => e),
    ).toBeInstanceOf(SpectrumTransportError);
    expect(await c.getVendors().catch((e: unknown) => e)).toBeInstanceOf(SpectrumAuthError);
  });

  it('mock OAuth: issues tokens and refuses a wrong secret', async () => {
    mock.data({ oauth: { clientId: 'id', clientSecret: 'right' } });
    const good = mock.client({ auth: { kind: 'oauth', clientId: 'id', clientSecret: 'right' } });
    await expect(good.getJobs().toArray()).resolves.toEqual([]);
    expect(mock.captured.at(-1)!.headers.get('Authorization')).toBe('Bearer mock-access-token-1');
    const bad = mock.client({ auth: { kind: 'oauth', clientId: 'id', clientSecret: 'wrong' } });
    expect(
      await bad
        .getJobs()
        .toArray()
        .catch((e: unknown) => e),
    ).toBeInstanceOf(SpectrumAuthError);
  });

  it('testConnection against the mock: connected, or Spectrum’s reason when the Authorization ID is wrong', async () => {
    mock.data();
    await expect(mock.client().testConnection()).resolves.toEqual({ connected: true });
    mock.server.resetHandlers();
    mock.data({ authorizationId: 'another-id' });
    await expect(mock.client().testConnection()).resolves.toEqual({
      connected: false,
      reason: 'The web service is not Authorized',
      kind: 'auth',
      code: 'E',
    });
  });

  it('concurrent calls share one OAuth token request', async () => {
    mock.data();
    const c = mock.client({ auth: { kind: 'oauth', clientId: 'id', clientSecret: 's' } });
    await Promise.all([c.getJobs().toArray(), c.getCustomers().toArray(), c.getVendors()]);
    expect(mock.captured.filter((r) => r.url.endsWith('/connect/token'))).toHaveLength(1);
  });

  it('a cancelled call stops with a non-retryable transport error', async () => {
    mock.data();
    const controller = new AbortController();
    controller.abort();
    const err = await mock
      .client()
      .getJobs({}, { signal: controller.signal })
      .toArray()
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SpectrumTransportError);
    expect(err).toMatchObject({ retryable: false });
  });

  it('understands the SuperSelect subset the client sends', () => {
    expect(superSelectMatches('1*', '12')).toBe(true);
    expect(superSelectMatches('A,B', 'B')).toBe(true);
    expect(superSelectMatches('ALL', 'x')).toBe(true);
    expect(superSelectMatches('1*', '21')).toBe(false);
  });
});
