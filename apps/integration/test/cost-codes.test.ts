import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, PM, startTestApp, type TestApp, VIEWER } from './support/app.js';
import { createProject, seedIntegration } from './support/pm.js';

describe('cost codes (WBS-1, WBS-3, LIM-2, API-5)', () => {
  let t: TestApp;
  let listId: string;
  let projectId: string;
  beforeAll(async () => {
    t = await startTestApp();
    ({ listId } = await seedIntegration(t));
    await t.prisma.costCodeList.create({
      data: { name: 'Company list', codes: { create: [{ code: 'A1', description: 'A' }] } },
    });
    projectId = await createProject(t, { costCodeListId: listId });
    for (const [code, costTypes] of [
      ['013100', ['L', 'M']],
      ['033000', []],
    ] as const) {
      await request(t.http)
        .post(`/api/v1/projects/${projectId}/cost-codes`)
        .set(bearer(PM))
        .send({ code, costTypes })
        .expect(201);
    }
  });
  afterAll(async () => {
    await t?.close();
  });
  const http = () => request(t.http);

  it('WBS-1 / LIM-2: listCostCodeLists marks the one Spectrum Standard Cost Codes list', async () => {
    const res = await http().get('/api/v1/cost-code-lists').set(bearer(VIEWER)).expect(200);
    expect(res.body.items).toEqual([
      expect.objectContaining({
        id: listId,
        name: 'Spectrum Standard Cost Codes',
        isSpectrumList: true,
        codeCount: 3,
      }),
      expect.objectContaining({ name: 'Company list', isSpectrumList: false, codeCount: 1 }),
    ]);
  });

  it('listCostCodes by listId: the codes of the list, paged in a stable order (API-5)', async () => {
    const first = await http()
      .get(`/api/v1/cost-codes?listId=${listId}&limit=2`)
      .set(bearer(VIEWER))
      .expect(200);
    expect(first.body.items).toHaveLength(2);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await http()
      .get(`/api/v1/cost-codes?listId=${listId}&limit=2&cursor=${first.body.nextCursor}`)
      .set(bearer(VIEWER))
      .expect(200);
    expect(second.body.nextCursor).toBeNull();
    const all = [...first.body.items, ...second.body.items];
    expect(all.map((c: { code: string }) => c.code).sort()).toEqual(['013100', '033000', '092900']);
    expect(all.map((c: { id: string }) => c.id)).toEqual(all.map((c: { id: string }) => c.id).sort());
    expect(all[0]).toEqual({
      id: expect.any(String),
      listId,
      code: expect.any(String),
      description: expect.any(String),
    });
  });

  it('WBS-3: listCostCodes by projectId shows each code with its cost types', async () => {
    const res = await http().get(`/api/v1/cost-codes?projectId=${projectId}`).set(bearer(VIEWER)).expect(200);
    expect(res.body.items).toEqual([
      {
        id: expect.any(String),
        projectId,
        code: '013100',
        description: 'Project management',
        costTypes: [
          { costType: 'L', syncedWithSpectrum: false },
          { costType: 'M', syncedWithSpectrum: false },
        ],
      },
      {
        id: expect.any(String),
        projectId,
        code: '033000',
        description: 'Cast-in-place concrete',
        costTypes: [],
      },
    ]);
  });

  it('400 naming listId without or with both filters; 404 for an unknown list or project', async () => {
    const none = await http().get('/api/v1/cost-codes').set(bearer(VIEWER)).expect(400);
    expect(none.body.errors[0].field).toBe('listId');
    await http()
      .get(`/api/v1/cost-codes?listId=${listId}&projectId=${projectId}`)
      .set(bearer(VIEWER))
      .expect(400);
    await http().get('/api/v1/cost-codes?listId=nope').set(bearer(VIEWER)).expect(404);
    await http().get('/api/v1/cost-codes?projectId=nope').set(bearer(VIEWER)).expect(404);
    await http().get('/api/v1/cost-code-lists?extra=1').set(bearer(VIEWER)).expect(400);
  });
});
