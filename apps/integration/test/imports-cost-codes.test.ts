import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, PM, VIEWER } from './support/app.js';
import { type ImportEnv, importableId, startImportEnv } from './support/imports.js';

const codes = (body: { errors: { code: string }[] }) => body.errors.map((e) => e.code);
const blocked = (item: { blockedBy: { action: string; reasons: { code: string }[] }[] }, action: string) =>
  item.blockedBy.find((b) => b.action === action)?.reasons.map((r) => r.code);

describe('cost codes, job costs and budget imports (WBS, JC, BUD)', () => {
  let env: ImportEnv;
  let projectId: string;
  const http = () => request(env.t.http);
  const post = (path: string, token = PM, body: object = {}) =>
    http().post(`/api/v1/importables/${path}`).set(bearer(token)).send(body);
  const phaseKey = (job: string, phase: string, ct: string) => ({
    Company_Code: 'ABC',
    Job_Number: job,
    Phase_Code: phase,
    Cost_Type: ct,
  });

  beforeAll(async () => {
    env = await startImportEnv();
  });
  afterAll(async () => {
    await env?.close();
  });

  it('WBS-1, LIM-2, SCH-2: the first run creates the one "Spectrum Standard Cost Codes" list from the standard phases, and cost types', async () => {
    const r = await env.run('cost_codes');
    expect(r.failures).toEqual([]);
    const lists = await env.t.prisma.costCodeList.findMany({ include: { codes: true } });
    expect(lists).toHaveLength(1);
    expect(lists[0]).toMatchObject({ name: 'Spectrum Standard Cost Codes', spectrumTag: 'spectrum' });
    expect(lists[0]?.codes).toHaveLength(14);
    expect(lists[0]?.codes.find((c) => c.code === '010000')?.description).toBeTruthy();
    const settings = await env.t.prisma.integrationSettings.findUniqueOrThrow({ where: { id: 1 } });
    expect(settings.standardCostCodeListId).toBe(lists[0]?.id);
    expect((await env.t.prisma.costType.findMany()).map((c) => c.code).sort()).toEqual([
      'E',
      'L',
      'M',
      'O',
      'S',
    ]);
    // LIM-2: another run keeps the one list and updates a description in place
    const std = (await env.sim$('GET', '/state/standard-phases?limit=1')) as Record<string, string>[];
    await env.sim$('PATCH', '/state/standard-phases', {
      key: { Company_Code: 'ABC', Phase_Code: std[0]?.Phase_Code },
      set: { Description: 'Renamed In Spectrum' },
    });
    await env.run('cost_codes');
    expect(await env.t.prisma.costCodeList.count()).toBe(1);
    expect(
      (await env.t.prisma.costCode.findFirstOrThrow({ where: { code: std[0]?.Phase_Code } })).description,
    ).toBe('Renamed In Spectrum');
  });

  it('beyond the 500-row cap: job 24-105 (540 phase rows, GetPhase ends with the W row) is stored complete', async () => {
    expect(await env.t.prisma.spectrumRecord.count({ where: { kind: 'phase', parentKey: '24-105' } })).toBe(
      540,
    );
    const requests = (await env.sim$('GET', '/requests')) as { service?: string }[];
    expect(requests.filter((q) => q.service === 'GetPhase').length).toBeGreaterThan(10);
  });

  it('SCH-2: a re-run without Spectrum change writes zero rows', async () => {
    const before = await env.repo.footprint();
    const r = await env.run('cost_codes');
    expect(r.counts).toMatchObject({ created: 0, updated: 0, vanished: 0, failed: 0 });
    expect(r.counts.read).toBeGreaterThan(600);
    expect(r.counts.unchanged).toBe(r.counts.read);
    expect(await env.repo.footprint()).toEqual(before);
  });

  it('WBS-3: importing job 24-101 gives the project its phase × cost type pairs as cost codes, synced with Spectrum', async () => {
    await env.run('jobs');
    const res = await post(`${await importableId(env, 'job', '24-101')}/import-job`).expect(201);
    projectId = res.body.projectId;
    const codes = await env.t.prisma.projectCostCode.findMany({
      where: { projectId },
      include: { costTypes: true },
    });
    const phases = await env.t.prisma.spectrumRecord.count({ where: { kind: 'phase', parentKey: '24-101' } });
    expect(codes.flatMap((c) => c.costTypes)).toHaveLength(phases);
    expect(codes.flatMap((c) => c.costTypes).every((t) => t.syncedWithSpectrum)).toBe(true);
    // BUD: the budget importable of the linked job is staged (Spectrum has estimates)
    const budget = await env.t.prisma.syncLink.findUnique({
      where: { type_spectrumKey: { type: 'budget', spectrumKey: '24-101' } },
    });
    expect(budget?.state).toBe('ready_to_import');
  });

  it('BUD-1: import is blocked while the budget is locked or the budget tool is off, with every reason', async () => {
    const id = await importableId(env, 'budget', '24-101');
    await env.t.prisma.budget.update({ where: { projectId }, data: { locked: true } });
    await env.t.prisma.project.update({ where: { id: projectId }, data: { budgetToolEnabled: false } });
    const item = await http().get(`/api/v1/importables/${id}`).set(bearer(PM)).expect(200);
    expect(blocked(item.body, 'importBudget')?.sort()).toEqual(['budget-locked', 'budget-tool-disabled']);
    const res = await post(`${id}/import-budget`).expect(422);
    expect(codes(res.body).sort()).toEqual(['budget-locked', 'budget-tool-disabled']);
    expect(await env.t.prisma.budgetLine.count()).toBe(0);
    await env.t.prisma.budget.update({ where: { projectId }, data: { locked: false } });
    await env.t.prisma.project.update({ where: { id: projectId }, data: { budgetToolEnabled: true } });
  });

  it('BUD-2, BUD-7: the import creates one amount-only line per row with an estimate > 0, once under concurrent requests', async () => {
    // a row with job-to-date cost but no estimate: a cost code, no budget line
    const rows = (await env.sim$('GET', '/state/phases?Job_Number=24-101&limit=500')) as Record<
      string,
      string
    >[];
    const costed = rows.find((r) => Number(r.JTD_Actual_Dollars) > 0) as Record<string, string>;
    await env.sim$('PATCH', '/state/phases', {
      key: phaseKey('24-101', costed.Phase_Code as string, costed.Cost_Type as string),
      set: { Current_Est_Cost: '0.00', Original_Est_Cost: '0.00' },
    });
    await env.run('cost_codes');
    const id = await importableId(env, 'budget', '24-101');
    const results = await Promise.all(Array.from({ length: 3 }, () => post(`${id}/import-budget`)));
    expect(results.map((r) => r.status).sort()).toEqual([200, 200, 201]);
    const lines = await env.t.prisma.budgetLine.findMany({ where: { budget: { projectId } } });
    expect(lines).toHaveLength(rows.length - 1);
    expect(
      lines.find((l) => l.costCode === costed.Phase_Code && l.costType === costed.Cost_Type),
    ).toBeUndefined();
    expect(lines.every((l) => l.amountCents > 0n)).toBe(true);
    const est = await env.t.prisma.spectrumRecord.findMany({ where: { kind: 'phase', parentKey: '24-101' } });
    const total = est.reduce(
      (s, r) => s + (r.data as { currentEstimateCents: number }).currentEstimateCents,
      0,
    );
    expect(Number(lines.reduce((s, l) => s + l.amountCents, 0n))).toBe(total);
    expect(await env.t.prisma.auditEvent.count({ where: { action: 'import.budget' } })).toBe(1);
    const item = await http().get(`/api/v1/importables/${id}`).set(bearer(PM)).expect(200);
    expect(blocked(item.body, 'importBudget')).toEqual(['budget-already-imported']);
  });

  it('JC-1: job-to-date costs fill the budget direct costs column (summary totals) when populated from the ERP', async () => {
    const lines = await env.t.prisma.budgetLine.findMany({ where: { budget: { projectId } } });
    // the first run after the import fills them
    await env.run('cost_codes');
    const rows = (await env.sim$('GET', '/state/phases?Job_Number=24-101&limit=500')) as Record<
      string,
      string
    >[];
    const jtd = new Map(
      rows.map((r) => [`${r.Phase_Code}/${r.Cost_Type}`, Math.round(Number(r.JTD_Actual_Dollars) * 100)]),
    );
    const after = await env.t.prisma.budgetLine.findMany({ where: { budget: { projectId } } });
    expect(after).toHaveLength(lines.length);
    for (const l of after) expect(Number(l.directCostsCents)).toBe(jtd.get(`${l.costCode}/${l.costType}`));
    // a new job cost transaction in Spectrum moves the total at the next run
    const line = after.find((l) => l.costType === 'M') ?? after[0];
    await env.sim$('POST', '/job-costs', {
      Company_Code: 'ABC',
      Job_Number: '24-101',
      Phase_Code: line?.costCode,
      Cost_Type: line?.costType,
      Tran_Amount: '100.25',
    });
    await env.run('cost_codes');
    const moved = await env.t.prisma.budgetLine.findUniqueOrThrow({ where: { id: line?.id } });
    expect(Number(moved.directCostsCents)).toBe(Number(line?.directCostsCents) + 10025);
    // editable: never populated from Spectrum
    await env.settings({ budgetDirectCosts: 'editable' });
    await env.sim$('POST', '/job-costs', {
      Company_Code: 'ABC',
      Job_Number: '24-101',
      Phase_Code: line?.costCode,
      Cost_Type: line?.costType,
      Tran_Amount: '1.00',
    });
    await env.run('cost_codes');
    expect(
      (await env.t.prisma.budgetLine.findUniqueOrThrow({ where: { id: line?.id } })).directCostsCents,
    ).toBe(moved.directCostsCents);
    await env.settings({ budgetDirectCosts: 'populate_from_erp' });
  });

  it('WBS-4: with "automatically add" on, a new phase/cost type on the job becomes a cost code and a zero budget line', async () => {
    await env.sim$('POST', '/state/phases', {
      ...phaseKey('24-101', '260000', 'E'),
      Description: 'Electrical',
      Status_Code: 'A',
    });
    await env.settings({ autoAddCostCodes: false });
    await env.run('cost_codes');
    expect(await env.t.prisma.budgetLine.count({ where: { costCode: '260000', costType: 'E' } })).toBe(0);
    // the pair is a project cost code now (WBS-3) but was not new to the project at the next run: add another
    expect(
      await env.t.prisma.projectCostType.count({
        where: { costType: 'E', projectCostCode: { projectId, code: '260000' } },
      }),
    ).toBe(1);
    await env.sim$('POST', '/state/phases', {
      ...phaseKey('24-101', '260000', 'O'),
      Description: 'Electrical',
      Status_Code: 'A',
    });
    await env.settings({ autoAddCostCodes: true });
    await env.run('cost_codes');
    const added = await env.t.prisma.budgetLine.findFirstOrThrow({
      where: { costCode: '260000', costType: 'O' },
    });
    expect(added.amountCents).toBe(0n);
  });

  it('BUD-3: the listing shows Spectrum, PM and new PM totals; re-import needs confirmation and overwrites the lines', async () => {
    const id = await importableId(env, 'budget', '24-101');
    const rows = (await env.sim$('GET', '/state/phases?Job_Number=24-101&limit=500')) as Record<
      string,
      string
    >[];
    const target = rows.find((r) => Number(r.Current_Est_Cost) > 0) as Record<string, string>;
    await env.sim$('PATCH', '/state/phases', {
      key: phaseKey('24-101', target.Phase_Code as string, target.Cost_Type as string),
      set: { Current_Est_Cost: (Number(target.Current_Est_Cost) + 1000).toFixed(2) },
    });
    await env.run('cost_codes');
    const item = await http().get(`/api/v1/importables/${id}`).set(bearer(PM)).expect(200);
    const { spectrumTotalCents, pmTotalCents, newPmTotalCents } = item.body.totals;
    expect(newPmTotalCents - pmTotalCents).toBe(100_000);
    expect(spectrumTotalCents).toBeGreaterThan(0);
    expect(blocked(item.body, 'reimportBudget')).toBeUndefined();

    const refused = await post(`${id}/reimport-budget`, PM, {}).expect(422);
    expect(codes(refused.body)).toEqual(['confirmation-required']);
    const ok = await post(`${id}/reimport-budget`, PM, { confirm: true }).expect(200);
    expect(ok.body).toMatchObject({ linesUpdated: 1 });
    const lines = await env.t.prisma.budgetLine.findMany({ where: { budget: { projectId } } });
    expect(Number(lines.reduce((s, l) => s + l.amountCents, 0n))).toBe(newPmTotalCents);
  });

  it('BUD-3 BUD-2: an estimate line posted in Spectrum after the import comes over on re-import, with its cost code', async () => {
    const id = await importableId(env, 'budget', '24-101');
    // without GEN-4 "automatically add", the sync adds no budget line for the new combination: only the re-import does
    await env.settings({ autoAddCostCodes: false });
    await env.sim$('POST', '/state/phases', {
      Company_Code: 'ABC',
      Job_Number: '24-101',
      Phase_Code: '230000',
      Cost_Type: 'E',
      Description: 'HVAC',
      Status_Code: 'A',
      Original_Est_Cost: '5000.00',
      Current_Est_Cost: '5000.00',
    });
    await env.run('cost_codes');
    const item = await http().get(`/api/v1/importables/${id}`).set(bearer(VIEWER)).expect(200);
    const { pmTotalCents, newPmTotalCents } = item.body.totals;
    expect(newPmTotalCents - pmTotalCents).toBe(500_000);
    const ok = await post(`${id}/reimport-budget`, PM, { confirm: true }).expect(200);
    expect(ok.body).toMatchObject({ linesUpdated: 0, linesAdded: 1 });
    const lines = await env.t.prisma.budgetLine.findMany({ where: { budget: { projectId } } });
    expect(Number(lines.reduce((s, l) => s + l.amountCents, 0n))).toBe(newPmTotalCents);
    expect(lines.find((l) => l.costCode === '230000' && l.costType === 'E')?.amountCents).toBe(500_000n);
    const code = await env.t.prisma.projectCostCode.findFirstOrThrow({
      where: { projectId, code: '230000' },
      include: { costTypes: true },
    });
    expect(code.costTypes.map((c) => [c.costType, c.syncedWithSpectrum])).toContainEqual(['E', true]);
  });

  it('BUD-4: re-import is unavailable when the budget is locked or was exported, with both reasons', async () => {
    const id = await importableId(env, 'budget', '24-101');
    await env.t.prisma.budget.update({ where: { projectId }, data: { locked: true, everExported: true } });
    const item = await http().get(`/api/v1/importables/${id}`).set(bearer(PM)).expect(200);
    expect(blocked(item.body, 'reimportBudget')?.sort()).toEqual(['budget-exported', 'budget-locked']);
    const res = await post(`${id}/reimport-budget`, PM, { confirm: true }).expect(422);
    expect(codes(res.body).sort()).toEqual(['budget-exported', 'budget-locked']);
    await env.t.prisma.budget.update({ where: { projectId }, data: { locked: false, everExported: false } });
    await post(`${id}/reimport-budget`, VIEWER, { confirm: true }).expect(403);
  });

  it('API-4 BUD-6: while the budget export is in flight, import and re-import name the export, not "never imported"', async () => {
    const id = await importableId(env, 'budget', '24-101');
    const link = await env.t.prisma.syncLink.findUniqueOrThrow({ where: { id } });
    // what sendToErp does to an imported budget: locked, in flight, its link waiting for the approver
    await env.t.prisma.budget.update({ where: { projectId }, data: { locked: true, exportInFlight: true } });
    await env.t.prisma.syncLink.update({ where: { id }, data: { state: 'ready_to_export' } });
    try {
      const item = await http().get(`/api/v1/importables/${id}`).set(bearer(PM)).expect(200);
      expect(blocked(item.body, 'reimportBudget')?.sort()).toEqual([
        'budget-export-in-flight',
        'budget-locked',
      ]);
      expect(blocked(item.body, 'importBudget')?.sort()).toEqual([
        'budget-already-imported',
        'budget-export-in-flight',
        'budget-locked',
      ]);
    } finally {
      await env.t.prisma.syncLink.update({ where: { id }, data: { state: link.state } });
      await env.t.prisma.budget.update({
        where: { projectId },
        data: { locked: false, exportInFlight: false },
      });
    }
  });

  it('SCH-2: a failure during a run ends it cleanly — the batch being read is not written — and the next run completes', async () => {
    const before = await env.t.prisma.spectrumRecord.findUniqueOrThrow({
      where: { kind_key: { kind: 'phase', key: '24-102|010000|L' } },
    });
    await env.sim$('PATCH', '/state/phases', {
      key: phaseKey('24-102', '010000', 'L'),
      set: { Description: 'Changed Before Fault' },
    });
    await env.sim$('POST', '/faults', { service: 'GetPhase', kind: 'server-fault' });
    await expect(env.run('cost_codes')).rejects.toThrow();
    const during = await env.t.prisma.spectrumRecord.findUniqueOrThrow({
      where: { kind_key: { kind: 'phase', key: '24-102|010000|L' } },
    });
    expect(during.hash).toBe(before.hash);
    await env.sim$('DELETE', '/faults');
    const r = await env.run('cost_codes');
    expect(r.failures).toEqual([]);
    const after = await env.t.prisma.spectrumRecord.findUniqueOrThrow({
      where: { kind_key: { kind: 'phase', key: '24-102|010000|L' } },
    });
    expect((after.data as { description: string }).description).toBe('Changed Before Fault');
  });
});
