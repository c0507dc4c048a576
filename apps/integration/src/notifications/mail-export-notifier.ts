import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import type { ExportFinishedEvent, ExportNotifier, ExportRejectedEvent } from '../exports/notifier.js';
import type { Mailer } from '../platform/mail/mailer.js';
import { CLOCK, type Clock, LOGGER, MAILER } from '../platform/tokens.js';
import { UsersRepository } from '../users/users.repository.js';
import { itemLabel } from './daily-summary.js';
import { NotificationsRepository } from './notifications.repository.js';

/**
 * COM-3: a rejected item goes back to its creator (and to whoever sent it, when that is someone else) by e-mail,
 * with the approver's reason. A mail failure is logged and never undoes the rejection.
 */
@Injectable()
export class MailExportNotifier implements ExportNotifier {
  constructor(
    @Inject(NotificationsRepository) private readonly repo: NotificationsRepository,
    @Inject(UsersRepository) private readonly users: UsersRepository,
    @Inject(MAILER) private readonly mailer: Mailer,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async rejected(event: ExportRejectedEvent): Promise<void> {
    try {
      const creatorId = await this.repo.creatorOf(event.type, event.itemId);
      const ids = [...new Set([creatorId ?? event.sentById, event.sentById])];
      const people = (await Promise.all(ids.map((id) => this.users.findById(id)))).filter((u) => u?.email);
      const approver = await this.users.findById(event.rejectedById);
      const title = (await this.repo.requestTitle(event.requestId)) ?? event.itemId;
      const label = itemLabel(event.type);
      for (const person of people) {
        if (!person) continue;
        await this.mailer.send({
          to: [person.email],
          subject: `Rejected for Spectrum: ${label} ${title}`,
          text: [
            `Hello ${person.name},`,
            '',
            `${approver?.name ?? 'An accounting approver'} rejected ${label.toLowerCase()} "${title}" on ${this.clock
              .now()
              .toISOString()
              .slice(0, 10)}; it was not sent to Spectrum.`,
            '',
            `Reason: ${event.reason}`,
            '',
            'The item is editable again: correct it and send it to the ERP once more.',
            '',
          ].join('\n'),
        });
      }
    } catch (err) {
      this.logger.error({ err, exportRequestId: event.requestId }, 'the rejection e-mail could not be sent');
    }
  }

  async finished(event: ExportFinishedEvent): Promise<void> {
    this.logger.info({ exportRequestId: event.requestId, ...event }, `export ${event.state}`);
  }
}
