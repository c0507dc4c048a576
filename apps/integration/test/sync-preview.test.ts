import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SyncService } from '../src/sync/sync.service.js';
import { ADMIN, bearer, VIEWER } from './support/app.js';
import { type ExportEnv, startExportEnv } from './support/exports.js';

let e: ExportEnv;
beforeAll(async () => {
  e = await startExportEnv();
});
afterAll(async () => {
  await e?.close();
});

const sync = async (group: string) => {
  const run = await e.http().post('/api/v1/sync/runs').set(bearer(ADMIN)).send({ group }).expect(202);
  await e.t.app.get(SyncService).waitForRun(run.body.id);
};
/** Every table a vendors sync writes, and the ones a run records itself in. */
const counts = async () => ({
  snapshot: await e.t.prisma.spectrumRecord.count(),
  links: await e.t.prisma.syncLink.count(),
  companies: await e.t.prisma.company.count(),
  audit: await e.t.prisma.auditEvent.count(),
  runs: await e.t.prisma.syncRun.count(),
});
const preview = (group: string, limit?: number) =>
  e
    .http()
    .post(`/api/v1/sync/preview${limit === undefined ? '' : `?limit=${limit}`}`)
    .set(bearer(ADMIN))
    .send({ group });

interface Change {
  kind: string;
  key: string;
  change: string;
  fields: { field: string; before: unknown; after: unknown }[];
}

describe('previewSync (VER-6)', () => {
  it('VER-6: a vendor renamed and a vendor added in Spectrum are previewed with their fields; nothing is written; the sync then does it', async () => {
    await sync('vendors');
    await e.sim$('PATCH', '/state/vendors', {
      key: { Company_Code: 'ABC', Vendor_Code: 'BAYPLB' },
      set: { Vendor_Name: 'Bay Plumbing & Heating' },
    });
    await e.sim$('POST', '/state/vendors', {
      Company_Code: 'ABC',
      Vendor_Code: 'NEWVEN',
      Vendor_Name: 'New Vendor Co',
      Alpha_Sort: 'NEWVEN',
      Status: 'A',
      Type: 'SUB',
    });

    const before = await counts();
    const res = await preview('vendors');
    expect(res.status).toBe(200);
    expect(await counts()).toEqual(before);

    expect(res.body.totals).toMatchObject({ created: 1, updated: 1, vanished: 0, failed: 0 });
    expect(res.body.kinds).toEqual([expect.objectContaining({ kind: 'vendor', created: 1, updated: 1 })]);
    const changes = res.body.changes as Change[];
    const renamed = changes.find((c) => c.key === 'BAYPLB') as Change;
    expect(renamed.change).toBe('updated');
    expect(renamed.fields).toEqual([
      {
        field: 'vendorName',
        before: expect.not.stringContaining('Heating'),
        after: 'Bay Plumbing & Heating',
      },
    ]);
    const added = changes.find((c) => c.key === 'NEWVEN') as Change;
    expect(added.change).toBe('created');
    expect(added.fields).toContainEqual({ field: 'vendorName', before: null, after: 'New Vendor Co' });
    expect(res.body.truncated).toBe(false);

    // a limit lists fewer rows and says so; the counts stay whole
    const one = await preview('vendors', 1);
    expect(one.body.changes).toHaveLength(1);
    expect(one.body.truncated).toBe(true);
    expect(one.body.totals).toMatchObject({ created: 1, updated: 1 });

    // the sync itself makes exactly those changes: a preview afterwards finds nothing to do
    await sync('vendors');
    const after = await preview('vendors');
    expect(after.body.totals).toMatchObject({ created: 0, updated: 0, vanished: 0 });
    expect(after.body.changes).toEqual([]);
  });

  it('VER-6: an unknown group or limit is a 400 naming the field; a viewer may not preview (403)', async () => {
    const bad = await e.http().post('/api/v1/sync/preview').set(bearer(ADMIN)).send({ group: 'nope' });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('group');
    const tooMany = await preview('vendors', 1000);
    expect(tooMany.status).toBe(400);
    expect(JSON.stringify(tooMany.body)).toContain('limit');
    await e.http().post('/api/v1/sync/preview').set(bearer(VIEWER)).send({ group: 'vendors' }).expect(403);
  });
});
