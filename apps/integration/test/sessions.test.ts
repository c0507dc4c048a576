import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashToken } from '../src/auth/tokens.js';
import { ADMIN, FakeClock, startTestApp, type TestApp, VIEWER } from './support/app.js';

const cookieOf = (res: request.Response): string => {
  const set = res.headers['set-cookie'] as unknown as string[];
  const c = set.find((s) => s.startsWith('bridge_session='));
  if (!c) throw new Error('no session cookie was set');
  return c;
};
const pair = (setCookie: string) => setCookie.split(';')[0] as string;

describe('WEB-1: browser sessions (HttpOnly cookie) beside bearer tokens', () => {
  let t: TestApp;
  const clock = new FakeClock();
  beforeAll(async () => {
    t = await startTestApp({ clock, env: { SESSION_TTL_MINUTES: '60' } });
  });
  afterAll(() => t.close());

  it('WEB-1: a personal token is exchanged for an HttpOnly, SameSite=Strict cookie that only stores a hash', async () => {
    const res = await request(t.http).post('/api/v1/session').send({ token: ADMIN }).expect(201);
    expect(res.body.user).toMatchObject({ name: 'demo-admin', level: 'admin' });
    const set = cookieOf(res);
    expect(set).toMatch(/HttpOnly/i);
    expect(set).toMatch(/SameSite=Strict/i);
    expect(set).toMatch(/Path=\//);
    const value = pair(set).slice('bridge_session='.length);
    const rows = await t.prisma.session.findMany();
    expect(rows.map((r) => r.tokenHash)).toContain(hashToken(value));
    expect(JSON.stringify(rows)).not.toContain(value);
    const me = await request(t.http).get('/api/v1/me').set('Cookie', pair(set)).expect(200);
    expect(me.body.name).toBe('demo-admin');
  });

  it('WEB-1: a wrong token is a 401 problem naming the field and opens no session', async () => {
    const before = await t.prisma.session.count();
    const res = await request(t.http).post('/api/v1/session').send({ token: 'nope' }).expect(401);
    expect(res.headers['set-cookie']).toBeUndefined();
    expect(res.body.errors).toEqual([expect.objectContaining({ field: 'token', code: 'token-invalid' })]);
    await request(t.http).post('/api/v1/session').send({ token: '' }).expect(400);
    await request(t.http).post('/api/v1/session').send({ token: ADMIN, extra: 1 }).expect(400);
    expect(await t.prisma.session.count()).toBe(before);
  });

  it('WEB-2: writes with the cookie need the CSRF header; with it they pass the usual permission checks', async () => {
    const cookie = pair(cookieOf(await request(t.http).post('/api/v1/session').send({ token: VIEWER })));
    const body = { name: 'Csrf Co' };
    const refused = await request(t.http)
      .post('/api/v1/companies')
      .set('Cookie', cookie)
      .send(body)
      .expect(403);
    expect(refused.body.errors[0].code).toBe('csrf-header-missing');
    // read-only user: the header gets past CSRF, the permission check still refuses
    const denied = await request(t.http)
      .post('/api/v1/companies')
      .set('Cookie', cookie)
      .set('x-bridge-csrf', '1')
      .send(body)
      .expect(403);
    expect(denied.body.errors[0].code).not.toBe('csrf-header-missing');
    expect(await t.prisma.company.count({ where: { name: 'Csrf Co' } })).toBe(0);
    const admin = pair(cookieOf(await request(t.http).post('/api/v1/session').send({ token: ADMIN })));
    await request(t.http)
      .post('/api/v1/companies')
      .set('Cookie', admin)
      .set('x-bridge-csrf', '1')
      .send(body)
      .expect(201);
  });

  it('WEB-1: signing out deletes the session on the server; an expired session is refused', async () => {
    const cookie = pair(cookieOf(await request(t.http).post('/api/v1/session').send({ token: ADMIN })));
    await request(t.http).delete('/api/v1/session').set('Cookie', cookie).expect(403);
    const out = await request(t.http)
      .delete('/api/v1/session')
      .set('Cookie', cookie)
      .set('x-bridge-csrf', '1')
      .expect(204);
    expect(cookieOf(out)).toMatch(/Expires=Thu, 01 Jan 1970/);
    const gone = await request(t.http).get('/api/v1/me').set('Cookie', cookie).expect(401);
    expect(gone.body.errors[0].code).toBe('session-expired');

    const later = pair(cookieOf(await request(t.http).post('/api/v1/session').send({ token: ADMIN })));
    await request(t.http).get('/api/v1/me').set('Cookie', later).expect(200);
    clock.advance(61 * 60_000);
    await request(t.http).get('/api/v1/me').set('Cookie', later).expect(401);
  });

  it('WEB-1: in demo mode the sign-in page offers the four demo users by name (never their tokens)', async () => {
    const res = await request(t.http).get('/api/v1/session/options').expect(200);
    expect(res.body.demoMode).toBe(true);
    expect(res.body.demoUsers.map((u: { name: string }) => u.name)).toEqual([
      'demo-admin',
      'demo-approver',
      'demo-pm',
      'demo-viewer',
    ]);
    expect(JSON.stringify(res.body)).not.toContain('-token');
    const pm = await request(t.http).post('/api/v1/session').send({ demoUser: 'demo-pm' }).expect(201);
    expect(pm.body.user.name).toBe('demo-pm');
    await request(t.http).post('/api/v1/session').send({ demoUser: 'demo-root' }).expect(400);
  });
});

describe('WEB-1: outside demo mode there are no demo users to choose', () => {
  it('WEB-1: options list none and a demo sign-in is refused naming the field', async () => {
    const t = await startTestApp({ env: { DEMO_MODE: 'false' } });
    try {
      const res = await request(t.http).get('/api/v1/session/options').expect(200);
      expect(res.body).toEqual({ demoMode: false, demoUsers: [] });
      const refused = await request(t.http)
        .post('/api/v1/session')
        .send({ demoUser: 'demo-admin' })
        .expect(400);
      expect(refused.body.errors[0]).toMatchObject({ field: 'demoUser', code: 'demo-mode-off' });
      expect(await t.prisma.session.count()).toBe(0);
    } finally {
      await t.close();
    }
  });
});

describe('WEB-3: the service serves the built web app at / with the API untouched', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'bridge-web-'));
  let t: TestApp;
  beforeAll(async () => {
    mkdirSync(path.join(dir, 'assets'));
    writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>Spectrum Bridge</title>');
    writeFileSync(path.join(dir, 'assets', 'app-abc123.js'), 'console.log(1)');
    // a file whose path is an API path never answers for the API (the API's requests never look at the disk)
    mkdirSync(path.join(dir, 'api', 'v1'), { recursive: true });
    writeFileSync(path.join(dir, 'api', 'v1', 'projects'), 'a file, not the API');
    writeFileSync(path.join(dir, 'health'), 'a file, not the health check');
    t = await startTestApp({ env: { WEB_DIST_DIR: dir } });
  });
  afterAll(async () => {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('WEB-3: app routes answer index.html, hashed assets are cached for good, the API and health answer JSON', async () => {
    const root = await request(t.http).get('/').set('Accept', 'text/html').expect(200);
    expect(root.text).toContain('<title>Spectrum Bridge</title>');
    expect(root.headers['cache-control']).toBe('no-cache');
    const deep = await request(t.http).get('/queue?state=failed').set('Accept', 'text/html').expect(200);
    expect(deep.text).toContain('Spectrum Bridge');
    const asset = await request(t.http).get('/assets/app-abc123.js').expect(200);
    expect(asset.headers['cache-control']).toContain('immutable');
    const health = await request(t.http).get('/health').set('Accept', 'text/html').expect(200);
    expect(health.body.status).toBe('ok');
    expect(health.text).not.toContain('a file');
    const api = await request(t.http).get('/api/v1/projects').set('Accept', 'text/html').expect(401);
    expect(api.headers['content-type']).toContain('json');
    expect(api.text).not.toContain('a file');
    const unknownApi = await request(t.http).get('/api/v1/nothing-here').set('Accept', 'text/html');
    expect(unknownApi.status).toBe(404);
    expect(unknownApi.text).not.toContain('<title>Spectrum Bridge</title>');
  });
});

