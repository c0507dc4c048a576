import {
  type CostCodeUse,
  type Project,
  type ProjectCostCode,
  type SyncState,
  stripPhaseDashes,
} from '@bridge/rules';
import { Inject, Injectable } from '@nestjs/common';
import { Prisma, type PrismaClient } from '../generated/prisma/client.js';
import { LinksRepository, type LinkView } from '../links/links.repository.js';
import { PRISMA } from '../platform/tokens.js';
import {
  activeSpectrumKey,
  escapeLike,
  likePattern,
  lockRow,
  pageIdsInLinkState,
  type Tx,
} from './pm-common.js';

export interface ProjectCostTypeRecord {
  costType: string;
  syncedWithSpectrum: boolean;
}

export interface ProjectCostCodeRecord {
  id: string;
  code: string;
  description: string;
  costTypes: ProjectCostTypeRecord[];
}

/** A project cost code with the id and "synced with Spectrum" flag of each of its cost types (by cost type). */
export interface ProjectCostCodeState {
  id: string;
  code: string;
  description: string;
  /** costType → syncedWithSpectrum, with the row id. */
  types: Map<string, { id: string; synced: boolean }>;
}

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

/** Projects, their cost codes and cost types (the only code of the feature that touches Prisma). */
@Injectable()
export class ProjectsRepository {
  constructor(
    @Inject(PRISMA) private readonly db: PrismaClient,
    @Inject(LinksRepository) private readonly links: LinksRepository,
  ) {}

  transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
    return this.db.$transaction(fn);
  }

  /** Locks the row until the transaction ends (see `lockRow`). */
  lock(id: string, tx: Tx): Promise<void> {
    return lockRow(tx, 'Project', id);
  }

  async findById(id: string, tx: Tx | PrismaClient = this.db): Promise<ProjectRecord | null> {
    const r = await tx.project.findUnique({ where: { id }, include });
    return r ? toRecord(r) : null;
  }

  async findBasics(id: string, tx: Tx | PrismaClient = this.db): Promise<ProjectBasics | null> {
    const r = await tx.project.findUnique({ where: { id } });
    return r ? toBasics(r) : null;
  }

  async exists(id: string, tx: Tx | PrismaClient = this.db): Promise<boolean> {
    return (await tx.project.count({ where: { id } })) > 0;
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
   * The link of each project: its `project` link, or the `job` link an import wrote with the project as PM item
   * (both name the Spectrum job number).
   */
  linksFor(ids: readonly string[], tx?: Tx): Promise<Map<string, LinkView>> {
    return this.links.forItemsOrAlias('project', 'job', ids, tx);
  }

  async linkFor(id: string, tx?: Tx): Promise<LinkView | null> {
    return (await this.linksFor([id], tx)).get(id) ?? null;
  }

  /** The `@bridge/rules` `Project` with its link (for eligibility checks and the export flows). */
  async loadDomain(id: string, tx?: Tx): Promise<Project | null> {
    // outside a transaction the row and its link are read side by side (one round trip of latency on PostgreSQL)
    const [row, link] = tx
      ? [await this.findById(id, tx), await this.linkFor(id, tx)]
      : await Promise.all([this.findById(id), this.linkFor(id)]);
    return row ? projectToDomain(row, link) : null;
  }

  async costCodeListExists(id: string, tx: Tx | PrismaClient = this.db): Promise<boolean> {
    return (await tx.costCodeList.count({ where: { id } })) > 0;
  }

  /** The description of a code on a cost code list, or null when the list does not have the code. */
  async listCode(listId: string, code: string, tx: Tx | PrismaClient = this.db): Promise<string | null> {
    const r = await tx.costCode.findUnique({ where: { listId_code: { listId, code } } });
    return r ? r.description : null;
  }

  async create(data: ProjectCreateData, tx: Tx): Promise<ProjectRecord> {
    const r = await tx.project.create({ data: { ...data, budget: { create: {} } }, include });
    return toRecord(r);
  }

  async update(id: string, patch: Partial<ProjectFields>, tx: Tx): Promise<ProjectRecord> {
    const r = await tx.project.update({ where: { id }, data: patch, include });
    return toRecord(r);
  }

  /** Adds the code when missing and the cost types it does not have yet; returns the code with all its cost types. */
  async addCostCode(
    projectId: string,
    input: { code: string; description: string; costTypes: readonly string[] },
    tx: Tx,
  ): Promise<{ record: ProjectCostCodeRecord; created: boolean }> {
    const existing = await tx.projectCostCode.findUnique({
      where: { projectId_code: { projectId, code: input.code } },
    });
    const code =
      existing ??
      (await tx.projectCostCode.create({
        data: { projectId, code: input.code, description: input.description },
      }));
    if (input.costTypes.length) {
      await tx.projectCostType.createMany({
        data: input.costTypes.map((costType) => ({ projectCostCodeId: code.id, costType })),
        skipDuplicates: true,
      });
    }
    const types = await tx.projectCostType.findMany({
      where: { projectCostCodeId: code.id },
      orderBy: { costType: 'asc' },
    });
    return {
      record: {
        id: code.id,
        code: code.code,
        description: code.description,
        costTypes: types.map((t) => ({ costType: t.costType, syncedWithSpectrum: t.syncedWithSpectrum })),
      },
      created: !existing,
    };
  }

  /** The project's cost codes by code, with the ids and sync flags of their cost types. */
  /** PRE-4: the customer of the project's own prime contract (the first one), which its change requests use. */
  async primeContractCustomer(projectId: string, tx: Tx | PrismaClient = this.db): Promise<string | null> {
    const c = await tx.primeContract.findFirst({
      where: { projectId },
      orderBy: { id: 'asc' },
      select: { customerCode: true },
    });
    return c?.customerCode ?? null;
  }

  /**
   * WBS-5: how many lines of the project name a cost code (compared without dashes and case), and which of its cost
   * types are synced with the Spectrum job.
   */
  async costCodeUse(projectId: string, code: string, tx: Tx): Promise<CostCodeUse> {
    const key = stripPhaseDashes(code).toUpperCase();
    const count = (rows: { costCode: string | null }[]) =>
      rows.filter((r) => r.costCode !== null && stripPhaseDashes(r.costCode).toUpperCase() === key).length;
    const select = { costCode: true } as const;
    const [budget, budgetChange, commitment, changeOrder, pcco, own] = await Promise.all([
      tx.budgetLine.findMany({ where: { budget: { projectId } }, select }),
      tx.budgetChangeLine.findMany({ where: { budgetChange: { projectId } }, select }),
      tx.commitmentLine.findMany({ where: { commitment: { projectId } }, select }),
      tx.commitmentChangeOrderLine.findMany({
        where: { changeOrder: { commitment: { projectId } } },
        select,
      }),
      tx.primeContractChangeOrderLine.findMany({
        where: { changeOrder: { primeContract: { projectId } } },
        select,
      }),
      tx.projectCostCode.findUnique({
        where: { projectId_code: { projectId, code: key } },
        include: { costTypes: { where: { syncedWithSpectrum: true }, select: { costType: true } } },
      }),
    ]);
    return {
      budgetLines: count(budget),
      budgetChangeLines: count(budgetChange),
      commitmentLines: count(commitment),
      commitmentChangeOrderLines: count(changeOrder),
      primeContractLines: count(pcco),
      syncedCostTypes: own?.costTypes.map((t) => t.costType) ?? [],
    };
  }

  /** WBS-5: removes a project cost code with its cost types; false when the project has no such code. */
  async removeCostCode(
    projectId: string,
    code: string,
    tx: Tx,
  ): Promise<{ code: string; description: string; costTypes: string[] } | null> {
    const row = await tx.projectCostCode.findUnique({
      where: { projectId_code: { projectId, code } },
      include: { costTypes: { select: { costType: true }, orderBy: { costType: 'asc' } } },
    });
    if (!row) return null;
    await tx.projectCostCode.delete({ where: { id: row.id } });
    return { code: row.code, description: row.description, costTypes: row.costTypes.map((t) => t.costType) };
  }

  async costCodeStates(
    projectId: string,
    tx: Tx | PrismaClient = this.db,
  ): Promise<Map<string, ProjectCostCodeState>> {
    const rows = await tx.projectCostCode.findMany({
      where: { projectId },
      include: { costTypes: { select: { id: true, costType: true, syncedWithSpectrum: true } } },
    });
    return new Map(
      rows.map((r) => [
        r.code,
        {
          id: r.id,
          code: r.code,
          description: r.description,
          types: new Map(r.costTypes.map((t) => [t.costType, { id: t.id, synced: t.syncedWithSpectrum }])),
        },
      ]),
    );
  }

  async createCostCode(
    projectId: string,
    code: string,
    description: string,
    tx: Tx,
  ): Promise<{ id: string }> {
    return tx.projectCostCode.create({ data: { projectId, code, description }, select: { id: true } });
  }

  /** WBS-3: cost types known on the linked job, marked synced with Spectrum (existing pairs are skipped). */
  async createSyncedCostTypes(
    rows: readonly { projectCostCodeId: string; costType: string }[],
    tx: Tx,
  ): Promise<number> {
    if (rows.length === 0) return 0;
    const r = await tx.projectCostType.createMany({
      data: rows.map((r) => ({ ...r, syncedWithSpectrum: true })),
      skipDuplicates: true,
    });
    return r.count;
  }

  async setCostTypesSynced(ids: readonly string[], synced: boolean, tx: Tx): Promise<number> {
    if (ids.length === 0) return 0;
    const r = await tx.projectCostType.updateMany({
      where: { id: { in: [...ids] } },
      data: { syncedWithSpectrum: synced },
    });
    return r.count;
  }
}
