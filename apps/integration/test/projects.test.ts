import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, bearer, FakeClock, PM, startTestApp, type TestApp, VIEWER } from './support/app.js';
import { blockedReasons, createProject, seedIntegration, setLink } from './support/pm.js';

describe('projects (JOB-2, WBS-2, LIM-6, API-4, API-5)', () => {
  let t: TestApp;
  let listId: string;
  const clock = new FakeClock(new Date('2026-03-02T15:00:00.000Z'));
  beforeAll(async () => {
    t = await startTestApp({ clock });
    ({ listId } = await seedIntegration(t));
  });
  afterAll(async () => {
    await t?.close();
  });

  const http = () => request(t.http);

  it('API-1: every PM-side operation is in the OpenAPI document under its operationId, each needing a token', async () => {
    const doc = await http().get('/api/openapi.json').expect(200);
    const ops = new Map<string, string>();
    for (const [path, methods] of Object.entries(
      doc.body.paths as Record<string, Record<string, { operationId: string }>>,
    ))
      for (const [method, op] of Object.entries(methods))
        ops.set(op.operationId, `${method.toUpperCase()} ${path}`);
    const expected = {
      listProjects: 'GET /api/v1/projects',
      createProject: 'POST /api/v1/projects',
      getProject: 'GET /api/v1/projects/{id}',
      updateProject: 'PATCH /api/v1/projects/{id}',
      addProjectCostCode: 'POST /api/v1/projects/{id}/cost-codes',
      removeProjectCostCode: 'DELETE /api/v1/projects/{id}/cost-codes/{code}',
      listCompanies: 'GET /api/v1/companies',
      createCompany: 'POST /api/v1/companies',
      getCompany: 'GET /api/v1/companies/{id}',
      updateCompany: 'PATCH /api/v1/companies/{id}',
      listCostCodeLists: 'GET /api/v1/cost-code-lists',
      listCostCodes: 'GET /api/v1/cost-codes',
      getBudget: 'GET /api/v1/projects/{projectId}/budget',
      lockBudget: 'POST /api/v1/projects/{projectId}/budget/lock',
      unlockBudget: 'POST /api/v1/projects/{projectId}/budget/unlock',
      addBudgetLine: 'POST /api/v1/projects/{projectId}/budget/lines',
      updateBudgetLine: 'PATCH /api/v1/projects/{projectId}/budget/lines/{lineId}',
      createBudgetChange: 'POST /api/v1/projects/{projectId}/budget-changes',
      listBudgetChanges: 'GET /api/v1/projects/{projectId}/budget-changes',
      getBudgetChange: 'GET /api/v1/budget-changes/{id}',
      listCommitments: 'GET /api/v1/commitments',
      createCommitment: 'POST /api/v1/commitments',
      getCommitment: 'GET /api/v1/commitments/{id}',
      updateCommitment: 'PATCH /api/v1/commitments/{id}',
      deleteCommitment: 'DELETE /api/v1/commitments/{id}',
      createCommitmentChangeOrder: 'POST /api/v1/commitments/{id}/change-orders',
      getCommitmentChangeOrder: 'GET /api/v1/commitment-change-orders/{id}',
      updateCommitmentChangeOrder: 'PATCH /api/v1/commitment-change-orders/{id}',
      deleteCommitmentChangeOrder: 'DELETE /api/v1/commitment-change-orders/{id}',
      listPrimeContracts: 'GET /api/v1/prime-contracts',
      getPrimeContract: 'GET /api/v1/prime-contracts/{id}',
      createPrimeContractChangeOrder: 'POST /api/v1/prime-contracts/{id}/change-orders',
      getPrimeContractChangeOrder: 'GET /api/v1/prime-contract-change-orders/{id}',
      updatePrimeContractChangeOrder: 'PATCH /api/v1/prime-contract-change-orders/{id}',
      deletePrimeContractChangeOrder: 'DELETE /api/v1/prime-contract-change-orders/{id}',
    };
    for (const [id, route] of Object.entries(expected)) expect(ops.get(id), id).toBe(route);
    for (const route of Object.values(expected)) {
      const [method, path] = route.split(' ') as [string, string];
      const url = path.replace(/\{[^}]+\}/g, 'x');
      const res = await request(t.http)[method.toLowerCase() as 'get'](url);
      expect(res.status, route).toBe(401);
    }
  });

  it('createProject / getProject: a project with its cost codes, cost types and API-4 fields', async () => {
    const created = await http()
      .post('/api/v1/projects')
      .set(bearer(PM))
      .send({
        name: 'Harbor Lofts',
        number: 'P-100',
        city: 'Austin',
        addressState: 'TX',
        costCodeListId: listId,
      })
      .expect(201);
    expect(created.body).toMatchObject({
      name: 'Harbor Lofts',
      number: 'P-100',
      city: 'Austin',
      addressState: 'TX',
      costCodeListId: listId,
      budgetToolEnabled: true,
      primeContractsToolEnabled: true,
      forecastExportEnabled: false,
      createdAt: '2026-03-02T15:00:00.000Z',
      type: 'project',
      state: null,
      spectrumKey: null,
      lastError: null,
      lastSyncedAt: null,
      usesSpectrumCostCodes: true,
      costCodes: [],
    });
    const id = created.body.id;
    // JOB-2: a project without cost codes on the Spectrum list, created after the connection, can be sent.
    expect(blockedReasons(created.body, 'sendToErp')).toBeUndefined();
    await http()
      .post(`/api/v1/projects/${id}/cost-codes`)
      .set(bearer(PM))
      .send({ code: '03-3000', costTypes: ['L', 'M'] })
      .expect(201);
    const got = await http().get(`/api/v1/projects/${id}`).set(bearer(VIEWER)).expect(200);
    expect(got.body.costCodes).toEqual([
      {
        id: expect.any(String),
        code: '033000',
        description: 'Cast-in-place concrete',
        costTypes: [
          { costType: 'L', syncedWithSpectrum: false },
          { costType: 'M', syncedWithSpectrum: false },
        ],
      },
    ]);
  });

  it('addProjectCostCode: adding a code it has merges the cost types (200)', async () => {
    const id = await createProject(t, { costCodeListId: listId });
    await http()
      .post(`/api/v1/projects/${id}/cost-codes`)
      .set(bearer(PM))
      .send({ code: '013100', costTypes: ['L'] })
      .expect(201);
    const again = await http()
      .post(`/api/v1/projects/${id}/cost-codes`)
      .set(bearer(PM))
      .send({ code: '013100', costTypes: ['L', 'E'] })
      .expect(200);
    expect(again.body.costTypes.map((c: { costType: string }) => c.costType)).toEqual(['E', 'L']);
  });

  it('WBS-5: a project stuck with a cost code (999999, added while it had no list) is unstuck by removing it; audited', async () => {
    // no cost code list yet: any code is taken, without cost types
    const id = await createProject(t, { name: 'Stuck' });
    await http()
      .post(`/api/v1/projects/${id}/cost-codes`)
      .set(bearer(PM))
      .send({ code: '999999', description: 'Placeholder' })
      .expect(201);
    await http()
      .post(`/api/v1/projects/${id}/cost-codes`)
      .set(bearer(PM))
      .send({ code: '03-3000', description: 'Concrete', costTypes: ['L'] })
      .expect(201);
    await http().patch(`/api/v1/projects/${id}`).set(bearer(PM)).send({ costCodeListId: listId }).expect(200);
    const stuck = await http().get(`/api/v1/projects/${id}`).set(bearer(PM)).expect(200);
    expect(blockedReasons(stuck.body, 'sendToErp')).toEqual(['cost-code-without-cost-type']);

    // a read-only user may not; an unknown code is a 404 problem
    await http().delete(`/api/v1/projects/${id}/cost-codes/999999`).set(bearer(VIEWER)).expect(403);
    const unknown = await http()
      .delete(`/api/v1/projects/${id}/cost-codes/123456`)
      .set(bearer(PM))
      .expect(404);
    expect(unknown.body.detail).toContain('123456');

    await http().delete(`/api/v1/projects/${id}/cost-codes/999999`).set(bearer(PM)).expect(204);
    const unstuck = await http().get(`/api/v1/projects/${id}`).set(bearer(PM)).expect(200);
    expect(unstuck.body.costCodes.map((c: { code: string }) => c.code)).toEqual(['033000']);
    expect(blockedReasons(unstuck.body, 'sendToErp')).toBeUndefined();
    const audit = await http().get('/api/v1/audit-events?action=project.cost_code.remove').set(bearer(ADMIN));
    expect(audit.body.items[0]).toMatchObject({
      itemType: 'project',
      itemId: id,
      before: { code: '999999', description: 'Placeholder', costTypes: [] },
      after: null,
    });
  });

  it('WBS-5: a cost code a budget line uses, that is a phase of the Spectrum job, or of a project in the queue stays, with every reason', async () => {
    const id = await createProject(t, { costCodeListId: listId });
    await http()
      .post(`/api/v1/projects/${id}/cost-codes`)
      .set(bearer(PM))
      .send({ code: '013100', costTypes: ['L', 'M'] })
      .expect(201);
    await http()
      .post(`/api/v1/projects/${id}/budget/lines`)
      .set(bearer(PM))
      .send({ costCode: '01-3100', costType: 'L', amountCents: 100_00 })
      .expect(201);
    await t.prisma.projectCostType.updateMany({
      where: { costType: 'M', projectCostCode: { projectId: id } },
      data: { syncedWithSpectrum: true },
    });
    await setLink(t, 'project', id, 'ready_to_export');
    const refused = await http()
      .delete(`/api/v1/projects/${id}/cost-codes/01-3100`)
      .set(bearer(PM))
      .expect(422);
    expect(refused.body.errors.map((e: { code: string; rule: string }) => [e.code, e.rule])).toEqual([
      ['already-awaiting-approval', 'APP-1'],
      ['cost-code-used-by-budget', 'WBS-5'],
      ['cost-code-synced', 'WBS-5'],
    ]);
    expect(refused.body.errors[1].message).toBe(
      'Cost code 013100 is used by 1 budget line; change or delete it first.',
    );
    const still = await http().get(`/api/v1/projects/${id}`).set(bearer(PM)).expect(200);
    expect(still.body.costCodes.map((c: { code: string }) => c.code)).toEqual(['013100']);
    expect(
      (
        await http().get('/api/v1/audit-events?action=project.cost_code.remove').set(bearer(ADMIN))
      ).body.items.filter((a: { itemId: string }) => a.itemId === id),
    ).toEqual([]);
  });

  it('JOB-2: a cost code without cost types, a long name and an old project are all listed in blockedBy', async () => {
    const id = await createProject(t, {
      name: 'A name much longer than twenty-five',
      costCodeListId: listId,
    });
    await http()
      .post(`/api/v1/projects/${id}/cost-codes`)
      .set(bearer(PM))
      .send({ code: '092900' })
      .expect(201);
    const res = await http().get(`/api/v1/projects/${id}`).set(bearer(PM)).expect(200);
    expect(blockedReasons(res.body, 'sendToErp')).toEqual([
      'cost-code-without-cost-type',
      'project-name-too-long',
    ]);

    // created before the integration was connected (JOB-2) and not on the Spectrum list (WBS-2)
    clock.set('2025-06-01T00:00:00.000Z');
    const old = await createProject(t);
    clock.set('2026-03-02T15:00:00.000Z');
    const oldRes = await http().get(`/api/v1/projects/${old}`).set(bearer(PM)).expect(200);
    expect(blockedReasons(oldRes.body, 'sendToErp')).toEqual([
      'project-created-before-integration',
      'project-not-using-spectrum-cost-codes',
    ]);
  });

  it('JOB-3 / JOB-4 / API-4: a linked project shows its job number, state and why it cannot be sent', async () => {
    const id = await createProject(t, { costCodeListId: listId });
    await setLink(t, 'job', id, 'synced', 'J-200');
    const res = await http().get(`/api/v1/projects/${id}`).set(bearer(PM)).expect(200);
    expect(res.body).toMatchObject({
      state: 'synced',
      spectrumKey: 'J-200',
      lastSyncedAt: '2026-03-01T12:00:00.000Z',
    });
    expect(blockedReasons(res.body, 'sendToErp')).toEqual(['project-already-linked']);

    await seedIntegration(t, { templateJob: false });
    const noTemplate = await http().get(`/api/v1/projects/${id}`).set(bearer(PM)).expect(200);
    expect(blockedReasons(noTemplate.body, 'sendToErp')).toEqual([
      'template-job-missing',
      'project-already-linked',
    ]);
    await seedIntegration(t);
  });

  it('updateProject: changes name, tool switches and cost code list; audited', async () => {
    const id = await createProject(t);
    const res = await http()
      .patch(`/api/v1/projects/${id}`)
      .set(bearer(PM))
      .send({
        name: 'Renamed',
        budgetToolEnabled: false,
        forecastExportEnabled: true,
        costCodeListId: listId,
      })
      .expect(200);
    expect(res.body).toMatchObject({
      name: 'Renamed',
      budgetToolEnabled: false,
      forecastExportEnabled: true,
      costCodeListId: listId,
      number: null,
    });
    const audit = await http()
      .get(`/api/v1/audit-events?itemType=project&itemId=${id}`)
      .set(bearer(ADMIN))
      .expect(200);
    expect(audit.body.items.map((e: { action: string }) => e.action)).toContain('project.update');
  });

  it('APP-1: a project waiting for approval is read-only (422) and the refused request changes nothing', async () => {
    const id = await createProject(t);
    await setLink(t, 'project', id, 'ready_to_export');
    const res = await http()
      .patch(`/api/v1/projects/${id}`)
      .set(bearer(PM))
      .send({ name: 'Other' })
      .expect(422);
    expect(res.body.errors).toEqual([
      expect.objectContaining({ code: 'already-awaiting-approval', rule: 'APP-1' }),
    ]);
    const got = await http().get(`/api/v1/projects/${id}`).set(bearer(PM)).expect(200);
    expect(got.body.name).toBe('Main Street Clinic');
    expect(blockedReasons(got.body, 'sendToErp')).toContain('already-awaiting-approval');
  });

  it('400 names the field: missing name, unknown field, unknown list, bad cost type, bad code', async () => {
    const a = await http().post('/api/v1/projects').set(bearer(PM)).send({ number: 'X' }).expect(400);
    expect(a.body.errors.map((e: { field: string }) => e.field)).toEqual(['name']);
    const b = await http()
      .post('/api/v1/projects')
      .set(bearer(PM))
      .send({ name: 'X', color: 'red' })
      .expect(400);
    expect(b.body.errors[0]).toMatchObject({ code: 'invalid-unrecognized-keys' });
    const c = await http()
      .post('/api/v1/projects')
      .set(bearer(PM))
      .send({ name: 'X', costCodeListId: 'nope' })
      .expect(400);
    expect(c.body.errors).toEqual([
      expect.objectContaining({ field: 'costCodeListId', code: 'unknown-cost-code-list' }),
    ]);
    const id = await createProject(t, { costCodeListId: listId });
    const d = await http()
      .post(`/api/v1/projects/${id}/cost-codes`)
      .set(bearer(PM))
      .send({ code: '013100', costTypes: ['labor'] })
      .expect(400);
    expect(d.body.errors[0].field).toBe('costTypes.0');
    const e = await http()
      .post(`/api/v1/projects/${id}/cost-codes`)
      .set(bearer(PM))
      .send({ code: '01 31#00', costTypes: ['L'] })
      .expect(400);
    expect(e.body.errors[0].field).toBe('code');
    const f = await http().patch(`/api/v1/projects/${id}`).set(bearer(PM)).send({}).expect(400);
    expect(f.body.status).toBe(400);
    const g = await http().get('/api/v1/projects?limit=0').set(bearer(PM)).expect(400);
    expect(g.body.errors[0].field).toBe('limit');
  });

  it('LIM-6: custom WBS segments are refused with the reason; WBS-2: codes come from the project list', async () => {
    const id = await createProject(t, { costCodeListId: listId });
    const lim = await http()
      .post(`/api/v1/projects/${id}/cost-codes`)
      .set(bearer(PM))
      .send({ code: '013100', costTypes: ['L'], segments: ['cost_code', 'area', 'cost_type'] })
      .expect(422);
    expect(lim.body.errors).toEqual([
      expect.objectContaining({ code: 'custom-wbs-segments-not-supported', rule: 'LIM-6' }),
    ]);
    const wbs = await http()
      .post(`/api/v1/projects/${id}/cost-codes`)
      .set(bearer(PM))
      .send({ code: '999999', costTypes: ['L'] })
      .expect(422);
    expect(wbs.body.errors).toEqual([
      expect.objectContaining({ code: 'cost-code-not-on-list', field: 'code' }),
    ]);
    const got = await http().get(`/api/v1/projects/${id}`).set(bearer(PM)).expect(200);
    expect(got.body.costCodes).toEqual([]);
    // A project on no list takes any code, with a description.
    const free = await createProject(t);
    const noDesc = await http()
      .post(`/api/v1/projects/${free}/cost-codes`)
      .set(bearer(PM))
      .send({ code: '777', costTypes: ['L'] })
      .expect(400);
    expect(noDesc.body.errors[0].field).toBe('description');
    await http()
      .post(`/api/v1/projects/${free}/cost-codes`)
      .set(bearer(PM))
      .send({ code: '777', description: 'Misc', costTypes: ['L'] })
      .expect(201);
  });

  it('404 for an unknown project; PERM-6: 403 for a viewer writing, nothing created', async () => {
    await http().get('/api/v1/projects/nope').set(bearer(PM)).expect(404);
    await http().patch('/api/v1/projects/nope').set(bearer(PM)).send({ name: 'x' }).expect(404);
    await http()
      .post('/api/v1/projects/nope/cost-codes')
      .set(bearer(PM))
      .send({ code: '1', description: 'x' })
      .expect(404);
    const before = await t.prisma.project.count();
    const res = await http().post('/api/v1/projects').set(bearer(VIEWER)).send({ name: 'Nope' }).expect(403);
    expect(res.body.errors[0]).toMatchObject({ code: 'requires-standard', rule: 'PERM-1' });
    const id = await createProject(t);
    await http().patch(`/api/v1/projects/${id}`).set(bearer(VIEWER)).send({ name: 'x' }).expect(403);
    await http()
      .post(`/api/v1/projects/${id}/cost-codes`)
      .set(bearer(VIEWER))
      .send({ code: '1' })
      .expect(403);
    expect(await t.prisma.project.count()).toBe(before + 1);
  });

  it('API-5: listProjects pages in a stable order and filters by state and name', async () => {
    const all: string[] = [];
    let cursor: string | null = null;
    do {
      const res: request.Response = await http()
        .get('/api/v1/projects')
        .query({ limit: 3, ...(cursor ? { cursor } : {}) })
        .set(bearer(VIEWER))
        .expect(200);
      expect(res.body.items.length).toBeLessThanOrEqual(3);
      all.push(...res.body.items.map((p: { id: string }) => p.id));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(all).toEqual([...all].sort());
    expect(all.length).toBe(await t.prisma.project.count());
    expect(new Set(all).size).toBe(all.length);

    const synced = await http().get('/api/v1/projects?state=synced').set(bearer(VIEWER)).expect(200);
    expect(synced.body.items.map((p: { spectrumKey: string }) => p.spectrumKey)).toEqual(['J-200']);
    const byName = await http().get('/api/v1/projects?q=harbor').set(bearer(PM)).expect(200);
    expect(byName.body.items.map((p: { name: string }) => p.name)).toEqual(['Harbor Lofts']);
    expect(byName.body.items[0]).toMatchObject({ costCodeCount: 1, type: 'project', blockedBy: [] });
    const syncedByName = await http()
      .get('/api/v1/projects?state=synced&q=STREET')
      .set(bearer(VIEWER))
      .expect(200);
    expect(syncedByName.body.items.map((p: { spectrumKey: string }) => p.spectrumKey)).toEqual(['J-200']);
    const noneByName = await http()
      .get('/api/v1/projects?state=synced&q=harbor')
      .set(bearer(VIEWER))
      .expect(200);
    expect(noneByName.body.items).toEqual([]);
    for (const state of ['', 'state=synced&']) {
      const wildcard = await http().get(`/api/v1/projects?${state}q=%25`).set(bearer(VIEWER)).expect(200);
      expect(wildcard.body.items).toEqual([]);
    }
    await http().get('/api/v1/projects?state=bogus').set(bearer(VIEWER)).expect(400);
    await http().get('/api/v1/projects?cursor=zzz').set(bearer(VIEWER)).expect(400);
  });
});
