import { TransactionHost } from '@nestjs-cls/transactional';
import type { TransactionalAdapterPrisma } from '@nestjs-cls/transactional-adapter-prisma';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PrismaClient } from '../src/generated/prisma/client.js';
import { LinksRepository } from '../src/links/links.repository.js';
import { inOwnContext } from '../src/platform/transactions.js';
import { ADMIN, bearer, PM, startTestApp, type TestApp, VIEWER } from './support/app.js';
import {
  blockedReasons,
  codesOf,
  createCompany,
  createProject,
  seedIntegration,
  setLink,
} from './support/pm.js';
import { createScratchDatabase, skipReason, TEST_DATABASE_URL } from './support/postgres.js';

describe('commitments and commitment change orders (COM-1, COM-4, COM-5, CCO-1, CCO-3, APP-1, VEN-4)', () => {
  let t: TestApp;
  let projectId: string;
  let otherProjectId: string;
  let linkedCompany: string;
  let unlinkedCompany: string;
  beforeAll(async () => {
    t = await startTestApp();
    const { listId } = await seedIntegration(t);
    projectId = await createProject(t, { costCodeListId: listId });
    otherProjectId = await createProject(t, { name: 'Other project' });
    // PRE-1: a commitment is sendable only on a project linked to a Spectrum job (its phases never synced here)
    await setLink(t, 'job', projectId, 'synced', '24-101');
    await setLink(t, 'job', otherProjectId, 'synced', '24-102');
    linkedCompany = await createCompany(t, { name: 'Linked Drywall' });
    await setLink(t, 'vendor', linkedCompany, 'synced', 'LINKDRY');
    unlinkedCompany = await createCompany(t, { name: 'Unlinked Concrete' });
  });
  afterAll(async () => {
    await t?.close();
  });
  const http = () => request(t.http);

  let seq = 0;
  const goodLines = [
    {
      costCode: '09-2900',
      costType: 'S',
      description: 'Hang and finish',
      amountCents: 12_500_000,
      taxCode: 'TX1',
    },
    { costCode: '013100', costType: 's', amountCents: 99 },
  ];
  async function commitment(body: Record<string, unknown> = {}): Promise<request.Response> {
    seq += 1;
    return http()
      .post('/api/v1/commitments')
      .set(bearer(PM))
      .send({
        projectId,
        companyId: linkedCompany,
        kind: 'subcontract',
        number: `SC-${seq}`,
        title: 'Drywall',
        status: 'approved',
        lines: goodLines,
        ...body,
      })
      .expect(201);
  }
  const cco = (commitmentId: string, body: Record<string, unknown> = {}) =>
    http()
      .post(`/api/v1/commitments/${commitmentId}/change-orders`)
      .set(bearer(PM))
      .send({
        number: `CO-${++seq}`,
        title: 'Extra board',
        status: 'approved',
        lines: [{ costCode: '092900', costType: 'S', amountCents: 10_000 }],
        ...body,
      });

  it('createCommitment / getCommitment: SOV lines, totals, company and API-4 fields; COM-1 passes (LIM-4)', async () => {
    const res = await commitment({ kind: 'purchase_order', contractDate: '2026-02-15' });
    expect(res.body).toMatchObject({
      projectId,
      companyId: linkedCompany,
      companyName: 'Linked Drywall',
      kind: 'purchase_order',
      status: 'approved',
      contractDate: '2026-02-15',
      totalCents: 12_500_099,
      lines: [
        {
          costCode: '092900',
          costType: 'S',
          description: 'Hang and finish',
          amountCents: 12_500_000,
          taxCode: 'TX1',
        },
        { costCode: '013100', costType: 'S', description: null, amountCents: 99, taxCode: null },
      ],
      changeOrders: [],
      type: 'commitment',
      state: null,
      spectrumKey: null,
      lastError: null,
      lastSyncedAt: null,
      blockedBy: [],
    });
    const got = await http().get(`/api/v1/commitments/${res.body.id}`).set(bearer(PM)).expect(200);
    expect(got.body).toEqual(res.body);
  });

  it('COM-1 / VEN-4 / API-4: blockedBy lists every reason a commitment cannot be sent', async () => {
    const res = await commitment({
      companyId: unlinkedCompany,
      status: 'draft',
      lines: [
        { costCode: '999999', costType: 'L', amountCents: 1 },
        { costCode: '033000', costType: 'M', amountCents: 2 },
        { costCode: '033000', costType: '', amountCents: 3 },
      ],
    });
    const reasons = res.body.blockedBy.find((b: { action: string }) => b.action === 'sendToErp').reasons;
    expect(reasons.map((r: { code: string; field?: string }) => [r.code, r.field])).toEqual([
      ['vendor-not-linked', 'companyId'],
      ['commitment-not-approved', 'status'],
      ['sov-cost-code-not-in-spectrum-list', 'lines[0].costCode'],
      ['sov-cost-type-missing', 'lines[2].costType'],
      ['sov-mixed-cost-types', 'lines'],
    ]);
    expect(blockedReasons(res.body, 'deleteCommitment')).toBeUndefined();
    const empty = await commitment({ lines: [] });
    expect(blockedReasons(empty.body, 'sendToErp')).toEqual(['sov-empty']);
  });

  it('updateCommitment: header fields and a new SOV (lines replace the SOV)', async () => {
    const { body } = await commitment({ status: 'draft' });
    const res = await http()
      .patch(`/api/v1/commitments/${body.id}`)
      .set(bearer(PM))
      .send({
        title: 'Drywall and ceilings',
        companyId: unlinkedCompany,
        lines: [{ costCode: '033000', costType: 'L', amountCents: 5 }],
      })
      .expect(200);
    expect(res.body).toMatchObject({
      title: 'Drywall and ceilings',
      companyId: unlinkedCompany,
      totalCents: 5,
      lines: [{ costCode: '033000', costType: 'L', amountCents: 5 }],
    });
  });

  it('COM-4: a synced commitment refuses company, status and SOV changes with every reason; nothing changes', async () => {
    const { body } = await commitment();
    await setLink(t, 'commitment', body.id, 'synced', `LINKDRY/${body.number}`);
    const res = await http()
      .patch(`/api/v1/commitments/${body.id}`)
      .set(bearer(PM))
      .send({ companyId: unlinkedCompany, status: 'complete', lines: [], title: 'New title' })
      .expect(422);
    expect(
      res.body.errors.map((e: { code: string; field: string; rule: string }) => [e.code, e.rule, e.field]),
    ).toEqual([
      ['commitment-synced-read-only', 'COM-4', 'companyId'],
      ['commitment-synced-read-only', 'COM-4', 'status'],
      ['commitment-synced-read-only', 'COM-4', 'lines'],
    ]);
    const after = await http().get(`/api/v1/commitments/${body.id}`).set(bearer(PM)).expect(200);
    expect(after.body).toMatchObject({
      title: 'Drywall',
      companyId: linkedCompany,
      status: 'approved',
      totalCents: 12_500_099,
    });
    // fields that stay editable, and locked fields sent unchanged, pass
    const ok = await http()
      .patch(`/api/v1/commitments/${body.id}`)
      .set(bearer(PM))
      .send({ title: 'New title', status: 'approved', lines: goodLines })
      .expect(200);
    expect(ok.body).toMatchObject({
      title: 'New title',
      state: 'synced',
      spectrumKey: `LINKDRY/${body.number}`,
    });
    expect(blockedReasons(ok.body, 'sendToErp')).toEqual(['commitment-already-synced']);
  });

  it('APP-1: a commitment in the export queue is read-only; nothing changes', async () => {
    const { body } = await commitment();
    await setLink(t, 'commitment', body.id, 'ready_to_export');
    const res = await http()
      .patch(`/api/v1/commitments/${body.id}`)
      .set(bearer(PM))
      .send({ title: 'X' })
      .expect(422);
    expect(codesOf(res.body.errors)).toEqual(['commitment-awaiting-export']);
    const del = await http().delete(`/api/v1/commitments/${body.id}`).set(bearer(PM)).expect(422);
    expect(codesOf(del.body.errors)).toEqual(['commitment-awaiting-export']);
    const got = await http().get(`/api/v1/commitments/${body.id}`).set(bearer(PM)).expect(200);
    expect(got.body.title).toBe('Drywall');
    expect(blockedReasons(got.body, 'sendToErp')).toEqual(['already-awaiting-approval']);
  });

  it('COM-5: a linked commitment is deleted only after unlinking; deletion is permanent and audited', async () => {
    const { body } = await commitment();
    await setLink(t, 'commitment', body.id, 'synced', 'LINKDRY/SC9');
    const got = await http().get(`/api/v1/commitments/${body.id}`).set(bearer(PM)).expect(200);
    expect(blockedReasons(got.body, 'deleteCommitment')).toEqual(['commitment-linked']);
    const refused = await http().delete(`/api/v1/commitments/${body.id}`).set(bearer(PM)).expect(422);
    expect(refused.body.errors).toEqual([
      expect.objectContaining({ code: 'commitment-linked', rule: 'COM-5' }),
    ]);
    await http().get(`/api/v1/commitments/${body.id}`).set(bearer(PM)).expect(200);

    await setLink(t, 'commitment', body.id, 'unlinked', null);
    await http().delete(`/api/v1/commitments/${body.id}`).set(bearer(PM)).expect(204);
    await http().get(`/api/v1/commitments/${body.id}`).set(bearer(PM)).expect(404);
    expect(await t.prisma.syncLink.count({ where: { pmId: body.id } })).toBe(0);
    expect(await t.prisma.commitmentLine.count({ where: { commitmentId: body.id } })).toBe(0);
    const audit = await http()
      .get(`/api/v1/audit-events?itemType=commitment&itemId=${body.id}&action=commitment.delete`)
      .set(bearer(ADMIN))
      .expect(200);
    expect(audit.body.items[0].before).toMatchObject({ number: body.number, title: 'Drywall' });
    await http().delete(`/api/v1/commitments/${body.id}`).set(bearer(PM)).expect(404);
  });

  it('COM-5 / CCO-3: deleting a commitment takes its change orders along, so an approved one refuses it', async () => {
    const { body } = await commitment();
    await cco(body.id, { status: 'approved' }).expect(201);
    const res = await http().delete(`/api/v1/commitments/${body.id}`).set(bearer(PM)).expect(422);
    expect(res.body.errors).toEqual([
      expect.objectContaining({
        code: 'change-order-approved',
        rule: 'CCO-3',
        field: 'changeOrders[0].status',
      }),
    ]);
    await http().get(`/api/v1/commitments/${body.id}`).set(bearer(PM)).expect(200);
  });

  it('createCommitmentChangeOrder: CCO-1 blockedBy until the commitment is synced; then it can be sent', async () => {
    const { body } = await commitment();
    const created = await cco(body.id, {
      description: 'More board',
      date: '2026-03-01',
      lines: [{ costCode: '09-2900', costType: 's', amountCents: 10_000 }],
    }).expect(201);
    expect(created.body).toMatchObject({
      commitmentId: body.id,
      status: 'approved',
      date: '2026-03-01',
      totalCents: 10_000,
      lines: [{ costCode: '092900', costType: 'S', amountCents: 10_000, description: null }],
      type: 'commitment_change_order',
      state: null,
    });
    expect(blockedReasons(created.body, 'sendToErp')).toEqual(['commitment-not-synced']);
    expect(blockedReasons(created.body, 'deleteCommitmentChangeOrder')).toEqual(['change-order-approved']);
    await setLink(t, 'commitment', body.id, 'synced', 'LINKDRY/X');
    const got = await http()
      .get(`/api/v1/commitment-change-orders/${created.body.id}`)
      .set(bearer(PM))
      .expect(200);
    expect(blockedReasons(got.body, 'sendToErp')).toBeUndefined();
    const parent = await http().get(`/api/v1/commitments/${body.id}`).set(bearer(PM)).expect(200);
    expect(parent.body.changeOrders).toEqual([got.body]);

    const bad = await cco(body.id, {
      status: 'pending',
      lines: [
        { costCode: '999', costType: 'S', amountCents: 1 },
        { costCode: '092900', costType: 'L', amountCents: 1 },
      ],
    }).expect(201);
    expect(blockedReasons(bad.body, 'sendToErp')).toEqual([
      'change-order-not-approved',
      'sov-cost-code-not-in-spectrum-list',
      'sov-mixed-cost-types',
    ]);
  });

  it('updateCommitmentChangeOrder: edits; APP-1 queued and synced change orders refuse with the reason', async () => {
    const { body } = await commitment();
    const draft = await cco(body.id, { status: 'draft' }).expect(201);
    const upd = await http()
      .patch(`/api/v1/commitment-change-orders/${draft.body.id}`)
      .set(bearer(PM))
      .send({
        title: 'Renamed',
        status: 'pending',
        lines: [{ costCode: '033000', costType: 'L', amountCents: 7 }],
      })
      .expect(200);
    expect(upd.body).toMatchObject({ title: 'Renamed', status: 'pending', totalCents: 7 });

    await setLink(t, 'commitment_change_order', draft.body.id, 'exporting');
    const queued = await http()
      .patch(`/api/v1/commitment-change-orders/${draft.body.id}`)
      .set(bearer(PM))
      .send({ title: 'X' })
      .expect(422);
    expect(queued.body.errors).toEqual([
      expect.objectContaining({ code: 'export-in-progress', rule: 'APP-1' }),
    ]);

    await setLink(t, 'commitment_change_order', draft.body.id, 'synced', 'CR-1');
    const synced = await http()
      .patch(`/api/v1/commitment-change-orders/${draft.body.id}`)
      .set(bearer(PM))
      .send({ status: 'approved', lines: [] })
      .expect(422);
    expect(synced.body.errors.map((e: { field: string }) => e.field)).toEqual(['status', 'lines']);
    const after = await http()
      .get(`/api/v1/commitment-change-orders/${draft.body.id}`)
      .set(bearer(PM))
      .expect(200);
    expect(after.body).toMatchObject({
      title: 'Renamed',
      status: 'pending',
      totalCents: 7,
      spectrumKey: 'CR-1',
    });
  });

  it('CCO-3: approved or linked change orders are not deleted; a draft one is, for good', async () => {
    const { body } = await commitment();
    const approved = await cco(body.id, { status: 'approved' }).expect(201);
    const a = await http()
      .delete(`/api/v1/commitment-change-orders/${approved.body.id}`)
      .set(bearer(PM))
      .expect(422);
    expect(a.body.errors).toEqual([
      expect.objectContaining({ code: 'change-order-approved', rule: 'CCO-3' }),
    ]);

    const linked = await cco(body.id, { status: 'void' }).expect(201);
    await setLink(t, 'commitment_change_order', linked.body.id, 'synced', 'CR-9');
    const l = await http()
      .delete(`/api/v1/commitment-change-orders/${linked.body.id}`)
      .set(bearer(PM))
      .expect(422);
    expect(codesOf(l.body.errors)).toEqual(['change-order-linked']);

    const both = await cco(body.id, { status: 'approved' }).expect(201);
    await setLink(t, 'commitment_change_order', both.body.id, 'synced', 'CR-10');
    const b = await http()
      .delete(`/api/v1/commitment-change-orders/${both.body.id}`)
      .set(bearer(PM))
      .expect(422);
    expect(codesOf(b.body.errors)).toEqual(['change-order-approved', 'change-order-linked']);

    const draft = await cco(body.id, { status: 'draft' }).expect(201);
    await http().delete(`/api/v1/commitment-change-orders/${draft.body.id}`).set(bearer(PM)).expect(204);
    await http().get(`/api/v1/commitment-change-orders/${draft.body.id}`).set(bearer(PM)).expect(404);
    expect(await t.prisma.commitmentChangeOrder.count({ where: { commitmentId: body.id } })).toBe(3);
  });

  it('400 names the field; 409 for a duplicate number; 404 for unknown ids', async () => {
    const bad = await http()
      .post('/api/v1/commitments')
      .set(bearer(PM))
      .send({
        projectId,
        companyId: linkedCompany,
        kind: 'lease',
        number: 'X',
        title: 'T',
        contractDate: '02/15/2026',
        lines: [{ costCode: '1', costType: 'L', amountCents: 1.25 }],
      })
      .expect(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'contractDate',
      'kind',
      'lines.0.amountCents',
    ]);
    const noProject = await http()
      .post('/api/v1/commitments')
      .set(bearer(PM))
      .send({ projectId: 'nope', companyId: linkedCompany, kind: 'subcontract', number: 'X', title: 'T' })
      .expect(400);
    expect(noProject.body.errors[0]).toMatchObject({ field: 'projectId', code: 'unknown-project' });
    const noCompany = await http()
      .post('/api/v1/commitments')
      .set(bearer(PM))
      .send({ projectId, companyId: 'nope', kind: 'subcontract', number: 'X', title: 'T' })
      .expect(400);
    expect(noCompany.body.errors[0]).toMatchObject({ field: 'companyId', code: 'unknown-company' });
    const { body } = await commitment();
    const dup = await http()
      .post('/api/v1/commitments')
      .set(bearer(PM))
      .send({ projectId, companyId: linkedCompany, kind: 'subcontract', number: body.number, title: 'T' })
      .expect(409);
    expect(dup.body.errors[0]).toMatchObject({ code: 'commitment-number-taken', field: 'number' });
    const c1 = await cco(body.id, { number: 'CO-X' }).expect(201);
    const dupCo = await cco(body.id, { number: 'CO-X' }).expect(409);
    expect(dupCo.body.errors[0].code).toBe('change-order-number-taken');
    await http()
      .patch(`/api/v1/commitment-change-orders/${c1.body.id}`)
      .set(bearer(PM))
      .send({ bogus: 1 })
      .expect(400);
    await http()
      .patch(`/api/v1/commitments/${body.id}`)
      .set(bearer(PM))
      .send({ status: 'signed' })
      .expect(400);
    await http().get('/api/v1/commitments/nope').set(bearer(PM)).expect(404);
    await http().patch('/api/v1/commitments/nope').set(bearer(PM)).send({ title: 'x' }).expect(404);
    await http().delete('/api/v1/commitments/nope').set(bearer(PM)).expect(404);
    await cco('nope').expect(404);
    await http().get('/api/v1/commitment-change-orders/nope').set(bearer(PM)).expect(404);
    await http()
      .patch('/api/v1/commitment-change-orders/nope')
      .set(bearer(PM))
      .send({ title: 'x' })
      .expect(404);
    await http().delete('/api/v1/commitment-change-orders/nope').set(bearer(PM)).expect(404);
  });

  it('PERM-6: a viewer may read but every write is 403 and changes nothing', async () => {
    const { body } = await commitment({ status: 'draft' });
    const co = await cco(body.id, { status: 'draft' }).expect(201);
    const writes = [
      http()
        .post('/api/v1/commitments')
        .send({ projectId, companyId: linkedCompany, kind: 'subcontract', number: 'V', title: 'T' }),
      http().patch(`/api/v1/commitments/${body.id}`).send({ title: 'V' }),
      http().delete(`/api/v1/commitments/${body.id}`),
      http().post(`/api/v1/commitments/${body.id}/change-orders`).send({ number: 'V', title: 'T' }),
      http().patch(`/api/v1/commitment-change-orders/${co.body.id}`).send({ title: 'V' }),
      http().delete(`/api/v1/commitment-change-orders/${co.body.id}`),
    ];
    for (const w of writes) {
      const res = await w.set(bearer(VIEWER)).expect(403);
      expect(res.body.errors[0]).toMatchObject({ code: 'requires-standard', rule: 'PERM-1' });
    }
    const after = await http().get(`/api/v1/commitments/${body.id}`).set(bearer(VIEWER)).expect(200);
    expect(after.body).toMatchObject({
      title: 'Drywall',
      changeOrders: [{ id: co.body.id, title: 'Extra board' }],
    });
  });

  it('API-5: listCommitments pages in a stable order and filters by project, state and kind', async () => {
    await commitment({ projectId: otherProjectId, kind: 'purchase_order' });
    const ids: string[] = [];
    let cursor: string | null = null;
    do {
      const res: request.Response = await http()
        .get('/api/v1/commitments')
        .query({ limit: 4, ...(cursor ? { cursor } : {}) })
        .set(bearer(VIEWER))
        .expect(200);
      ids.push(...res.body.items.map((c: { id: string }) => c.id));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(ids).toEqual([...ids].sort());
    expect(ids.length).toBe(await t.prisma.commitment.count());
    const other = await http()
      .get(`/api/v1/commitments?projectId=${otherProjectId}`)
      .set(bearer(VIEWER))
      .expect(200);
    expect(other.body.items).toHaveLength(1);
    expect(other.body.items[0]).toMatchObject({
      kind: 'purchase_order',
      type: 'commitment',
      changeOrderCount: 0,
    });
    expect(other.body.items[0].changeOrders).toBeUndefined();
    const pos = await http().get('/api/v1/commitments?kind=purchase_order').set(bearer(VIEWER)).expect(200);
    expect(pos.body.items.every((c: { kind: string }) => c.kind === 'purchase_order')).toBe(true);
    expect(pos.body.items.length).toBe(2);
    const queued = await http()
      .get('/api/v1/commitments?state=ready_to_export')
      .set(bearer(VIEWER))
      .expect(200);
    expect(queued.body.items.map((c: { state: string }) => c.state)).toEqual(['ready_to_export']);
    const queuedPos = await http()
      .get(`/api/v1/commitments?state=ready_to_export&kind=purchase_order&projectId=${projectId}`)
      .set(bearer(VIEWER))
      .expect(200);
    expect(queuedPos.body.items).toEqual([]);
    const syncedPage = await http()
      .get('/api/v1/commitments?state=synced&limit=1')
      .set(bearer(VIEWER))
      .expect(200);
    expect(syncedPage.body.items).toHaveLength(1);
    const syncedNext = await http()
      .get(`/api/v1/commitments?state=synced&limit=1&cursor=${syncedPage.body.nextCursor}`)
      .set(bearer(VIEWER))
      .expect(200);
    expect(syncedNext.body.items[0].id > syncedPage.body.items[0].id).toBe(true);
    expect(syncedNext.body.items[0].state).toBe('synced');
    await http().get('/api/v1/commitments?kind=lease').set(bearer(VIEWER)).expect(400);
  });
});

