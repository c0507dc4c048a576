import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createSpectrumClient, type SpectrumClientOptions } from './client.js';
import {
  SpectrumAuthError,
  SpectrumFaultError,
  SpectrumSessionExpired,
  SpectrumTransportError,
  SpectrumValidationError,
} from './errors.js';
import type { SpectrumLogger } from './logger.js';
import { faultXml, getReplyXml, putReplyXml } from './mocks/index.js';
import { type Step, scriptedFetch, xml } from './test-support/scripted-fetch.js';
import { backoffDelay, resolveRetry } from './transport/retry-policy.js';

const AUTH_ID = 'apxTOPSECRET9';
const SECRET = 'client-secret-value-123';
const OK_PUT = xml(putReplyXml('UpdateJob', []));
const SERVER_FAULT = xml(faultXml('SOAP-ENV:Server', 'Error executing Web Service'), 500);

function client(steps: Step[], options: Partial<SpectrumClientOptions> = {}) {
  const scripted = scriptedFetch(steps);
  const c = createSpectrumClient({
    baseUrl: 'http://127.0.0.1:8482',
    companyCode: 'ABC',
    authorizationId: AUTH_ID,
    fetch: scripted.fetch,
    random: () => 0.5,
    retry: { attempts: 4, baseDelayMs: 100, maxDelayMs: 1000 },
    timeoutMs: 5000,
    ...options,
  });
  return { client: c, ...scripted };
}

describe('backoff', () => {
  it('is exponential with full jitter and capped', () => {
    const policy = resolveRetry({ baseDelayMs: 100, maxDelayMs: 1000 });
    expect([1, 2, 3, 4, 5, 6].map((n) => backoffDelay(n, policy, () => 0.999))).toEqual([
      99, 199, 399, 799, 999, 999,
    ]);
    expect(backoffDelay(3, policy, () => 0)).toBe(0);
    expect(resolveRetry(undefined)).toEqual({
      attempts: 4,
      baseDelayMs: 250,
      maxDelayMs: 8000,
      retryWrites: true,
    });
  });
});

describe('retries (fake timers)', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('retries a Server fault after a jittered backoff, then succeeds', async () => {
    const { client: c, calls } = client([SERVER_FAULT, SERVER_FAULT, OK_PUT]);
    const done = c.updateJob({ jobNumber: 'J' });
    await vi.advanceTimersByTimeAsync(0);
    expect(calls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(49); // first delay = 0.5 * 100
    expect(calls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(calls).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(100); // second delay = 0.5 * 200
    expect(calls).toHaveLength(3);
    await expect(done).resolves.toEqual({ generated: {} });
  });

  it('gives up after the bounded number of attempts with the last transport error', async () => {
    const { client: c, calls } = client([xml('busy', 503)]);
    const done = c
      .getJobs()
      .toArray()
      .catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(10_000);
    const err = await done;
    expect(err).toBeInstanceOf(SpectrumTransportError);
    expect((err as SpectrumTransportError).status).toBe(503);
    expect(calls).toHaveLength(4);
  });

  it('retries network failures', async () => {
    const { client: c, calls } = client([new TypeError('fetch failed'), xml(getReplyXml('GetJob', [], []))]);
    const done = c.getJobs().toArray();
    await vi.advanceTimersByTimeAsync(1000);
    await expect(done).resolves.toEqual([]);
    expect(calls).toHaveLength(2);
  });

  it('times out a call that never answers and retries it', async () => {
    const { client: c, calls } = client(['hang', xml(getReplyXml('GetJob', [], []))], { timeoutMs: 2000 });
    const done = c.getJobs().toArray();
    await vi.advanceTimersByTimeAsync(1999);
    expect(calls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1 + 50);
    expect(calls).toHaveLength(2);
    await expect(done).resolves.toEqual([]);
  });

  it('reports the timeout when every attempt hangs', async () => {
    const { client: c } = client(['hang'], { timeoutMs: 1000, retry: { attempts: 2, baseDelayMs: 10 } });
    const done = c
      .getJobs()
      .toArray()
      .catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(5000);
    const err = (await done) as SpectrumTransportError;
    expect(err).toBeInstanceOf(SpectrumTransportError);
    expect(err.timedOut).toBe(true);
    expect(err.message).toBe('GetJob: no answer from Spectrum within 1000 ms');
  });

  it('retryWrites: false makes Put services at-most-once', async () => {
    const { client: c, calls } = client([SERVER_FAULT, OK_PUT], {
      retry: { attempts: 4, baseDelayMs: 10, retryWrites: false },
    });
    const done = c.updateJob({ jobNumber: 'J' }).catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(1000);
    expect(await done).toBeInstanceOf(SpectrumFaultError);
    expect(calls).toHaveLength(1);
  });

  it('does not retry Client faults, validation rows or HTTP 401', async () => {
    const clientFault = xml(faultXml('SOAP-ENV:Client', 'Could not find WebService named: GetJob'), 500);
    const a = client([clientFault]);
    const err = await a.client
      .getJobs()
      .toArray()
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SpectrumFaultError);
    expect((err as SpectrumFaultError).retryable).toBe(false);
    expect(a.calls).toHaveLength(1);

    const b = client([
      xml(putReplyXml('UpdateJob', [{ code: 'I', description: 'bad', column: 'Status_Code' }])),
    ]);
    expect(await b.client.updateJob({ jobNumber: 'J' }).catch((e: unknown) => e)).toBeInstanceOf(
      SpectrumValidationError,
    );
    expect(b.calls).toHaveLength(1);

    const c401 = client([Response.json({ error: 'Invalid Basic credentials' }, { status: 401 })]);
    const e401 = await c401.client
      .getJobs()
      .toArray()
      .catch((e: unknown) => e);
    expect(e401).toBeInstanceOf(SpectrumAuthError);
    expect((e401 as SpectrumAuthError).status).toBe(401);
    expect((e401 as SpectrumAuthError).message).toBe(
      'GetJob: Spectrum refused the credentials (HTTP 401): Invalid Basic credentials',
    );
    expect(c401.calls).toHaveLength(1);
  });

  it('retries a reply cut inside a row (the rows after the cut would be lost)', async () => {
    const full = getReplyXml('GetJob', ['Job_Number'], [{ Job_Number: '1' }, { Job_Number: '2' }]);
    const cut = full.slice(0, full.lastIndexOf('<Job_Number>'));
    const { client: c, calls } = client([xml(cut), xml(full)]);
    const done = c
      .getJobs()
      .toArray()
      .catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(1000);
    expect(calls).toHaveLength(2);
    // the full reply lacks other GetJob fields, which is a parse error: proves the second reply was read
    expect(await done).toHaveProperty('kind', 'parse');
  });
});

