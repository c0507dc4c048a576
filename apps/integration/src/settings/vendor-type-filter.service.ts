import { checkVendorTypeFilterChange, lockedVendorTypes } from '@bridge/rules';
import { Inject, Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service.js';
import { unprocessable } from '../platform/http/problem.js';
import { TransactionHost, type TxHost } from '../platform/transactions.js';
import { SettingsRepository } from './settings.repository.js';

export interface VendorTypeFilterView {
  /** The types that are imported; `locked` ones have synced data and cannot be removed (GEN-5). */
  types: { type: string; locked: boolean }[];
  /** Vendor types seen in Spectrum's vendor list at the last vendor sync. */
  knownTypes: string[];
}

const normType = (t: string) => t.trim().toUpperCase();

/** GEN-5, VEN-7: which Spectrum vendor types are imported (types with synced data cannot be removed). */
@Injectable()
export class VendorTypeFilterService {
  constructor(
    @Inject(TransactionHost) private readonly txHost: TxHost,
    @Inject(SettingsRepository) private readonly repo: SettingsRepository,
    @Inject(AuditService) private readonly audit: AuditService,
  ) {}

  async getVendorTypeFilter(): Promise<VendorTypeFilterView> {
    const [s, synced, known] = await Promise.all([
      this.repo.get(),
      this.repo.vendorTypesWithSyncedData(),
      this.repo.knownVendorTypes(),
    ]);
    return filterView(s.vendorTypeFilter, synced, known);
  }

  async updateVendorTypeFilter(actorId: string, types: readonly string[]): Promise<VendorTypeFilterView> {
    const next = [...new Set(types.map(normType))];
    const { filter, synced } = await this.txHost.withTransaction(async () => {
      const before = await this.repo.getForUpdate();
      const synced = await this.repo.vendorTypesWithSyncedData();
      const check = checkVendorTypeFilterChange({
        current: before.vendorTypeFilter,
        next: types,
        typesWithSyncedData: synced,
        knownTypes: await this.repo.knownVendorTypes(),
      });
      if (!check.ok) throw unprocessable('The vendor type filter cannot be changed this way.', check.reasons);
      const after = await this.repo.update({ vendorTypeFilter: next });
      if (JSON.stringify(before.vendorTypeFilter) !== JSON.stringify(after.vendorTypeFilter)) {
        await this.audit.record({
          actorId,
          action: 'settings.vendor_type_filter.update',
          itemType: 'settings',
          itemId: 'vendor_type_filter',
          before: { types: before.vendorTypeFilter },
          after: { types: after.vendorTypeFilter },
        });
      }
      return { filter: after.vendorTypeFilter, synced };
    });
    return filterView(filter, synced, await this.repo.knownVendorTypes());
  }
}

function filterView(filter: readonly string[], synced: readonly string[], known: readonly string[]) {
  const locked = new Set(lockedVendorTypes(filter, synced));
  return {
    types: filter.map((type) => ({ type, locked: locked.has(normType(type)) })),
    knownTypes: [...known],
  };
}