describe('WEB-1: failed sign-ins are limited per client address', () => {
  it('WEB-1: after the allowed failures the address gets 429 with Retry-After, even with a good token; nothing opens', async () => {
    const t = await startTestApp({ env: { SIGN_IN_FAILURES_ALLOWED: '3', SIGN_IN_WINDOW_SECONDS: '600' } });
    try {
      // a success resets the count, so only consecutive failures add up
      await request(t.http).post('/api/v1/session').send({ token: 'wrong-1' }).expect(401);
      await request(t.http).post('/api/v1/session').send({ token: ADMIN }).expect(201);
      for (const token of ['wrong-2', 'wrong-3', 'wrong-4']) {
        await request(t.http).post('/api/v1/session').send({ token }).expect(401);
      }
      const before = await t.prisma.session.count();
      const limited = await request(t.http).post('/api/v1/session').send({ token: ADMIN }).expect(429);
      expect(limited.headers['retry-after']).toMatch(/^\d+$/);
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
      expect(Number(limited.headers['retry-after'])).toBeLessThanOrEqual(600);
      expect(limited.body).toMatchObject({ status: 429, errors: [{ code: 'too-many-sign-in-attempts' }] });
      expect(await t.prisma.session.count()).toBe(before);
      // bearer-token API calls are not sign-ins and are not limited
      await request(t.http).get('/api/v1/me').set('Authorization', `Bearer ${ADMIN}`).expect(200);
    } finally {
      await t.close();
    }
  });
});
