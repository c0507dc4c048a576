import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPgExecutor } from '@bridge/spectrum-client/testing';
import {
  DEMO_AUTH_ID,
  DEMO_CLIENT_ID,
  DEMO_CLIENT_SECRET,
  type RunningSimulator,
  startSimulator,
} from '@bridge/spectrum-simulator';
import pg from 'pg';
import { generate } from 'selfsigned';
import request from 'supertest';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ADMIN, bearer, FakeClock, PM, startTestApp, TEST_KEY, type TestApp } from './support/app.js';
import { ensureBuilt, ROOT } from './support/dist.js';

/**
 * The connection doctor (PROD-11 … PROD-19) against the simulator, every failure injected: a wrong Authorization
 * ID, a disabled service, a missing Info-Link table grant, an unreachable host, a slow server, an untrusted
 * certificate, clocks apart, an OAuth secret that is refused, a vendor type and a template job Spectrum lacks.
 */
const DATABASE_URL = process.env.TEST_DATABASE_URL;
const INFOLINK_PASSWORD = 'Il-Secret-Pa55-doctor';
const mirrorSchema = `doctor_infolink_${randomUUID().slice(0, 8)}`;
const role = `doctor_infolink_${randomUUID().slice(0, 8)}`;

interface Report {
  ok: boolean;
  checks: {
    id: string;
    title: string;
    status: 'pass' | 'fail' | 'skip';
    detail: string;
    remedy: string | null;
    rule: string;
  }[];
  lines: string[];
}

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('the connection doctor (PROD-11 … PROD-19)', () => {
  let t: TestApp;
  let sim: RunningSimulator;
  let httpsSim: RunningSimulator;
  let cert: string;
  let admin: pg.Client | undefined;
  const clock = new FakeClock();

  const patch = (body: unknown) =>
    request(t.http)
      .patch('/api/v1/settings/connection')
      .set(bearer(ADMIN))
      .send(body as object);
  const diagnose = async (token = ADMIN) =>
    request(t.http).post('/api/v1/settings/connection/diagnose').set(bearer(token));
  const report = async (): Promise<Report> => {
    const res = await diagnose();
    expect(res.status).toBe(200);
    return res.body as Report;
  };
  const check = (r: Report, id: string) => {
    const c = r.checks.find((x) => x.id === id);
    if (!c) throw new Error(`no check ${id} in ${r.checks.map((x) => x.id).join(', ')}`);
    return c;
  };
  const control = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${sim.url}/__sim/${path}`, {
      method,
      headers: { 'Content-Type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  };

  beforeAll(async () => {
    const own = await generate([{ name: 'commonName', value: '127.0.0.1' }], {
      keyType: 'ec',
      curve: 'P-256',
      algorithm: 'sha256',
      notBeforeDate: new Date(Date.now() - 86_400_000),
      notAfterDate: new Date(Date.now() + 30 * 86_400_000),
      extensions: [
        { name: 'basicConstraints', cA: true },
        { name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }] },
      ],
    });
    cert = own.cert;
    [sim, httpsSim] = await Promise.all([
      startSimulator({
        scenario: 'demo',
        control: true,
        ...(DATABASE_URL ? { pgMirror: { connectionString: DATABASE_URL, schema: mirrorSchema } } : {}),
      }),
      startSimulator({ scenario: 'demo', tls: { key: own.private, cert: own.cert } }),
    ]);
    if (DATABASE_URL) {
      admin = new pg.Client({ connectionString: DATABASE_URL });
      await admin.connect();
      await admin.query(`CREATE ROLE "${role}" LOGIN`);
      await admin.query(`GRANT USAGE ON SCHEMA "${mirrorSchema}" TO "${role}"`);
    }
    t = await startTestApp({
      clock,
      env: { SPECTRUM_DOCTOR_TIMEOUT_MS: '1000' },
      // the SQL Info-Link reader reads the simulator's PostgreSQL mirror as the configured login
      infoLinkSqlExecutor: (connection) => {
        const url = new URL(DATABASE_URL ?? 'postgresql://127.0.0.1/none');
        url.username = connection.login;
        url.password = '';
        return { executor: createPgExecutor({ connectionString: url.toString() }), schema: mirrorSchema };
      },
    });
  });

  afterAll(async () => {
    await t?.close();
    await sim?.close();
    await httpsSim?.close();
    if (admin) {
      await admin.query(`DROP SCHEMA IF EXISTS "${mirrorSchema}" CASCADE`);
      await admin.query(`DROP ROLE IF EXISTS "${role}"`);
      await admin.end();
    }
  });

  beforeEach(async () => {
    clock.set(new Date().toISOString());
    await control('DELETE', 'faults');
    await admin?.query(`GRANT SELECT ON ALL TABLES IN SCHEMA "${mirrorSchema}" TO "${role}"`);
    const res = await patch({
      serviceUrl: sim.url,
      companyCode: 'ABC',
      authMode: 'basic',
      servicePassword: DEMO_AUTH_ID,
      clientSecret: null,
      serviceUser: null,
      caBundle: null,
      infoLink: { mode: 'http' },
    });
    expect(res.status).toBe(200);
    await request(t.http)
      .put('/api/v1/settings/vendor-type-filter')
      .set(bearer(ADMIN))
      .send({ types: ['SUB'] });
    await request(t.http)
      .patch('/api/v1/settings/general')
      .set(bearer(ADMIN))
      .send({
        templateJob: {
          jobNumber: '99-TPL',
          division: '1',
          costCenter: 'NOR',
          customerCode: 'C100',
          taxable: false,
          priceMethodCode: 'F',
        },
      });
  });

  it('PROD-11 PROD-12 PROD-13 PROD-14 PROD-16 PROD-17 PROD-18 a healthy connection passes every check, one line each', async () => {
    const r = await report();
    expect(r.checks.filter((c) => c.status === 'fail')).toEqual([]);
    expect(r.ok).toBe(true);
    expect(r.lines).toHaveLength(r.checks.length);
    expect(r.lines.every((l) => /^[✔–] /.test(l))).toBe(true);
    expect(check(r, 'server')).toMatchObject({
      status: 'pass',
      detail: expect.stringContaining('plain HTTP'),
    });
    expect(check(r, 'clock').status).toBe('pass');
    expect(r.checks.filter((c) => c.id.startsWith('wsdl:')).map((c) => c.id.slice(5))).toEqual([
      'GetJob',
      'GetPhase',
      'AddJob',
      'AddPhase',
      'AddVendor',
      'JobCostProjections',
      'UpdateSubcontract',
      'UpdateSubcontractPhases',
      'ARChangeRequest',
    ]);
    expect(r.checks.filter((c) => c.id.startsWith('wsdl:')).every((c) => c.status === 'pass')).toBe(true);
    expect(check(r, 'authorization').status).toBe('pass');
    expect(check(r, 'service:GetPhase').status).toBe('pass');
    expect(check(r, 'service:puts').status).toBe('skip');
    expect(check(r, 'infolink:VN_SUBCONTRACT_MC').status).toBe('pass');
    expect(check(r, 'vendor-types')).toMatchObject({ status: 'pass' });
    expect(check(r, 'template-job')).toMatchObject({ status: 'pass', title: 'Template job 99-TPL' });
    expect(check(r, 'oauth').status).toBe('skip');
    expect(JSON.stringify(r)).not.toContain(DEMO_AUTH_ID);
  });

  it('PROD-11 only an admin may run the doctor', async () => {
    const res = await diagnose(PM);
    expect(res.status).toBe(403);
  });

  it('PROD-14 a wrong Authorization ID fails once, with its remedy; what needs it is not run', async () => {
    await patch({ servicePassword: 'WrongAuthId-42' });
    const r = await report();
    expect(r.ok).toBe(false);
    expect(check(r, 'authorization')).toMatchObject({
      status: 'fail',
      remedy: expect.stringContaining('check the Authorization ID in the connection settings'),
    });
    expect(check(r, 'service:GetPhase')).toMatchObject({
      status: 'skip',
      detail: expect.stringContaining('refused'),
    });
    expect(check(r, 'infolink:JC_JOB_MASTER_MC').status).toBe('skip');
    expect(r.lines.filter((l) => l.startsWith('✗'))).toHaveLength(1);
    expect(JSON.stringify(r)).not.toContain('WrongAuthId-42');
  });

  it('PROD-14 a service the Authorization ID may not use is named, with the service to allow', async () => {
    await control('POST', 'state/auth-ids', {
      Authorization_ID: 'NOPHASE',
      Company_Codes: 'ABC',
      Services: 'GetJob,GetJobMain,GetJobDates,GetPhaseEnhanced,GetCustomers',
      Status_Code: 'A',
    });
    await patch({ servicePassword: 'NOPHASE' });
    const r = await report();
    expect(check(r, 'authorization').status).toBe('pass');
    expect(check(r, 'service:GetPhase')).toMatchObject({
      status: 'fail',
      remedy: "allow GetPhase for the Authorization ID in Spectrum's Authorization ID set-up",
    });
    expect(r.checks.filter((c) => c.status === 'fail').map((c) => c.id)).toEqual(['service:GetPhase']);
  });

  it.skipIf(!DATABASE_URL)(
    'PROD-8 PROD-16 over SQL, a table the Info-Link login may not read names the grant to give',
    async () => {
      const res = await patch({
        infoLink: {
          mode: 'sql',
          host: 'spectrum-sql.acme.example',
          port: 1433,
          database: 'Spectrum',
          login: role,
          password: INFOLINK_PASSWORD,
        },
      });
      expect(res.status).toBe(200);
      expect(res.body.infoLink).toEqual({
        mode: 'sql',
        host: 'spectrum-sql.acme.example',
        port: 1433,
        database: 'Spectrum',
        login: role,
        passwordSet: true,
      });
      expect(res.text).not.toContain(INFOLINK_PASSWORD);
      const stored = await t.prisma.integrationSettings.findUniqueOrThrow({ where: { id: 1 } });
      expect(stored.infoLinkPasswordEnc).toMatch(/^v1\./);
      expect(stored.infoLinkPasswordEnc).not.toContain(INFOLINK_PASSWORD);

      expect((await report()).checks.filter((c) => c.rule === 'PROD-16').map((c) => c.status)).toEqual(
        Array(13).fill('pass'),
      );
      await admin?.query(`REVOKE SELECT ON "${mirrorSchema}"."VN_SUBCONTRACT_MC" FROM "${role}"`);
      const r = await report();
      expect(check(r, 'infolink:VN_SUBCONTRACT_MC')).toMatchObject({
        status: 'fail',
        remedy: `grant SELECT on VN_SUBCONTRACT_MC to the Info-Link login ${role} (Spectrum's Info-Link table security)`,
      });
      expect(check(r, 'infolink:VN_VENDOR_MASTER_MC').status).toBe('pass');
      expect(JSON.stringify(r)).not.toContain(INFOLINK_PASSWORD);
    },
  );

  it('PROD-19 an unreachable host fails the server check with the network remedy; nothing else is run', async () => {
    await patch({ serviceUrl: `http://127.0.0.1:${await closedPort()}` });
    const r = await report();
    expect(check(r, 'server')).toMatchObject({
      status: 'fail',
      remedy: expect.stringContaining('IP allow-list'),
    });
    expect(r.checks.filter((c) => c.status === 'fail')).toHaveLength(1);
    expect(r.checks.filter((c) => c.status === 'skip').length).toBeGreaterThan(20);
  });

  it('PROD-19 a slow server is reported once with the time limit; later calls are not waited for', async () => {
    await control('POST', 'faults', { service: '*', kind: 'latency', ms: 4000 });
    const started = Date.now();
    const r = await report();
    expect(Date.now() - started).toBeLessThan(15_000);
    const failed = r.checks.filter((c) => c.status === 'fail');
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatchObject({
      id: 'authorization',
      remedy: expect.stringContaining('did not answer within 1000 ms'),
    });
    expect(check(r, 'infolink:JC_JOB_MASTER_MC').detail).toContain('did not answer in time');
  });

  it('PROD-9 PROD-12 an untrusted certificate fails with the CA-bundle remedy; with the bundle the server is trusted', async () => {
    await patch({ serviceUrl: httpsSim.url });
    const untrusted = await report();
    expect(check(untrusted, 'server')).toMatchObject({
      status: 'fail',
      detail: expect.stringContaining("the server's certificate is self-signed and not trusted"),
      remedy: expect.stringContaining("to the connection's CA bundle"),
    });
    const bad = await patch({ caBundle: 'not a certificate' });
    expect(bad.status).toBe(422);
    expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'caBundle', rule: 'PROD-9' })]);
    const res = await patch({ caBundle: cert });
    expect(res.status).toBe(200);
    expect(res.body.caCertificates).toEqual([expect.objectContaining({ subject: 'CN=127.0.0.1' })]);
    const trusted = await report();
    expect(check(trusted, 'server')).toMatchObject({
      status: 'pass',
      detail: expect.stringContaining('certificate trusted'),
    });
    expect(check(trusted, 'authorization').status).toBe('pass');
    expect(check(trusted, 'infolink:JC_JOB_MASTER_MC').status).toBe('pass');
  });

  it('PROD-17 clocks apart fail with the NTP remedy', async () => {
    clock.advance(-2 * 3600_000);
    const r = await report();
    expect(check(r, 'clock')).toMatchObject({
      status: 'fail',
      detail: expect.stringMatching(/Spectrum's clock is 1[12]\d min ahead of this server's/),
      remedy: expect.stringContaining('NTP'),
    });
  });

  it('PROD-15 the OAuth token: issued for the right secret, a refused secret names the remedy', async () => {
    await patch({ authMode: 'oauth', serviceUser: DEMO_CLIENT_ID, clientSecret: DEMO_CLIENT_SECRET });
    expect(check(await report(), 'oauth').status).toBe('pass');
    await patch({ clientSecret: 'wrong-secret-123' });
    const r = await report();
    expect(check(r, 'oauth')).toMatchObject({
      status: 'fail',
      remedy: expect.stringContaining('client secret'),
    });
    expect(check(r, 'authorization').status).toBe('skip');
  });

  it('PROD-18 a vendor type no Spectrum vendor has and a missing template job are named', async () => {
    // settings saved while Spectrum still had them (saving checks them, GEN-6); since then the template job was
    // deleted in Spectrum and no vendor has the type any more: the doctor is what finds it
    await t.prisma.integrationSettings.update({
      where: { id: 1 },
      data: {
        vendorTypeFilter: ['SUB', 'ROOF'],
        templateJob: {
          jobNumber: '98-NONE',
          division: '1',
          costCenter: 'NOR',
          customerCode: 'C100',
          taxable: false,
          priceMethodCode: 'F',
        },
      },
    });
    const r = await report();
    expect(check(r, 'vendor-types')).toMatchObject({
      status: 'fail',
      detail: 'no Spectrum vendor has type ROOF',
    });
    expect(check(r, 'template-job')).toMatchObject({
      status: 'fail',
      remedy: expect.stringContaining('create job 98-NONE in Spectrum'),
    });
  });
});

