import { Module } from '@nestjs/common';
import { CompaniesModule } from '../companies/companies.module.js';
import { CostCodesModule } from '../cost-codes/cost-codes.module.js';
import { exporterProviders } from '../exports/exporter.js';
import { PrimeContractsModule } from '../prime-contracts/prime-contracts.module.js';
import { ProjectsModule } from '../projects/projects.module.js';
import { CommitmentExporter } from './commitment.exporter.js';
import { CommitmentChangeOrderExporter } from './commitment-change-order.exporter.js';
import { CommitmentChangeOrdersService } from './commitment-change-orders.service.js';
import { CommitmentsController } from './commitments.controller.js';
import { CommitmentsRepository } from './commitments.repository.js';
import { CommitmentsService } from './commitments.service.js';

@Module({
  imports: [ProjectsModule, CompaniesModule, CostCodesModule, PrimeContractsModule],
  controllers: [CommitmentsController],
  providers: [
    CommitmentsRepository,
    CommitmentsService,
    CommitmentChangeOrdersService,
    ...exporterProviders(CommitmentExporter, CommitmentChangeOrderExporter),
  ],
  exports: [CommitmentsRepository],
})
export class CommitmentsModule {}
