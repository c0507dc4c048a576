import { Module } from '@nestjs/common';
import { BudgetsModule } from '../budgets/budgets.module.js';
import { CompaniesModule } from '../companies/companies.module.js';
import { PrimeContractsModule } from '../prime-contracts/prime-contracts.module.js';
import { ProjectsModule } from '../projects/projects.module.js';
import { provideSyncJobs } from '../sync/sync-job.js';
import { BudgetImportActionsService } from './budgets/budget-import-actions.service.js';
import { CostCodesImportService } from './cost-codes/cost-codes-import.service.js';
import { ProjectCostCodesSync } from './cost-codes/project-cost-codes.sync.js';
import { ImportActionLinks } from './import-actions.js';
import { CostCodesSyncJob, JobsSyncJob, VendorsSyncJob } from './import-sync-jobs.js';
import { ImportableChecks } from './importable-checks.js';
import { ImportablesController } from './importables.controller.js';
import { ImportablesService } from './importables.service.js';
import { ImportsRepository } from './imports.repository.js';
import { JobImportActionsService } from './jobs/job-import-actions.service.js';
import { JobsImportService } from './jobs/jobs-import.service.js';
import { PrimeContractImportActionsService } from './prime-contracts/prime-contract-import-actions.service.js';
import { VendorImportActionsService } from './vendors/vendor-import-actions.service.js';
import { VendorsImportService } from './vendors/vendors-import.service.js';

/** Spectrum → PM imports: the three sync groups' import work, the Ready to Import list and its actions. */
@Module({
  imports: [CompaniesModule, PrimeContractsModule, ProjectsModule, BudgetsModule],
  controllers: [ImportablesController],
  providers: [
    ImportsRepository,
    ImportableChecks,
    ProjectCostCodesSync,
    CostCodesImportService,
    VendorsImportService,
    JobsImportService,
    ImportablesService,
    ImportActionLinks,
    JobImportActionsService,
    VendorImportActionsService,
    BudgetImportActionsService,
    PrimeContractImportActionsService,
    ...provideSyncJobs(CostCodesSyncJob, VendorsSyncJob, JobsSyncJob),
  ],
  exports: [CostCodesImportService, VendorsImportService, JobsImportService, ImportsRepository],
})
export class ImportsModule {}
