import { Module } from '@nestjs/common';
import { ProjectsModule } from '../projects/projects.module.js';
import { PrimeContractsController } from './prime-contracts.controller.js';
import { PrimeContractsRepository } from './prime-contracts.repository.js';
import { PrimeContractsService } from './prime-contracts.service.js';

@Module({
  imports: [ProjectsModule],
  controllers: [PrimeContractsController],
  providers: [PrimeContractsRepository, PrimeContractsService],
  exports: [PrimeContractsRepository],
})
export class PrimeContractsModule {}
