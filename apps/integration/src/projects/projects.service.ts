import {
  checkCostCodeRemoval,
  checkProjectExport,
  checkWbsSegments,
  type IntegrationFacts,
  reason,
  type SpectrumPreflightFacts,
  stripPhaseDashes,
} from '@bridge/rules';
import { Inject, Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service.js';
import type { AuthUser } from '../auth/auth-user.js';
import { syncFields } from '../links/item-view.js';
import type { LinkView } from '../links/links.repository.js';
import { type Page, toPage } from '../platform/http/pagination.js';
import { badRequest, notFound, unprocessable } from '../platform/http/problem.js';
import { CLOCK, type Clock } from '../platform/tokens.js';
import { TransactionHost, type TxHost } from '../platform/transactions.js';
import { IntegrationFactsService } from '../settings/integration-facts.service.js';
import { SpectrumPreflightFactsService } from '../snapshots/spectrum-preflight-facts.service.js';
import { addressStateAsState, assertCheck, assertNotQueued, definedOnly, valuesBefore } from './pm-edits.js';
import { type ProjectCostCodeRecord, ProjectCostCodesRepository } from './project-cost-codes.repository.js';
import {
  type ProjectFields,
  type ProjectListFilter,
  type ProjectRecord,
  ProjectsRepository,
  projectToDomain,
} from './projects.repository.js';

/**
 * API field names: the address's state is `addressState`, because `state` is the item's sync state (API-4).
 */
export type ProjectUpdateInput = Partial<Omit<ProjectFields, 'state'>> & {
  addressState?: string | null | undefined;
};
export type ProjectCreateInput = ProjectUpdateInput & { name: string };

const toFields = (input: ProjectUpdateInput): Partial<ProjectFields> => addressStateAsState(input);
export interface CostCodeInput {
  code: string;
  description?: string | undefined;
  costTypes: string[];
  segments?: string[] | undefined;
}

const costCodeView = (c: ProjectCostCodeRecord) => ({
  id: c.id,
  code: c.code,
  description: c.description,
  costTypes: c.costTypes,
});

/** Projects (JOB-2 export eligibility, WBS-2/3 cost codes, LIM-3/LIM-6) for the PM side. */
@Injectable()
export class ProjectsService {
  constructor(
    @Inject(TransactionHost) private readonly txHost: TxHost,
    @Inject(ProjectsRepository) private readonly repo: ProjectsRepository,
    @Inject(ProjectCostCodesRepository) private readonly costCodes: ProjectCostCodesRepository,
    @Inject(IntegrationFactsService) private readonly facts: IntegrationFactsService,
    @Inject(AuditService) private readonly audit: AuditService,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(SpectrumPreflightFactsService) private readonly spectrum: SpectrumPreflightFactsService,
  ) {}

  /** PRE-3: the template job's customer as last synced (the same for every project). */
  private async customerFacts(facts: IntegrationFacts): Promise<SpectrumPreflightFacts> {
    if (!facts.templateJob) return {};
    return this.spectrum.stored({
      customer: { templateJobNumber: facts.templateJob.jobNumber, fallback: facts.templateJob.customerCode },
    });
  }

  private view(
    p: ProjectRecord,
    link: LinkView | null | undefined,
    facts: IntegrationFacts,
    full: boolean,
    spectrum: SpectrumPreflightFacts,
  ) {
    const { costCodes, createdAt, updatedAt, state, ...fields } = p;
    return {
      ...fields,
      addressState: state,
      createdAt: createdAt.toISOString(),
      updatedAt: updatedAt.toISOString(),
      ...(full ? { costCodes: costCodes.map(costCodeView) } : { costCodeCount: costCodes.length }),
      usesSpectrumCostCodes:
        facts.standardCostCodeListId !== null && p.costCodeListId === facts.standardCostCodeListId,
      ...syncFields('project', link, {
        sendToErp: checkProjectExport(projectToDomain(p, link), facts, spectrum),
      }),
    };
  }

  async list(filter: ProjectListFilter, afterId: string | undefined, limit: number): Promise<Page<unknown>> {
    // the page and the settings side by side, then the page's links beside the template job's customer
    const [rows, facts] = await Promise.all([this.repo.list(filter, afterId, limit + 1), this.facts.get()]);
    const [links, spectrum] = await Promise.all([
      this.repo.linksFor(rows.map((r) => r.id)),
      this.customerFacts(facts),
    ]);
    return toPage(rows, limit, (r) => this.view(r, links.get(r.id), facts, false, spectrum));
  }

  async get(id: string) {
    const p = await this.repo.findById(id);
    if (!p) throw notFound('Project', id);
    const [link, facts] = await Promise.all([this.repo.linkFor(id), this.facts.get()]);
    return this.view(p, link, facts, true, await this.customerFacts(facts));
  }

  private async assertListExists(listId: string | null | undefined): Promise<void> {
    if (listId && !(await this.costCodes.costCodeListExists(listId))) {
      throw badRequest([
        {
          field: 'costCodeListId',
          code: 'unknown-cost-code-list',
          message: `Cost code list ${listId} does not exist.`,
        },
      ]);
    }
  }

  async create(actor: AuthUser, input: ProjectCreateInput) {
    await this.assertListExists(input.costCodeListId);
    const created = await this.txHost.withTransaction(async () => {
      const p = await this.repo.create({
        name: input.name,
        number: input.number ?? null,
        address1: input.address1 ?? null,
        address2: input.address2 ?? null,
        city: input.city ?? null,
        state: input.addressState ?? null,
        zip: input.zip ?? null,
        phone: input.phone ?? null,
        costCodeListId: input.costCodeListId ?? null,
        budgetToolEnabled: input.budgetToolEnabled ?? true,
        primeContractsToolEnabled: input.primeContractsToolEnabled ?? true,
        forecastExportEnabled: input.forecastExportEnabled ?? false,
        createdAt: this.clock.now(),
      });
      await this.audit.record({
        actorId: actor.id,
        action: 'project.create',
        itemType: 'project',
        itemId: p.id,
        after: input,
      });
      return p;
    });
    const facts = await this.facts.get();
    return this.view(created, null, facts, true, await this.customerFacts(facts));
  }

  /** APP-1: while the project waits in (or moves through) the export queue it is read-only. */
  async update(actor: AuthUser, id: string, input: ProjectUpdateInput) {
    const patch = definedOnly(toFields(input));
    const updated = await this.txHost.withTransaction(async () => {
      await this.repo.lock(id);
      const before = await this.repo.findById(id);
      if (!before) throw notFound('Project', id);
      const link = await this.repo.linkFor(id);
      assertNotQueued(link, 'project', 'The project cannot be edited now.');
      await this.assertListExists(patch.costCodeListId);
      const p = await this.repo.update(id, patch);
      await this.audit.record({
        actorId: actor.id,
        action: 'project.update',
        itemType: 'project',
        itemId: id,
        before: valuesBefore(before, patch),
        after: patch,
      });
      return { p, link };
    });
    const facts = await this.facts.get();
    return this.view(updated.p, updated.link, facts, true, await this.customerFacts(facts));
  }

  /**
   * Adds a cost code with its cost types to the project (or more cost types to a code it has). LIM-6: only the cost
   * code and cost type segments exist. WBS-2: a project on a cost code list takes its codes from that list.
   */
  async addCostCode(actor: AuthUser, projectId: string, input: CostCodeInput) {
    assertCheck(
      checkWbsSegments(input.segments ?? ['cost_code', 'cost_type']),
      'The cost code is not supported.',
    );
    const code = stripPhaseDashes(input.code).toUpperCase();
    const costTypes = [...new Set(input.costTypes)];
    return this.txHost.withTransaction(async () => {
      await this.repo.lock(projectId);
      const project = await this.repo.findById(projectId);
      if (!project) throw notFound('Project', projectId);
      // WBS-3, PRE-1: Spectrum's cost types are the company's list; once synced, no other is taken
      const known = await this.spectrum.storedCostTypes();
      if (known) {
        const unknown = costTypes
          .map((t, i) => ({ t: t.toUpperCase(), i }))
          .filter(({ t }) => !known.has(t))
          .map(({ t, i }) =>
            reason(
              'cost-type-not-in-spectrum',
              'WBS-3',
              `Cost type ${t} is not one of Spectrum's cost types (${[...known].sort().join(', ')}).`,
              `costTypes[${i}]`,
            ),
          );
        if (unknown.length) throw unprocessable('The cost types are not Spectrum cost types.', unknown);
      }
      // a code the project already has takes more cost types whatever its list says (so it never gets stuck)
      const alreadyOnProject = (await this.costCodes.costCodeStates(projectId)).get(code);
      let description = input.description ?? alreadyOnProject?.description;
      if (project.costCodeListId && !alreadyOnProject) {
        const listed = await this.costCodes.listCode(project.costCodeListId, code);
        if (listed === null) {
          throw unprocessable('The cost code is not on the project’s cost code list.', [
            reason(
              'cost-code-not-on-list',
              'WBS-2',
              `Cost code ${input.code} is not on the project's cost code list.`,
              'code',
            ),
          ]);
        }
        description ??= listed;
      }
      if (description === undefined) {
        throw badRequest([
          { field: 'description', code: 'invalid-required', message: 'description is required.' },
        ]);
      }
      const { record, created } = await this.costCodes.addCostCode(projectId, {
        code,
        description,
        costTypes,
      });
      await this.audit.record({
        actorId: actor.id,
        action: 'project.cost_code.add',
        itemType: 'project',
        itemId: projectId,
        after: { code, costTypes },
      });
      return { view: costCodeView(record), created };
    });
  }

  /**
   * WBS-5: removes a cost code (with its cost types) from a project, so a project stuck on a code it should not have
   * (e.g. one added while it had no cost code list) can be set right. Refused with every reason while a line uses
   * it, once it is a phase of the linked Spectrum job, or while the project is in the export queue.
   */
  async removeCostCode(actor: AuthUser, projectId: string, rawCode: string): Promise<void> {
    const code = stripPhaseDashes(rawCode.trim()).toUpperCase();
    await this.txHost.withTransaction(async () => {
      await this.repo.lock(projectId);
      const project = await this.repo.findById(projectId);
      if (!project) throw notFound('Project', projectId);
      if (!(await this.costCodes.costCodeStates(projectId)).has(code))
        throw notFound('Project cost code', rawCode);
      const link = await this.repo.linkFor(projectId);
      const check = checkCostCodeRemoval(
        code,
        await this.costCodes.costCodeUse(projectId, code),
        link?.state,
      );
      if (!check.ok)
        throw unprocessable(`Cost code ${code} cannot be removed from the project.`, check.reasons);
      const removed = await this.costCodes.removeCostCode(projectId, code);
      await this.audit.record({
        actorId: actor.id,
        action: 'project.cost_code.remove',
        itemType: 'project',
        itemId: projectId,
        before: removed,
        after: null,
      });
    });
  }
}
