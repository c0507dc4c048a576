import { Module } from '@nestjs/common';
import { exporterProviders } from '../exports/exporter.js';
import { PrimeContractsModule } from '../prime-contracts/prime-contracts.module.js';
import { ProjectsModule } from '../projects/projects.module.js';
import { BudgetChangeExporter, BudgetExporter, ForecastExporter } from './budget.exporters.js';
import { BudgetChangesService } from './budget-changes.service.js';
import { BudgetContext } from './budget-context.js';
import { BudgetsController } from './budgets.controller.js';
import { BudgetsRepository } from './budgets.repository.js';
import { BudgetsService } from './budgets.service.js';

@Module({
  imports: [ProjectsModule, PrimeContractsModule],
  controllers: [BudgetsController],
  providers: [
    BudgetsRepository,
    BudgetContext,
    BudgetsService,
    BudgetChangesService,
    ...exporterProviders(BudgetExporter, ForecastExporter, BudgetChangeExporter),
  ],
  exports: [BudgetsRepository],
})
export class BudgetsModule {}
