import { Module } from '@nestjs/common';
import { ProjectsModule } from '../projects/projects.module.js';
import { BudgetsController } from './budgets.controller.js';
import { BudgetsRepository } from './budgets.repository.js';
import { BudgetsService } from './budgets.service.js';

@Module({
  imports: [ProjectsModule],
  controllers: [BudgetsController],
  providers: [BudgetsRepository, BudgetsService],
  exports: [BudgetsRepository],
})
export class BudgetsModule {}
