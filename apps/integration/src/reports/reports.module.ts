import { Module } from '@nestjs/common';
import { AccountantReportService } from './accountant-report.service.js';
import { ReportsController } from './reports.controller.js';
import { ReportsRepository } from './reports.repository.js';

@Module({ providers: [ReportsRepository, AccountantReportService], controllers: [ReportsController] })
export class ReportsModule {}
