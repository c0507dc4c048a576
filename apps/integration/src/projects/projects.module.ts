import { Module } from '@nestjs/common';
import { ProjectCostCodesRepository } from './project-cost-codes.repository.js';
import { ProjectsController } from './projects.controller.js';
import { ProjectsRepository } from './projects.repository.js';
import { ProjectsService } from './projects.service.js';

@Module({
  controllers: [ProjectsController],
  providers: [ProjectsRepository, ProjectCostCodesRepository, ProjectsService],
  exports: [ProjectsRepository, ProjectCostCodesRepository],
})
export class ProjectsModule {}
