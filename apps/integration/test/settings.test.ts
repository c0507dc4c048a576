import { Writable } from 'node:stream';
import {
  DEMO_AUTH_ID,
  DEMO_CLIENT_ID,
  DEMO_CLIENT_SECRET,
  DEMO_COMPANY,
  type RunningSimulator,
  startSimulator,
} from '@bridge/spectrum-simulator';
import { pino } from 'pino';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app.js';
import { loadEnv } from '../src/config/env.js';
import { SecretBox } from '../src/platform/crypto/secret-box.js';
import { connectDatabase } from '../src/platform/db/prisma.service.js';
import { REDACTED_PATHS } from '../src/platform/logging/logger.js';
import {
  ADMIN,
  APPROVER,
  bearer,
  FakeClock,
  migratedSnapshot,
  PM,
  TEST_KEY,
  type TestApp,
  VIEWER,
} from './support/app.js';

/** A test app whose pino output (every level) is captured, to prove no secret reaches a log line. */
async function startLoggedApp(clock: FakeClock): Promise<TestApp & { logs: () => string }> {
  const chunks: string[] = [];
  const sink = new Writable({
    write(chunk, _enc, done) {
      chunks.push(String(chunk));
      done();
    },
  });
  const env = loadEnv({
    NODE_ENV: 'test',
    DATABASE_URL: 'pglite://memory',
    ENCRYPTION_KEY: TEST_KEY,
    LOG_LEVEL: 'trace',
    SCHEDULER_ENABLED: 'false',
    WORKER_ENABLED: 'false',
    DEMO_MODE: 'true',
  });
  const db = await connectDatabase(env.DATABASE_URL, {
    migrate: true,
    loadDataDir: migratedSnapshot(env.DATABASE_URL),
  });
  const logger = pino({ level: 'trace', redact: { paths: REDACTED_PATHS, censor: '[redacted]' } }, sink);
  const app = await createApp({ env, logger, prisma: db.prisma, clock });
  await app.init();
  return {
    app,
    prisma: db.prisma,
    env,
    http: app.getHttpServer(),
    logs: () => chunks.join(''),
    close: async () => {
      await app.close();
      await db.close();
    },
  };
}

const SECRET_PASSWORD = 'S3cretAuthId-77';
const SECRET_CLIENT = 'oauth-client-secret-Zq9';
const WRONG_ID = 'WrongAuthId-42';

