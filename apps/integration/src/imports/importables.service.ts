import { type ImportableType, type ItemType, type SyncState, suggestVendorMatches } from '@bridge/rules';
import { Inject, Injectable } from '@nestjs/common';
import { CompaniesRepository, type CompanyRecord } from '../companies/companies.repository.js';
import { type SyncFields, syncFields } from '../links/item-view.js';
import { type LinkRow, LinksRepository, type LinkView } from '../links/links.repository.js';
import { decodeCursor, type Page, toPage } from '../platform/http/pagination.js';
import { notFound } from '../platform/http/problem.js';
import { IntegrationFactsService } from '../settings/integration-facts.service.js';
import { KIND } from './import-context.js';
import { ImportableChecks } from './importable-checks.js';
import { ImportsRepository } from './imports.repository.js';
import { MatchCandidatesCache } from './match-candidates-cache.js';
import { type JobRow, type VendorRow, vendorSyncedFields } from './spectrum-rows.js';

/** The types the Ready to Import list holds (cost codes are applied by the sync itself, WBS-1/WBS-3). */
export const LISTED_TYPES = [
  'job',
  'vendor',
  'budget',
  'prime_contract',
] as const satisfies readonly ImportableType[];

export type ImportableItem = SyncFields & {
  id: string;
  pmId: string | null;
  spectrum: Record<string, unknown> | null;
  [extra: string]: unknown;
};

const view = (l: LinkRow): LinkView => ({
  id: l.id,
  type: l.type as ItemType,
  pmId: l.pmId,
  spectrumKey: l.spectrumKey,
  state: l.state,
  lastSyncedHash: l.lastSyncedHash,
  lastSyncedValues: null,
  lastError: l.lastError,
  lastSyncedAt: l.lastSyncedAt,
});

/** The Ready to Import list (API-4, API-5): staged and imported Spectrum records with what can be done with them. */
@Injectable()
export class ImportablesService {
  constructor(
    @Inject(ImportsRepository) private readonly repo: ImportsRepository,
    @Inject(LinksRepository) private readonly links: LinksRepository,
    @Inject(CompaniesRepository) private readonly companies: CompaniesRepository,
    @Inject(ImportableChecks) private readonly checks: ImportableChecks,
    @Inject(IntegrationFactsService) private readonly facts: IntegrationFactsService,
  ) {}

  /** The companies of "link to existing", prepared for matching while they stay the same (VEN-1). */
  private readonly candidates = new MatchCandidatesCache();

  async list(q: {
    type?: ImportableType;
    state?: SyncState;
    limit: number;
    cursor?: string;
  }): Promise<Page<ImportableItem>> {
    const types = q.type
      ? (LISTED_TYPES as readonly string[]).includes(q.type)
        ? [q.type]
        : []
      : LISTED_TYPES;
    if (types.length === 0) return { items: [], nextCursor: null };
    const rows = await this.links.pageRows(
      { types: types as ItemType[], ...(q.state ? { state: q.state } : {}) },
      decodeCursor(q.cursor),
      q.limit + 1,
    );
    const page = toPage(rows, q.limit, (r) => r);
    const ctx = await this.context(page.items);
    const items: ImportableItem[] = [];
    for (const l of page.items) items.push(await this.item(l, ctx));
    return { items, nextCursor: page.nextCursor };
  }

  async get(id: string): Promise<ImportableItem> {
    const l = await this.links.row(id);
    if (!l?.spectrumKey || !(LISTED_TYPES as readonly string[]).includes(l.type))
      throw notFound('Importable', id);
    return this.item(l, await this.context([l]));
  }

  /**
   * What the items of one page need, read once for the page (API-8: no statement per row): the job and vendor
   * snapshot records of the page, which of its jobs are another job's master job, the template job, and (for staged
   * vendors) the companies a vendor may match.
   */
  private async context(links: readonly LinkRow[]) {
    const keys = (type: string) =>
      links.filter((l) => l.type === type && l.spectrumKey).map((l) => l.spectrumKey as string);
    const jobKeys = keys('job');
    const vendorKeys = keys('vendor');
    const needsCompanies = links.some((l) => l.type === 'vendor' && l.state === 'ready_to_import');
    const [candidates, masters, templateJobNumber, jobs, vendors] = await Promise.all([
      needsCompanies ? this.companies.unlinked(5000) : ([] as CompanyRecord[]),
      jobKeys.length ? this.repo.masterJobsAmong(jobKeys) : new Set<string>(),
      jobKeys.length ? this.facts.get().then((f) => f.templateJob?.jobNumber ?? null) : null,
      jobKeys.length ? this.repo.snapshotRecords<JobRow>(KIND.job, jobKeys) : new Map(),
      vendorKeys.length ? this.repo.snapshotRecords<VendorRow>(KIND.vendor, vendorKeys) : new Map(),
    ]);
    // each company's name, phones and address prepared once for every staged vendor of the page, and kept for the
    // next pages while the companies stay the same (VEN-1)
    const matchable = this.candidates.for(candidates);
    return { candidates: matchable, masters, templateJobNumber, jobs, vendors };
  }

