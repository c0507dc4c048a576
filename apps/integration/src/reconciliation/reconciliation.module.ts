import { Module } from '@nestjs/common';
import { BudgetsModule } from '../budgets/budgets.module.js';
import { CommitmentsModule } from '../commitments/commitments.module.js';
import { PrimeContractsModule } from '../prime-contracts/prime-contracts.module.js';
import { ProjectsModule } from '../projects/projects.module.js';
import { PmSideReader } from './pm-side.reader.js';
import { ReconciliationController } from './reconciliation.controller.js';
import { ReconciliationService } from './reconciliation.service.js';

@Module({
  imports: [ProjectsModule, BudgetsModule, CommitmentsModule, PrimeContractsModule],
  providers: [ReconciliationService, PmSideReader],
  controllers: [ReconciliationController],
})
export class ReconciliationModule {}
