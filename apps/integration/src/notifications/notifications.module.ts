import { Module } from '@nestjs/common';
import { DailySummaryService } from './daily-summary.service.js';
import { MailExportNotifier } from './mail-export-notifier.js';
import { NotificationsRepository } from './notifications.repository.js';
import { NotificationsScheduler } from './notifications.scheduler.js';

@Module({
  providers: [NotificationsRepository, DailySummaryService, NotificationsScheduler, MailExportNotifier],
  exports: [DailySummaryService, MailExportNotifier],
})
export class NotificationsModule {}
