import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { LOGGER } from '../platform/tokens.js';

/** Provided under `EXPORT_NOTIFIER`: who hears about queue decisions (COM-3: the creator learns of a rejection). */
export const EXPORT_NOTIFIER = Symbol('EXPORT_NOTIFIER');

export interface ExportRejectedEvent {
  requestId: string;
  type: string;
  itemId: string;
  sentById: string;
  rejectedById: string;
  reason: string;
}

export interface ExportFinishedEvent {
  requestId: string;
  type: string;
  itemId: string;
  state: 'synced' | 'failed';
  spectrumKey: string | null;
  error: string | null;
}

/** The hook the mail feature implements (COM-3 e-mail to the sender); the default only logs. */
export interface ExportNotifier {
  rejected(event: ExportRejectedEvent): Promise<void>;
  finished(event: ExportFinishedEvent): Promise<void>;
}

@Injectable()
export class LoggingExportNotifier implements ExportNotifier {
  constructor(@Inject(LOGGER) private readonly logger: Logger) {}

  async rejected(event: ExportRejectedEvent): Promise<void> {
    this.logger.info(
      { exportRequestId: event.requestId, ...event },
      'export request rejected: the sender is to be notified',
    );
  }

  async finished(event: ExportFinishedEvent): Promise<void> {
    this.logger.info({ exportRequestId: event.requestId, ...event }, `export ${event.state}`);
  }
}
