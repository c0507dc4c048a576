import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { MailExportNotifier } from '../notifications/mail-export-notifier.js';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { SettingsModule } from '../settings/settings.module.js';
import { ExportScheduler } from './export.scheduler.js';
import { ExportAcceptService } from './export-accept.service.js';
import { ExportErrorPolicy } from './export-error-policy.js';
import { ExportFinisher } from './export-finisher.js';
import { ExportItemsService } from './export-items.service.js';
import { ExportLeasesRepository } from './export-leases.repository.js';
import { ExportMetrics } from './export-metrics.js';
import { ExportPlansService } from './export-plans.service.js';
import { ExportPreviewService } from './export-preview.service.js';
import { ExportProgress } from './export-progress.js';
import { ExportQueriesService } from './export-queries.service.js';
import { ExportStreamService } from './export-stream.service.js';
import { ExportWorker } from './export-worker.service.js';
import { ExporterRegistry } from './exporter.registry.js';
import { ExportsController } from './exports.controller.js';
import { ExportsRepository } from './exports.repository.js';
import { ExportsService } from './exports.service.js';
import { EXPORT_NOTIFIER } from './notifier.js';
import { ExportVerifier } from './verification/export-verifier.service.js';
import { VerificationRunsController } from './verification/verification-runs.controller.js';
import { VerificationRunsRepository } from './verification/verification-runs.repository.js';
import { VerificationRunsService } from './verification/verification-runs.service.js';

@Module({
  imports: [DiscoveryModule, SettingsModule, NotificationsModule],
  controllers: [ExportsController, VerificationRunsController],
  providers: [
    ExportsRepository,
    ExportLeasesRepository,
    ExportItemsService,
    ExportPlansService,
    ExportWorker,
    ExportFinisher,
    ExportErrorPolicy,
    ExportVerifier,
    VerificationRunsRepository,
    VerificationRunsService,
    ExportMetrics,
    ExportProgress,
    ExportStreamService,
    ExportsService,
    ExportAcceptService,
    ExportQueriesService,
    ExportPreviewService,
    ExporterRegistry,
    ExportScheduler,
    // COM-3: rejections are mailed to the item's creator and sender
    { provide: EXPORT_NOTIFIER, useExisting: MailExportNotifier },
  ],
  exports: [ExportsService, ExportWorker, ExportsRepository, EXPORT_NOTIFIER],
})
export class ExportsModule {}
