import {
  checkCompanyExport,
  explainVendorCode,
  mapCompanyToAddVendor,
  normalizeKeyText,
  validateVendorCode,
} from '@bridge/rules';
import { Inject, Injectable } from '@nestjs/common';
import type { CheckContext, ExportCheck, Exporter, PlanContext, Prepared } from '../exports/exporter.js';
import { companyWideKey, freeKeyCheck } from '../exports/planning/key-plans.js';
import { CompaniesRepository } from './companies.repository.js';

/** VEN-1, VEN-2: a company becomes a Spectrum vendor. */
@Injectable()
export class CompanyExporter implements Exporter {
  readonly type = 'company' as const;
  readonly label = 'company';
  readonly keyKind = 'vendor' as const;
  readonly linkTypes = ['company', 'vendor'] as const;

  constructor(@Inject(CompaniesRepository) private readonly companies: CompaniesRepository) {}

  lock(id: string): Promise<void> {
    return this.companies.lock(id);
  }

  async check(id: string, _ctx: CheckContext): Promise<ExportCheck | null> {
    const c = await this.companies.loadDomain(id);
    return c ? { check: checkCompanyExport(c), snapshot: { ...c } } : null;
  }

  async prepare(id: string, ctx: PlanContext): Promise<Prepared | null> {
    const c = await this.companies.loadDomain(id);
    if (!c) return null;
    const base = normalizeKeyText(c.name).replace(/-/g, '').slice(0, 8);
    const keys = await companyWideKey(
      base,
      10,
      async (vendorCode) => (await ctx.client.listVendorMaster({ vendorCode }).toArray()).length > 0,
      ctx.typed,
    );
    return {
      kind: 'vendor',
      scope: {},
      ...keys,
      blockers: [],
      explain: (value) => explainVendorCode(c.name, value),
      validate: (value, taken) =>
        freeKeyCheck(
          validateVendorCode(value, { field: 'spectrumId', rule: 'VEN-2' }),
          value,
          taken,
          'VEN-2',
          'Vendor',
        ),
      build: (vendorCode) => ({
        spectrumKey: vendorCode,
        keyFields: { vendorCode },
        steps: [
          {
            name: `vendor ${vendorCode}`,
            service: 'AddVendor',
            input: mapCompanyToAddVendor(c, {
              companyCode: ctx.companyCode,
              vendorCode,
            }) as unknown as Record<string, string>,
          },
        ],
      }),
    };
  }
}
