import { Module } from '@nestjs/common';
import { BudgetsModule } from '../budgets/budgets.module.js';
import { CommitmentsModule } from '../commitments/commitments.module.js';
import { CompaniesModule } from '../companies/companies.module.js';
import { CostCodesModule } from '../cost-codes/cost-codes.module.js';
import { MailExportNotifier } from '../notifications/mail-export-notifier.js';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { PrimeContractsModule } from '../prime-contracts/prime-contracts.module.js';
import { ProjectsModule } from '../projects/projects.module.js';
import { SettingsModule } from '../settings/settings.module.js';
import { ExportScheduler } from './export.scheduler.js';
import { ExportItemsService } from './export-items.service.js';
import { ExportMetrics } from './export-metrics.js';
import { ExportPlansService } from './export-plans.service.js';
import { ExportProgress } from './export-progress.js';
import { ExportStreamService } from './export-stream.service.js';
import { ExportWorker } from './export-worker.service.js';
import { ExportsController } from './exports.controller.js';
import { ExportsRepository } from './exports.repository.js';
import { ExportsService } from './exports.service.js';
import { EXPORT_NOTIFIER } from './notifier.js';

@Module({
  imports: [
    ProjectsModule,
    CompaniesModule,
    CostCodesModule,
    BudgetsModule,
    CommitmentsModule,
    PrimeContractsModule,
    SettingsModule,
    NotificationsModule,
  ],
  controllers: [ExportsController],
  providers: [
    ExportsRepository,
    ExportItemsService,
    ExportPlansService,
    ExportWorker,
    ExportMetrics,
    ExportProgress,
    ExportStreamService,
    ExportsService,
    ExportScheduler,
    // COM-3: rejections are mailed to the item's creator and sender
    { provide: EXPORT_NOTIFIER, useExisting: MailExportNotifier },
  ],
  exports: [ExportsService, ExportWorker, ExportsRepository, EXPORT_NOTIFIER],
})
export class ExportsModule {}
