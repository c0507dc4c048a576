import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APPROVER, bearer } from './support/app.js';
import { type ExportEnv, startExportEnv } from './support/exports.js';

describe('APP-6: the export queue filtered by type and state', () => {
  let env: ExportEnv;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    env = await startExportEnv();
    const projectId = await env.linkedProject('24-101');
    const companyId = await env.linkedCompany('LAKEMAT');
    for (const n of ['F-1', 'F-2', 'F-3']) {
      const id = await env.commitment(projectId, companyId, { number: n });
      ids[n] = await env.send('commitment', id);
    }
    await env
      .http()
      .post(`/api/v1/export-requests/${ids['F-2']}/reject`)
      .set(bearer(APPROVER))
      .send({ reason: 'Wrong vendor.' })
      .expect(200);
    expect((await env.accept(ids['F-3']!)).status).toBe(200);
    await env.drain();
  });
  afterAll(async () => {
    await env?.close();
  });

  const list = async (query: string) =>
    (
      await env.http().get(`/api/v1/export-requests?${query}`).set(bearer(APPROVER)).expect(200)
    ).body.items.map((r: { id: string }) => r.id);

  it('APP-6: by state — ready to export, rejected, synced, failed', async () => {
    expect(await list('state=ready_to_export')).toEqual([ids['F-1']]);
    expect(await list('state=rejected')).toEqual([ids['F-2']]);
    expect(await list('state=synced')).toEqual([ids['F-3']]);
    expect(await list('state=failed')).toEqual([]);
  });

  it('APP-6: by type, combined with state', async () => {
    expect((await list('type=commitment')).sort()).toEqual([ids['F-1'], ids['F-2'], ids['F-3']].sort());
    expect(await list('type=project')).toEqual([]);
    expect(await list('type=commitment&state=rejected')).toEqual([ids['F-2']]);
  });

  it('APP-6: an unknown state or type is a 400 naming the field', async () => {
    const res = await env.http().get('/api/v1/export-requests?state=lost').set(bearer(APPROVER)).expect(400);
    expect(res.body.errors[0].field).toBe('state');
    const bad = await env
      .http()
      .get('/api/v1/export-requests?type=invoice')
      .set(bearer(APPROVER))
      .expect(400);
    expect(bad.body.errors[0].field).toBe('type');
  });
});
