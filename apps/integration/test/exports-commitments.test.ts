import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APPROVER, bearer, PM, VIEWER } from './support/app.js';
import { type ExportEnv, SUB_LINES, startExportEnv } from './support/exports.js';

let e: ExportEnv;

beforeAll(async () => {
  e = await startExportEnv();
});
afterAll(async () => {
  await e?.close();
});

const subLines = (vendor: string, number: string) =>
  e.sim$('GET', `/state/subcontract-lines?Vendor_Code=${vendor}&Subcontract_Number=${number}&limit=100`);
type SimRow = Record<string, unknown>;
const rows = (r: unknown): SimRow[] => (Array.isArray(r) ? r : ((r as { rows?: SimRow[] })?.rows ?? []));

describe('commitment export (COM-1, COM-2, APP-1 … APP-4)', () => {
  it('COM-2 APP-2 APP-3 APP-7: send → accept → the worker writes one subcontract with its lines, link synced', async () => {
    const projectId = await e.linkedProject('24-101');
    const companyId = await e.linkedCompany('BAYPLB');
    const id = await e.commitment(projectId, companyId);
    const requestId = await e.send('commitment', id);

    const waiting = await e
      .http()
      .get(`/api/v1/export-requests/${requestId}`)
      .set(bearer(APPROVER))
      .expect(200);
    expect(waiting.body.state).toBe('ready_to_export');
    expect(waiting.body.prefill.spectrumId).toBe('SC-0001');
    // APP-7: the rule that made it, in words
    expect(waiting.body.prefill.rule).toBe('the PM contract number ("use PM contract number" is on)');
    // APP-1: read-only while queued
    const edit = await e.http().patch(`/api/v1/commitments/${id}`).set(bearer(PM)).send({ title: 'x' });
    expect(edit.status).toBe(422);

    const accepted = await e.accept(requestId, { note: 'ok for March' });
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({
      state: 'exporting',
      spectrumKey: 'BAYPLB/SC-0001',
      note: 'ok for March',
    });
    await e.drain();

    const done = await e.http().get(`/api/v1/export-requests/${requestId}`).set(bearer(VIEWER)).expect(200);
    expect(done.body.state).toBe('synced');
    expect(done.body.steps).toHaveLength(4);
    expect(done.body.spectrumCalls).toBe(4);
    const c = await e.http().get(`/api/v1/commitments/${id}`).set(bearer(PM)).expect(200);
    expect(c.body).toMatchObject({ state: 'synced', spectrumKey: 'BAYPLB/SC-0001', lastError: null });

    const subs = rows(await e.sim$('GET', '/state/subcontracts?Vendor_Code=BAYPLB&limit=100'));
    expect(subs.filter((s) => s.Subcontract_Number === 'SC-0001')).toHaveLength(1);
    expect(subs[0]).toMatchObject({
      Job_Number: '24-101',
      Default_Cost_Type: 'S',
      Contract_Type: 'SUBCONTRACT',
      Original_Amount: '70250.75',
    });
    const lines = rows(await subLines('BAYPLB', 'SC-0001'));
    expect(lines.map((l) => [l.Phase_Code, l.Cost_Type, l.Original_Contract_Amount]).sort()).toEqual(
      [
        ['010000', 'S', '12500.00'],
        ['031000', 'S', '9750.25'],
        ['033000', 'S', '48000.50'],
      ].sort(),
    );
    expect(SUB_LINES).toHaveLength(3);
    const audit = await e.t.prisma.auditEvent.findMany({
      where: { itemId: id, action: { startsWith: 'export.' } },
    });
    expect(audit.map((a) => a.action).sort()).toEqual(['export.accept', 'export.send', 'export.synced']);
  });

  it('PERM-2 APP-2: a PM cannot accept (403) and nothing changes; COM-1: an ineligible commitment is 422 with every reason', async () => {
    const projectId = await e.linkedProject('24-103');
    const companyId = await e.linkedCompany('CITYCON');
    const id = await e.commitment(projectId, companyId, { number: 'SC-0002' });
    const requestId = await e.send('commitment', id);
    const refused = await e
      .http()
      .post(`/api/v1/export-requests/${requestId}/accept`)
      .set(bearer(PM))
      .send({});
    expect(refused.status).toBe(403);
    const still = await e.http().get(`/api/v1/export-requests/${requestId}`).set(bearer(PM)).expect(200);
    expect(still.body.state).toBe('ready_to_export');

    const unlinked = (
      await e.http().post('/api/v1/companies').set(bearer(PM)).send({ name: 'No Vendor' }).expect(201)
    ).body.id;
    const bad = await e.commitment(projectId, unlinked, {
      number: 'SC-0003',
      status: 'draft',
      lines: [
        { costCode: '01-0000', costType: 'S', amountCents: 100 },
        { costCode: '99-9999', costType: 'L', amountCents: 100 },
      ],
    });
    const res = await e
      .http()
      .post('/api/v1/exports/send')
      .set(bearer(PM))
      .send({ type: 'commitment', id: bad });
    expect(res.status).toBe(422);
    expect(res.body.errors.map((x: { code: string }) => x.code).sort()).toEqual(
      [
        'commitment-not-approved',
        'sov-cost-code-not-in-spectrum-list',
        'sov-mixed-cost-types',
        'vendor-not-linked',
      ].sort(),
    );
    expect(await e.t.prisma.exportRequest.count({ where: { itemId: bad } })).toBe(0);
    const viewer = await e
      .http()
      .post('/api/v1/exports/send')
      .set(bearer(VIEWER))
      .send({ type: 'commitment', id: bad });
    expect(viewer.status).toBe(403);
  });

  it('COM-2: the approver may edit the key; a taken key is 422 spectrum-key-taken (Spectrum already has ACMEEL/24101-01)', async () => {
    const projectId = await e.linkedProject('24-102');
    const companyId = await e.linkedCompany('ACMEEL');
    const id = await e.commitment(projectId, companyId, {
      number: 'SC-0004',
      lines: [{ ...SUB_LINES[0], costType: 'L' }],
    });
    const requestId = await e.send('commitment', id);
    const taken = await e.accept(requestId, { spectrumId: '24101-01' });
    expect(taken.status).toBe(422);
    expect(taken.body.errors.map((x: { code: string }) => x.code)).toEqual(['spectrum-key-taken']);
    const ok = await e.accept(requestId, { spectrumId: 'ACME-77' });
    expect(ok.status).toBe(200);
    expect(ok.body.spectrumKey).toBe('ACMEEL/ACME-77');
    await e.drain();
    const r = await e.http().get(`/api/v1/export-requests/${requestId}`).set(bearer(PM)).expect(200);
    expect(r.body.state).toBe('synced');
  });

  it('COM-3 APP-1: reject needs a reason and returns the item editable; retrieve is the sender’s', async () => {
    const projectId = await e.linkedProject('25-001');
    const companyId = await e.linkedCompany('DELTAHV');
    const id = await e.commitment(projectId, companyId, { number: 'SC-0005', lines: [SUB_LINES[0]] });
    const r1 = await e.send('commitment', id);
    await e.http().post(`/api/v1/export-requests/${r1}/reject`).set(bearer(APPROVER)).send({}).expect(400);
    const rej = await e
      .http()
      .post(`/api/v1/export-requests/${r1}/reject`)
      .set(bearer(APPROVER))
      .send({ reason: 'Wrong vendor' });
    expect(rej.status).toBe(200);
    expect(rej.body).toMatchObject({ state: 'rejected', rejectReason: 'Wrong vendor' });
    const c = await e.http().get(`/api/v1/commitments/${id}`).set(bearer(PM)).expect(200);
    expect(c.body.state).toBe('rejected');
    await e.http().patch(`/api/v1/commitments/${id}`).set(bearer(PM)).send({ title: 'Fixed' }).expect(200);
    const r2 = await e.send('commitment', id);
    const back = await e.http().post(`/api/v1/export-requests/${r2}/retrieve`).set(bearer(PM));
    expect(back.status).toBe(200);
    expect(back.body.state).toBe('retrieved');
    const list = await e
      .http()
      .get('/api/v1/export-requests?type=commitment&state=rejected')
      .set(bearer(VIEWER))
      .expect(200);
    expect(list.body.items.map((x: { id: string }) => x.id)).toContain(r1);
  });

  it('APP-4 PRE-2: a Spectrum I row fails the request in plain words, saying what was written and what not; fixed in Spectrum, retried, synced', async () => {
    const projectId = await e.linkedProject('24-104');
    const companyId = await e.linkedCompany('EAGLEST');
    const phase = {
      Company_Code: 'ABC',
      Job_Number: '24-104',
      Phase_Code: '260000',
      Cost_Type: 'S',
      Description: 'Electrical',
      Status_Code: 'A',
    };
    const phaseKey = { Company_Code: 'ABC', Job_Number: '24-104', Phase_Code: '260000', Cost_Type: 'S' };
    await e.sim$('POST', '/state/phases', phase);
    const id = await e.commitment(projectId, companyId, {
      number: 'SC-0006',
      lines: [{ costCode: '26-0000', costType: 'S', description: 'Electrical', amountCents: 50_000 }],
    });
    const requestId = await e.send('commitment', id);
    expect((await e.accept(requestId)).status).toBe(200);
    // a change made in Spectrum after the accept: the phase is gone, UpdateSubcontractPhases answers an I row
    await e.sim$('DELETE', '/state/phases', { key: phaseKey });
    await e.drain();
    const failed = await e
      .http()
      .get(`/api/v1/export-requests/${requestId}`)
      .set(bearer(APPROVER))
      .expect(200);
    expect(failed.body.state).toBe('failed');
    expect(failed.body.lastError).toMatch(
      /Spectrum refused the export at line 1 of 1 .*Phase\/cost type does not exist on job 24-104.*field Phase_Code/,
    );
    // PRE-2: the header Spectrum took is named, and so is the line it did not
    expect(failed.body.lastError).toMatch(
      /Written to Spectrum: 1 of 2 steps \(subcontract header\)\. Not written: 1 of 2 steps \(line 1 of 1 \(260000 S\)\); Retry sends only these, once the cause is fixed\.$/,
    );
    expect(
      rows(await e.sim$('GET', '/state/subcontracts?Vendor_Code=EAGLEST&Subcontract_Number=SC-0006')),
    ).toHaveLength(1);
    const c = await e.http().get(`/api/v1/commitments/${id}`).set(bearer(PM)).expect(200);
    expect(c.body.state).toBe('failed');
    await e.sim$('POST', '/state/phases', phase);
    await e.http().post(`/api/v1/export-requests/${requestId}/retry`).set(bearer(PM)).expect(403);
    await e.http().post(`/api/v1/export-requests/${requestId}/retry`).set(bearer(APPROVER)).expect(200);
    await e.drain();
    const done = await e.http().get(`/api/v1/export-requests/${requestId}`).set(bearer(APPROVER)).expect(200);
    expect(done.body.state).toBe('synced');
    expect(done.body.lastError).toBeNull();
    expect(rows(await e.sim$('GET', '/state/subcontracts?Vendor_Code=EAGLEST&limit=100'))).toHaveLength(1);
    expect(
      rows(await e.sim$('GET', '/state/subcontract-lines?Vendor_Code=EAGLEST&Subcontract_Number=SC-0006')),
    ).toHaveLength(1);
  });

  it('COM-5: unlink clears the link of a synced commitment (audited), then it can be deleted', async () => {
    const synced = await e.t.prisma.syncLink.findFirst({ where: { type: 'commitment', state: 'synced' } });
    const id = synced?.pmId as string;
    await e
      .http()
      .post('/api/v1/exports/unlink')
      .set(bearer(PM))
      .send({ type: 'commitment', id })
      .expect(403);
    const res = await e
      .http()
      .post('/api/v1/exports/unlink')
      .set(bearer(APPROVER))
      .send({ type: 'commitment', id });
    expect(res.status).toBe(200);
    expect(res.body.state).toBe('unlinked');
    await request(e.t.app.getHttpServer()).delete(`/api/v1/commitments/${id}`).set(bearer(PM)).expect(204);
  });
});
