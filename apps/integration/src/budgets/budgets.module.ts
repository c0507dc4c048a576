import { Module } from '@nestjs/common';
import { ProjectsModule } from '../projects/projects.module.js';
import { BudgetChangesService } from './budget-changes.service.js';
import { BudgetContext } from './budget-context.js';
import { BudgetsController } from './budgets.controller.js';
import { BudgetsRepository } from './budgets.repository.js';
import { BudgetsService } from './budgets.service.js';

@Module({
  imports: [ProjectsModule],
  controllers: [BudgetsController],
  providers: [BudgetsRepository, BudgetContext, BudgetsService, BudgetChangesService],
  exports: [BudgetsRepository],
})
export class BudgetsModule {}
