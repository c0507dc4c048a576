import { Module } from '@nestjs/common';
import { exporterProviders } from '../exports/exporter.js';
import { CompaniesController } from './companies.controller.js';
import { CompaniesRepository } from './companies.repository.js';
import { CompaniesService } from './companies.service.js';
import { CompanyExporter } from './company.exporter.js';

@Module({
  controllers: [CompaniesController],
  providers: [CompaniesRepository, CompaniesService, ...exporterProviders(CompanyExporter)],
  exports: [CompaniesRepository],
})
export class CompaniesModule {}
