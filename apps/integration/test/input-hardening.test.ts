import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeCursor } from '../src/platform/http/pagination.js';
import { ADMIN, bearer, startTestApp, type TestApp } from './support/app.js';

/** A raw JSON body, sent as written (escapes such as \ud800 or \u0000 reach the service untouched). */
const rawJson = (text: string) => ({ text, type: 'application/json' });

function expectProblem(res: request.Response, status: number, type: string) {
  expect(res.status).toBe(status);
  expect(res.headers['content-type']).toContain('application/problem+json');
  expect(res.body).toMatchObject({ status, type: `https://spectrum-bridge.dev/problems/${type}` });
  expect(typeof res.body.title).toBe('string');
  expect(res.body.title).not.toBe('Error');
}

/** A 400 naming `field` as text INPUT-1 refuses. */
function expectInvalidText(res: request.Response, field: string) {
  expectProblem(res, 400, 'invalid-request');
  expect(res.body.errors).toEqual([
    expect.objectContaining({ field, rule: 'INPUT-1', code: 'invalid-characters' }),
  ]);
}

describe('hardened input (INPUT-1, INPUT-2, INPUT-3) and security headers', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  /** createCompany with a body sent as written, under the given content type. */
  const postCompany = (contentType: string, text: string) =>
    request(t.http).post('/api/v1/companies').set(bearer(ADMIN)).set('Content-Type', contentType).send(text);

  const counts = async () => ({
    companies: await t.prisma.company.count(),
    projects: await t.prisma.project.count(),
    audit: await t.prisma.auditEvent.count(),
  });

  it('INPUT-1: a NUL character in a path id is a 400 naming the id', async () => {
    for (const path of ['/api/v1/projects/%00', '/api/v1/companies/a%00b', '/api/v1/export-requests/%00']) {
      const res = await request(t.http).get(path).set(bearer(ADMIN));
      expectInvalidText(res, 'id');
    }
  });

  it('INPUT-1: a NUL character in the q search is a 400 naming q', async () => {
    const res = await request(t.http).get('/api/v1/projects?q=%00').set(bearer(ADMIN));
    expectInvalidText(res, 'q');
  });

  it('INPUT-1: a cursor decoding to an id with a NUL character is a 400 naming cursor', async () => {
    const res = await request(t.http)
      .get(`/api/v1/companies?cursor=${encodeCursor('\u0000')}`)
      .set(bearer(ADMIN));
    expectProblem(res, 400, 'invalid-request');
    expect(res.body.errors).toEqual([expect.objectContaining({ field: 'cursor', code: 'invalid-cursor' })]);
  });

  it('INPUT-1: a NUL character in a body string is a 400 naming the field and changes nothing', async () => {
    const before = await counts();
    const res = await request(t.http)
      .post('/api/v1/companies')
      .set(bearer(ADMIN))
      .send({ name: 'nul\u0000byte', city: 'ok' });
    expectInvalidText(res, 'name');
    const nested = await request(t.http)
      .post('/api/v1/projects')
      .set(bearer(ADMIN))
      .send({ name: 'ok', list: [{ deep: 'x\u0000' }] });
    expectProblem(nested, 400, 'invalid-request');
    expect(nested.body.errors[0]).toMatchObject({ field: 'list.0.deep', code: 'invalid-characters' });
    expect(await counts()).toEqual(before);
  });

  it('INPUT-1: a NUL character in a connection setting is a 400 and the settings stay as they were', async () => {
    const before = await request(t.http).get('/api/v1/settings/connection').set(bearer(ADMIN)).expect(200);
    const res = await request(t.http)
      .patch('/api/v1/settings/connection')
      .set(bearer(ADMIN))
      .send({ serviceUser: 'a\u0000b' });
    expectInvalidText(res, 'serviceUser');
    const after = await request(t.http).get('/api/v1/settings/connection').set(bearer(ADMIN)).expect(200);
    expect(after.body).toEqual(before.body);
  });

  it('INPUT-1: a lone surrogate in a JSON string is a 400 naming the field on createProject and createCompany', async () => {
    const before = await counts();
    for (const path of ['/api/v1/projects', '/api/v1/companies']) {
      const { text, type } = rawJson('{"name":"\\ud800 x"}');
      const res = await request(t.http).post(path).set(bearer(ADMIN)).type(type).send(text);
      expectInvalidText(res, 'name');
    }
    // A well-formed pair (an emoji) is ordinary text.
    const ok = await request(t.http)
      .post('/api/v1/companies')
      .set(bearer(ADMIN))
      .send({ name: 'Crane 🏗 Co' });
    expect(ok.status).toBe(201);
    expect(ok.body.name).toBe('Crane 🏗 Co');
    expect((await counts()).companies).toBe(before.companies + 1);
  });

  it('INPUT-1: a body nested deeper than the API accepts is a 400, not a crash', async () => {
    const depth = 20_000;
    const text = `{"name":${'['.repeat(depth)}${']'.repeat(depth)}}`;
    const res = await request(t.http).post('/api/v1/companies').set(bearer(ADMIN)).type('json').send(text);
    expectProblem(res, 400, 'invalid-request');
    expect(res.body.errors[0]).toMatchObject({ code: 'too-deep' });
  });

  it('INPUT-1: a malformed percent-encoding in the path is a 400 problem', async () => {
    const res = await request(t.http).get('/api/v1/projects/%E0%A4%A').set(bearer(ADMIN));
    expectProblem(res, 400, 'invalid-path');
  });

  it('INPUT-2: malformed JSON has its own problem type with a helpful detail', async () => {
    const res = await postCompany('application/json', '{"name":');
    expectProblem(res, 400, 'malformed-json');
    expect(res.body.detail).toMatch(/not valid JSON/);
    expect(res.body.errors[0]).toMatchObject({ field: 'body', code: 'malformed-json' });
  });

  it('INPUT-2: a body over the size limit is a 413 naming the limit', async () => {
    const res = await request(t.http)
      .post('/api/v1/companies')
      .set(bearer(ADMIN))
      .send({ name: 'x'.repeat(1024 * 1024) });
    expectProblem(res, 413, 'payload-too-large');
    expect(res.body.title).toBe('Payload too large');
    expect(res.body.detail).toMatch(/limit of 100 KB/);
  });

  it('INPUT-2: a body that is not JSON is a 415 and changes nothing', async () => {
    const before = await counts();
    const form = await postCompany('application/x-www-form-urlencoded', 'name=Form+Co');
    expectProblem(form, 415, 'unsupported-media-type');
    expect(form.body.errors[0]).toMatchObject({ field: 'Content-Type', rule: 'INPUT-2' });
    const text = await postCompany('text/plain', '{"name":"Text Co"}');
    expectProblem(text, 415, 'unsupported-media-type');
    const suffixed = await postCompany('application/merge-patch+json', '{"name":"Suffix Co"}');
    expectProblem(suffixed, 415, 'unsupported-media-type');
    expect(await counts()).toEqual(before);
    const json = await postCompany('application/json; charset=utf-8', '{"name":"Json Co"}');
    expect(json.status).toBe(201);
  });

  it('INPUT-3: a path outside /api/v1 answers a 404 problem, not an HTML page', async () => {
    for (const [method, path] of [
      ['get', '/api/v2/projects'],
      ['post', '/api'],
      ['get', '/nothing/here'],
      ['delete', '/health/x'],
    ] as const) {
      const res = await request(t.http)[method](path).set(bearer(ADMIN));
      expectProblem(res, 404, 'not-found');
      expect(res.body.instance).toBe(path);
    }
    await request(t.http).get('/api/v1/nothing').set(bearer(ADMIN)).expect(404);
  });

  it('INPUT-3: a request line over the HTTP limit is a 431 problem, not a bare status line', async () => {
    const res = await request(t.http)
      .get(`/api/v1/projects/${'x'.repeat(20_000)}`)
      .set(bearer(ADMIN));
    expect(res.status).toBe(431);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body).toMatchObject({ status: 431, title: 'Request header fields too large' });
  });

  it('security headers on every response: a same-origin content security policy and no sniffing', async () => {
    for (const res of [
      await request(t.http).get('/health'),
      await request(t.http).get('/api/v1/me').set(bearer(ADMIN)),
      await request(t.http).get('/api/v1/me'),
      await request(t.http).get('/api/v2/x'),
      await request(t.http).get('/api/openapi.json'),
    ]) {
      const csp = String(res.headers['content-security-policy']);
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
      expect(csp).toContain("frame-ancestors 'none'");
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['x-frame-options']).toBe('DENY');
      expect(res.headers['referrer-policy']).toBe('no-referrer');
      expect(res.headers['x-powered-by']).toBeUndefined();
    }
  });
});
