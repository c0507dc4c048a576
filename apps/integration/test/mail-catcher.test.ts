import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DailySummaryService } from '../src/notifications/daily-summary.service.js';
import { ADMIN, APPROVER, bearer, PM, startTestApp } from './support/app.js';
import { type ExportEnv, startExportEnv } from './support/exports.js';

type Summary = { id: string; receivedAt: string; from: string; to: string[]; subject: string };

describe('GEN-7: the demo mail catcher (a real SMTP server in the service) shows the mail the service sent', () => {
  let e: ExportEnv;
  beforeAll(async () => {
    // demo mode and no SMTP_URL, as ./scripts/demo.sh runs the service
    e = await startExportEnv();
  });
  afterAll(async () => {
    await e?.close();
  });
  const list = async () =>
    (await e.http().get('/api/v1/mail/messages').set(bearer(ADMIN)).expect(200)).body as {
      enabled: boolean;
      note: string;
      items: Summary[];
    };

  it('GEN-7 COM-3 APP-5: the rejection mail and the daily summary are caught and readable through the API', async () => {
    const empty = await list();
    expect(empty).toMatchObject({ enabled: true, items: [] });
    expect(empty.note).toMatch(/^Demo mode: the service sends its mail over SMTP to a mail catcher/);

    const projectId = await e.linkedProject('24-101');
    const companyId = await e.linkedCompany('LAKEMAT');
    const id = await e.commitment(projectId, companyId, { number: 'RJ-7', title: 'Rebar supply' });
    const requestId = await e.send('commitment', id);
    await e
      .http()
      .post(`/api/v1/export-requests/${requestId}/reject`)
      .set(bearer(APPROVER))
      .send({ reason: 'Use cost type M for material lines.' })
      .expect(200);

    const other = await e.commitment(projectId, companyId, { number: 'SC-0008', title: 'Formwork' });
    await e.send('commitment', other);
    e.clock.set('2026-03-02T13:05:00Z');
    expect(await e.t.app.get(DailySummaryService).tick()).toBe('sent');

    const caught = await list();
    expect(caught.items.map((m) => [m.subject, m.to])).toEqual([
      ['ERP Integrations Daily Summary', ['demo-approver@example.com']],
      ['Rejected for Spectrum: Commitment RJ-7 Rebar supply', ['demo-pm@example.com']],
    ]);
    expect(caught.items[1]?.from).toContain('bridge@localhost');
    expect(caught.items[0]).not.toHaveProperty('text');

    const rejection = await e
      .http()
      .get(`/api/v1/mail/messages/${caught.items[1]?.id}`)
      .set(bearer(ADMIN))
      .expect(200);
    expect(rejection.body.text).toContain('demo-approver rejected commitment "RJ-7 Rebar supply"');
    expect(rejection.body.text).toContain('Reason: Use cost type M for material lines.');
    const summary = await e
      .http()
      .get(`/api/v1/mail/messages/${caught.items[0]?.id}`)
      .set(bearer(ADMIN))
      .expect(200);
    expect(summary.body.text).toContain('Commitment: SC-0008 Formwork (sent by demo-pm on 2026-03-02)');
  });

  it('GEN-7 PERM-3: only admins read the caught mail; an unknown message is a 404 problem', async () => {
    await e.http().get('/api/v1/mail/messages').set(bearer(PM)).expect(403);
    const missing = await e.http().get('/api/v1/mail/messages/999').set(bearer(ADMIN)).expect(404);
    expect(missing.body.detail).toContain('999');
  });

  it('GEN-7: with an SMTP server configured there is no catcher, and the list says where mail goes', async () => {
    const t = await startTestApp({ env: { SMTP_URL: 'smtp://127.0.0.1:9' } });
    try {
      const res = await (await import('supertest'))
        .default(t.http)
        .get('/api/v1/mail/messages')
        .set(bearer(ADMIN))
        .expect(200);
      expect(res.body).toMatchObject({ enabled: false, items: [] });
      expect(res.body.note).toContain('SMTP_URL');
    } finally {
      await t.close();
    }
  });
});
