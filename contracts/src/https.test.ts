import { createSpectrumClient, type SpectrumClient, SpectrumTlsError } from '@bridge/spectrum-client';
import { DEMO_AUTH_ID, type RunningSimulator, startSimulator } from '@bridge/spectrum-simulator';
import { generate } from 'selfsigned';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/** A certificate for 127.0.0.1 made here, self-signed (its own CA), optionally already expired. */
async function certificate(options: { expired?: boolean } = {}) {
  const now = Date.now();
  return generate([{ name: 'commonName', value: '127.0.0.1' }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    ...(options.expired
      ? { notBeforeDate: new Date(now - 20 * 86_400_000), notAfterDate: new Date(now - 86_400_000) }
      : { notBeforeDate: new Date(now - 86_400_000), notAfterDate: new Date(now + 30 * 86_400_000) }),
    extensions: [
      { name: 'basicConstraints', cA: true },
      {
        name: 'subjectAltName',
        altNames: [
          { type: 7, ip: '127.0.0.1' },
          { type: 2, value: 'localhost' },
        ],
      },
    ],
  });
}

const client = (baseUrl: string, ca?: string): SpectrumClient =>
  createSpectrumClient({
    baseUrl,
    companyCode: 'ABC',
    authorizationId: DEMO_AUTH_ID,
    retry: { attempts: 3, baseDelayMs: 1, maxDelayMs: 1 },
    ...(ca ? { tls: { ca } } : {}),
  });

describe('HTTPS to a company’s own Spectrum server (the simulator over TLS, certificates made in the test)', () => {
  let sim: RunningSimulator;
  let expiredSim: RunningSimulator;
  let cert: string;
  let expiredCert: string;
  let otherCert: string;

  beforeAll(async () => {
    const [own, expired, other] = await Promise.all([
      certificate(),
      certificate({ expired: true }),
      certificate(),
    ]);
    cert = own.cert;
    expiredCert = expired.cert;
    otherCert = other.cert;
    sim = await startSimulator({ scenario: 'demo', tls: { key: own.private, cert: own.cert } });
    expiredSim = await startSimulator({
      scenario: 'demo',
      tls: { key: expired.private, cert: expired.cert },
    });
  });
  afterAll(async () => {
    await sim?.close();
    await expiredSim?.close();
  });

  it('PROD-9 PROD-20 with the server’s certificate in the CA bundle, SOAP, REST and Info-Link work over HTTPS', async () => {
    expect(sim.url.startsWith('https://')).toBe(true);
    const c = client(sim.url, cert);
    expect(await c.testConnection()).toEqual({ connected: true });
    expect((await c.getJobs().toArray()).length).toBeGreaterThan(0);
    expect((await c.getVendors()).length).toBeGreaterThan(0);
    expect((await c.listCostTypes().toArray()).map((t) => t.costType)).toContain('L');
  });

  it('PROD-10 without it, the call fails at once with a TLS error naming the certificate problem and the remedy', async () => {
    for (const ca of [undefined, otherCert]) {
      const error = await client(sim.url, ca)
        .getJobs()
        .toArray()
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(SpectrumTlsError);
      const tls = error as SpectrumTlsError;
      expect(tls.retryable).toBe(false);
      expect(['DEPTH_ZERO_SELF_SIGNED_CERT', 'SELF_SIGNED_CERT_IN_CHAIN']).toContain(tls.certificateProblem);
      expect(tls.message).toMatch(/the server's certificate (is self-signed|was issued by a self-signed CA)/);
      expect(tls.message).toContain("add the company's CA certificate (PEM) to the connection's CA bundle");
    }
    const status = await client(sim.url).testConnection();
    expect(status).toMatchObject({ connected: false, kind: 'transport' });
    expect(status.connected === false && status.reason).toContain('self-signed');
  });

  it('PROD-10 an expired certificate is named as expired even when its CA is trusted', async () => {
    const error = await client(expiredSim.url, expiredCert)
      .getJobs()
      .toArray()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SpectrumTlsError);
    expect(error).toMatchObject({ certificateProblem: 'CERT_HAS_EXPIRED' });
    expect((error as Error).message).toContain("the server's certificate has expired");
  });
});
