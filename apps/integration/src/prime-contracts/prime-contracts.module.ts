import { Module } from '@nestjs/common';
import { exporterProviders } from '../exports/exporter.js';
import { ProjectsModule } from '../projects/projects.module.js';
import { PrimeContractChangeOrderExporter } from './prime-contract-change-order.exporter.js';
import { PrimeContractsController } from './prime-contracts.controller.js';
import { PrimeContractsRepository } from './prime-contracts.repository.js';
import { PrimeContractsService } from './prime-contracts.service.js';

@Module({
  imports: [ProjectsModule],
  controllers: [PrimeContractsController],
  providers: [
    PrimeContractsRepository,
    PrimeContractsService,
    ...exporterProviders(PrimeContractChangeOrderExporter),
  ],
  exports: [PrimeContractsRepository],
})
export class PrimeContractsModule {}
