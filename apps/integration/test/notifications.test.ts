import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DailySummaryService } from '../src/notifications/daily-summary.service.js';
import { FakeClock, startTestApp, type TestApp } from './support/app.js';
import { createScratchDatabase, skipReason, TEST_DATABASE_URL } from './support/postgres.js';
import { startSmtpServer } from './support/smtp.js';

type Smtp = Awaited<ReturnType<typeof startSmtpServer>>;

async function queue(t: TestApp, items: { type: string; number: string; title: string }[]) {
  const pm = await t.prisma.user.findUniqueOrThrow({ where: { email: 'demo-pm@example.com' } });
  for (const [i, it] of items.entries()) {
    await t.prisma.exportRequest.create({
      data: {
        type: it.type,
        itemId: `item-${i}`,
        state: 'ready_to_export',
        payload: { item: { number: it.number, title: it.title }, linkType: it.type },
        sentById: pm.id,
        sentAt: new Date('2026-03-02T09:00:00Z'),
      },
    });
  }
}

describe('APP-5: the daily summary to accounting approvers', () => {
  let smtp: Smtp;
  let t: TestApp;
  const clock = new FakeClock(new Date('2026-03-02T12:30:00Z'));

  beforeAll(async () => {
    smtp = await startSmtpServer();
    t = await startTestApp({ clock, env: { SMTP_URL: smtp.url, MAIL_FROM: 'Bridge <bridge@example.com>' } });
  });
  afterAll(async () => {
    await t?.close();
    await smtp?.close();
  });
  beforeEach(() => {
    smtp.mails.length = 0;
  });

  it('APP-5: sends nothing when no item awaits acceptance', async () => {
    clock.set('2026-03-02T13:05:00Z');
    expect(await t.app.get(DailySummaryService).tick()).toBe('nothing-waiting');
    expect(smtp.mails).toHaveLength(0);
  });

  it('APP-5: before the summary hour nothing goes out, even with items waiting', async () => {
    await queue(t, [
      { type: 'commitment', number: 'SC-0007', title: 'Drywall package' },
      { type: 'company', number: '', title: 'Acme Drywall' },
    ]);
    clock.set('2026-03-02T12:05:00Z');
    expect(await t.app.get(DailySummaryService).tick()).toBe('too-early');
    expect(smtp.mails).toHaveLength(0);
  });

  it('APP-5: one "ERP Integrations Daily Summary" per approver listing the waiting items, once per day', async () => {
    clock.set('2026-03-02T13:05:00Z');
    const service = t.app.get(DailySummaryService);
    expect(await service.tick()).toBe('sent');
    expect(smtp.mails).toHaveLength(1);
    const mail = smtp.mails[0]!;
    expect(mail.to).toEqual(['demo-approver@example.com']);
    expect(mail.subject).toBe('ERP Integrations Daily Summary');
    expect(mail.text).toContain('2 items wait for your acceptance');
    expect(mail.text).toContain('Commitment: SC-0007 Drywall package (sent by demo-pm on 2026-03-02)');
    expect(mail.text).toContain('Company (vendor): Acme Drywall');
    clock.set('2026-03-02T18:05:00Z');
    expect(await service.tick()).toBe('already-sent');
    expect(smtp.mails).toHaveLength(1);
    clock.set('2026-03-03T13:05:00Z');
    expect(await service.tick()).toBe('sent');
    expect(smtp.mails).toHaveLength(2);
  });

  it.skipIf(!TEST_DATABASE_URL)(
    `APP-5: two instances on one PostgreSQL send the day's summary once ${TEST_DATABASE_URL ? '' : `(${skipReason()})`}`,
    async () => {
      const scratch = await createScratchDatabase();
      const env = { SMTP_URL: smtp.url };
      const a = await startTestApp({ databaseUrl: scratch.url, clock, env });
      const b = await startTestApp({ databaseUrl: scratch.url, clock, env: { ...env } });
      try {
        await queue(a, [{ type: 'commitment', number: 'SC-1', title: 'Steel' }]);
        clock.set('2026-03-04T13:05:00Z');
        const outcomes = await Promise.all([
          a.app.get(DailySummaryService).tick(),
          b.app.get(DailySummaryService).tick(),
        ]);
        expect(outcomes.sort()).toEqual(['already-sent', 'sent']);
        expect(smtp.mails).toHaveLength(1);
      } finally {
        await a.close();
        await b.close();
        await scratch.drop();
      }
    },
  );
});
