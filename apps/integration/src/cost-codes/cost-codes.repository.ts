import { Inject, Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import { type CurrentClient, type TxClient } from '../platform/db/transactions.js';

export interface CostCodeListRecord {
  id: string;
  name: string;
  spectrumTag: string | null;
  createdAt: Date;
  codeCount: number;
}

export interface ListCostCodeRecord {
  id: string;
  listId: string;
  code: string;
  description: string;
}

export interface ProjectCostCodeRow {
  id: string;
  projectId: string;
  code: string;
  description: string;
  costTypes: { costType: string; syncedWithSpectrum: boolean }[];
}

/** Cost code lists, their codes, and the codes of projects (the only code of the feature that touches Prisma). */
@Injectable()
export class CostCodesRepository {
  constructor(@Inject(TransactionHost) private readonly txHost: CurrentClient) {}

  /** The current transaction's client, or the plain client outside a transaction. */
  private get db(): TxClient {
    return this.txHost.tx;
  }

  async lists(afterId: string | undefined, take: number): Promise<CostCodeListRecord[]> {
    const rows = await this.db.costCodeList.findMany({
      where: afterId ? { id: { gt: afterId } } : {},
      orderBy: { id: 'asc' },
      take,
      include: { _count: { select: { codes: true } } },
    });
    return rows.map(({ _count, ...r }) => ({ ...r, codeCount: _count.codes }));
  }

  async listExists(id: string): Promise<boolean> {
    return (await this.db.costCodeList.count({ where: { id } })) > 0;
  }

  async projectExists(id: string): Promise<boolean> {
    return (await this.db.project.count({ where: { id } })) > 0;
  }

  listCodes(listId: string, afterId: string | undefined, take: number): Promise<ListCostCodeRecord[]> {
    return this.db.costCode.findMany({
      where: { listId, ...(afterId ? { id: { gt: afterId } } : {}) },
      orderBy: { id: 'asc' },
      take,
    });
  }

  async projectCodes(
    projectId: string,
    afterId: string | undefined,
    take: number,
  ): Promise<ProjectCostCodeRow[]> {
    const rows = await this.db.projectCostCode.findMany({
      where: { projectId, ...(afterId ? { id: { gt: afterId } } : {}) },
      orderBy: { id: 'asc' },
      take,
      include: { costTypes: { orderBy: { costType: 'asc' } } },
    });
    return rows.map((r) => ({
      id: r.id,
      projectId: r.projectId,
      code: r.code,
      description: r.description,
      costTypes: r.costTypes.map((t) => ({ costType: t.costType, syncedWithSpectrum: t.syncedWithSpectrum })),
    }));
  }

  /** The codes of a list (e.g. the Spectrum Standard Cost Codes, for COM-1/CCO-1); empty for no list. */
  async codesOfList(listId: string | null): Promise<Set<string>> {
    if (!listId) return new Set();
    const rows = await this.db.costCode.findMany({ where: { listId }, select: { code: true } });
    return new Set(rows.map((r) => r.code));
  }
}
