import { Module } from '@nestjs/common';
import { exporterProviders } from '../exports/exporter.js';
import { ProjectExporter } from './project.exporter.js';
import { ProjectsController } from './projects.controller.js';
import { ProjectsRepository } from './projects.repository.js';
import { ProjectsService } from './projects.service.js';

@Module({
  controllers: [ProjectsController],
  providers: [ProjectsRepository, ProjectsService, ...exporterProviders(ProjectExporter)],
  exports: [ProjectsRepository],
})
export class ProjectsModule {}
