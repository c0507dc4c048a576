import { Inject, Injectable } from '@nestjs/common';
import type { SyncJob, SyncJobContext } from '../sync/sync-job.js';
import { CostCodesImportService } from './cost-codes/cost-codes-import.service.js';
import { JobsImportService } from './jobs/jobs-import.service.js';
import { VendorsImportService } from './vendors/vendors-import.service.js';

/** SCH-1 (a): standard and project cost codes, cost types, job phases, job costs and budget importables. */
@Injectable()
export class CostCodesSyncJob implements SyncJob {
  readonly group = 'cost_codes' as const;
  readonly name = 'cost codes import';
  constructor(@Inject(CostCodesImportService) private readonly service: CostCodesImportService) {}
  run(ctx: SyncJobContext): Promise<void> {
    return this.service.run(ctx);
  }
}

/** SCH-1 (b): the vendor list (VEN-3, VEN-7). */
@Injectable()
export class VendorsSyncJob implements SyncJob {
  readonly group = 'vendors' as const;
  readonly name = 'vendors import';
  constructor(@Inject(VendorsImportService) private readonly service: VendorsImportService) {}
  run(ctx: SyncJobContext): Promise<void> {
    return this.service.run(ctx);
  }
}

/** SCH-1 (c): the job list and prime contracts (JOB-1, PC). */
@Injectable()
export class JobsSyncJob implements SyncJob {
  readonly group = 'jobs' as const;
  readonly name = 'jobs import';
  constructor(@Inject(JobsImportService) private readonly service: JobsImportService) {}
  run(ctx: SyncJobContext): Promise<void> {
    return this.service.run(ctx);
  }
}
