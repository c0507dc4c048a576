import type { Project, ProjectCostCode, SyncState } from '@bridge/rules';
import { Inject, Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import { Prisma } from '../generated/prisma/client.js';
import { activeSpectrumKey } from '../links/link-state.js';
import { LinksRepository, type LinkView } from '../links/links.repository.js';
import { escapeLike, likePattern, pageIdsInLinkState } from '../platform/db/sql-search.js';
import { type CurrentClient, loadWithLink, lockRow, type TxClient } from '../platform/db/transactions.js';
import type { ProjectCostCodeRecord } from './project-cost-codes.repository.js';

export interface ProjectRecord {
  id: string;
  name: string;
  number: string | null;
  status: string;
  address1: string | null;
  address2: string | null;
  city: string | null;
  state: string | null;
  zip: string | null;
  phone: string | null;
  costCodeListId: string | null;
  isSubJob: boolean;
  budgetToolEnabled: boolean;
  primeContractsToolEnabled: boolean;
  forecastExportEnabled: boolean;
  createdAt: Date;
  updatedAt: Date;
  costCodes: ProjectCostCodeRecord[];
}

export interface ProjectFields {
  name: string;
  number: string | null;
  address1: string | null;
  address2: string | null;
  city: string | null;
  state: string | null;
  zip: string | null;
  phone: string | null;
  costCodeListId: string | null;
  budgetToolEnabled: boolean;
  primeContractsToolEnabled: boolean;
  forecastExportEnabled: boolean;
}

/** A project without its cost codes. */
export type ProjectBasics = Omit<ProjectRecord, 'costCodes'>;

type ToolFlags = 'budgetToolEnabled' | 'primeContractsToolEnabled' | 'forecastExportEnabled';

/** A new project; the status and tool flags not given take their defaults. */
export type ProjectCreateData = Omit<ProjectFields, ToolFlags> &
  Partial<Pick<ProjectFields, ToolFlags>> & { status?: string; createdAt: Date };

export interface ProjectListFilter {
  q?: string;
  state?: SyncState;
}

const include = {
  costCodes: { orderBy: { code: 'asc' }, include: { costTypes: { orderBy: { costType: 'asc' } } } },
} as const satisfies Prisma.ProjectInclude;

type Row = Prisma.ProjectGetPayload<{ include: typeof include }>;

const toBasics = (r: Prisma.ProjectGetPayload<true>): ProjectBasics => ({
  id: r.id,
  name: r.name,
  number: r.number,
  status: r.status,
  address1: r.address1,
  address2: r.address2,
  city: r.city,
  state: r.state,
  zip: r.zip,
  phone: r.phone,
  costCodeListId: r.costCodeListId,
  isSubJob: r.isSubJob,
  budgetToolEnabled: r.budgetToolEnabled,
  primeContractsToolEnabled: r.primeContractsToolEnabled,
  forecastExportEnabled: r.forecastExportEnabled,
  createdAt: r.createdAt,
  updatedAt: r.updatedAt,
});

const toRecord = (r: Row): ProjectRecord => ({
  ...toBasics(r),
  costCodes: r.costCodes.map((c) => ({
    id: c.id,
    code: c.code,
    description: c.description,
    costTypes: c.costTypes.map((t) => ({ costType: t.costType, syncedWithSpectrum: t.syncedWithSpectrum })),
  })),
});

/**
 * The rules' view of a project's cost code: synced with Spectrum when it has cost types and every one of them is
 * known on the linked job (BUD-5).
 */
function toDomainCostCode(c: ProjectCostCodeRecord): ProjectCostCode {
  return {
    code: c.code,
    description: c.description,
    costTypes: c.costTypes.map((t) => t.costType),
    syncedWithSpectrum: c.costTypes.length > 0 && c.costTypes.every((t) => t.syncedWithSpectrum),
  };
}

/** Storage → the `@bridge/rules` `Project` (the same mapping the export flows use). */
export function projectToDomain(p: ProjectRecord, link: LinkView | null | undefined): Project {
  return {
    id: p.id,
    name: p.name,
    number: p.number,
    createdAt: p.createdAt.toISOString(),
    costCodeListId: p.costCodeListId,
    costCodes: p.costCodes.map(toDomainCostCode),
    address1: p.address1,
    address2: p.address2,
    city: p.city,
    state: p.state,
    zip: p.zip,
    phone: p.phone,
    jobNumber: activeSpectrumKey(link),
    isSubJob: p.isSubJob,
    tools: { budget: p.budgetToolEnabled, primeContracts: p.primeContractsToolEnabled },
    forecastExportEnabled: p.forecastExportEnabled,
    syncState: link?.state ?? null,
  };
}

/** Projects and their links (the only code of the feature that touches Prisma, with `ProjectCostCodesRepository`). */
@Injectable()
export class ProjectsRepository {
  constructor(
    @Inject(TransactionHost) private readonly txHost: CurrentClient,
    @Inject(LinksRepository) private readonly links: LinksRepository,
  ) {}

  /** The current transaction's client, or the plain client outside a transaction. */
  private get db(): TxClient {
    return this.txHost.tx;
  }

  /** Locks the row until the transaction ends (see `lockRow`). */
  lock(id: string): Promise<void> {
    return lockRow(this.db, 'Project', id);
  }

  async findById(id: string): Promise<ProjectRecord | null> {
    const r = await this.db.project.findUnique({ where: { id }, include });
    return r ? toRecord(r) : null;
  }

  async findBasics(id: string): Promise<ProjectBasics | null> {
    const r = await this.db.project.findUnique({ where: { id } });
    return r ? toBasics(r) : null;
  }

  async exists(id: string): Promise<boolean> {
    return (await this.db.project.count({ where: { id } })) > 0;
  }

  async list(filter: ProjectListFilter, afterId: string | undefined, take: number): Promise<ProjectRecord[]> {
    let where: Prisma.ProjectWhereInput;
    if (filter.state) {
      const ids = await pageIdsInLinkState(this.db, {
        table: 'Project',
        linkTypes: ['project', 'job'],
        state: filter.state,
        afterId,
        take,
        where: filter.q ? [Prisma.sql`t.name ILIKE ${likePattern(filter.q)}`] : [],
      });
      where = { id: { in: ids } };
    } else {
      where = {
        ...(afterId ? { id: { gt: afterId } } : {}),
        ...(filter.q ? { name: { contains: escapeLike(filter.q), mode: 'insensitive' as const } } : {}),
      };
    }
    const rows = await this.db.project.findMany({ where, orderBy: { id: 'asc' }, take, include });
    return rows.map(toRecord);
  }

  /**
   * Projects linked to a Spectrum job, in job-number order (code-unit order, `COLLATE "C"`, then the project id),
   * after `after`: the pages of a company-wide reconciliation. A project's link is its `project` link, else the `job`
   * link an import wrote (as `linksFor` reads it); only synced links with a job number count.
   */
  async linkedInJobOrder(
    after: { jobNumber: string; id: string } | undefined,
    take: number,
  ): Promise<{ id: string; name: string; jobNumber: string }[]> {
    const rows = await this.db.$queryRaw<{ id: string; name: string; jobNumber: string }[]>(Prisma.sql`
      SELECT p.id, p.name, l."spectrumKey" AS "jobNumber"
      FROM "SyncLink" l JOIN "Project" p ON p.id = l."pmId"
      WHERE l.state = 'synced'::"SyncState" AND l."spectrumKey" IS NOT NULL
        AND (l.type = 'project'
          OR (l.type = 'job' AND NOT EXISTS (
            SELECT 1 FROM "SyncLink" o WHERE o.type = 'project' AND o."pmId" = l."pmId")))
        ${
          after
            ? Prisma.sql`AND (l."spectrumKey" COLLATE "C", l."pmId") > (${after.jobNumber} COLLATE "C", ${after.id})`
            : Prisma.empty
        }
      ORDER BY l."spectrumKey" COLLATE "C", l."pmId"
      LIMIT ${take}`);
    return rows;
  }

  /**
   * The link of each project: its `project` link, or the `job` link an import wrote with the project as PM item
   * (both name the Spectrum job number).
   */
  linksFor(ids: readonly string[]): Promise<Map<string, LinkView>> {
    return this.links.forItemsOrAlias('project', 'job', ids);
  }

  async linkFor(id: string): Promise<LinkView | null> {
    return (await this.linksFor([id])).get(id) ?? null;
  }

  /** The `@bridge/rules` Project with its link (read once per unit of work within `withReadMemo`). */
  loadDomain(id: string): Promise<Project | null> {
    return loadWithLink(
      this.txHost,
      `project:${id}`,
      () => this.findById(id),
      () => this.linkFor(id),
      projectToDomain,
    );
  }

  async create(data: ProjectCreateData): Promise<ProjectRecord> {
    const r = await this.db.project.create({ data: { ...data, budget: { create: {} } }, include });
    return toRecord(r);
  }

  async update(id: string, patch: Partial<ProjectFields>): Promise<ProjectRecord> {
    const r = await this.db.project.update({ where: { id }, data: patch, include });
    return toRecord(r);
  }

  /** PRE-4: the customer of the project's own prime contract (the first one), which its change requests use. */
  async primeContractCustomer(projectId: string): Promise<string | null> {
    const c = await this.db.primeContract.findFirst({
      where: { projectId },
      orderBy: { id: 'asc' },
      select: { customerCode: true },
    });
    return c?.customerCode ?? null;
  }
}
