import type { Budget, BudgetChange } from '@bridge/rules';
import { Inject, Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import { activeSpectrumKey } from '../links/link-state.js';
import { LinksRepository, type LinkView } from '../links/links.repository.js';
import { centsFromDb, centsToDb, optionalCentsFromDb } from '../platform/db/money.js';
import { type CurrentClient, lockRow, type TxClient } from '../platform/db/transactions.js';

export interface BudgetLineRecord {
  id: string;
  costCode: string;
  costType: string;
  description: string | null;
  amountCents: number;
  directCostsCents: number | null;
  estimatedCostAtCompletionCents: number | null;
}

export interface BudgetRecord {
  id: string;
  projectId: string;
  locked: boolean;
  everExported: boolean;
  exportInFlight: boolean;
  importedAt: Date | null;
  updatedAt: Date;
  lines: BudgetLineRecord[];
}

export interface BudgetChangeLineRecord {
  costCode: string;
  costType: string;
  description: string | null;
  amountCents: number;
}

export interface BudgetChangeRecord {
  id: string;
  projectId: string;
  number: string;
  title: string;
  date: string | null;
  createdAt: Date;
  lines: BudgetChangeLineRecord[];
}

export type BudgetLinePatch = Partial<Omit<BudgetLineRecord, 'id' | 'costCode' | 'costType'>>;

type LineRow = {
  id: string;
  costCode: string;
  costType: string;
  description: string | null;
  amountCents: bigint;
  directCostsCents: bigint | null;
  estimatedCostAtCompletionCents: bigint | null;
};

const lineRecord = (l: LineRow): BudgetLineRecord => ({
  id: l.id,
  costCode: l.costCode,
  costType: l.costType,
  description: l.description,
  amountCents: centsFromDb(l.amountCents),
  directCostsCents: optionalCentsFromDb(l.directCostsCents),
  estimatedCostAtCompletionCents: optionalCentsFromDb(l.estimatedCostAtCompletionCents),
});

const lineInclude = { lines: { orderBy: [{ costCode: 'asc' as const }, { costType: 'asc' as const }] } };
/** Lines in the order they were added (what the imports compare and audit). */
const addedLineInclude = { lines: { orderBy: { id: 'asc' as const } } };

/** APP-1 / BUD-6: an export is in flight while the budget's request waits or runs. */
const inQueue = (link: LinkView | null | undefined) =>
  link?.state === 'ready_to_export' || link?.state === 'exporting';

/** Storage → the `@bridge/rules` `Budget` (the same mapping the export flows use). */
export function budgetToDomain(b: BudgetRecord, link: LinkView | null | undefined): Budget {
  return {
    projectId: b.projectId,
    locked: b.locked,
    everExported: b.everExported,
    exportInFlight: b.exportInFlight || inQueue(link),
    lines: b.lines.map((l) => ({
      costCode: l.costCode,
      costType: l.costType,
      description: l.description,
      amount: l.amountCents,
      estimatedCostAtCompletion: l.estimatedCostAtCompletionCents,
    })),
    syncState: link?.state ?? null,
  };
}

/** Storage → the `@bridge/rules` `BudgetChange`. */
export function budgetChangeToDomain(c: BudgetChangeRecord, link: LinkView | null | undefined): BudgetChange {
  return {
    id: c.id,
    number: c.number,
    title: c.title,
    projectId: c.projectId,
    date: c.date,
    lines: c.lines.map((l) => ({
      costCode: l.costCode,
      costType: l.costType,
      description: l.description,
      amount: l.amountCents,
    })),
    syncState: link?.state ?? null,
    spectrumKey: activeSpectrumKey(link),
  };
}

/** Budgets, budget lines and budget changes (the only code of the feature that touches Prisma). */
@Injectable()
export class BudgetsRepository {
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
    return lockRow(this.db, 'Budget', id);
  }

  /** The project's budget; a project without one (e.g. created by a job import) gets an empty, unlocked one. */
  async forProject(projectId: string): Promise<BudgetRecord> {
    const r = await this.db.budget.upsert({
      where: { projectId },
      create: { projectId },
      update: {},
      include: lineInclude,
    });
    return { ...r, lines: r.lines.map(lineRecord) };
  }

  /** The project's budget with its lines in code order; null when the project has none yet. */
  async findForProject(projectId: string): Promise<BudgetRecord | null> {
    const r = await this.db.budget.findUnique({ where: { projectId }, include: lineInclude });
    return r ? { ...r, lines: r.lines.map(lineRecord) } : null;
  }

  /** The project's budget with its lines in the order they were added; null when the project has none. */
  async findOfProject(projectId: string): Promise<BudgetRecord | null> {
    const r = await this.db.budget.findUnique({ where: { projectId }, include: addedLineInclude });
    return r ? { ...r, lines: r.lines.map(lineRecord) } : null;
  }

  /** A budget with its lines in the order they were added. */
  async findById(id: string): Promise<BudgetRecord | null> {
    const r = await this.db.budget.findUnique({ where: { id }, include: addedLineInclude });
    return r ? { ...r, lines: r.lines.map(lineRecord) } : null;
  }

  /** The project's budget (lines in the order they were added), created when the project has none yet. */
  async ensureOfProject(projectId: string): Promise<BudgetRecord> {
    await this.db.budget.createMany({ data: [{ projectId }], skipDuplicates: true });
    return (await this.findOfProject(projectId)) as BudgetRecord;
  }

  /** BUD-1, WBS-4: lines imported from Spectrum (a cost code/cost type the budget has already is skipped). */
  async insertLines(
    budgetId: string,
    lines: readonly {
      costCode: string;
      costType: string;
      description: string | null;
      amountCents: number;
      directCostsCents?: number | null;
    }[],
  ): Promise<number> {
    if (lines.length === 0) return 0;
    const r = await this.db.budgetLine.createMany({
      data: lines.map((l) => ({
        budgetId,
        costCode: l.costCode,
        costType: l.costType,
        description: l.description,
        amountCents: centsToDb(l.amountCents),
        directCostsCents: l.directCostsCents == null ? null : centsToDb(l.directCostsCents),
      })),
      skipDuplicates: true,
    });
    return r.count;
  }

  async markImported(budgetId: string, at: Date): Promise<void> {
    await this.db.budget.update({ where: { id: budgetId }, data: { importedAt: at } });
  }

  linkFor(budgetId: string): Promise<LinkView | null> {
    return this.links.forItem('budget', budgetId);
  }

  /** The `@bridge/rules` `Budget` of a project with its link (for eligibility checks and the export flows). */
  async loadDomain(projectId: string): Promise<Budget> {
    const b = await this.forProject(projectId);
    return budgetToDomain(b, await this.linkFor(b.id));
  }

  async setLocked(budgetId: string, locked: boolean): Promise<void> {
    await this.db.budget.update({ where: { id: budgetId }, data: { locked } });
  }

  async addLine(budgetId: string, line: Omit<BudgetLineRecord, 'id'>): Promise<BudgetLineRecord> {
    const r = await this.db.budgetLine.create({
      data: {
        budgetId,
        costCode: line.costCode,
        costType: line.costType,
        description: line.description,
        amountCents: centsToDb(line.amountCents),
        directCostsCents: line.directCostsCents === null ? null : centsToDb(line.directCostsCents),
        estimatedCostAtCompletionCents:
          line.estimatedCostAtCompletionCents === null
            ? null
            : centsToDb(line.estimatedCostAtCompletionCents),
      },
    });
    return lineRecord(r);
  }

  async updateLine(lineId: string, patch: BudgetLinePatch): Promise<BudgetLineRecord> {
    const opt = (v: number | null | undefined) =>
      v === undefined ? undefined : v === null ? null : centsToDb(v);
    const r = await this.db.budgetLine.update({
      where: { id: lineId },
      data: {
        description: patch.description,
        amountCents:
          patch.amountCents === undefined || patch.amountCents === null
            ? undefined
            : centsToDb(patch.amountCents),
        directCostsCents: opt(patch.directCostsCents),
        estimatedCostAtCompletionCents: opt(patch.estimatedCostAtCompletionCents),
      },
    });
    return lineRecord(r);
  }

  /** Whether the project has this cost code with this cost type (WBS-3). */
  async projectHasCostType(projectId: string, costCode: string, costType: string): Promise<boolean> {
    const n = await this.db.projectCostType.count({
      where: { costType, projectCostCode: { projectId, code: costCode } },
    });
    return n > 0;
  }

  async findChange(id: string): Promise<BudgetChangeRecord | null> {
    const r = await this.db.budgetChange.findUnique({
      where: { id },
      include: { lines: { orderBy: { position: 'asc' } } },
    });
    return r ? changeRecord(r) : null;
  }

  async listChanges(
    projectId: string,
    afterId: string | undefined,
    take: number,
  ): Promise<BudgetChangeRecord[]> {
    const rows = await this.db.budgetChange.findMany({
      where: { projectId, ...(afterId ? { id: { gt: afterId } } : {}) },
      orderBy: { id: 'asc' },
      take,
      include: { lines: { orderBy: { position: 'asc' } } },
    });
    return rows.map(changeRecord);
  }

  /** The budget lines of several projects (the reconciliation reads a page of jobs at once): code, type, amount. */
  async lineAmountsOfProjects(
    projectIds: readonly string[],
  ): Promise<{ projectId: string; costCode: string; costType: string; amountCents: number }[]> {
    if (projectIds.length === 0) return [];
    const budgets = await this.db.budget.findMany({
      where: { projectId: { in: [...projectIds] } },
      select: { id: true, projectId: true },
    });
    const projectOf = new Map(budgets.map((b) => [b.id, b.projectId]));
    const rows = await this.db.budgetLine.findMany({
      where: { budgetId: { in: [...projectOf.keys()] } },
      select: { budgetId: true, costCode: true, costType: true, amountCents: true },
      orderBy: { id: 'asc' },
    });
    return rows.map((l) => ({
      projectId: projectOf.get(l.budgetId) as string,
      costCode: l.costCode,
      costType: l.costType,
      amountCents: centsFromDb(l.amountCents),
    }));
  }

  /** The budget changes of several projects, in id order. */
  async changesOfProjects(projectIds: readonly string[]): Promise<BudgetChangeRecord[]> {
    if (projectIds.length === 0) return [];
    const rows = await this.db.budgetChange.findMany({
      where: { projectId: { in: [...projectIds] } },
      orderBy: { id: 'asc' },
      include: { lines: { orderBy: { position: 'asc' } } },
    });
    return rows.map(changeRecord);
  }

  changeLinksFor(ids: readonly string[]): Promise<Map<string, LinkView>> {
    return this.links.forItems('budget_change', ids);
  }

  /** The `@bridge/rules` `BudgetChange` with its link (for BCH-1 checks and the export flows). */
  async loadChangeDomain(id: string): Promise<BudgetChange | null> {
    const c = await this.findChange(id);
    if (!c) return null;
    return budgetChangeToDomain(c, (await this.changeLinksFor([id])).get(id));
  }

  async createChange(
    input: Omit<BudgetChangeRecord, 'id' | 'createdAt'> & { createdAt: Date },
  ): Promise<BudgetChangeRecord> {
    const r = await this.db.budgetChange.create({
      data: {
        projectId: input.projectId,
        number: input.number,
        title: input.title,
        date: input.date,
        createdAt: input.createdAt,
        lines: {
          create: input.lines.map((l, position) => ({
            position,
            costCode: l.costCode,
            costType: l.costType,
            description: l.description,
            amountCents: centsToDb(l.amountCents),
          })),
        },
      },
      include: { lines: { orderBy: { position: 'asc' } } },
    });
    return changeRecord(r);
  }

  /** The project a budget belongs to (the export queue addresses budgets and forecasts by the budget's id). */
  async projectOf(budgetId: string): Promise<string | null> {
    const b = await this.db.budget.findUnique({ where: { id: budgetId }, select: { projectId: true } });
    return b?.projectId ?? null;
  }

  /** BUD-6: the budget is read-only while its export is in the queue; `everExported` once one was synced. */
  async setExportFlags(
    budgetId: string,
    data: { exportInFlight?: boolean; everExported?: boolean },
  ): Promise<void> {
    await this.db.budget.update({ where: { id: budgetId }, data });
  }
}

function changeRecord(r: {
  id: string;
  projectId: string;
  number: string;
  title: string;
  date: string | null;
  createdAt: Date;
  lines: { costCode: string; costType: string; description: string | null; amountCents: bigint }[];
}): BudgetChangeRecord {
  return {
    id: r.id,
    projectId: r.projectId,
    number: r.number,
    title: r.title,
    date: r.date,
    createdAt: r.createdAt,
    lines: r.lines.map((l) => ({
      costCode: l.costCode,
      costType: l.costType,
      description: l.description,
      amountCents: centsFromDb(l.amountCents),
    })),
  };
}