  private async item(
    l: LinkRow,
    ctx: Awaited<ReturnType<ImportablesService['context']>>,
  ): Promise<ImportableItem> {
    const base = { id: l.id, pmId: l.state === 'unlinked' ? null : l.pmId };
    switch (l.type) {
      case 'job': {
        const f = await this.checks.jobFacts(
          l,
          ctx.templateJobNumber,
          ctx.jobs.get(l.spectrumKey as string) ?? null,
        );
        const j = f.job;
        const masterJob = j?.masterJob.trim() || null;
        return {
          ...base,
          ...syncFields('job', view(l), this.checks.jobChecks(l, f)),
          spectrum: j
            ? {
                jobNumber: j.jobNumber,
                description: j.jobDescription,
                statusCode: j.statusCode,
                customerCode: j.customerCode,
                division: j.division,
                costCenter: j.costCenter,
                priceMethodCode: j.priceMethodCode,
                projectManager: j.projectManager,
                address1: j.address1,
                city: j.city,
                state: j.state,
                zip: j.zipCode,
              }
            : null,
          job: {
            masterJob,
            isSubJob: masterJob !== null,
            isMasterJob: ctx.masters.has(l.spectrumKey as string),
          },
          projectId: f.linkedProjectId,
        };
      }
      case 'vendor': {
        const f = await this.checks.vendorFacts(l, ctx.vendors.get(l.spectrumKey as string) ?? null);
        const v = f.vendor;
        return {
          ...base,
          ...syncFields('vendor', view(l), this.checks.vendorChecks(l, f)),
          spectrum: v
            ? {
                vendorCode: v.vendorCode,
                name: v.vendorName,
                type: v.type,
                status: v.status,
                address1: v.address1,
                address2: v.address2,
                city: v.city,
                state: v.state,
                zip: v.zipCode,
                phone: v.phone,
                fax: v.faxPhone,
                email: v.email,
                contactName: v.contactName,
              }
            : null,
          matchSuggestions:
            v && l.state === 'ready_to_import'
              ? suggestVendorMatches(vendorSyncedFields(v), ctx.candidates)
              : [],
          companyId: f.staged.linkedCompanyId,
        };
      }
      case 'budget': {
        const f = await this.checks.budgetFacts(l);
        return {
          ...base,
          ...syncFields('budget', view(l), this.checks.budgetChecks(l, f)),
          spectrum: {
            jobNumber: f.jobNumber,
            phaseRows: f.estimates.length,
            rowsWithEstimate: f.estimates.filter((e) => e.originalEstimate > 0).length,
            jobToDateCostCents: f.estimates.reduce((s, e) => s + e.jobToDateCost, 0),
          },
          totals: f.totals,
          projectId: f.project?.id ?? null,
        };
      }
      default: {
        const f = await this.checks.primeContractFacts(l);
        const c = f.contract;
        return {
          ...base,
          ...syncFields('prime_contract', view(l), await this.checks.primeContractChecks(l, f, null)),
          spectrum: c
            ? {
                jobNumber: c.jobNumber,
                customerCode: c.customerCode,
                description: c.contractDescription,
                contractNumber: c.contractNumber,
                originalContractCents: c.originalContractCents,
                priceMethodCode: c.priceMethodCode,
                statusCode: c.statusCode,
                approved: c.approved,
                unitPrice: f.unitPrice,
                items: f.items.length,
              }
            : null,
          projectId: f.imported?.projectId ?? f.jobProjectId,
          primeContractId: f.imported?.id ?? null,
          hasUnsyncedChanges: this.checks.hasUnsyncedChanges(f),
        };
      }
    }
  }
}
