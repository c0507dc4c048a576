import { authorize } from '@bridge/rules';
import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import type { Mailer } from '../platform/mail/mailer.js';
import { CLOCK, type Clock, LOGGER, MAILER } from '../platform/tokens.js';
import { UsersRepository } from '../users/users.repository.js';
import { DAILY_SUMMARY_SUBJECT, dailySummaryText } from './daily-summary.js';
import { NotificationsRepository } from './notifications.repository.js';

/** The hour (UTC) from which the day's summary goes out: 13:00 UTC is morning across the Americas. */
export const DAILY_SUMMARY_HOUR_UTC = 13;

export type SummaryOutcome =
  | 'sent'
  | 'nothing-waiting'
  | 'already-sent'
  | 'too-early'
  | 'no-approvers'
  | 'failed';

/**
 * APP-5: once a day, when at least one item awaits acceptance (or, VER-5, an export was found changed in Spectrum),
 * each accounting approver gets one "ERP Integrations Daily Summary". Ticks every hour; the first tick at or after the summary hour claims the day in
 * the database, so several instances send it once.
 */
@Injectable()
export class DailySummaryService {
  constructor(
    @Inject(NotificationsRepository) private readonly repo: NotificationsRepository,
    @Inject(UsersRepository) private readonly users: UsersRepository,
    @Inject(MAILER) private readonly mailer: Mailer,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async tick(): Promise<SummaryOutcome> {
    const now = this.clock.now();
    if (now.getUTCHours() < DAILY_SUMMARY_HOUR_UTC) return 'too-early';
    const waiting = await this.repo.waitingExports();
    // VER-5: drift found by the read-backs is reported too, even on a day nothing waits
    const drifted = await this.repo.driftedExports();
    if (waiting.length === 0 && drifted.length === 0) return 'nothing-waiting';
    const all = await this.users.listAll();
    const approvers = all.filter((u) => authorize(u, 'accept').ok && u.email);
    if (approvers.length === 0) {
      this.logger.warn(
        { waiting: waiting.length },
        'items wait for acceptance but no user is an accounting approver',
      );
      return 'no-approvers';
    }
    const day = now.toISOString().slice(0, 10);
    if (!(await this.repo.claimDay(day, waiting.length + drifted.length, now))) return 'already-sent';
    const senders = new Map(all.map((u) => [u.id, u.name]));
    let sent = 0;
    for (const approver of approvers) {
      try {
        await this.mailer.send({
          to: [approver.email],
          subject: DAILY_SUMMARY_SUBJECT,
          text: dailySummaryText({ approverName: approver.name, waiting, drifted, senders }),
        });
        sent++;
      } catch (err) {
        this.logger.error({ err, to: approver.email }, 'the daily summary could not be sent to an approver');
      }
    }
    if (sent === 0) {
      await this.repo.releaseDay(day);
      return 'failed';
    }
    return 'sent';
  }
}
