import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SPECTRUM_CLIENT_FACTORY } from '../src/platform/tokens.js';
import type { SpectrumClientFactory } from '../src/spectrum/spectrum-client.factory.js';
import { APPROVER, bearer, PM, VIEWER } from './support/app.js';
import { type ExportEnv, SUB_LINES, startExportEnv } from './support/exports.js';

type Reason = { code: string; rule: string; message: string; field?: string };
type Outcome = {
  id: string;
  outcome: string;
  changed: boolean;
  request: { state: string; spectrumKey: string | null } | null;
  reasons: Reason[];
};

let e: ExportEnv;
let projectId: string;
let companyId: string;
beforeAll(async () => {
  e = await startExportEnv();
  projectId = await e.linkedProject('24-101');
  companyId = await e.linkedCompany('BAYPLB');
});
afterAll(async () => {
  await e?.close();
});

const bulk = (what: 'accept' | 'reject', body: object, token = APPROVER) =>
  e.http().post(`/api/v1/export-requests/${what}`).set(bearer(token)).send(body);
const codes = (reasons: Reason[]) => reasons.map((r) => r.code);
const auditCount = (action: string, itemIds: string[]) =>
  e.t.prisma.auditEvent.count({ where: { action, itemId: { in: itemIds } } });

/** A commitment on linked job 24-101 and vendor BAYPLB, sent: its request id and the commitment's id. */
async function sentCommitment(number: string, lines = SUB_LINES) {
  const id = await e.commitment(projectId, companyId, { number, lines });
  return { itemId: id, requestId: await e.send('commitment', id) };
}

