import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { ScheduleModule } from '@nestjs/schedule';
import { SyncController } from './sync.controller.js';
import { SyncRepository } from './sync.repository.js';
import { SyncScheduler } from './sync.scheduler.js';
import { SyncService } from './sync.service.js';
import { SyncJobRegistry } from './sync-job.registry.js';
import { SyncMetrics } from './sync-metrics.js';
import { SyncPreviewService } from './sync-preview.service.js';
import { SyncRunStreamService } from './sync-run-stream.service.js';
import { SyncScheduleService } from './sync-schedule.service.js';

/**
 * SCH-1 … SCH-5. Registers `ScheduleModule.forRoot()` for the whole service (other features inject
 * `SchedulerRegistry`; do not call `forRoot()` again). Import jobs plug in through `SYNC_JOBS` (see sync-job.ts).
 */
@Module({
  imports: [ScheduleModule.forRoot(), DiscoveryModule],
  providers: [
    SyncPreviewService,
    SyncRepository,
    SyncJobRegistry,
    SyncScheduleService,
    SyncService,
    SyncScheduler,
    SyncRunStreamService,
    SyncMetrics,
  ],
  controllers: [SyncController],
  exports: [SyncService, SyncScheduleService, SyncJobRegistry],
})
export class SyncModule {}
