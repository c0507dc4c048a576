import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, PM, startTestApp, type TestApp, VIEWER } from './support/app.js';
import { blockedReasons, codesOf, createProject, seedIntegration, setLink } from './support/pm.js';

describe('budgets and budget changes (BUD-5, BUD-6, BCH-1, JC-1, FC-1)', () => {
  let t: TestApp;
  let listId: string;
  beforeAll(async () => {
    t = await startTestApp();
    ({ listId } = await seedIntegration(t));
  });
  afterAll(async () => {
    await t?.close();
  });
  const http = () => request(t.http);

  /** A project with 01-3100 (L, M) and 03-3000 (L). */
  async function project(): Promise<string> {
    const id = await createProject(t, { costCodeListId: listId });
    await http()
      .post(`/api/v1/projects/${id}/cost-codes`)
      .set(bearer(PM))
      .send({ code: '013100', costTypes: ['L', 'M'] })
      .expect(201);
    await http()
      .post(`/api/v1/projects/${id}/cost-codes`)
      .set(bearer(PM))
      .send({ code: '033000', costTypes: ['L'] })
      .expect(201);
    return id;
  }
  const budgetUrl = (p: string) => `/api/v1/projects/${p}/budget`;
  const addLine = (p: string, body: Record<string, unknown>) =>
    http()
      .post(`${budgetUrl(p)}/lines`)
      .set(bearer(PM))
      .send(body);
  const setInFlight = async (p: string, v: boolean) => {
    await t.prisma.budget.update({ where: { projectId: p }, data: { exportInFlight: v } });
  };

  it('getBudget: an empty budget with totals and API-4 fields; BUD-5 reasons in blockedBy', async () => {
    const p = await project();
    const res = await http().get(budgetUrl(p)).set(bearer(VIEWER)).expect(200);
    expect(res.body).toMatchObject({
      projectId: p,
      locked: false,
      everExported: false,
      exportInFlight: false,
      directCostsEditable: false,
      lines: [],
      totals: { amountCents: 0, directCostsCents: null, estimatedCostAtCompletionCents: null },
      type: 'budget',
      state: null,
      spectrumKey: null,
    });
    expect(blockedReasons(res.body, 'sendToErp')).toEqual([
      'job-not-linked',
      'budget-not-locked',
      'budget-empty',
      'cost-code-not-synced',
      'cost-code-not-synced',
    ]);
    expect(blockedReasons(res.body, 'unlockBudget')).toBeUndefined();
    expect(blockedReasons(res.body, 'createBudgetChange')).toEqual(['budget-not-locked']);
  });

  it('addBudgetLine / updateBudgetLine: lines with amounts, forecasts and totals', async () => {
    const p = await project();
    const a = await addLine(p, {
      costCode: '01-3100',
      costType: 'L',
      description: 'PM',
      amountCents: 1_000_000,
    }).expect(201);
    expect(a.body.lines).toEqual([
      {
        id: expect.any(String),
        costCode: '013100',
        costType: 'L',
        description: 'PM',
        amountCents: 1_000_000,
        directCostsCents: null,
        estimatedCostAtCompletionCents: null,
      },
    ]);
    const b = await addLine(p, {
      costCode: '033000',
      costType: 'L',
      amountCents: 250_050,
      estimatedCostAtCompletionCents: 300_000,
    }).expect(201);
    expect(b.body.totals).toEqual({
      amountCents: 1_250_050,
      directCostsCents: null,
      estimatedCostAtCompletionCents: 300_000,
    });
    const lineId = b.body.lines[0].id;
    const u = await http()
      .patch(`${budgetUrl(p)}/lines/${lineId}`)
      .set(bearer(PM))
      .send({ amountCents: 900_000, description: null })
      .expect(200);
    expect(u.body.lines[0]).toMatchObject({ amountCents: 900_000, description: null });
    expect(u.body.totals.amountCents).toBe(1_150_050);
    const dup = await addLine(p, { costCode: '013100', costType: 'L', amountCents: 1 }).expect(409);
    expect(dup.body.errors[0]).toMatchObject({ code: 'budget-line-exists' });
  });

  it('WBS-3 / JC-1: a line off the project and direct costs populated from the ERP are refused with every reason', async () => {
    const p = await project();
    const res = await addLine(p, {
      costCode: '092900',
      costType: 'L',
      amountCents: 5,
      directCostsCents: 7,
    }).expect(422);
    expect(res.body.errors).toEqual([
      expect.objectContaining({ code: 'cost-code-not-on-project', field: 'costCode' }),
      expect.objectContaining({ code: 'direct-costs-read-only', rule: 'JC-1', field: 'directCostsCents' }),
    ]);
    expect((await http().get(budgetUrl(p)).set(bearer(PM))).body.lines).toEqual([]);
    // GEN-4 "editable": the direct costs column is the PM's to fill.
    await t.prisma.integrationSettings.update({ where: { id: 1 }, data: { budgetDirectCosts: 'editable' } });
    try {
      const ok = await addLine(p, {
        costCode: '013100',
        costType: 'M',
        amountCents: 5,
        directCostsCents: 7,
      }).expect(201);
      expect(ok.body).toMatchObject({ directCostsEditable: true, totals: { directCostsCents: 7 } });
    } finally {
      await t.prisma.integrationSettings.update({
        where: { id: 1 },
        data: { budgetDirectCosts: 'populate_from_erp' },
      });
    }
  });

  it('lockBudget: a locked budget refuses new lines and amount changes, but takes forecasts (FC-1)', async () => {
    const p = await project();
    const withLine = await addLine(p, { costCode: '013100', costType: 'L', amountCents: 100 }).expect(201);
    const lineId = withLine.body.lines[0].id;
    const locked = await http()
      .post(`${budgetUrl(p)}/lock`)
      .set(bearer(PM))
      .expect(200);
    expect(locked.body.locked).toBe(true);
    expect(blockedReasons(locked.body, 'addBudgetLine')).toEqual(['budget-locked']);
    const add = await addLine(p, { costCode: '033000', costType: 'L', amountCents: 1 }).expect(422);
    expect(codesOf(add.body.errors)).toEqual(['budget-locked']);
    const amt = await http()
      .patch(`${budgetUrl(p)}/lines/${lineId}`)
      .set(bearer(PM))
      .send({ amountCents: 5 })
      .expect(422);
    expect(codesOf(amt.body.errors)).toEqual(['budget-locked']);
    const fc = await http()
      .patch(`${budgetUrl(p)}/lines/${lineId}`)
      .set(bearer(PM))
      .send({ estimatedCostAtCompletionCents: 150 })
      .expect(200);
    expect(fc.body.lines[0]).toMatchObject({ amountCents: 100, estimatedCostAtCompletionCents: 150 });
    // locking twice is harmless; unlocking opens it again
    await http()
      .post(`${budgetUrl(p)}/lock`)
      .set(bearer(PM))
      .expect(200);
    const open = await http()
      .post(`${budgetUrl(p)}/unlock`)
      .set(bearer(PM))
      .expect(200);
    expect(open.body.locked).toBe(false);
  });

  it('BUD-6: while an export is in flight, unlock, add line, modify and budget changes are refused; nothing changes', async () => {
    const p = await project();
    const withLine = await addLine(p, { costCode: '013100', costType: 'L', amountCents: 100 }).expect(201);
    const lineId = withLine.body.lines[0].id;
    await http()
      .post(`${budgetUrl(p)}/lock`)
      .set(bearer(PM))
      .expect(200);
    await setInFlight(p, true);
    const before = (await http().get(budgetUrl(p)).set(bearer(PM)).expect(200)).body;
    expect(blockedReasons(before, 'unlockBudget')).toEqual(['budget-export-in-flight']);
    expect(blockedReasons(before, 'addBudgetLine')).toEqual(['budget-export-in-flight', 'budget-locked']);
    expect(blockedReasons(before, 'createBudgetChange')).toEqual(['budget-export-in-flight']);
    expect(blockedReasons(before, 'sendToErp')).toContain('budget-export-in-flight');

    const unlock = await http()
      .post(`${budgetUrl(p)}/unlock`)
      .set(bearer(PM))
      .expect(422);
    expect(unlock.body.errors).toEqual([
      expect.objectContaining({ code: 'budget-export-in-flight', rule: 'BUD-6' }),
    ]);
    const add = await addLine(p, { costCode: '033000', costType: 'L', amountCents: 1 }).expect(422);
    expect(codesOf(add.body.errors)).toEqual(['budget-export-in-flight', 'budget-locked']);
    const mod = await http()
      .patch(`${budgetUrl(p)}/lines/${lineId}`)
      .set(bearer(PM))
      .send({ estimatedCostAtCompletionCents: 1 })
      .expect(422);
    expect(codesOf(mod.body.errors)).toEqual(['budget-export-in-flight']);
    const bch = await http()
      .post(`/api/v1/projects/${p}/budget-changes`)
      .set(bearer(PM))
      .send({
        number: 'BC-1',
        title: 'More concrete',
        lines: [{ costCode: '033000', costType: 'L', amountCents: 5 }],
      })
      .expect(422);
    expect(codesOf(bch.body.errors)).toEqual(['budget-export-in-flight']);

    const after = (await http().get(budgetUrl(p)).set(bearer(PM)).expect(200)).body;
    expect({ ...after, updatedAt: null }).toEqual({ ...before, updatedAt: null });
    expect(await t.prisma.budgetChange.count({ where: { projectId: p } })).toBe(0);

    // the export queue state of the budget's link counts as in flight too (APP-1)
    await setInFlight(p, false);
    await setLink(t, 'budget', before.id, 'ready_to_export');
    const queued = await http()
      .post(`${budgetUrl(p)}/unlock`)
      .set(bearer(PM))
      .expect(422);
    expect(codesOf(queued.body.errors)).toEqual(['budget-export-in-flight']);
  });

  it('BUD-5: a locked budget of a linked project whose cost codes are synced can be sent', async () => {
    const p = await project();
    await addLine(p, { costCode: '013100', costType: 'L', amountCents: 100 }).expect(201);
    await http()
      .post(`${budgetUrl(p)}/lock`)
      .set(bearer(PM))
      .expect(200);
    await setLink(t, 'project', p, 'synced', 'J-BUD5');
    await t.prisma.projectCostType.updateMany({
      where: { projectCostCode: { projectId: p } },
      data: { syncedWithSpectrum: true },
    });
    const res = await http().get(budgetUrl(p)).set(bearer(PM)).expect(200);
    expect(blockedReasons(res.body, 'sendToErp')).toBeUndefined();
  });

  it('createBudgetChange (BCH-1): needs a locked budget and the project codes; listed with blockedBy', async () => {
    const p = await project();
    const body = {
      number: 'BC-1',
      title: 'More concrete',
      date: '2026-03-01',
      lines: [
        { costCode: '03-3000', costType: 'L', amountCents: 50_000, description: 'Slab' },
        { costCode: '013100', costType: 'M', amountCents: -10_000 },
      ],
    };
    const unlocked = await http()
      .post(`/api/v1/projects/${p}/budget-changes`)
      .set(bearer(PM))
      .send(body)
      .expect(422);
    expect(unlocked.body.errors).toEqual([
      expect.objectContaining({ code: 'budget-not-locked', rule: 'BCH-1' }),
    ]);
    await http()
      .post(`${budgetUrl(p)}/lock`)
      .set(bearer(PM))
      .expect(200);
    const off = await http()
      .post(`/api/v1/projects/${p}/budget-changes`)
      .set(bearer(PM))
      .send({ ...body, lines: [{ costCode: '092900', costType: 'L', amountCents: 1 }] })
      .expect(422);
    expect(off.body.errors).toEqual([
      expect.objectContaining({ code: 'cost-code-not-on-project', field: 'lines[0].costCode' }),
    ]);
    const created = await http()
      .post(`/api/v1/projects/${p}/budget-changes`)
      .set(bearer(PM))
      .send(body)
      .expect(201);
    expect(created.body).toMatchObject({
      number: 'BC-1',
      date: '2026-03-01',
      totalCents: 40_000,
      type: 'budget_change',
      state: null,
      lines: [
        { costCode: '033000', costType: 'L', amountCents: 50_000, description: 'Slab' },
        { costCode: '013100', costType: 'M', amountCents: -10_000, description: null },
      ],
    });
    expect(blockedReasons(created.body, 'sendToErp')).toEqual([
      'job-not-linked',
      'budget-not-synced',
      'cost-code-not-synced',
      'cost-code-not-synced',
    ]);
    const dup = await http()
      .post(`/api/v1/projects/${p}/budget-changes`)
      .set(bearer(PM))
      .send(body)
      .expect(409);
    expect(dup.body.errors[0]).toMatchObject({ code: 'budget-change-number-taken', field: 'number' });
    const list = await http().get(`/api/v1/projects/${p}/budget-changes`).set(bearer(PM)).expect(200);
    expect(list.body).toMatchObject({ items: [{ id: created.body.id }], nextCursor: null });
    const got = await http().get(`/api/v1/budget-changes/${created.body.id}`).set(bearer(PM)).expect(200);
    expect(got.body).toEqual(created.body);
  });

  it('400 names the field; 404; PERM-6: 403 for a viewer writing, nothing written', async () => {
    const p = await project();
    const bad = await addLine(p, { costCode: '013100', costType: 'l', amountCents: 1.5 }).expect(400);
    expect(codesOf(bad.body.errors).length).toBe(2);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'amountCents',
      'costType',
    ]);
    const bch = await http()
      .post(`/api/v1/projects/${p}/budget-changes`)
      .set(bearer(PM))
      .send({ number: 'X', title: 'T', date: '2026-02-30', lines: [] })
      .expect(400);
    expect(bch.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['date', 'lines']);
    await http().get('/api/v1/projects/nope/budget').set(bearer(PM)).expect(404);
    await http().post('/api/v1/projects/nope/budget/lock').set(bearer(PM)).expect(404);
    await http()
      .patch(`${budgetUrl(p)}/lines/nope`)
      .set(bearer(PM))
      .send({ amountCents: 1 })
      .expect(404);
    await http().get('/api/v1/budget-changes/nope').set(bearer(PM)).expect(404);
    await http().get('/api/v1/projects/nope/budget-changes').set(bearer(PM)).expect(404);
    const withLine = await addLine(p, { costCode: '013100', costType: 'L', amountCents: 100 }).expect(201);
    const lineId = withLine.body.lines[0].id;
    for (const req of [
      http()
        .patch(`${budgetUrl(p)}/lines/${lineId}`)
        .send({ amountCents: 1 }),
      http().post(`${budgetUrl(p)}/lock`),
      http().post(`${budgetUrl(p)}/unlock`),
      http()
        .post(`${budgetUrl(p)}/lines`)
        .send({ costCode: '013100', costType: 'L', amountCents: 1 }),
      http().post(`/api/v1/projects/${p}/budget-changes`).send({ number: 'X', title: 'T', lines: [] }),
    ]) {
      const res = await req.set(bearer(VIEWER)).expect(403);
      expect(res.body.errors[0].code).toBe('requires-standard');
    }
    const budget = await http().get(budgetUrl(p)).set(bearer(VIEWER)).expect(200);
    expect(budget.body).toMatchObject({ locked: false, lines: [{ id: lineId, amountCents: 100 }] });
  });
});