describe('API-6 API-7: bulk accept', () => {
  it('API-7 PRE-1 APP-2: one call accepts the good requests and refuses the others, each with its own outcome and every reason; a retry of the same call changes nothing', async () => {
    const good = [
      await sentCommitment('BULK-1'),
      await sentCommitment('BULK-2'),
      await sentCommitment('BULK-3'),
    ];
    // a line on a phase job 24-101 lacks: the pre-flight at accept returns it to the sender
    const bad = await sentCommitment('BULK-4', [
      SUB_LINES[0]!,
      { costCode: '22-0000', costType: 'S', description: 'Plumbing', amountCents: 900_000 },
    ]);
    // already rejected by someone: its state refuses the accept
    const gone = await sentCommitment('BULK-5');
    await e
      .http()
      .post(`/api/v1/export-requests/${gone.requestId}/reject`)
      .set(bearer(APPROVER))
      .send({ reason: 'Wrong vendor' })
      .expect(200);
    const unknown = '00000000-0000-7000-8000-00000000b0b0';
    const ids = [
      good[0]!.requestId,
      bad.requestId,
      good[1]!.requestId,
      gone.requestId,
      unknown,
      good[2]!.requestId,
    ];

    const res = await bulk('accept', { ids, note: 'Month end' }).expect(200);
    const results = res.body.results as Outcome[];
    expect(results.map((r) => [r.id, r.outcome, r.changed])).toEqual([
      [ids[0], 'accepted', true],
      [ids[1], 'refused', true],
      [ids[2], 'accepted', true],
      [ids[3], 'refused', false],
      [ids[4], 'not_found', false],
      [ids[5], 'accepted', true],
    ]);
    expect(res.body.counts).toEqual({ accepted: 3, rejected: 0, refused: 2, notFound: 1 });
    for (const r of [results[0]!, results[2]!, results[5]!]) {
      expect(r.request).toMatchObject({ state: 'exporting', note: 'Month end' });
      expect(r.request?.spectrumKey).toMatch(/^BAYPLB\//);
      expect(r.reasons).toEqual([]);
    }
    // each accepted request has its own key
    expect(new Set([results[0], results[2], results[5]].map((r) => r?.request?.spectrumKey)).size).toBe(3);
    // PRE-1: every reason, and the request went back to its sender
    expect(codes(results[1]!.reasons)).toEqual(['phase-not-on-job']);
    expect(results[1]!.reasons[0]).toMatchObject({ rule: 'PRE-1', field: 'lines[1].costCode' });
    expect(results[1]!.request?.state).toBe('rejected');
    // the state, in the words of the single decision (APP-1)
    expect(results[3]!.reasons).toEqual([expect.objectContaining({ code: 'request-not-waiting' })]);
    expect(results[4]!.reasons).toEqual([
      expect.objectContaining({ code: 'request-not-found', rule: 'API-6' }),
    ]);

    // audited per request, as the single accept is
    const acceptedItems = good.map((g) => g.itemId);
    expect(await auditCount('export.accept', acceptedItems)).toBe(3);
    expect(await auditCount('export.preflight_refused', [bad.itemId])).toBe(1);

    // the same call again: nothing changes, the outcomes say so
    const steps = await e.t.prisma.exportStep.count();
    const again = (await bulk('accept', { ids, note: 'Month end' }).expect(200)).body.results as Outcome[];
    expect(again.map((r) => [r.outcome, r.changed])).toEqual([
      ['accepted', false],
      ['refused', false],
      ['accepted', false],
      ['refused', false],
      ['not_found', false],
      ['accepted', false],
    ]);
    expect(again[0]!.request?.spectrumKey).toBe(results[0]!.request?.spectrumKey);
    expect(await e.t.prisma.exportStep.count()).toBe(steps);
    expect(await auditCount('export.accept', acceptedItems)).toBe(3);
    expect(await auditCount('export.preflight_refused', [bad.itemId])).toBe(1);

    await e.drain();
    for (const g of good) {
      const r = await e
        .http()
        .get(`/api/v1/export-requests/${g.requestId}`)
        .set(bearer(APPROVER))
        .expect(200);
      expect(r.body.state).toBe('synced');
    }
    // after the export the retry still answers accepted and changes nothing
    const late = (await bulk('accept', { ids: [good[0]!.requestId] }).expect(200)).body.results as Outcome[];
    expect(late[0]).toMatchObject({ outcome: 'accepted', changed: false, request: { state: 'synced' } });
  });

  it('API-6: more than 500 ids, or an id named twice, is a 400 naming ids and the rule, and decides nothing', async () => {
    const one = await sentCommitment('BULK-6');
    const many = [one.requestId, ...Array.from({ length: 500 }, (_, i) => `missing-${i}`)];
    const tooMany = await bulk('accept', { ids: many }).expect(400);
    expect(tooMany.body.errors).toEqual([
      expect.objectContaining({ field: 'ids', rule: 'API-6', code: 'too-many-ids' }),
    ]);
    const twice = await bulk('reject', { ids: [one.requestId, one.requestId], reason: 'x' }).expect(400);
    expect(twice.body.errors).toEqual([
      expect.objectContaining({ field: 'ids', rule: 'API-6', code: 'duplicate-ids' }),
    ]);
    await bulk('accept', { ids: [] }).expect(400);
    const r = await e
      .http()
      .get(`/api/v1/export-requests/${one.requestId}`)
      .set(bearer(APPROVER))
      .expect(200);
    expect(r.body.state).toBe('ready_to_export');
    // exactly 500 is allowed
    const five = await bulk('accept', { ids: many.slice(0, 500) }).expect(200);
    expect(five.body.counts).toMatchObject({ accepted: 1, notFound: 499 });
  });

  it('API-7 PERM-2: a user without the approver privilege is refused the whole call (403), changing nothing', async () => {
    const one = await sentCommitment('BULK-7');
    await bulk('accept', { ids: [one.requestId] }, PM).expect(403);
    await bulk('reject', { ids: [one.requestId], reason: 'No' }, VIEWER).expect(403);
    const r = await e
      .http()
      .get(`/api/v1/export-requests/${one.requestId}`)
      .set(bearer(APPROVER))
      .expect(200);
    expect(r.body.state).toBe('ready_to_export');
  });
});

describe('API-7: bulk reject', () => {
  it('API-7 COM-3: one call rejects waiting requests with the reason, refuses what cannot be rejected, and a retry answers rejected again without a second audit event', async () => {
    const a = await sentCommitment('BULK-R1');
    const b = await sentCommitment('BULK-R2');
    const done = await sentCommitment('BULK-R3');
    expect((await e.accept(done.requestId)).status).toBe(200);
    await e.drain();
    const ids = [a.requestId, done.requestId, b.requestId];
    const res = await bulk('reject', { ids, reason: 'Wrong cost codes' }).expect(200);
    const results = res.body.results as Outcome[];
    expect(results.map((r) => [r.outcome, r.changed, r.request?.state])).toEqual([
      ['rejected', true, 'rejected'],
      ['refused', false, 'synced'],
      ['rejected', true, 'rejected'],
    ]);
    expect(codes(results[1]!.reasons)).toEqual(['request-not-waiting']);
    expect(results[1]!.reasons[0]!.rule).toBe('APP-2');
    const view = await e.http().get(`/api/v1/commitments/${a.itemId}`).set(bearer(PM)).expect(200);
    expect(view.body).toMatchObject({ state: 'rejected', lastError: 'Rejected: Wrong cost codes' });
    expect(await auditCount('export.reject', [a.itemId, b.itemId])).toBe(2);

    const again = (await bulk('reject', { ids, reason: 'Wrong cost codes' }).expect(200)).body
      .results as Outcome[];
    expect(again.map((r) => [r.outcome, r.changed])).toEqual([
      ['rejected', false],
      ['refused', false],
      ['rejected', false],
    ]);
    expect(await auditCount('export.reject', [a.itemId, b.itemId])).toBe(2);
  });
});

describe('APP-8: an accept reads Spectrum for its own item only', () => {
  it('APP-8 PRE-1: every Spectrum read of a commitment accept is narrowed to the item (its job, its vendor, its cost type); no list is read whole', async () => {
    const { requestId } = await sentCommitment('BULK-READS');
    const factory = e.t.app.get<SpectrumClientFactory>(SPECTRUM_CLIENT_FACTORY);
    const calls: { method: string; filter: unknown }[] = [];
    const create = factory.create.bind(factory);
    factory.create = async (...args: Parameters<SpectrumClientFactory['create']>) => {
      const client = await create(...args);
      return new Proxy(client, {
        get(target, prop, receiver) {
          const value = Reflect.get(target, prop, receiver);
          if (typeof value !== 'function' || !/^(list|get|stream)/.test(String(prop))) return value;
          return (...a: unknown[]) => {
            calls.push({ method: String(prop), filter: a[0] });
            return (value as (...x: unknown[]) => unknown).apply(target, a);
          };
        },
      });
    };
    try {
      const res = await bulk('accept', { ids: [requestId] }).expect(200);
      expect(res.body.results[0].outcome).toBe('accepted');
    } finally {
      factory.create = create;
    }
    expect(calls.length).toBeGreaterThan(0);
    expect(calls.filter((c) => c.method.startsWith('stream'))).toEqual([]);
    // each read names the item's own job, vendor or cost type
    for (const c of calls) {
      const values = Object.values((c.filter ?? {}) as Record<string, unknown>);
      expect(values.length, `${c.method} without a filter`).toBeGreaterThan(0);
      expect(
        values.some((v) => ['24-101', 'BAYPLB', 'S'].includes(String(v))),
        `${c.method} ${JSON.stringify(c.filter)}`,
      ).toBe(true);
    }
  });
});
