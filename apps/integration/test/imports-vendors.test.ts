import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CompaniesRepository } from '../src/companies/companies.repository.js';
import { bearer, PM, VIEWER } from './support/app.js';
import { type ImportEnv, importableId, startImportEnv } from './support/imports.js';

const codes = (body: { errors: { code: string }[] }) => body.errors.map((e) => e.code);
const SUB = [
  'ACMEEL',
  'BAYPLB',
  'CITYCON',
  'COASTRF',
  'DELTAHV',
  'DURAFLR',
  'EAGLEST',
  'FIRSTPT',
  'GRNDMAS',
  'HILLDRY',
  'IRONFRM',
  'JETDEMO',
];
const vendorKey = (code: string) => ({ Company_Code: 'ABC', Vendor_Code: code });

describe('vendor imports (VEN)', () => {
  let env: ImportEnv;
  const http = () => request(env.t.http);
  const post = (path: string, token = PM, body: object = {}) =>
    http().post(`/api/v1/importables/${path}`).set(bearer(token)).send(body);
  const staged = async () =>
    (await env.t.prisma.syncLink.findMany({ where: { type: 'vendor', state: 'ready_to_import' } }))
      .map((l) => l.spectrumKey)
      .sort();

  beforeAll(async () => {
    env = await startImportEnv();
  });
  afterAll(async () => {
    await env?.close();
  });

  it('VEN-7: only vendors whose type passes the filter are staged (an empty filter stages none)', async () => {
    await env.run('vendors');
    expect(await staged()).toEqual([]);
    expect(await env.t.prisma.spectrumRecord.count({ where: { kind: 'vendor' } })).toBe(30);
    await env.settings({ vendorTypeFilter: ['SUB', 'SUPPL'] });
    await env.run('vendors');
    expect((await staged()).length).toBe(12 + 8);
    // a type taken off the filter (nothing synced for it yet): its staged vendors leave the list
    await env.settings({ vendorTypeFilter: ['SUB'] });
    await env.run('vendors');
    expect(await staged()).toEqual(SUB);
  });

  it('API-4, VEN-1: staged vendors list ranked match suggestions among unlinked directory companies', async () => {
    const similar = await env.t.prisma.company.create({
      data: { name: 'ACME Electric', phone: '(217) 555-1000' },
    });
    await env.t.prisma.company.create({ data: { name: 'Unrelated Bakery' } });
    const res = await http()
      .get('/api/v1/importables?type=vendor&state=ready_to_import')
      .set(bearer(PM))
      .expect(200);
    expect(res.body.items).toHaveLength(12);
    const acme = res.body.items.find((i: { spectrumKey: string }) => i.spectrumKey === 'ACMEEL');
    expect(acme).toMatchObject({
      type: 'vendor',
      state: 'ready_to_import',
      spectrum: { vendorCode: 'ACMEEL', name: 'Acme Electric Inc', type: 'SUB' },
      blockedBy: [],
    });
    expect(acme.matchSuggestions[0]).toMatchObject({ companyId: similar.id, reasons: ['name', 'phone'] });
    expect(acme.matchSuggestions.map((m: { companyName: string }) => m.companyName)).not.toContain(
      'Unrelated Bakery',
    );
  });

  it('VEN-1 (a): importVendor creates one directory company from the vendor, also under concurrent requests', async () => {
    const id = await importableId(env, 'vendor', 'BAYPLB');
    const companies = await env.t.prisma.company.count();
    const results = await Promise.all(Array.from({ length: 4 }, () => post(`${id}/import-vendor`)));
    expect(results.map((r) => r.status).sort()).toEqual([200, 200, 200, 201]);
    expect(await env.t.prisma.company.count()).toBe(companies + 1);
    const company = await env.t.prisma.company.findUniqueOrThrow({
      where: { id: results[0]?.body.companyId },
    });
    expect(company).toMatchObject({
      name: 'Bay Plumbing Co',
      vendorType: 'SUB',
      state: 'IL',
      phone: '2175551001',
    });
    expect(
      await env.t.prisma.auditEvent.count({ where: { action: 'import.vendor', itemId: company.id } }),
    ).toBe(1);
    const again = await http().get(`/api/v1/importables/${id}`).set(bearer(PM)).expect(200);
    expect(again.body).toMatchObject({ state: 'synced', pmId: company.id, matchSuggestions: [] });
    expect(again.body.blockedBy.map((b: { action: string }) => b.action).sort()).toEqual([
      'importVendor',
      'linkVendor',
    ]);
  });

  it('VEN-1 (b), VEN-6, VEN-8: linkVendor links to an existing company; a company links to one vendor only', async () => {
    const company = await env.t.prisma.company.findFirstOrThrow({ where: { name: 'ACME Electric' } });
    const id = await importableId(env, 'vendor', 'ACMEEL');
    const results = await Promise.all(
      Array.from({ length: 3 }, () => post(`${id}/link-vendor`, PM, { companyId: company.id })),
    );
    expect(results.map((r) => r.status).sort()).toEqual([200, 200, 201]);
    // the company existed: nothing is created, whichever request made the link
    expect(results.map((r) => r.body.created)).toEqual([false, false, false]);
    expect(results.map((r) => [r.status, r.body.linked]).sort()).toEqual([
      [200, false],
      [200, false],
      [201, true],
    ]);
    expect(await env.t.prisma.syncLink.findUnique({ where: { id } })).toMatchObject({
      state: 'synced',
      pmId: company.id,
    });
    // the same company for another vendor: refused with the reason
    const other = await importableId(env, 'vendor', 'CITYCON');
    const res = await post(`${other}/link-vendor`, PM, { companyId: company.id }).expect(422);
    expect(codes(res.body)).toEqual(['company-already-linked']);
    // the linked vendor to another company: refused too
    const fresh = await env.t.prisma.company.create({ data: { name: 'Fresh Co' } });
    const res2 = await post(`${id}/link-vendor`, PM, { companyId: fresh.id }).expect(422);
    expect(codes(res2.body)).toEqual(['vendor-already-linked']);
    await post(`${other}/link-vendor`, PM, { companyId: 'missing' }).expect(404);
    await post(`${other}/link-vendor`, PM, {}).expect(400);
    await post(`${other}/link-vendor`, VIEWER, { companyId: fresh.id }).expect(403);
    expect(await env.t.prisma.auditEvent.count({ where: { action: 'link.vendor' } })).toBe(1);
  });

  it('VEN-3: with auto_update, Spectrum changes to name, address, phone and fax update the linked company (audited)', async () => {
    await env.sim$('PATCH', '/state/vendors', {
      key: vendorKey('BAYPLB'),
      set: { Vendor_Name: 'Bay Plumbing & Heating', Phone: '2175559999', Address_1: '1 New Street' },
    });
    const r = await env.run('vendors');
    expect(r.failures).toEqual([]);
    const company = await env.t.prisma.company.findFirstOrThrow({
      where: { vendorType: 'SUB', state: 'IL' },
    });
    expect(company).toMatchObject({
      name: 'Bay Plumbing & Heating',
      phone: '2175559999',
      address1: '1 New Street',
    });
    const audit = await env.t.prisma.auditEvent.findFirstOrThrow({
      where: { action: 'company.vendor_refresh' },
    });
    expect(audit.before).toMatchObject({ name: 'Bay Plumbing Co' });
    expect(audit.after).toMatchObject({ name: 'Bay Plumbing & Heating' });
    // a PM edit is not overwritten while Spectrum does not change
    await env.t.prisma.company.update({
      where: { id: company.id },
      data: { name: 'Bay Plumbing (PM name)' },
    });
    await env.run('vendors');
    expect((await env.t.prisma.company.findUniqueOrThrow({ where: { id: company.id } })).name).toBe(
      'Bay Plumbing (PM name)',
    );
  });

  it('VEN-3: with do_not_update, Spectrum changes do not reach the company', async () => {
    await env.settings({ vendorUpdates: 'do_not_update' });
    await env.sim$('PATCH', '/state/vendors', {
      key: vendorKey('ACMEEL'),
      set: { Vendor_Name: 'Acme Renamed' },
    });
    await env.run('vendors');
    expect((await env.t.prisma.company.findFirstOrThrow({ where: { name: 'ACME Electric' } })).name).toBe(
      'ACME Electric',
    );
    await env.settings({ vendorUpdates: 'auto_update' });
    await env.run('vendors');
    expect(await env.t.prisma.company.count({ where: { name: 'Acme Renamed' } })).toBe(1);
  });

  it('SCH-2: one company that cannot be written is recorded as a failure and the run goes on', async () => {
    await env.sim$('PATCH', '/state/vendors', { key: vendorKey('ACMEEL'), set: { Fax_Phone: '2175550000' } });
    await env.sim$('PATCH', '/state/vendors', { key: vendorKey('BAYPLB'), set: { Fax_Phone: '2175550001' } });
    const spy = vi
      .spyOn(env.t.app.get(CompaniesRepository), 'update')
      .mockRejectedValueOnce(new Error('value too long'));
    const r = await env.run('vendors');
    spy.mockRestore();
    expect(r.failures).toHaveLength(1);
    expect(r.failures[0]).toMatchObject({
      itemType: 'vendor',
      reason: expect.stringContaining('value too long'),
    });
    expect(await env.t.prisma.company.count({ where: { fax: { in: ['2175550000', '2175550001'] } } })).toBe(
      1,
    );
    // the next run completes the one that failed
    const again = await env.run('vendors');
    expect(again.failures).toEqual([]);
    expect(await env.t.prisma.company.count({ where: { fax: { in: ['2175550000', '2175550001'] } } })).toBe(
      2,
    );
  });

  it('SCH-2: a vendors re-run without Spectrum change writes nothing', async () => {
    const before = await env.repo.footprint();
    const r = await env.run('vendors');
    expect(r.counts).toMatchObject({ created: 0, updated: 0, vanished: 0, failed: 0, unchanged: 30 });
    expect(await env.repo.footprint()).toEqual(before);
  });

  it('VEN-1: a vendor deleted in Spectrum keeps its link and key, with a lastError saying it is gone', async () => {
    await env.sim$('DELETE', '/state/vendors', { key: vendorKey('ACMEEL') });
    await env.run('vendors');
    const id = await importableId(env, 'vendor', 'ACMEEL');
    const item = await http().get(`/api/v1/importables/${id}`).set(bearer(PM)).expect(200);
    expect(item.body).toMatchObject({ state: 'synced', spectrumKey: 'ACMEEL' });
    expect(item.body.lastError).toMatch(/Vendor ACMEEL is no longer in Spectrum/);
  });
});
