import {
  DEFAULT_GENERAL_SETTINGS,
  type GeneralSettings,
  type IntegrationFacts,
  type TemplateJob,
} from '@bridge/rules';
import { Inject, Injectable } from '@nestjs/common';
import type { PrismaClient } from '../generated/prisma/client.js';
import { PRISMA } from '../platform/tokens.js';

/**
 * The integration-wide facts most eligibility checks need (connection, the Spectrum cost code list, the template
 * job, GEN-4 settings), read from the settings singleton. Read-only: the settings feature writes them.
 */
@Injectable()
export class IntegrationFactsService {
  constructor(@Inject(PRISMA) private readonly db: PrismaClient) {}

  async get(): Promise<IntegrationFacts & { vendorTypeFilter: string[]; companyCode: string | null }> {
    const s = await this.db.integrationSettings.findUnique({ where: { id: 1 } });
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
    const settings: GeneralSettings = {
      usePmContractNumber: s.usePmContractNumber,
      usePmChangeOrderNumber: s.usePmChangeOrderNumber,
      autoAddCostCodesToBudgets: s.autoAddCostCodes,
      budgetDirectCosts: s.budgetDirectCosts as GeneralSettings['budgetDirectCosts'],
      vendors: s.vendorUpdates as GeneralSettings['vendors'],
    };
    return {
      connectedAt: s.connectedAt?.toISOString() ?? null,
      connected: s.connectionStatus === 'connected',
      standardCostCodeListId: s.standardCostCodeListId,
      templateJob: (s.templateJob as TemplateJob | null) ?? null,
      settings,
      vendorTypeFilter: s.vendorTypeFilter,
      companyCode: s.companyCode,
    };
  }
}