describe('settings (GEN-1 … GEN-5)', () => {
  let t: TestApp & { logs: () => string };
  let sim: RunningSimulator;
  const clock = new FakeClock();
  const responses: string[] = [];
  const track = (r: request.Response) => {
    responses.push(r.text);
    return r;
  };
  const api = () => ({
    get: (path: string, token = ADMIN) =>
      request(t.http).get(`/api/v1${path}`).set(bearer(token)).then(track),
    patch: (path: string, body: unknown, token = ADMIN) =>
      request(t.http)
        .patch(`/api/v1${path}`)
        .set(bearer(token))
        .send(body as object)
        .then(track),
    put: (path: string, body: unknown, token = ADMIN) =>
      request(t.http)
        .put(`/api/v1${path}`)
        .set(bearer(token))
        .send(body as object)
        .then(track),
    post: (path: string, body: unknown = {}, token = ADMIN) =>
      request(t.http)
        .post(`/api/v1${path}`)
        .set(bearer(token))
        .send(body as object)
        .then(track),
  });

  beforeAll(async () => {
    [t, sim] = await Promise.all([startLoggedApp(clock), startSimulator({ scenario: 'demo', port: 0 })]);
  });
  afterAll(async () => {
    await t?.close();
    await sim?.close();
  });

  it('GEN-2: a fresh install has no connection and no secret set', async () => {
    const res = await api().get('/settings/connection');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      serviceUrl: null,
      companyCode: null,
      serviceUser: null,
      authMode: 'none',
      servicePasswordSet: false,
      clientSecretSet: false,
      caBundle: null,
      caCertificates: [],
      infoLink: { mode: 'http', host: null, port: null, database: null, login: null, passwordSet: false },
      connectionStatus: 'not_connected',
      connectionCheckedAt: null,
      connectionError: null,
      connectedAt: null,
      maxConcurrentCalls: 4,
      callsPerSecond: 10,
    });
  });

  it('GEN-3: testing an unconfigured connection records Not Connected naming what is missing', async () => {
    const res = await api().post('/settings/connection/test');
    expect(res.status).toBe(200);
    expect(res.body.connectionStatus).toBe('not_connected');
    expect(res.body.connectionError).toMatch(/service URL.*company code.*service password/);
    expect(res.body.connectionCheckedAt).toBe(clock.now().toISOString());
  });

  it('GEN-2: the password is write-only, encrypted at rest, kept when omitted, cleared by null', async () => {
    const res = await api().patch('/settings/connection', {
      serviceUrl: sim.url,
      companyCode: 'abc',
      authMode: 'basic',
      servicePassword: SECRET_PASSWORD,
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      serviceUrl: sim.url,
      companyCode: 'ABC',
      authMode: 'basic',
      servicePasswordSet: true,
      clientSecretSet: false,
    });
    expect(res.text).not.toContain(SECRET_PASSWORD);
    expect(Object.keys(res.body)).not.toContain('servicePassword');

    const raw = await t.prisma.$queryRawUnsafe<{ servicePasswordEnc: string }[]>(
      'SELECT "servicePasswordEnc" FROM "IntegrationSettings" WHERE id = 1',
    );
    const sealed = raw[0]?.servicePasswordEnc ?? '';
    expect(sealed).not.toContain(SECRET_PASSWORD);
    expect(sealed).toMatch(/^v1\./);
    expect(new SecretBox(Buffer.from(TEST_KEY, 'hex')).open(sealed)).toBe(SECRET_PASSWORD);

    // omitted: kept
    const keep = await api().patch('/settings/connection', { serviceUser: 'someone' });
    expect(keep.body).toMatchObject({ servicePasswordSet: true, serviceUser: 'someone' });
    const after = await t.prisma.integrationSettings.findUniqueOrThrow({ where: { id: 1 } });
    expect(after.servicePasswordEnc).toBe(sealed);

    // null clears (here the client secret, set first), the service user too
    await api().patch('/settings/connection', { clientSecret: SECRET_CLIENT });
    const cleared = await api().patch('/settings/connection', { clientSecret: null, serviceUser: null });
    expect(cleared.body).toMatchObject({
      clientSecretSet: false,
      servicePasswordSet: true,
      serviceUser: null,
    });
  });

  it('GEN-2: settings changes are audited before/after without any secret', async () => {
    const res = await api().get('/audit-events?action=settings.connection');
    expect(res.status).toBe(200);
    expect(res.body.items.length).toBeGreaterThanOrEqual(4);
    const first = res.body.items.at(-1);
    expect(first.before).toMatchObject({ servicePasswordSet: false, companyCode: null });
    expect(first.after).toMatchObject({ servicePasswordSet: true, companyCode: 'ABC' });
    expect(first.note).toBe('service password replaced');
    expect(res.body.items.some((i: { note: string | null }) => i.note === 'client secret cleared')).toBe(
      true,
    );
    const rows = await t.prisma.auditEvent.findMany();
    const all = JSON.stringify(rows);
    expect(all).not.toContain(SECRET_PASSWORD);
    expect(all).not.toContain(SECRET_CLIENT);
  });

  it('GEN-2: bad input is a 400 naming the field (and never echoes a secret); unknown fields are refused', async () => {
    const cases: [unknown, string][] = [
      [{ companyCode: 'ABCD' }, 'companyCode'],
      [{ serviceUrl: 'ftp://x' }, 'serviceUrl'],
      [{ authMode: 'kerberos' }, 'authMode'],
      [{ servicePassword: 'x'.repeat(21) }, 'servicePassword'],
      [{ servicePassword: '' }, 'servicePassword'],
      [{ password: 'nope' }, 'body'],
    ];
    for (const [body, field] of cases) {
      const res = await api().patch('/settings/connection', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    }
    const long = await api().patch('/settings/connection', {
      servicePassword: `${SECRET_PASSWORD}-too-long!!`,
    });
    expect(long.status).toBe(400);
    expect(long.text).not.toContain(SECRET_PASSWORD);
  });

  it('PERM-3: every settings operation needs admin (403 naming the level), and a refusal changes nothing', async () => {
    const before = await t.prisma.integrationSettings.findUniqueOrThrow({ where: { id: 1 } });
    const calls = [
      () => api().get('/settings/connection', APPROVER),
      () => api().patch('/settings/connection', { companyCode: 'XYZ' }, PM),
      () => api().post('/settings/connection/test', {}, PM),
      () => api().get('/settings/general', VIEWER),
      () => api().patch('/settings/general', { vendors: 'do_not_update' }, APPROVER),
      () => api().get('/settings/vendor-type-filter', PM),
      () => api().put('/settings/vendor-type-filter', { types: ['SUB'] }, PM),
    ];
    for (const call of calls) {
      const res = await call();
      expect(res.status).toBe(403);
      expect(res.body.errors[0]).toMatchObject({ code: 'requires-admin', rule: 'PERM-3' });
    }
    const after = await t.prisma.integrationSettings.findUniqueOrThrow({ where: { id: 1 } });
    expect(after).toEqual(before);
  });

  it("GEN-3: testConnection against the simulator: Not Connected with Spectrum's reason for a wrong Authorization ID", async () => {
    await api().patch('/settings/connection', { servicePassword: WRONG_ID });
    clock.advance(60_000);
    const res = await api().post('/settings/connection/test');
    expect(res.status).toBe(200);
    expect(res.body.connectionStatus).toBe('not_connected');
    expect(res.body.connectionError).toMatch(/^GetJob: Spectrum refused the credentials \(HTTP 401\)/);
    expect(res.body.connectedAt).toBeNull();
    // Without HTTP authentication Spectrum answers with its own error row: its description is recorded.
    await api().patch('/settings/connection', { authMode: 'none' });
    const soap = await api().post('/settings/connection/test');
    expect(soap.body.connectionStatus).toBe('not_connected');
    expect(soap.body.connectionError).toMatch(/web service is not authorized/i);
    const health = await request(t.http).get('/health').expect(200);
    expect(health.body.spectrum).toMatchObject({
      status: 'not_connected',
      checkedAt: clock.now().toISOString(),
    });
    await api().patch('/settings/connection', { authMode: 'basic' });
  });

  it('GEN-3: an unreachable server is Not Connected with the transport error, tried once', async () => {
    await api().patch('/settings/connection', { serviceUrl: 'http://127.0.0.1:9' });
    const res = await api().post('/settings/connection/test');
    expect(res.body.connectionStatus).toBe('not_connected');
    expect(res.body.connectionError).toEqual(expect.any(String));
    expect(res.body.connectionError.length).toBeGreaterThan(0);
    await api().patch('/settings/connection', { serviceUrl: sim.url });
  });

  it('GEN-3 / JOB-2: Connected with the demo BRIDGEDEMO Authorization ID; the first success sets connectedAt', async () => {
    const changed = await api().patch('/settings/connection', { servicePassword: DEMO_AUTH_ID });
    expect(changed.body.connectionStatus).toBe('not_connected');
    clock.advance(60_000);
    const firstAt = clock.now().toISOString();
    const res = await api().post('/settings/connection/test');
    expect(res.body).toEqual({
      connectionStatus: 'connected',
      connectionCheckedAt: firstAt,
      connectionError: null,
      connectedAt: firstAt,
    });
    clock.advance(60_000);
    const again = await api().post('/settings/connection/test');
    expect(again.body.connectedAt).toBe(firstAt);
    expect(again.body.connectionCheckedAt).toBe(clock.now().toISOString());
    const view = await api().get('/settings/connection');
    expect(view.body).toMatchObject({
      connectionStatus: 'connected',
      connectedAt: firstAt,
      companyCode: DEMO_COMPANY,
    });
  });

  it('GEN-3: OAuth (enhanced authentication) uses the service user as client ID and the sealed client secret', async () => {
    const oauthSim = await startSimulator({ scenario: 'demo', port: 0, enhancedAuth: true });
    try {
      await api().patch('/settings/connection', {
        serviceUrl: oauthSim.url,
        authMode: 'oauth',
        serviceUser: DEMO_CLIENT_ID,
      });
      const missing = await api().post('/settings/connection/test');
      expect(missing.body.connectionStatus).toBe('not_connected');
      expect(missing.body.connectionError).toContain('client secret');
      await api().patch('/settings/connection', { clientSecret: DEMO_CLIENT_SECRET });
      const ok = await api().post('/settings/connection/test');
      expect(ok.body.connectionStatus).toBe('connected');
      await api().patch('/settings/connection', { clientSecret: `${DEMO_CLIENT_SECRET}-wrong` });
      const bad = await api().post('/settings/connection/test');
      expect(bad.body.connectionStatus).toBe('not_connected');
      expect(bad.body.connectionError).not.toContain(DEMO_CLIENT_SECRET);
    } finally {
      await api().patch('/settings/connection', {
        serviceUrl: sim.url,
        authMode: 'basic',
        serviceUser: null,
        clientSecret: null,
      });
      await oauthSim.close();
    }
  });

  it('GEN-1: once data was synced, a second Spectrum company is refused (409) and nothing changes', async () => {
    const same = await api().patch('/settings/connection', { companyCode: 'abc' });
    expect(same.status).toBe(200);
    await t.prisma.syncLink.create({
      data: { type: 'job', spectrumKey: '24-101', state: 'ready_to_import' },
    });
    const res = await api().patch('/settings/connection', {
      companyCode: 'XYZ',
      serviceUrl: 'http://127.0.0.1:9',
    });
    expect(res.status).toBe(409);
    expect(res.body.errors).toEqual([
      expect.objectContaining({ code: 'second-spectrum-company', rule: 'GEN-1', field: 'companyCode' }),
    ]);
    const view = await api().get('/settings/connection');
    expect(view.body).toMatchObject({ companyCode: 'ABC', serviceUrl: sim.url });
    await t.prisma.syncLink.deleteMany({});
  });

  it('GEN-4 / JOB-3: general settings and the template job, validated with every reason (422)', async () => {
    const initial = await api().get('/settings/general');
    expect(initial.body).toEqual({
      usePmContractNumber: true,
      usePmChangeOrderNumber: true,
      autoAddCostCodesToBudgets: false,
      budgetDirectCosts: 'populate_from_erp',
      vendors: 'auto_update',
      templateJob: null,
    });
    // the demo company's template job, as Spectrum has it (GEN-6)
    const template = {
      jobNumber: '99-TPL',
      division: '1',
      costCenter: 'NOR',
      customerCode: 'C100',
      taxable: false,
      priceMethodCode: 'F',
      phaseMask: 'XX-XXXX',
    };
    const ok = await api().patch('/settings/general', {
      usePmContractNumber: false,
      budgetDirectCosts: 'editable',
      vendors: 'do_not_update',
      templateJob: template,
    });
    expect(ok.status).toBe(200);
    expect(ok.body).toEqual({
      ...initial.body,
      usePmContractNumber: false,
      budgetDirectCosts: 'editable',
      vendors: 'do_not_update',
      templateJob: template,
    });

    const bad = await api().patch('/settings/general', {
      autoAddCostCodesToBudgets: true,
      templateJob: {
        ...template,
        jobNumber: 'WAY-TOO-LONG-JOB',
        division: '123456',
        customerCode: 'acme co',
      },
    });
    expect(bad.status).toBe(422);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'templateJob.customerCode',
      'templateJob.division',
      'templateJob.jobNumber',
    ]);
    const unchanged = await api().get('/settings/general');
    expect(unchanged.body).toEqual(ok.body);

    const shape = await api().patch('/settings/general', {
      templateJob: { ...template, priceMethodCode: 'Z' },
    });
    expect(shape.status).toBe(400);
    expect(shape.body.errors[0].field).toBe('templateJob.priceMethodCode');
    expect((await api().patch('/settings/general', { budgetDirectCosts: 'sometimes' })).status).toBe(400);

    const cleared = await api().patch('/settings/general', { templateJob: null });
    expect(cleared.body.templateJob).toBeNull();
    const audit = await api().get('/audit-events?action=settings.general.update');
    expect(audit.body.items[0]).toMatchObject({
      before: { templateJob: template },
      after: { templateJob: null },
    });
  });

  it('GEN-6: a template job is checked against Spectrum when saved: every field Spectrum contradicts is named, nothing is saved', async () => {
    const template = {
      jobNumber: '99-TPL',
      division: '1',
      costCenter: 'NOR',
      customerCode: 'C100',
      taxable: false,
      priceMethodCode: 'F',
    };
    expect((await api().patch('/settings/general', { templateJob: template })).status).toBe(200);
    const saved = (await api().get('/settings/general')).body;
    const auditCount = async () =>
      (await api().get('/audit-events?action=settings.general.update')).body.items.length;
    const before = await auditCount();

    const missing = await api().patch('/settings/general', {
      usePmContractNumber: !saved.usePmContractNumber,
      templateJob: { ...template, jobNumber: 'NO-SUCH' },
    });
    expect(missing.status).toBe(422);
    expect(missing.body.errors).toEqual([
      expect.objectContaining({
        field: 'templateJob.jobNumber',
        rule: 'GEN-6',
        code: 'template-job-not-in-spectrum',
        message: expect.stringContaining('Spectrum has no job NO-SUCH'),
      }),
    ]);

    // the defect of issue 16: customer OWNER1, which Spectrum does not have, was accepted
    const owner = await api().patch('/settings/general', {
      templateJob: { ...template, customerCode: 'OWNER1', division: '2', taxable: true },
    });
    expect(owner.status).toBe(422);
    expect(owner.body.errors.map((e: { field: string; code: string }) => [e.field, e.code])).toEqual([
      ['templateJob.division', 'template-job-value-differs'],
      ['templateJob.customerCode', 'customer-not-in-spectrum'],
      ['templateJob.taxable', 'template-job-value-differs'],
    ]);
    expect(owner.body.errors[1].message).toContain('Customer OWNER1 does not exist in Spectrum');
    expect(owner.body.errors[0].message).toContain('has division 1, not 2');
    expect((await api().get('/settings/general')).body).toEqual(saved);
    expect(await auditCount()).toBe(before);

    // Spectrum unreachable: refused in plain words (503), nothing saved; settings that name nothing in Spectrum
    // (and an unchanged template job) are still saved without asking Spectrum
    await api().patch('/settings/connection', { serviceUrl: 'http://127.0.0.1:9' });
    try {
      const down = await api().patch('/settings/general', {
        templateJob: { ...template, costCenter: 'SOU' },
      });
      expect(down.status).toBe(503);
      expect(down.body.errors).toEqual([
        expect.objectContaining({ field: 'templateJob', rule: 'GEN-6', code: 'spectrum-unavailable' }),
      ]);
      expect(down.body.detail).toMatch(
        /^The template job could not be checked against Spectrum, so nothing was saved: Spectrum did not answer/,
      );
      expect((await api().get('/settings/general')).body).toEqual(saved);
      const other = await api().patch('/settings/general', {
        vendors: 'do_not_update',
        templateJob: template,
      });
      expect(other.status).toBe(200);
      expect(other.body.vendors).toBe('do_not_update');
    } finally {
      await api().patch('/settings/connection', { serviceUrl: sim.url });
    }
    // no connection set up: the save says to set it up first
    await api().patch('/settings/connection', { servicePassword: null });
    try {
      const none = await api().patch('/settings/general', {
        templateJob: { ...template, jobNumber: '24-101' },
      });
      expect(none.status).toBe(422);
      expect(none.body.errors[0]).toMatchObject({ code: 'connection-not-configured', rule: 'GEN-6' });
      expect(none.body.errors[0].message).toContain('Set up the connection to Spectrum first');
    } finally {
      await api().patch('/settings/connection', { servicePassword: DEMO_AUTH_ID });
      await api().post('/settings/connection/test');
    }
  });

  it('GEN-5 GEN-6: the vendor type filter; a type with synced data is locked and cannot be removed, an unknown one cannot be added (422)', async () => {
    const set = await api().put('/settings/vendor-type-filter', { types: ['sub', 'MAT', ' SUB '] });
    expect(set.status).toBe(200);
    expect(set.body.types).toEqual([
      { type: 'SUB', locked: false },
      { type: 'MAT', locked: false },
    ]);
    await t.prisma.spectrumRecord.createMany({
      data: [
        { kind: 'vendor', key: 'V100', hash: 'h1', data: { vendorCode: 'V100', type: 'SUB' } },
        { kind: 'vendor', key: 'V200', hash: 'h2', data: { vendorCode: 'V200', type: 'MAT' } },
        { kind: 'vendor', key: 'V300', hash: 'h3', data: { vendorCode: 'V300', type: 'EQP' } },
        // gone from Spectrum's vendor list at the last sync: its type is no longer one Spectrum's vendors have
        {
          kind: 'vendor',
          key: 'V400',
          hash: 'h4',
          data: { vendorCode: 'V400', type: 'OLD' },
          vanishedAt: new Date('2026-01-01T00:00:00Z'),
        },
      ],
    });
    await t.prisma.syncLink.createMany({
      data: [
        { type: 'vendor', spectrumKey: 'V100', state: 'synced' },
        { type: 'vendor', spectrumKey: 'V200', state: 'ready_to_import' },
      ],
    });
    const view = await api().get('/settings/vendor-type-filter');
    expect(view.body).toEqual({
      types: [
        { type: 'SUB', locked: true },
        { type: 'MAT', locked: false },
      ],
      knownTypes: ['EQP', 'MAT', 'SUB'],
    });
    const refused = await api().put('/settings/vendor-type-filter', { types: ['MAT', 'TOOLONGTYPE'] });
    expect(refused.status).toBe(422);
    expect(refused.body.errors.map((e: { code: string }) => e.code).sort()).toEqual([
      'vendor-type-in-use',
      'vendor-type-invalid',
    ]);
    expect((await api().get('/settings/vendor-type-filter')).body.types).toHaveLength(2);
    const ok = await api().put('/settings/vendor-type-filter', { types: ['SUB', 'EQP'] });
    expect(ok.status).toBe(200);
    expect(ok.body.types).toEqual([
      { type: 'SUB', locked: true },
      { type: 'EQP', locked: false },
    ]);
    expect((await api().put('/settings/vendor-type-filter', { types: 'SUB' })).status).toBe(400);
    // GEN-6: a type added to the filter must be one Spectrum's vendors have (seen at the last vendor sync)
    const typo = await api().put('/settings/vendor-type-filter', { types: ['SUB', 'EQP', 'SUBB'] });
    expect(typo.status).toBe(422);
    expect(typo.body.errors).toEqual([
      expect.objectContaining({ code: 'vendor-type-not-in-spectrum', rule: 'GEN-6', field: 'types[2]' }),
    ]);
    expect(typo.body.errors[0].message).toContain(
      'No Spectrum vendor has type SUBB (the types seen at the last vendor sync are EQP, MAT, SUB)',
    );
    const audit = await api().get('/audit-events?action=settings.vendor_type_filter.update');
    expect(audit.body.items[0]).toMatchObject({
      before: { types: ['SUB', 'MAT'] },
      after: { types: ['SUB', 'EQP'] },
    });
  });

  it('GEN-2: no secret appears in any response or captured log line', () => {
    const everything = `${responses.join('\n')}\n${t.logs()}`;
    expect(t.logs().length).toBeGreaterThan(0);
    for (const secret of [SECRET_PASSWORD, SECRET_CLIENT, WRONG_ID, DEMO_AUTH_ID, DEMO_CLIENT_SECRET]) {
      expect(everything).not.toContain(secret);
    }
  });
});
