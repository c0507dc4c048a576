import { Global, Module } from '@nestjs/common';
import { AuditController } from './audit.controller.js';
import { AuditRepository } from './audit.repository.js';
import { AuditService } from './audit.service.js';

@Global()
@Module({
  providers: [AuditRepository, AuditService],
  controllers: [AuditController],
  exports: [AuditService],
})
export class AuditModule {}
