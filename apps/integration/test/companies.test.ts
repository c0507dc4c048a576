import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, PM, startTestApp, type TestApp, VIEWER } from './support/app.js';
import { blockedReasons, createCompany, seedIntegration, setLink } from './support/pm.js';

describe('companies (VEN-2, VEN-5, VEN-6, API-4, API-5)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
    await seedIntegration(t);
  });
  afterAll(async () => {
    await t?.close();
  });
  const http = () => request(t.http);

  it('createCompany / getCompany: a directory company with its API-4 fields', async () => {
    const res = await http()
      .post('/api/v1/companies')
      .set(bearer(PM))
      .send({
        name: 'Lone Star Drywall',
        phone: '512-555-0100',
        email: 'ap@lonestar.example',
        vendorType: 'SUB',
      })
      .expect(201);
    expect(res.body).toMatchObject({
      name: 'Lone Star Drywall',
      phone: '512-555-0100',
      email: 'ap@lonestar.example',
      vendorType: 'SUB',
      isCustomer: false,
      fax: null,
      type: 'company',
      state: null,
      spectrumKey: null,
      lastError: null,
      blockedBy: [],
    });
    const got = await http().get(`/api/v1/companies/${res.body.id}`).set(bearer(PM)).expect(200);
    expect(got.body).toEqual(res.body);
    // PERM-6: a read-only user reads the same company, told that sending it needs the Standard level
    const seen = await http().get(`/api/v1/companies/${res.body.id}`).set(bearer(VIEWER)).expect(200);
    expect(seen.body).toEqual({
      ...res.body,
      blockedBy: [{ action: 'sendToErp', reasons: [expect.objectContaining({ code: 'requires-standard' })] }],
    });
  });

  it('VEN-2: a name too long for a Spectrum vendor and a long phone number are listed in blockedBy', async () => {
    const id = await createCompany(t, {
      name: 'An Extremely Long Company Name Incorporated',
      fax: '1234567890123456',
    });
    const res = await http().get(`/api/v1/companies/${id}`).set(bearer(PM)).expect(200);
    expect(blockedReasons(res.body, 'sendToErp')).toEqual(['company-name-too-long', 'phone-too-long']);
  });

  it('VEN-6 / API-4: a company linked to a vendor shows the vendor code and cannot be exported again', async () => {
    const id = await createCompany(t, { name: 'Linked Co' });
    await setLink(t, 'vendor', id, 'synced', 'LINKED1');
    const res = await http().get(`/api/v1/companies/${id}`).set(bearer(PM)).expect(200);
    expect(res.body).toMatchObject({ state: 'synced', spectrumKey: 'LINKED1' });
    expect(blockedReasons(res.body, 'sendToErp')).toEqual(['company-already-linked']);
    const failed = await createCompany(t, { name: 'Failed Co' });
    await setLink(t, 'company', failed, 'failed', null, 'Vendor code already used');
    const f = await http().get(`/api/v1/companies/${failed}`).set(bearer(PM)).expect(200);
    expect(f.body).toMatchObject({ state: 'failed', lastError: 'Vendor code already used', blockedBy: [] });
  });

  it('updateCompany: changes fields; null clears; VEN-3 nothing else changes', async () => {
    const id = await createCompany(t, { city: 'Austin', phone: '1' });
    const res = await http()
      .patch(`/api/v1/companies/${id}`)
      .set(bearer(PM))
      .send({ city: 'Dallas', addressState: 'TX', phone: null, isCustomer: true })
      .expect(200);
    // API-4: `state` is the sync state; the address keeps its own field
    expect(res.body).toMatchObject({
      city: 'Dallas',
      addressState: 'TX',
      state: null,
      phone: null,
      isCustomer: true,
      name: 'Acme Drywall',
    });
    await http().patch(`/api/v1/companies/${id}`).set(bearer(PM)).send({ state: 'TX' }).expect(400);
  });

  it('APP-1: a company in the export queue is read-only (422), nothing changes', async () => {
    const id = await createCompany(t, { name: 'Queued Co' });
    await setLink(t, 'company', id, 'exporting');
    const res = await http().patch(`/api/v1/companies/${id}`).set(bearer(PM)).send({ name: 'X' }).expect(422);
    expect(res.body.errors).toEqual([expect.objectContaining({ code: 'export-in-progress', rule: 'APP-1' })]);
    const got = await http().get(`/api/v1/companies/${id}`).set(bearer(PM)).expect(200);
    expect(got.body.name).toBe('Queued Co');
  });

  it('400 names the field; 404; PERM-6: 403 for a viewer writing, nothing written', async () => {
    const a = await http()
      .post('/api/v1/companies')
      .set(bearer(PM))
      .send({ name: '', email: 'nope' })
      .expect(400);
    expect(a.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['email', 'name']);
    await http().post('/api/v1/companies').set(bearer(PM)).send({ name: 'X', vendorCode: 'ABC' }).expect(400);
    await http().get('/api/v1/companies/nope').set(bearer(PM)).expect(404);
    await http().patch('/api/v1/companies/nope').set(bearer(PM)).send({ name: 'x' }).expect(404);
    const before = await t.prisma.company.count();
    const res = await http().post('/api/v1/companies').set(bearer(VIEWER)).send({ name: 'Nope' }).expect(403);
    expect(res.body.errors[0]).toMatchObject({ code: 'requires-standard' });
    const id = await createCompany(t);
    await http().patch(`/api/v1/companies/${id}`).set(bearer(VIEWER)).send({ name: 'x' }).expect(403);
    expect((await t.prisma.company.findUniqueOrThrow({ where: { id } })).name).toBe('Acme Drywall');
    expect(await t.prisma.company.count()).toBe(before + 1);
  });

  it('API-5: listCompanies pages in a stable order and filters by state and name', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res: request.Response = await http()
        .get('/api/v1/companies')
        .query({ limit: 2, ...(cursor ? { cursor } : {}) })
        .set(bearer(VIEWER))
        .expect(200);
      seen.push(...res.body.items.map((c: { id: string }) => c.id));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual([...seen].sort());
    expect(seen.length).toBe(await t.prisma.company.count());
    const synced = await http().get('/api/v1/companies?state=synced').set(bearer(VIEWER)).expect(200);
    expect(synced.body.items.map((c: { name: string }) => c.name)).toEqual(['Linked Co']);
    const q = await http().get('/api/v1/companies?q=LONE star').set(bearer(VIEWER)).expect(200);
    expect(q.body).toMatchObject({ items: [{ name: 'Lone Star Drywall' }], nextCursor: null });
    await createCompany(t, { name: '100% Electric_Co' });
    for (const [q, names] of [
      ['100%', ['100% Electric_Co']],
      ['1_0', []],
      ['%', ['100% Electric_Co']],
    ] as const) {
      const res = await http().get('/api/v1/companies').query({ q }).set(bearer(VIEWER)).expect(200);
      expect(res.body.items.map((c: { name: string }) => c.name)).toEqual(names);
    }
    const none = await http().get('/api/v1/companies?limit=501').set(bearer(VIEWER)).expect(400);
    expect(none.body.errors[0].field).toBe('limit');
  });
});
