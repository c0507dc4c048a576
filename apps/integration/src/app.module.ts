import { type DynamicModule, Module } from '@nestjs/common';
import { AuditModule } from './audit/audit.module.js';
import { AuthModule } from './auth/auth.module.js';
import { BudgetsModule } from './budgets/budgets.module.js';
import { CommitmentsModule } from './commitments/commitments.module.js';
import { CompaniesModule } from './companies/companies.module.js';
import { CostCodesModule } from './cost-codes/cost-codes.module.js';
import { DoctorModule } from './doctor/doctor.module.js';
import { ExportsModule } from './exports/exports.module.js';
import { HealthController } from './health/health.controller.js';
import { HealthRepository } from './health/health.repository.js';
import { ImportsModule } from './imports/imports.module.js';
import { LinksModule } from './links/links.module.js';
import { MailModule } from './mail/mail.module.js';
import { NotificationsModule } from './notifications/notifications.module.js';
import { type PlatformDeps, PlatformModule } from './platform/platform.module.js';
import { PrimeContractsModule } from './prime-contracts/prime-contracts.module.js';
import { ProjectsModule } from './projects/projects.module.js';
import { ReconciliationModule } from './reconciliation/reconciliation.module.js';
import { ReportsModule } from './reports/reports.module.js';
import { SessionsModule } from './sessions/sessions.module.js';
import { FactsModule } from './settings/facts.module.js';
import { SettingsModule } from './settings/settings.module.js';
import { SnapshotsModule } from './snapshots/snapshots.module.js';
import { SpectrumModule } from './spectrum/spectrum.module.js';
import { SyncModule } from './sync/sync.module.js';
import { UsersModule } from './users/users.module.js';

@Module({})
export class AppModule {
  static register(deps: PlatformDeps): DynamicModule {
    return {
      module: AppModule,
      imports: [
        PlatformModule.register(deps),
        SessionsModule,
        AuthModule,
        AuditModule,
        LinksModule,
        FactsModule,
        SnapshotsModule,
        UsersModule,
        // feature modules
        ReportsModule,
        ReconciliationModule,
        NotificationsModule,
        MailModule,
        PrimeContractsModule,
        CommitmentsModule,
        ImportsModule,
        SettingsModule,
        SpectrumModule,
        DoctorModule,
        SyncModule,
        ProjectsModule,
        CompaniesModule,
        CostCodesModule,
        BudgetsModule,
        ExportsModule,
      ],
      controllers: [HealthController],
      providers: [HealthRepository],
    };
  }
}
