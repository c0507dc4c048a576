import type { ItemType, SyncState } from '@bridge/rules';
import { Inject, Injectable } from '@nestjs/common';
import type { Prisma, PrismaClient } from '../generated/prisma/client.js';
import { PRISMA } from '../platform/tokens.js';

/** The link of one item between the two systems (docs/spec.md: sync state and link). */
export interface LinkView {
  id: string;
  type: ItemType;
  pmId: string | null;
  spectrumKey: string | null;
  state: SyncState;
  lastSyncedHash: string | null;
  lastSyncedValues: unknown;
  lastError: string | null;
  lastSyncedAt: Date | null;
}

type Tx = Prisma.TransactionClient | PrismaClient;

const view = (r: {
  id: string;
  type: string;
  pmId: string | null;
  spectrumKey: string | null;
  state: SyncState;
  lastSyncedHash: string | null;
  lastSyncedValues: unknown;
  lastError: string | null;
  lastSyncedAt: Date | null;
}): LinkView => ({ ...r, type: r.type as ItemType });

@Injectable()
export class LinksRepository {
  constructor(@Inject(PRISMA) private readonly db: PrismaClient) {}

  async forItem(type: ItemType, pmId: string, tx: Tx = this.db): Promise<LinkView | null> {
    const r = await tx.syncLink.findUnique({ where: { type_pmId: { type, pmId } } });
    return r ? view(r) : null;
  }

  async forItems(type: ItemType, pmIds: readonly string[], tx: Tx = this.db): Promise<Map<string, LinkView>> {
    if (pmIds.length === 0) return new Map();
    const rows = await tx.syncLink.findMany({ where: { type, pmId: { in: [...pmIds] } } });
    return new Map(rows.map((r) => [r.pmId as string, view(r)]));
  }

  /**
   * The link of each item under either of two types: its own link (`own`), else the link an import or "link to
   * existing" wrote with the item as PM item (`alias`): `project`/`job`, `company`/`vendor` name the same Spectrum key.
   */
  async forItemsOrAlias(
    own: ItemType,
    alias: ItemType,
    pmIds: readonly string[],
    tx: Tx = this.db,
  ): Promise<Map<string, LinkView>> {
    const unique = [...new Set(pmIds)];
    const mine = await this.forItems(own, unique, tx);
    const out = new Map(await this.forItems(alias, unique, tx));
    for (const [k, v] of mine) out.set(k, v);
    return out;
  }

  async forSpectrumKey(type: ItemType, spectrumKey: string, tx: Tx = this.db): Promise<LinkView | null> {
    const r = await tx.syncLink.findUnique({ where: { type_spectrumKey: { type, spectrumKey } } });
    return r ? view(r) : null;
  }

  async byState(type: ItemType, states: readonly SyncState[], tx: Tx = this.db): Promise<LinkView[]> {
    const rows = await tx.syncLink.findMany({
      where: { type, state: { in: [...states] } },
      orderBy: { id: 'asc' },
    });
    return rows.map(view);
  }

  /** Creates or updates the link of a PM item. */
  async upsertForItem(
    type: ItemType,
    pmId: string,
    data: Partial<
      Pick<LinkView, 'spectrumKey' | 'state' | 'lastSyncedHash' | 'lastError' | 'lastSyncedAt'>
    > & {
      lastSyncedValues?: object;
    },
    tx: Tx = this.db,
  ): Promise<LinkView> {
    const { lastSyncedValues, ...rest } = data;
    const values = { ...rest, lastSyncedValues: lastSyncedValues as Prisma.InputJsonValue | undefined };
    const r = await tx.syncLink.upsert({
      where: { type_pmId: { type, pmId } },
      create: { type, pmId, state: data.state ?? 'synced', ...values },
      update: values,
    });
    return view(r);
  }

  async delete(type: ItemType, pmId: string, tx: Tx = this.db): Promise<void> {
    await tx.syncLink.deleteMany({ where: { type, pmId } });
  }
}
