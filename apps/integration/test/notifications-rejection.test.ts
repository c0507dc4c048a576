import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APPROVER, bearer } from './support/app.js';
import { type ExportEnv, startExportEnv } from './support/exports.js';
import { startSmtpServer } from './support/smtp.js';

type Smtp = Awaited<ReturnType<typeof startSmtpServer>>;

describe('COM-3: a rejected commitment goes back to its creator by e-mail', () => {
  let smtp: Smtp;
  let env: ExportEnv;
  let projectId: string;
  let companyId: string;

  beforeAll(async () => {
    smtp = await startSmtpServer();
    env = await startExportEnv({ env: { SMTP_URL: smtp.url } });
    projectId = await env.linkedProject('24-101');
    companyId = await env.linkedCompany('LAKEMAT');
  });
  afterAll(async () => {
    await env?.close();
    await smtp?.close();
  });

  it('COM-3: removed from the queue, editable again, and the creator is mailed the reason', async () => {
    const id = await env.commitment(projectId, companyId, { number: 'RJ-1', title: 'Rebar supply' });
    const requestId = await env.send('commitment', id);
    const res = await env
      .http()
      .post(`/api/v1/export-requests/${requestId}/reject`)
      .set(bearer(APPROVER))
      .send({ reason: 'Use cost type M for material lines.' })
      .expect(200);
    expect(res.body.state).toBe('rejected');

    expect(smtp.mails).toHaveLength(1);
    const mail = smtp.mails[0]!;
    expect(mail.to).toEqual(['demo-pm@example.com']);
    expect(mail.subject).toBe('Rejected for Spectrum: Commitment RJ-1 Rebar supply');
    expect(mail.text).toContain('demo-approver rejected commitment "RJ-1 Rebar supply"');
    expect(mail.text).toContain('Reason: Use cost type M for material lines.');

    const item = await env.http().get(`/api/v1/commitments/${id}`).set(bearer(APPROVER)).expect(200);
    expect(item.body.state).toBe('rejected');
    expect(item.body.blockedBy.find((b: { action: string }) => b.action === 'sendToErp')).toBeUndefined();
    const list = await env
      .http()
      .get('/api/v1/export-requests?state=ready_to_export')
      .set(bearer(APPROVER))
      .expect(200);
    expect(list.body.items.map((r: { id: string }) => r.id)).not.toContain(requestId);
  });

  it('COM-3: a reason is required (400 naming the field), and nothing is mailed', async () => {
    const id = await env.commitment(projectId, companyId, { number: 'RJ-2' });
    const requestId = await env.send('commitment', id);
    smtp.mails.length = 0;
    const res = await env
      .http()
      .post(`/api/v1/export-requests/${requestId}/reject`)
      .set(bearer(APPROVER))
      .send({})
      .expect(400);
    expect(res.body.errors[0].field).toBe('reason');
    expect(smtp.mails).toHaveLength(0);
  });
});
