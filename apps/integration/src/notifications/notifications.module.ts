import { Module } from '@nestjs/common';
import { DailySummaryService } from './daily-summary.service.js';
import { NotificationsRepository } from './notifications.repository.js';
import { NotificationsScheduler } from './notifications.scheduler.js';

@Module({
  providers: [NotificationsRepository, DailySummaryService, NotificationsScheduler],
  exports: [DailySummaryService],
})
export class NotificationsModule {}