describe('`bridge doctor` (PROD-11)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bridge-doctor-'));
  let sim: RunningSimulator | undefined;
  beforeAll(async () => {
    sim = await startSimulator({ scenario: 'demo' });
  });
  afterAll(async () => {
    await sim?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('PROD-11 prints one line per check against the stored settings and exits 1 when a check fails', {
    timeout: 240_000,
  }, async () => {
    const url = `pglite://${dir}`;
    const running = sim as RunningSimulator;
    const t = await startTestApp({ databaseUrl: url });
    try {
      await request(t.http)
        .patch('/api/v1/settings/connection')
        .set(bearer(ADMIN))
        .send({
          serviceUrl: running.url,
          companyCode: 'ABC',
          authMode: 'basic',
          servicePassword: DEMO_AUTH_ID,
        })
        .expect(200);
    } finally {
      await t.close();
    }
    const cli = join(ROOT, 'dist', 'cli.js');
    ensureBuilt(cli);
    // asynchronously: the simulator answers from this process while the CLI runs
    const run = () =>
      new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
        execFile(
          process.execPath,
          [cli, 'doctor'],
          {
            cwd: ROOT,
            encoding: 'utf8',
            env: { PATH: process.env.PATH ?? '', DATABASE_URL: url, ENCRYPTION_KEY: TEST_KEY, TZ: 'UTC' },
            timeout: 120_000,
          },
          (error, stdout, stderr) =>
            resolve({ status: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
        );
      });
    const healthy = await run();
    expect(healthy.stderr).toBe('');
    expect(healthy.status, healthy.stdout).toBe(0);
    const lines = healthy.stdout.trim().split('\n');
    expect(lines[0]).toBe(`✔ Spectrum server ${running.url}: answers (HTTP 200), plain HTTP (not encrypted)`);
    expect(lines).toContain('✔ Authorization ID for company ABC (GetJob): accepted');
    expect(lines).toContain('✔ Info-Link VN_SUBCONTRACT_MC: readable');
    expect(lines.every((l) => /^[✔–] /.test(l))).toBe(true);
    expect(healthy.stdout).not.toContain(DEMO_AUTH_ID);

    sim = undefined;
    await running.close();
    const down = await run();
    expect(down.status).toBe(1);
    expect(down.stdout.split('\n')[0]).toMatch(
      /^✗ Spectrum server .*: .* → check the service URL's host and port/,
    );
  });
});
