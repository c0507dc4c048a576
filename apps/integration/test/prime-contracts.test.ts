import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, PM, startTestApp, type TestApp, VIEWER } from './support/app.js';
import { blockedReasons, codesOf, createProject, seedIntegration, setLink } from './support/pm.js';

describe('prime contracts and PCCOs (PC-2, PCCO-1, PCCO-2, LIM-7, APP-1)', () => {
  let t: TestApp;
  let projectId: string;
  let contractId: string;
  let staleContractId: string;
  let seq = 0;

  async function importedContract(
    project: string,
    job: string,
    lastImportedAt: Date | null,
  ): Promise<string> {
    const pc = await t.prisma.primeContract.create({
      data: {
        projectId: project,
        jobNumber: job,
        customerCode: 'OWNER1',
        title: `Contract ${job}`,
        status: 'approved',
        originalContractCents: 100_000_000n,
        lastImportedAt,
        lines: {
          create: [
            { billingItem: '1', description: 'Base building', amountCents: 90_000_000n },
            { billingItem: '2', description: 'Site work', amountCents: 10_000_000n },
          ],
        },
      },
    });
    await setLink(t, 'prime_contract', pc.id, 'synced', `${job}|OWNER1`);
    await t.prisma.spectrumRecord.create({
      data: {
        kind: 'contract',
        key: `${job}|OWNER1`,
        hash: 'h',
        data: {},
        changedAt: new Date('2026-02-28T00:00:00Z'),
      },
    });
    // the contract's billing items as synced (PRE-1: a PCCO line must name one of them)
    await t.prisma.spectrumRecord.createMany({
      data: ['1', '2', '3'].map((item) => ({
        kind: 'contract_item',
        key: `${job}|OWNER1|${item}`,
        parentKey: `${job}|OWNER1`,
        hash: 'h',
        data: { billingItem: item },
        changedAt: new Date('2026-02-28T00:00:00Z'),
      })),
    });
    return pc.id;
  }

  beforeAll(async () => {
    t = await startTestApp();
    await seedIntegration(t);
    projectId = await createProject(t);
    contractId = await importedContract(projectId, 'J-1', new Date('2026-03-01T00:00:00Z'));
    const other = await createProject(t, { name: 'Tools off', primeContractsToolEnabled: false });
    staleContractId = await importedContract(other, 'J-2', new Date('2026-02-01T00:00:00Z'));
  });
  afterAll(async () => {
    await t?.close();
  });
  const http = () => request(t.http);
  const pcco = (contract: string, body: Record<string, unknown> = {}) =>
    http()
      .post(`/api/v1/prime-contracts/${contract}/change-orders`)
      .set(bearer(PM))
      .send({
        number: `PCCO-${++seq}`,
        title: 'Owner-requested canopy',
        status: 'approved',
        approvedDate: '2026-03-02',
        lines: [
          {
            billingItemCode: '3',
            description: 'Canopy',
            amountCents: 2_500_000,
            costCode: '05-1200',
            costType: 's',
            costAmountCents: 2_000_000,
          },
        ],
        ...body,
      });

  it('getPrimeContract: line items, totals and API-4 fields of an imported contract', async () => {
    const res = await http().get(`/api/v1/prime-contracts/${contractId}`).set(bearer(VIEWER)).expect(200);
    expect(res.body).toMatchObject({
      id: contractId,
      projectId,
      jobNumber: 'J-1',
      customerCode: 'OWNER1',
      status: 'approved',
      unitPrice: false,
      originalContractCents: 100_000_000,
      lastImportedAt: '2026-03-01T00:00:00.000Z',
      lines: [
        { billingItem: '1', description: 'Base building', amountCents: 90_000_000 },
        { billingItem: '2', description: 'Site work', amountCents: 10_000_000 },
      ],
      totals: {
        originalContractCents: 100_000_000,
        approvedChangeOrdersCents: 0,
        pendingChangeOrdersCents: 0,
        revisedContractCents: 100_000_000,
      },
      changeOrders: [],
      type: 'prime_contract',
      state: 'synced',
      spectrumKey: 'J-1|OWNER1',
    });
  });

  it('PC-2: prime contracts are read-only: no operation creates, changes or deletes one', async () => {
    const doc = await http().get('/api/openapi.json').expect(200);
    const ops = Object.entries(doc.body.paths as Record<string, Record<string, { operationId: string }>>)
      .filter(([path]) => path.startsWith('/api/v1/prime-contracts'))
      .flatMap(([path, methods]) =>
        Object.entries(methods).map(([m, op]) => `${m} ${path} ${op.operationId}`),
      );
    expect(ops.sort()).toEqual([
      'get /api/v1/prime-contracts listPrimeContracts',
      'get /api/v1/prime-contracts/{id} getPrimeContract',
      'post /api/v1/prime-contracts/{id}/change-orders createPrimeContractChangeOrder',
    ]);
    await http()
      .patch(`/api/v1/prime-contracts/${contractId}`)
      .set(bearer(PM))
      .send({ title: 'x' })
      .expect(404);
    await http().post('/api/v1/prime-contracts').set(bearer(PM)).send({ title: 'x' }).expect(404);
  });

  it('createPrimeContractChangeOrder: an approved PCCO on an up-to-date contract can be sent; totals follow', async () => {
    const res = await pcco(contractId).expect(201);
    expect(res.body).toMatchObject({
      primeContractId: contractId,
      status: 'approved',
      unitPrice: false,
      approvedDate: '2026-03-02',
      totalCents: 2_500_000,
      lines: [{ billingItemCode: '3', costCode: '051200', costType: 'S', costAmountCents: 2_000_000 }],
      type: 'prime_contract_change_order',
      state: null,
      spectrumKey: null,
    });
    expect(blockedReasons(res.body, 'sendToErp')).toBeUndefined();
    await pcco(contractId, { status: 'pending', lines: [{ billingItemCode: '4', amountCents: 700 }] }).expect(
      201,
    );
    const got = await http().get(`/api/v1/prime-contracts/${contractId}`).set(bearer(VIEWER)).expect(200);
    expect(got.body.totals).toEqual({
      originalContractCents: 100_000_000,
      approvedChangeOrdersCents: 2_500_000,
      pendingChangeOrdersCents: 700,
      revisedContractCents: 102_500_000,
    });
    expect(got.body.changeOrders.map((c: { id: string }) => c.id)).toContain(res.body.id);
  });

  it('PCCO-1 / PCCO-2 / LIM-7: a unit-price PCCO may be recorded; blockedBy lists every reason it cannot be sent', async () => {
    const res = await pcco(staleContractId, {
      title: 'x'.repeat(256),
      status: 'draft',
      unitPrice: true,
      lines: [{ billingItemCode: 'TOO-LONG-CODE', amountCents: 1 }],
    }).expect(201);
    expect(blockedReasons(res.body, 'sendToErp')).toEqual([
      'prime-contracts-tool-disabled',
      'pcco-title-too-long',
      'change-order-not-approved',
      'prime-contract-out-of-date',
      'unit-price-pcco-not-supported',
      'billing-item-code-too-long',
      'billing-item-not-on-contract',
    ]);
    const empty = await pcco(contractId, { lines: [] }).expect(201);
    expect(blockedReasons(empty.body, 'sendToErp')).toEqual(['pcco-empty']);
    await seedIntegration(t, { connectedAt: null });
    const notConnected = await http()
      .get(`/api/v1/prime-contract-change-orders/${empty.body.id}`)
      .set(bearer(PM))
      .expect(200);
    expect(blockedReasons(notConnected.body, 'sendToErp')).toEqual([
      'integration-not-connected',
      'pcco-empty',
    ]);
    await seedIntegration(t);
  });

  it('PCCO-1: a Spectrum change to the contract after its last import makes its PCCOs wait for a re-import', async () => {
    const { body } = await pcco(contractId).expect(201);
    await t.prisma.spectrumRecord.create({
      data: {
        kind: 'contract_item',
        key: 'J-1|OWNER1|5',
        parentKey: 'J-1|OWNER1',
        hash: 'x',
        data: {},
        changedAt: new Date('2026-03-05T00:00:00Z'),
      },
    });
    try {
      const res = await http()
        .get(`/api/v1/prime-contract-change-orders/${body.id}`)
        .set(bearer(PM))
        .expect(200);
      expect(blockedReasons(res.body, 'sendToErp')).toEqual(['prime-contract-out-of-date']);
    } finally {
      await t.prisma.spectrumRecord.delete({
        where: { kind_key: { kind: 'contract_item', key: 'J-1|OWNER1|5' } },
      });
    }
  });

  it('updatePrimeContractChangeOrder: edits; APP-1 refuses while queued; PCCO-2 keeps a synced one as sent', async () => {
    const { body } = await pcco(contractId, { status: 'draft' }).expect(201);
    const upd = await http()
      .patch(`/api/v1/prime-contract-change-orders/${body.id}`)
      .set(bearer(PM))
      .send({
        title: 'Canopy and lighting',
        status: 'approved',
        lines: [{ billingItemCode: '3', amountCents: 9 }],
      })
      .expect(200);
    expect(upd.body).toMatchObject({ title: 'Canopy and lighting', status: 'approved', totalCents: 9 });

    await setLink(t, 'prime_contract_change_order', body.id, 'ready_to_export');
    const queued = await http()
      .patch(`/api/v1/prime-contract-change-orders/${body.id}`)
      .set(bearer(PM))
      .send({ title: 'X' })
      .expect(422);
    expect(queued.body.errors).toEqual([
      expect.objectContaining({ code: 'already-awaiting-approval', rule: 'APP-1' }),
    ]);

    await setLink(t, 'prime_contract_change_order', body.id, 'synced', 'CR-77');
    const synced = await http()
      .patch(`/api/v1/prime-contract-change-orders/${body.id}`)
      .set(bearer(PM))
      .send({ status: 'void', unitPrice: true, lines: [] })
      .expect(422);
    expect(synced.body.errors.map((e: { field: string; rule: string }) => [e.field, e.rule])).toEqual([
      ['status', 'PCCO-2'],
      ['unitPrice', 'PCCO-2'],
      ['lines', 'PCCO-2'],
    ]);
    const ok = await http()
      .patch(`/api/v1/prime-contract-change-orders/${body.id}`)
      .set(bearer(PM))
      .send({ description: 'Note only', status: 'approved' })
      .expect(200);
    expect(ok.body).toMatchObject({
      description: 'Note only',
      status: 'approved',
      totalCents: 9,
      spectrumKey: 'CR-77',
    });
  });

  it('deletePrimeContractChangeOrder: refused when approved or linked; a draft is deleted for good', async () => {
    const approved = await pcco(contractId).expect(201);
    const a = await http()
      .delete(`/api/v1/prime-contract-change-orders/${approved.body.id}`)
      .set(bearer(PM))
      .expect(422);
    expect(codesOf(a.body.errors)).toEqual(['change-order-approved']);
    expect(blockedReasons(approved.body, 'deletePrimeContractChangeOrder')).toEqual([
      'change-order-approved',
    ]);
    const draft = await pcco(contractId, { status: 'draft' }).expect(201);
    await http().delete(`/api/v1/prime-contract-change-orders/${draft.body.id}`).set(bearer(PM)).expect(204);
    await http().get(`/api/v1/prime-contract-change-orders/${draft.body.id}`).set(bearer(PM)).expect(404);
  });

  it('400 names the field; 409 duplicate number; 404; PERM-6: 403 for a viewer writing', async () => {
    const bad = await pcco(contractId, {
      approvedDate: '2026-13-01',
      lines: [{ billingItemCode: '1', amountCents: 'ten' }],
    }).expect(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'approvedDate',
      'lines.0.amountCents',
    ]);
    await pcco(contractId, { number: 'DUP' }).expect(201);
    const dup = await pcco(contractId, { number: 'DUP' }).expect(409);
    expect(dup.body.errors[0]).toMatchObject({ code: 'change-order-number-taken', field: 'number' });
    await http().get('/api/v1/prime-contracts/nope').set(bearer(PM)).expect(404);
    await pcco('nope').expect(404);
    await http().get('/api/v1/prime-contract-change-orders/nope').set(bearer(PM)).expect(404);
    await http()
      .patch('/api/v1/prime-contract-change-orders/nope')
      .set(bearer(PM))
      .send({ title: 'x' })
      .expect(404);
    await http().delete('/api/v1/prime-contract-change-orders/nope').set(bearer(PM)).expect(404);
    const before = await t.prisma.primeContractChangeOrder.count();
    const { body } = await pcco(contractId, { status: 'draft' }).expect(201);
    for (const w of [
      http().post(`/api/v1/prime-contracts/${contractId}/change-orders`).send({ number: 'V', title: 'T' }),
      http().patch(`/api/v1/prime-contract-change-orders/${body.id}`).send({ title: 'V' }),
      http().delete(`/api/v1/prime-contract-change-orders/${body.id}`),
    ]) {
      const res = await w.set(bearer(VIEWER)).expect(403);
      expect(res.body.errors[0].code).toBe('requires-standard');
    }
    expect(await t.prisma.primeContractChangeOrder.count()).toBe(before + 1);
  });

  it('API-5: listPrimeContracts pages in a stable order and filters by project', async () => {
    const first = await http().get('/api/v1/prime-contracts?limit=1').set(bearer(VIEWER)).expect(200);
    expect(first.body.items).toHaveLength(1);
    const second = await http()
      .get(`/api/v1/prime-contracts?limit=1&cursor=${first.body.nextCursor}`)
      .set(bearer(VIEWER))
      .expect(200);
    expect(second.body.nextCursor).toBeNull();
    expect([first.body.items[0].id, second.body.items[0].id]).toEqual([contractId, staleContractId].sort());
    const mine = await http()
      .get(`/api/v1/prime-contracts?projectId=${projectId}`)
      .set(bearer(VIEWER))
      .expect(200);
    expect(mine.body.items.map((c: { id: string }) => c.id)).toEqual([contractId]);
    expect(mine.body.items[0].changeOrders).toBeUndefined();
    expect(mine.body.items[0].changeOrderCount).toBeGreaterThan(0);
  });
});
