import { Module } from '@nestjs/common';
import { ReportsController } from './reports.controller.js';
import { ReportsRepository } from './reports.repository.js';

@Module({ providers: [ReportsRepository], controllers: [ReportsController] })
export class ReportsModule {}