const pgTitle = (title: string) => (TEST_DATABASE_URL ? title : `${title} (${skipReason()})`);

describe.skipIf(!TEST_DATABASE_URL)(pgTitle('commitments on PostgreSQL: row locks (APP-1, COM-4)'), () => {
  let db: Awaited<ReturnType<typeof createScratchDatabase>>;
  let t: TestApp;
  let projectId: string;
  let companyId: string;
  beforeAll(async () => {
    db = await createScratchDatabase();
    t = await startTestApp({ databaseUrl: db.url });
    await seedIntegration(t);
    projectId = await createProject(t);
    companyId = await createCompany(t);
  });
  afterAll(async () => {
    await t?.close();
    await db?.drop();
  });

  /** Whether some session of this database waits for a row lock right now. */
  async function someoneWaitsForALock(): Promise<boolean> {
    const rows = await t.prisma.$queryRawUnsafe<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()`,
    );
    return (rows[0]?.n ?? 0) > 0;
  }

  it('APP-1: an edit racing a send waits for the send to commit and is then refused', async () => {
    const created = await request(t.http)
      .post('/api/v1/commitments')
      .set(bearer(PM))
      .send({ projectId, companyId, kind: 'subcontract', number: 'SC-PG', title: 'Drywall' })
      .expect(201);
    const id = created.body.id as string;
    let patch: Promise<request.Response> | undefined;
    let waited = false;
    // The export flow moving the commitment into the queue, holding the commitment row as the PM side does.
    const txHost = t.app.get<TransactionHost<TransactionalAdapterPrisma<PrismaClient>>>(TransactionHost);
    await txHost.withTransaction({ timeout: 30_000 }, async () => {
      await txHost.tx.$executeRawUnsafe('SELECT 1 FROM "Commitment" WHERE id = $1 FOR UPDATE', id);
      // the edit is an HTTP request of its own (supertest starts listening here), not part of this transaction
      patch = inOwnContext(() =>
        request(t.http)
          .patch(`/api/v1/commitments/${id}`)
          .set(bearer(PM))
          .send({ title: 'Changed while sending' })
          .then((r) => r),
      );
      for (let i = 0; i < 400 && !waited; i++) {
        waited = await someoneWaitsForALock();
        if (!waited) await new Promise((r) => setTimeout(r, 25));
      }
      await t.app.get(LinksRepository).upsertForItem('commitment', id, { state: 'ready_to_export' });
    });
    expect(waited).toBe(true);
    const res = await (patch as Promise<request.Response>);
    expect(res.status).toBe(422);
    expect(codesOf(res.body.errors)).toEqual(['commitment-awaiting-export']);
    const after = await request(t.http).get(`/api/v1/commitments/${id}`).set(bearer(PM)).expect(200);
    expect(after.body).toMatchObject({ title: 'Drywall', state: 'ready_to_export' });
  });
});
