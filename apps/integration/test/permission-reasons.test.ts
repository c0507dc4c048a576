import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, bearer, PM, startTestApp, type TestApp, VIEWER } from './support/app.js';
import { createCompany, createProject } from './support/pm.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const sendReasons = (body: { blockedBy: { action: string; reasons: { code: string }[] }[] }) =>
  body.blockedBy.find((b) => b.action === 'sendToErp')?.reasons.map((r) => r.code) ?? [];

describe('API-4 PERM-6: an item says what the user may not do, beside what the item cannot do', () => {
  it('PERM-6: a read-only user sees "requires-standard" on Send to ERP together with the item reasons', async () => {
    const projectId = await createProject(t, { name: 'Reasons project' });
    await createCompany(t, { name: 'Reasons Co' });
    const asViewer = await request(t.http)
      .get(`/api/v1/projects/${projectId}`)
      .set(bearer(VIEWER))
      .expect(200);
    const asAdmin = await request(t.http).get(`/api/v1/projects/${projectId}`).set(bearer(ADMIN)).expect(200);
    const itemOnly = sendReasons(asAdmin.body);
    expect(itemOnly).not.toContain('requires-standard');
    expect(sendReasons(asViewer.body)).toEqual([...itemOnly, 'requires-standard']);

    const list = await request(t.http).get('/api/v1/companies?q=Reasons').set(bearer(VIEWER)).expect(200);
    expect(sendReasons(list.body.items[0])).toContain('requires-standard');
    const pmList = await request(t.http).get('/api/v1/companies?q=Reasons').set(bearer(PM)).expect(200);
    expect(sendReasons(pmList.body.items[0])).not.toContain('requires-standard');
  });

  it('API-4: export requests are not items: their blockedBy keeps only the queue decisions', async () => {
    const list = await request(t.http).get('/api/v1/export-requests').set(bearer(VIEWER)).expect(200);
    for (const r of list.body.items)
      expect(r.blockedBy.map((b: { action: string }) => b.action)).not.toContain('sendToErp');
  });
});

describe('PERM-5 PERM-6: the prime contracts tool level is part of the reasons', () => {
  it('PERM-5: an ERP admin without admin on the prime contracts tool is told so on re-import', async () => {
    const { addPermissionReasons } = await import('../src/auth/permission-reasons.interceptor.js');
    const item = {
      type: 'prime_contract',
      blockedBy: [] as { action: string; reasons: { code: string }[] }[],
    };
    addPermissionReasons(item, {
      id: 'a',
      name: 'Ada',
      email: 'ada@example.com',
      level: 'admin',
      canPushToAccounting: false,
      primeContractsLevel: 'none',
    } as never);
    const reimport = item.blockedBy.find((b) => b.action === 'reimportPrimeContract');
    expect(reimport?.reasons.map((r) => r.code)).toEqual(['requires-prime-contracts-admin']);
    expect(item.blockedBy.find((b) => b.action === 'importPrimeContract')).toBeUndefined();
  });
});
