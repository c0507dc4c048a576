import { type Company, vendorPassesTypeFilter, vendorUpdatesForCompany } from '@bridge/rules';
import { Inject, Injectable } from '@nestjs/common';
import { AuditService } from '../../audit/audit.service.js';
import {
  CompaniesRepository,
  type CompanyFields,
  type CompanyRecord,
  companyView,
} from '../../companies/companies.repository.js';
import { type LinkRow, LinksRepository } from '../../links/links.repository.js';
import { IMPORT_TX, TransactionHost, type TxHost } from '../../platform/transactions.js';
import { IntegrationFactsService } from '../../settings/integration-facts.service.js';
import { SnapshotImporter } from '../../snapshots/snapshot-importer.js';
import { countChanges, errorText, rethrowSpectrum } from '../cost-codes/cost-codes-import.service.js';
import { goneFromSpectrum, type ImportRunContext, KIND } from '../import-context.js';
import { ImportsRepository } from '../imports.repository.js';

/** Links whose Spectrum record vanished keep their key and say so in `lastError`; a record that returns clears it. */
export async function markVanishedLinks(
  store: LinksRepository,
  what: string,
  links: readonly LinkRow[],
  index: Map<string, { vanished: boolean }>,
): Promise<void> {
  const back: string[] = [];
  for (const l of links) {
    if (!l.spectrumKey) continue;
    const e = index.get(l.spectrumKey);
    const msg = goneFromSpectrum(what, l.spectrumKey);
    if ((!e || e.vanished) && l.lastError !== msg) await store.setRowsError([l.id], msg);
    else if (e && !e.vanished && l.lastError === msg) back.push(l.id);
  }
  await store.setRowsError(back, null);
}

import { type VendorRow, vendorSyncedFields, withoutCompany } from '../spectrum-rows.js';

export function companyDomain(c: CompanyRecord, vendorCode: string | null): Company {
  return { ...companyView(c), vendorCode };
}

/**
 * The `vendors` sync group (SCH-1 b): the vendor master into the snapshot; new vendors whose type passes the filter
 * staged as Ready to Import (VEN-7; staged ones whose type left the filter are un-staged); linked companies refreshed
 * per GEN-4 (VEN-3, audited); links of vendors that left Spectrum keep their key and say so in `lastError`.
 */
@Injectable()
export class VendorsImportService {
  constructor(
    @Inject(TransactionHost) private readonly txHost: TxHost,
    @Inject(SnapshotImporter) private readonly importer: SnapshotImporter,
    @Inject(ImportsRepository) private readonly repo: ImportsRepository,
    @Inject(LinksRepository) private readonly links: LinksRepository,
    @Inject(CompaniesRepository) private readonly companies: CompaniesRepository,
    @Inject(IntegrationFactsService) private readonly facts: IntegrationFactsService,
    @Inject(AuditService) private readonly audit: AuditService,
  ) {}

  async run(ctx: ImportRunContext): Promise<void> {
    const rows = (await ctx.client.listVendorMaster().toArray()).map(withoutCompany);
    countChanges(
      ctx,
      await this.importer.import(
        KIND.vendor,
        (function* () {
          for (const r of rows) yield { key: r.vendorCode.trim(), data: r };
        })(),
        { keepChanges: false },
      ),
    );
    const facts = await this.facts.get();
    const links = await this.links.rowsOfType('vendor');
    const linkByKey = new Map(links.filter((l) => l.spectrumKey).map((l) => [l.spectrumKey as string, l]));
    // only the rows of linked vendors are looked up by key (the last row of a repeated key wins)
    const byKey = new Map<string, VendorRow>();
    for (const r of rows) {
      const key = r.vendorCode.trim();
      if (linkByKey.has(key)) byKey.set(key, r);
    }
    const index = await this.repo.snapshotIndex(KIND.vendor);

    // VEN-7: stage the vendors that pass the type filter; un-stage staged ones that no longer do
    const passes = (r: VendorRow) => vendorPassesTypeFilter(r.type, facts.vendorTypeFilter);
    const toStage = rows.filter((r) => passes(r) && !linkByKey.has(r.vendorCode.trim()));
    if (toStage.length)
      ctx.count(
        'created',
        await this.links.stage(
          'vendor',
          toStage.map((r) => r.vendorCode.trim()),
        ),
      );
    const toUnstage = links.filter((l) => {
      const r = l.spectrumKey ? byKey.get(l.spectrumKey) : undefined;
      return l.state === 'ready_to_import' && l.pmId === null && r !== undefined && !passes(r);
    });
    if (toUnstage.length)
      await this.links.unstage(
        'vendor',
        toUnstage.map((l) => l.spectrumKey as string),
      );

    await markVanishedLinks(this.links, 'Vendor', links, index);

    // VEN-3: Spectrum changes reach linked companies (auto_update only); the link remembers the applied version
    if (facts.settings.vendors !== 'auto_update') return;
    const stale = links.filter((l) => {
      if (l.state !== 'synced' || !l.pmId || !l.spectrumKey) return false;
      const e = index.get(l.spectrumKey);
      return e !== undefined && !e.vanished && e.hash !== l.lastSyncedHash;
    });
    if (stale.length === 0) return;
    const companies = await this.companies.findByIds(stale.map((l) => l.pmId as string));
    for (const l of stale) {
      const key = l.spectrumKey as string;
      const vendor = byKey.get(key);
      const company = companies.get(l.pmId as string);
      const hash = index.get(key)?.hash ?? null;
      if (!vendor || !company) continue;
      try {
        const changes = vendorUpdatesForCompany(
          companyDomain(company, key),
          vendorSyncedFields(vendor),
          facts.settings,
        );
        // a company always keeps a name
        if (changes.name === null) delete changes.name;
        await this.txHost.withTransaction(IMPORT_TX, async () => {
          if (Object.keys(changes).length > 0) {
            await this.companies.update(company.id, changes as Partial<CompanyFields>);
            const before = Object.fromEntries(
              Object.keys(changes).map((f) => [f, company[f as keyof CompanyRecord]]),
            );
            await this.audit.record({
              actorId: null,
              action: 'company.vendor_refresh',
              itemType: 'company',
              itemId: company.id,
              before,
              after: changes,
              note: `VEN-3: vendor ${key} changed in Spectrum (run ${ctx.runId})`,
            });
          }
          await this.links.updateRow(l.id, { lastSyncedHash: hash });
        });
        ctx.count('updated');
      } catch (e) {
        rethrowSpectrum(e);
        await ctx.fail('vendor', key, `Company ${company.id} not refreshed: ${errorText(e)}`);
      }
    }
  }
}
