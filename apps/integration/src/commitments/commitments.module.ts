import { Module } from '@nestjs/common';
import { CompaniesModule } from '../companies/companies.module.js';
import { CostCodesModule } from '../cost-codes/cost-codes.module.js';
import { ProjectsModule } from '../projects/projects.module.js';
import { CommitmentChangeOrdersService } from './commitment-change-orders.service.js';
import { CommitmentsController } from './commitments.controller.js';
import { CommitmentsRepository } from './commitments.repository.js';
import { CommitmentsService } from './commitments.service.js';

@Module({
  imports: [ProjectsModule, CompaniesModule, CostCodesModule],
  controllers: [CommitmentsController],
  providers: [CommitmentsRepository, CommitmentsService, CommitmentChangeOrdersService],
  exports: [CommitmentsRepository],
})
export class CommitmentsModule {}
