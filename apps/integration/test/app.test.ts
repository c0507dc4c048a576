import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, APPROVER, bearer, startTestApp, type TestApp } from './support/app.js';

describe('service skeleton', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('serves health without a token', async () => {
    const res = await request(t.http).get('/health').expect(200);
    expect(res.body).toEqual({
      status: 'ok',
      database: 'up',
      spectrum: { status: 'not_connected', checkedAt: null, error: null },
    });
  });

  it('API-1: serves the OpenAPI document and the reference page', async () => {
    const doc = await request(t.http).get('/api/openapi.json').expect(200);
    expect(doc.body.openapi).toMatch(/^3\./);
    expect(doc.body.paths['/health'].get.operationId).toBe('getHealth');
    const page = await request(t.http).get('/api/docs').expect(200);
    expect(page.text).toContain('<html');
  });

  it('API-2 / API-3: a request without a valid token is 401 problem details', async () => {
    const res = await request(t.http).get('/api/v1/users').expect(401);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body).toMatchObject({ status: 401, errors: [{ code: 'token-missing' }] });
    const bad = await request(t.http).get('/api/v1/users').set('Authorization', 'Bearer nope').expect(401);
    expect(bad.body.errors[0].code).toBe('token-invalid');
    const unknown = await request(t.http).get('/api/v1/nothing-here').set(bearer(ADMIN)).expect(404);
    expect(unknown.body).toMatchObject({ status: 404, errors: [{ code: 'not-found' }] });
  });

  it('PERM-6: a refused action is 403 naming the missing permission and changes nothing', async () => {
    const users = await request(t.http).get('/api/v1/users').set(bearer(ADMIN)).expect(200);
    const pm = users.body.items.find((u: { name: string }) => u.name === 'demo-pm');
    const res = await request(t.http)
      .patch(`/api/v1/users/${pm.id}/permission`)
      .set(bearer(APPROVER))
      .send({ level: 'admin' })
      .expect(403);
    expect(res.body.errors).toEqual([expect.objectContaining({ code: 'requires-admin', rule: 'PERM-3' })]);
    const after = await request(t.http).get('/api/v1/users').set(bearer(ADMIN)).expect(200);
    expect(after.body.items.find((u: { id: string }) => u.id === pm.id).level).toBe('standard');
  });

  it('PERM-1: getCurrentUser shows the caller as stored, a template level included (not directly editable)', async () => {
    const me = await request(t.http).get('/api/v1/me').set(bearer(APPROVER)).expect(200);
    expect(me.body).toMatchObject({
      name: 'demo-approver',
      level: 'standard',
      canPushToAccounting: true,
      levelEditable: true,
    });
    const template = await t.prisma.permissionTemplate.create({
      data: { name: 'Field staff', level: 'read_only' },
    });
    await t.prisma.user.update({
      where: { email: 'demo-approver@example.com' },
      data: { permissionTemplateId: template.id },
    });
    try {
      const viaTemplate = await request(t.http).get('/api/v1/me').set(bearer(APPROVER)).expect(200);
      expect(viaTemplate.body).toMatchObject({
        level: 'read_only',
        permissionTemplate: 'Field staff',
        levelEditable: false,
      });
    } finally {
      await t.prisma.user.update({
        where: { email: 'demo-approver@example.com' },
        data: { permissionTemplateId: null },
      });
    }
  });

  it('PERM-1: an admin changes a level; bad input is a 400 naming the field', async () => {
    const users = await request(t.http).get('/api/v1/users').set(bearer(ADMIN)).expect(200);
    const viewer = users.body.items.find((u: { name: string }) => u.name === 'demo-viewer');
    const bad = await request(t.http)
      .patch(`/api/v1/users/${viewer.id}/permission`)
      .set(bearer(ADMIN))
      .send({ level: 'superuser' })
      .expect(400);
    expect(bad.body.errors[0]).toMatchObject({ field: 'level' });
    const ok = await request(t.http)
      .patch(`/api/v1/users/${viewer.id}/permission`)
      .set(bearer(ADMIN))
      .send({ level: 'standard' })
      .expect(200);
    expect(ok.body.level).toBe('standard');
    const audit = await request(t.http)
      .get('/api/v1/audit-events?action=user.permission')
      .set(bearer(ADMIN))
      .expect(200);
    expect(audit.body.items[0]).toMatchObject({
      itemId: viewer.id,
      before: { level: 'read_only' },
      after: { level: 'standard' },
    });
  });
});