describe('session GUID', () => {
  const TIMEOUT_GET = xml(
    getReplyXml(
      'GetJob',
      [],
      [{ Error_Code: 'E', Error_Description: 'Time out has occurred', Error_Column: 'GUID' }],
    ),
  );
  const TIMEOUT_PUT = xml(
    putReplyXml('UpdateJob', [{ code: 'A', description: 'Time out has occurred', column: 'GUID' }]),
  );

  function guidOf(init: RequestInit): string {
    return /<GUID>([^<]*)<\/GUID>/.exec(String(init.body))?.[1] ?? '';
  }

  it('switches to a new GUID and retries once after "Time out has occurred"', async () => {
    let n = 0;
    const { client: c, calls } = client([TIMEOUT_PUT, OK_PUT], { generateGuid: () => `guid-${++n}` });
    await expect(c.updateJob({ jobNumber: 'J' })).resolves.toEqual({ generated: {} });
    expect(calls.map((x) => guidOf(x.init))).toEqual(['guid-1', 'guid-2']);
    // the new GUID stays in use
    await c.updateJob({ jobNumber: 'J' });
    expect(guidOf(calls[2]!.init)).toBe('guid-2');
  });

  it('gives up with SpectrumSessionExpired when the new GUID times out too', async () => {
    const { client: c, calls } = client([TIMEOUT_GET]);
    const err = await c
      .getJobs()
      .toArray()
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SpectrumSessionExpired);
    expect(calls).toHaveLength(2);
  });

  it('tells a not-authorized E row from a session time-out', async () => {
    const { client: c } = client([
      xml(
        getReplyXml(
          'GetJob',
          [],
          [
            {
              Error_Code: 'E',
              Error_Description: 'The web service is not Authorized',
              Error_Column: 'Authorization_ID',
            },
          ],
        ),
      ),
    ]);
    const err = await c
      .getJobs()
      .toArray()
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SpectrumAuthError);
    expect(err).toMatchObject({
      code: 'E',
      column: 'Authorization_ID',
      description: 'The web service is not Authorized',
    });
  });
});

