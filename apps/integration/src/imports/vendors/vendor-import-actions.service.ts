import { Inject, Injectable } from '@nestjs/common';
import type { AuthUser } from '../../auth/auth-user.js';
import { CompaniesRepository, companyView } from '../../companies/companies.repository.js';
import { LinksRepository } from '../../links/links.repository.js';
import { conflict, notFound } from '../../platform/http/problem.js';
import { CLOCK, type Clock } from '../../platform/tokens.js';
import { IMPORT_TX, TransactionHost, type TxHost } from '../../platform/transactions.js';
import { isUniqueViolation } from '../../projects/pm-edits.js';
import {
  type ActionResult,
  actionResult,
  assertOk,
  ImportActionLinks,
  linkChange,
} from '../import-actions.js';
import { ImportableChecks } from '../importable-checks.js';
import { companyFieldsOf } from '../spectrum-rows.js';
import { companyDomain } from './vendors-import.service.js';

/** The Ready to Import actions of a staged Spectrum vendor (API-1): a new company, or a link to an existing one. */
@Injectable()
export class VendorImportActionsService {
  constructor(
    @Inject(TransactionHost) private readonly txHost: TxHost,
    @Inject(ImportActionLinks) private readonly actions: ImportActionLinks,
    @Inject(LinksRepository) private readonly links: LinksRepository,
    @Inject(CompaniesRepository) private readonly companies: CompaniesRepository,
    @Inject(ImportableChecks) private readonly checks: ImportableChecks,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** VEN-1 (a): a new directory company from the vendor, linked to it. */
  async importVendor(id: string, actor: AuthUser): Promise<ActionResult> {
    return this.txHost.withTransaction(IMPORT_TX, async () => {
      const link = await this.actions.locked(id, 'vendor');
      if (link.state === 'synced' && link.pmId) return actionResult(link, false, { companyId: link.pmId });
      const f = await this.checks.vendorFacts(link);
      assertOk(
        this.checks.vendorChecks(link, f).importVendor,
        `Vendor ${link.spectrumKey} cannot be imported.`,
      );
      const now = this.clock.now();
      const vendor = f.vendor as NonNullable<typeof f.vendor>;
      const company = companyView(
        await this.companies.create({ ...companyFieldsOf(vendor), isCustomer: false }, now),
      );
      const done = await this.actions.markSynced(
        actor,
        link,
        { pmId: company.id, hash: f.hash, at: now },
        (done) => ({
          action: 'import.vendor',
          itemType: 'company',
          itemId: company.id,
          ...linkChange(link, done, { vendorCode: link.spectrumKey, company }),
        }),
      );
      return actionResult(done, true, { companyId: company.id, company });
    });
  }

  /**
   * VEN-1 (b), VEN-6: links the vendor to an existing directory company. The company keeps its values; later
   * Spectrum changes reach it per GEN-4 (VEN-3).
   */
  async linkVendor(id: string, companyId: string, actor: AuthUser): Promise<ActionResult> {
    try {
      return await this.txHost.withTransaction(IMPORT_TX, async () => {
        const link = await this.actions.locked(id, 'vendor');
        const company = await this.companies.findById(companyId);
        if (!company) throw notFound('Company', companyId);
        if (link.state === 'synced' && link.pmId === companyId)
          return actionResult(link, false, { companyId, linked: false });
        const own = (await this.links.rowsOfPmItems(['vendor', 'company'], [companyId])).find(
          (l) => l.state !== 'unlinked' && l.spectrumKey && l.id !== link.id,
        );
        const f = await this.checks.vendorFacts(link);
        assertOk(
          this.checks.vendorChecks(link, f, { id: company.id, vendorCode: own?.spectrumKey ?? null })
            .linkVendor,
          `Vendor ${link.spectrumKey} cannot be linked to company ${companyId}.`,
        );
        const done = await this.actions.markSynced(
          actor,
          link,
          { pmId: company.id, hash: f.hash, at: this.clock.now() },
          (done) => ({
            action: 'link.vendor',
            itemType: 'company',
            itemId: company.id,
            ...linkChange(link, done, {
              vendorCode: link.spectrumKey,
              company: companyDomain(company, link.spectrumKey),
            }),
          }),
        );
        // VEN-1: the company existed already; nothing was created, the link is new
        return actionResult(done, false, { companyId: company.id, linked: true });
      });
    } catch (e) {
      // VEN-6: a concurrent request linked the company to another vendor (one link per company and type)
      if (isUniqueViolation(e))
        throw conflict(
          'company-already-linked',
          `Company ${companyId} is already linked to a Spectrum vendor.`,
          'companyId',
        );
      throw e;
    }
  }
}
