import { type CostCodeUse, stripPhaseDashes } from '@bridge/rules';
import { Inject, Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import { type CurrentClient, type TxClient } from '../platform/db/transactions.js';

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

/**
 * A project's cost codes and their cost types (WBS-2 … WBS-5), and the cost code lists they are picked from. The
 * project cost code sync and the projects feature write them here.
 */
@Injectable()
export class ProjectCostCodesRepository {
  constructor(@Inject(TransactionHost) private readonly txHost: CurrentClient) {}

  /** The current transaction's client, or the plain client outside a transaction. */
  private get db(): TxClient {
    return this.txHost.tx;
  }

  async costCodeListExists(id: string): Promise<boolean> {
    return (await this.db.costCodeList.count({ where: { id } })) > 0;
  }

  /** The description of a code on a cost code list, or null when the list does not have the code. */
  async listCode(listId: string, code: string): Promise<string | null> {
    const r = await this.db.costCode.findUnique({ where: { listId_code: { listId, code } } });
    return r ? r.description : null;
  }

  /** Adds the code when missing and the cost types it does not have yet; returns the code with all its cost types. */
  async addCostCode(
    projectId: string,
    input: { code: string; description: string; costTypes: readonly string[] },
  ): Promise<{ record: ProjectCostCodeRecord; created: boolean }> {
    const existing = await this.db.projectCostCode.findUnique({
      where: { projectId_code: { projectId, code: input.code } },
    });
    const code =
      existing ??
      (await this.db.projectCostCode.create({
        data: { projectId, code: input.code, description: input.description },
      }));
    if (input.costTypes.length) {
      await this.db.projectCostType.createMany({
        data: input.costTypes.map((costType) => ({ projectCostCodeId: code.id, costType })),
        skipDuplicates: true,
      });
    }
    const types = await this.db.projectCostType.findMany({
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

  /**
   * WBS-5: how many lines of the project name a cost code (compared without dashes and case), and which of its cost
   * types are synced with the Spectrum job.
   */
  async costCodeUse(projectId: string, code: string): Promise<CostCodeUse> {
    const key = stripPhaseDashes(code).toUpperCase();
    const count = (rows: { costCode: string | null }[]) =>
      rows.filter((r) => r.costCode !== null && stripPhaseDashes(r.costCode).toUpperCase() === key).length;
    const select = { costCode: true } as const;
    const [budget, budgetChange, commitment, changeOrder, pcco, own] = await Promise.all([
      this.db.budgetLine.findMany({ where: { budget: { projectId } }, select }),
      this.db.budgetChangeLine.findMany({ where: { budgetChange: { projectId } }, select }),
      this.db.commitmentLine.findMany({ where: { commitment: { projectId } }, select }),
      this.db.commitmentChangeOrderLine.findMany({
        where: { changeOrder: { commitment: { projectId } } },
        select,
      }),
      this.db.primeContractChangeOrderLine.findMany({
        where: { changeOrder: { primeContract: { projectId } } },
        select,
      }),
      this.db.projectCostCode.findUnique({
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
  ): Promise<{ code: string; description: string; costTypes: string[] } | null> {
    const row = await this.db.projectCostCode.findUnique({
      where: { projectId_code: { projectId, code } },
      include: { costTypes: { select: { costType: true }, orderBy: { costType: 'asc' } } },
    });
    if (!row) return null;
    await this.db.projectCostCode.delete({ where: { id: row.id } });
    return { code: row.code, description: row.description, costTypes: row.costTypes.map((t) => t.costType) };
  }

  /** The project's cost codes by code, with the ids and sync flags of their cost types. */
  async costCodeStates(projectId: string): Promise<Map<string, ProjectCostCodeState>> {
    const rows = await this.db.projectCostCode.findMany({
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

  async createCostCode(projectId: string, code: string, description: string): Promise<{ id: string }> {
    return this.db.projectCostCode.create({ data: { projectId, code, description }, select: { id: true } });
  }

  /** WBS-3: cost types known on the linked job, marked synced with Spectrum (existing pairs are skipped). */
  async createSyncedCostTypes(
    rows: readonly { projectCostCodeId: string; costType: string }[],
  ): Promise<number> {
    if (rows.length === 0) return 0;
    const r = await this.db.projectCostType.createMany({
      data: rows.map((r) => ({ ...r, syncedWithSpectrum: true })),
      skipDuplicates: true,
    });
    return r.count;
  }

  async setCostTypesSynced(ids: readonly string[], synced: boolean): Promise<number> {
    if (ids.length === 0) return 0;
    const r = await this.db.projectCostType.updateMany({
      where: { id: { in: [...ids] } },
      data: { syncedWithSpectrum: synced },
    });
    return r.count;
  }
}
