import { DEFAULT_GENERAL_SETTINGS, type IntegrationFacts } from '@bridge/rules';
import { Inject, Injectable } from '@nestjs/common';
import { SettingsRepository } from './settings.repository.js';

/**
 * The integration-wide facts most eligibility checks need (connection, the Spectrum cost code list, the template
 * job, GEN-4 settings), read from the settings singleton. Read-only: the settings feature writes them.
 */
@Injectable()
export class IntegrationFactsService {
  constructor(@Inject(SettingsRepository) private readonly settings: SettingsRepository) {}

  async get(): Promise<IntegrationFacts & { vendorTypeFilter: string[]; companyCode: string | null }> {
    const s = await this.settings.find();
    if (!s) {
      return {
        connectedAt: null,
        connected: false,
        standardCostCodeListId: null,
        templateJob: null,
        settings: { ...DEFAULT_GENERAL_SETTINGS },
        vendorTypeFilter: [],
        companyCode: null,
      };
    }
    return {
      connectedAt: s.connectedAt?.toISOString() ?? null,
      connected: s.connectionStatus === 'connected',
      standardCostCodeListId: s.standardCostCodeListId,
      templateJob: s.templateJob,
      settings: { ...s.general },
      vendorTypeFilter: s.vendorTypeFilter,
      companyCode: s.companyCode,
    };
  }
}