describe('OAuth (Enhanced Authentication)', () => {
  const token =
    (value: string, expiresIn = 3600) =>
    () =>
      Response.json({
        access_token: value,
        expires_in: expiresIn,
        token_type: 'Bearer',
        scope: 'spectrumapi',
      });

  it('fetches a token once, uses it as Bearer, refreshes it before it expires', async () => {
    let now = 1_000_000;
    const steps: Step[] = [token('tok-1', 600), OK_PUT, OK_PUT, token('tok-2', 600), OK_PUT];
    const { client: c, calls } = client(steps, {
      auth: { kind: 'oauth', clientId: 'Spectrum-abc123def', clientSecret: SECRET },
      now: () => now,
    });
    await c.updateJob({ jobNumber: 'J' });
    await c.updateJob({ jobNumber: 'J' });
    expect(calls.map((x) => x.url.replace('http://127.0.0.1:8482', ''))).toEqual([
      '/connect/token',
      '/ws/UpdateJob',
      '/ws/UpdateJob',
    ]);
    expect(new Headers(calls[1]!.init.headers).get('Authorization')).toBe('Bearer tok-1');
    const form = new URLSearchParams(String(calls[0]!.init.body));
    expect(Object.fromEntries(form)).toEqual({
      grant_type: 'client_credentials',
      client_id: 'Spectrum-abc123def',
      client_secret: SECRET,
      scope: 'spectrumapi',
    });
    now += 540_000; // 60 s before expiry: refreshed early
    await c.updateJob({ jobNumber: 'J' });
    expect(calls[3]!.url).toMatch(/connect\/token$/);
    expect(new Headers(calls[4]!.init.headers).get('Authorization')).toBe('Bearer tok-2');
  });

  it('drops a token the server refuses (401) and retries once with a new one', async () => {
    const { client: c, calls } = client([token('old'), xml('', 401), token('new'), OK_PUT], {
      auth: { kind: 'oauth', clientId: 'id', clientSecret: SECRET },
    });
    await expect(c.updateJob({ jobNumber: 'J' })).resolves.toEqual({ generated: {} });
    expect(new Headers(calls[3]!.init.headers).get('Authorization')).toBe('Bearer new');
  });

  it('invalid_client is a SpectrumAuthError', async () => {
    const { client: c } = client([Response.json({ error: 'invalid_client' }, { status: 400 })], {
      auth: { kind: 'oauth', clientId: 'id', clientSecret: SECRET },
    });
    const err = await c
      .getJobs()
      .toArray()
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SpectrumAuthError);
    expect(err).toMatchObject({ code: 'invalid_client', status: 400 });
  });

  it('auth kind none sends no Authorization header on SOAP calls', async () => {
    const { client: c, calls } = client([OK_PUT], { auth: { kind: 'none' } });
    await c.updateJob({ jobNumber: 'J' });
    expect(new Headers(calls[0]!.init.headers).has('Authorization')).toBe(false);
  });
});

describe('testConnection', () => {
  it('reports connected after an authorized read', async () => {
    const { client: c } = client([xml(getReplyXml('GetJob', [], []))]);
    await expect(c.testConnection()).resolves.toEqual({ connected: true });
  });

  it('reports Spectrum’s reason when not authorized', async () => {
    const { client: c } = client([
      xml(
        getReplyXml(
          'GetJob',
          [],
          [
            {
              Error_Code: 'E',
              Error_Description: 'The web service is not Authorized',
              Error_Column: 'Authorization_ID',
            },
          ],
        ),
      ),
    ]);
    await expect(c.testConnection()).resolves.toEqual({
      connected: false,
      reason: 'The web service is not Authorized',
      kind: 'auth',
      code: 'E',
    });
  });
});

describe('secrets', () => {
  it('never appear in error messages or log lines', async () => {
    const lines: string[] = [];
    const capture = (level: string) => (obj: Record<string, unknown>, msg?: string) =>
      lines.push(`${level} ${JSON.stringify(obj)} ${msg ?? ''}`);
    const logger: SpectrumLogger = {
      debug: capture('debug'),
      info: capture('info'),
      warn: capture('warn'),
      error: capture('error'),
    };
    const echo = xml(
      faultXml('SOAP-ENV:Client', `Authorization ${AUTH_ID} is unknown (token tok-SECRET-1)`),
      500,
    );
    const steps: Step[] = [
      () => Response.json({ access_token: 'tok-SECRET-1', expires_in: 3600 }),
      echo,
      new TypeError(`connect failed for ${AUTH_ID}`),
    ];
    const { client: c } = client(steps, {
      logger,
      auth: { kind: 'oauth', clientId: 'id', clientSecret: SECRET },
      retry: { attempts: 2, baseDelayMs: 0 },
    });
    const errors: unknown[] = [];
    errors.push(
      await c
        .getJobs()
        .toArray()
        .catch((e: unknown) => e),
    );
    errors.push(await c.updateJob({ jobNumber: 'J' }).catch((e: unknown) => e));
    const texts = [...lines, ...errors.map((e) => `${(e as Error).message} ${JSON.stringify(e)}`)];
    expect(texts.length).toBeGreaterThan(2);
    expect((errors[0] as Error).message).toContain('[redacted]');
    for (const t of texts) {
      expect(t).not.toContain(AUTH_ID);
      expect(t).not.toContain(SECRET);
      expect(t).not.toContain('tok-SECRET-1');
      expect(t).not.toContain(Buffer.from(`ABC:${AUTH_ID}`).toString('base64'));
    }
  });
});
