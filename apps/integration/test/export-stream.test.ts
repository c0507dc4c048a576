import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APPROVER, bearer, VIEWER } from './support/app.js';
import { type ExportEnv, startExportEnv } from './support/exports.js';
import { readEvents, type Sse } from './support/sse.js';

let e: ExportEnv;
let base: string;

beforeAll(async () => {
  e = await startExportEnv();
  await e.t.app.listen(0, '127.0.0.1');
  base = `http://127.0.0.1:${(e.t.app.getHttpServer().address() as AddressInfo).port}`;
});
afterAll(async () => {
  await e?.close();
});

describe('WEB-4: the live view of an export (server-sent events)', () => {
  it('WEB-4: after accept the stream shows every Spectrum step as it is answered, then the request Synced', async () => {
    const projectId = await e.linkedProject('24-101');
    const companyId = await e.linkedCompany('BAYPLB');
    const id = await e.commitment(projectId, companyId, { number: 'SC-LIVE' });
    const requestId = await e.send('commitment', id);
    expect((await e.accept(requestId)).status).toBe(200);

    const stream = await readEvents(
      `${base}/api/v1/export-requests/${requestId}/events`,
      bearer(APPROVER),
      (ev) => ev.event === 'request' && ev.data.state === 'synced',
    );
    // the first event is the request as stored: accepted, nothing sent yet
    await expect.poll(() => stream.events.length).toBeGreaterThan(0);
    expect(stream.events[0]).toMatchObject({
      event: 'request',
      data: { state: 'exporting', spectrumCalls: 0 },
    });

    await e.drain();
    await stream.finished;
    const steps = stream.events.filter((ev) => ev.event === 'step').map((ev) => ev.data);
    expect(steps.map((s) => s.seq)).toEqual([0, 1, 2, 3]);
    expect(steps.every((s) => s.total === 4)).toBe(true);
    const last = stream.events.at(-1) as Sse;
    expect(last.data).toMatchObject({ state: 'synced', spectrumKey: 'BAYPLB/SC-LIVE', spectrumCalls: 4 });
    // every step event came before the final state
    expect(stream.events.findIndex((ev) => ev.event === 'request' && ev.data.state === 'synced')).toBe(
      stream.events.length - 1,
    );
  });

  it('WEB-4: a failed export ends the stream with Failed and the reason in plain words', async () => {
    const projectId = (await e.t.prisma.project.findFirstOrThrow({ where: { name: 'Project 24-101' } })).id;
    const companyId = await e.linkedCompany('EAGLEST');
    const id = await e.commitment(projectId, companyId, { number: 'SC-FAIL' });
    const requestId = await e.send('commitment', id);
    const vendor = { Company_Code: 'ABC', Vendor_Code: 'EAGLEST' };
    try {
      expect((await e.accept(requestId)).status).toBe(200);
      // the vendor is put on hold in Spectrum after the approval: Spectrum refuses the subcontract
      await e.sim$('PATCH', '/state/vendors', { key: vendor, set: { Status: 'I' } });
      const stream = await readEvents(
        `${base}/api/v1/export-requests/${requestId}/events`,
        bearer(APPROVER),
        (ev) => ev.event === 'request' && ev.data.state === 'failed',
      );
      await e.drain();
      await stream.finished;
      const last = stream.events.at(-1) as Sse;
      expect(last.data.state).toBe('failed');
      expect(String(last.data.lastError)).toMatch(/Vendor is not active/);
    } finally {
      await e.sim$('PATCH', '/state/vendors', { key: vendor, set: { Status: 'A' } });
    }
  });

  it('WEB-4: an unknown request is a 404 problem, not a stream; no token is a 401', async () => {
    const res = await fetch(`${base}/api/v1/export-requests/nope/events`, { headers: bearer(APPROVER) });
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toContain('problem+json');
    const anon = await fetch(`${base}/api/v1/export-requests/nope/events`);
    expect(anon.status).toBe(401);
  });
});

describe('API-4: the queue says, per request and user, why a decision is unavailable', () => {
  it('API-4 PERM-2 PERM-6: a read-only user sees every reason on accept; an approver sees none', async () => {
    const projectId = await e.linkedProject('24-103');
    const companyId = await e.linkedCompany('ACMEEL');
    const id = await e.commitment(projectId, companyId, { number: 'SC-WHY' });
    const requestId = await e.send('commitment', id);
    const asViewer = await e
      .http()
      .get(`/api/v1/export-requests/${requestId}`)
      .set(bearer(VIEWER))
      .expect(200);
    const accept = asViewer.body.blockedBy.find((b: { action: string }) => b.action === 'accept');
    expect(accept.reasons.map((r: { code: string }) => r.code)).toEqual([
      'requires-standard',
      'requires-accounting-approver',
    ]);
    const list = await e
      .http()
      .get('/api/v1/export-requests?state=ready_to_export')
      .set(bearer(APPROVER))
      .expect(200);
    const mine = list.body.items.find((r: { id: string }) => r.id === requestId);
    expect(mine.blockedBy.map((b: { action: string }) => b.action).sort()).toEqual(['retry']);
  });
});
