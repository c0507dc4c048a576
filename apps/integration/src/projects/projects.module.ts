import { Module } from '@nestjs/common';
import { exporterProviders } from '../exports/exporter.js';
import { ProjectExporter } from './project.exporter.js';
import { ProjectCostCodesRepository } from './project-cost-codes.repository.js';
import { ProjectsController } from './projects.controller.js';
import { ProjectsRepository } from './projects.repository.js';
import { ProjectsService } from './projects.service.js';

@Module({
  controllers: [ProjectsController],
  providers: [
    ProjectsRepository,
    ProjectCostCodesRepository,
    ProjectsService,
    ...exporterProviders(ProjectExporter),
  ],
  exports: [ProjectsRepository, ProjectCostCodesRepository],
})
export class ProjectsModule {}
