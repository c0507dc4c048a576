import { Global, Module } from '@nestjs/common';
import { IntegrationFactsService } from './integration-facts.service.js';

@Global()
@Module({ providers: [IntegrationFactsService], exports: [IntegrationFactsService] })
export class FactsModule {}
