import type { ItemType, SyncState } from '@bridge/rules';
import { Inject, Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import type { Prisma } from '../generated/prisma/client.js';
import { BatchedReads } from '../platform/db/batched-reads.js';
import { type CurrentClient, type TxClient } from '../platform/db/transactions.js';
import { forgetPrismaDebugHistory } from '../snapshots/prisma-debug-history.js';

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

/** A link as the imports' Ready to Import list reads it (a staged Spectrum record, or the item it became). */
export interface LinkRow {
  id: string;
  type: string;
  pmId: string | null;
  spectrumKey: string | null;
  state: SyncState;
  lastSyncedHash: string | null;
  lastError: string | null;
  lastSyncedAt: Date | null;
  createdAt: Date;
}

const rowSelect = {
  id: true,
  type: true,
  pmId: true,
  spectrumKey: true,
  state: true,
  lastSyncedHash: true,
  lastError: true,
  lastSyncedAt: true,
  createdAt: true,
} as const;

/** Links staged per statement. */
const STAGE_CHUNK = 1000;

const chunk = <T>(items: readonly T[], size: number): T[][] => {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
};

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

/** The key of one item's link in a batch: its type and PM id. */
const itemKey = (type: string, pmId: string) => `${type}|${pmId}`;

/**
 * Reads the links of a batch of items in one statement: every type's ids in one `OR` over the `(type, pmId)` index.
 */
async function readLinks(db: TxClient, keys: readonly string[]): Promise<(LinkView | null)[]> {
  const byType = new Map<string, Set<string>>();
  for (const key of keys) {
    const at = key.indexOf('|');
    const type = key.slice(0, at);
    byType.set(type, (byType.get(type) ?? new Set()).add(key.slice(at + 1)));
  }
  const rows = await db.syncLink.findMany({
    where: { OR: [...byType].map(([type, pmIds]) => ({ type, pmId: { in: [...pmIds] } })) },
  });
  const found = new Map(rows.map((r) => [itemKey(r.type, r.pmId as string), view(r)]));
  return keys.map((k) => found.get(k) ?? null);
}

/**
 * The links between PM items and Spectrum records (`SyncLink`): the one code that writes them, for the PM features,
 * the imports (staged records of the Ready to Import list) and the export flows.
 */
@Injectable()
export class LinksRepository {
  constructor(@Inject(TransactionHost) private readonly txHost: CurrentClient) {}

  /**
   * Link reads batched per client: the `forItems` calls made in one tick — the links of a page's items, their
   * companies and their projects, read side by side — become one statement.
   */
  private readonly batches = new BatchedReads(readLinks);

  /** The current transaction's client, or the plain client outside a transaction. */
  private get db(): TxClient {
    return this.txHost.tx;
  }

  async forItem(type: ItemType, pmId: string): Promise<LinkView | null> {
    const r = await this.db.syncLink.findUnique({ where: { type_pmId: { type, pmId } } });
    return r ? view(r) : null;
  }

  async forItems(type: ItemType, pmIds: readonly string[]): Promise<Map<string, LinkView>> {
    if (pmIds.length === 0) return new Map();
    const unique = [...new Set(pmIds)];
    const links = await this.batches.load(
      this.db,
      unique.map((id) => itemKey(type, id)),
    );
    const out = new Map<string, LinkView>();
    links.forEach((link, i) => {
      if (link) out.set(unique[i] as string, link);
    });
    return out;
  }

  /**
   * The link of each item under either of two types: its own link (`own`), else the link an import or "link to
   * existing" wrote with the item as PM item (`alias`): `project`/`job`, `company`/`vendor` name the same Spectrum key.
   * Both are read in one statement.
   */
  async forItemsOrAlias(
    own: ItemType,
    alias: ItemType,
    pmIds: readonly string[],
  ): Promise<Map<string, LinkView>> {
    const unique = [...new Set(pmIds)];
    const [mine, aliased] = await Promise.all([this.forItems(own, unique), this.forItems(alias, unique)]);
    const out = new Map(aliased);
    for (const [k, v] of mine) out.set(k, v);
    return out;
  }

  async forSpectrumKey(type: ItemType, spectrumKey: string): Promise<LinkView | null> {
    const r = await this.db.syncLink.findUnique({ where: { type_spectrumKey: { type, spectrumKey } } });
    return r ? view(r) : null;
  }

  async byState(type: ItemType, states: readonly SyncState[]): Promise<LinkView[]> {
    const rows = await this.db.syncLink.findMany({
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
  ): Promise<LinkView> {
    const { lastSyncedValues, ...rest } = data;
    const values = { ...rest, lastSyncedValues: lastSyncedValues as Prisma.InputJsonValue | undefined };
    const r = await this.db.syncLink.upsert({
      where: { type_pmId: { type, pmId } },
      create: { type, pmId, state: data.state ?? 'synced', ...values },
      update: values,
    });
    return view(r);
  }

  async delete(type: ItemType, pmId: string): Promise<void> {
    await this.db.syncLink.deleteMany({ where: { type, pmId } });
  }

  // ──────────────── staged links (the imports' Ready to Import list, API-5) ────────────────

  async row(id: string): Promise<LinkRow | null> {
    return this.db.syncLink.findUnique({ where: { id }, select: rowSelect });
  }

  /** Reads a link and holds its row until the transaction ends: concurrent actions on one item run one at a time. */
  async lockRow(id: string): Promise<LinkRow | null> {
    await this.db.$queryRawUnsafe('SELECT "id" FROM "SyncLink" WHERE "id" = $1 FOR UPDATE', id);
    return this.row(id);
  }

  async rowByKey(type: ItemType, spectrumKey: string): Promise<LinkRow | null> {
    return this.db.syncLink.findUnique({
      where: { type_spectrumKey: { type, spectrumKey } },
      select: rowSelect,
    });
  }

  async rowsByKeys(type: ItemType, keys: readonly string[]): Promise<Map<string, LinkRow>> {
    const out = new Map<string, LinkRow>();
    for (const part of chunk([...new Set(keys)], 5000)) {
      const rows = await this.db.syncLink.findMany({
        where: { type, spectrumKey: { in: part } },
        select: rowSelect,
      });
      for (const r of rows) if (r.spectrumKey) out.set(r.spectrumKey, r);
    }
    return out;
  }

  async rowsOfType(type: ItemType): Promise<LinkRow[]> {
    return this.db.syncLink.findMany({ where: { type }, select: rowSelect, orderBy: { id: 'asc' } });
  }

  /** The links of PM items (by PM id) of the given types. */
  async rowsOfPmItems(types: readonly ItemType[], pmIds: readonly string[]) {
    if (pmIds.length === 0) return [];
    return this.db.syncLink.findMany({
      where: { type: { in: [...types] }, pmId: { in: [...new Set(pmIds)] } },
      select: rowSelect,
    });
  }

  /** API-5 page of importable links. */
  async pageRows(
    filter: { types: readonly ItemType[]; state?: SyncState },
    afterId: string | undefined,
    take: number,
  ): Promise<LinkRow[]> {
    return this.db.syncLink.findMany({
      where: {
        type: { in: [...filter.types] },
        spectrumKey: { not: null },
        ...(filter.state ? { state: filter.state } : {}),
        ...(afterId ? { id: { gt: afterId } } : {}),
      },
      select: rowSelect,
      orderBy: { id: 'asc' },
      take,
    });
  }

  /** Stages Spectrum records as Ready to Import (keys that already have a link keep it). Returns how many were new. */
  async stage(type: ItemType, keys: readonly string[]): Promise<number> {
    let n = 0;
    // createMany is compiled into a query plan with one node per value, in the query compiler's WebAssembly memory
    // (which never shrinks): small chunks keep both small
    for (const part of chunk(keys, STAGE_CHUNK)) {
      const r = await this.db.syncLink.createMany({
        data: part.map((spectrumKey) => ({ type, spectrumKey, state: 'ready_to_import' as const })),
        skipDuplicates: true,
      });
      n += r.count;
      forgetPrismaDebugHistory();
    }
    return n;
  }

  /** Removes staged (never imported) links, e.g. vendors whose type left the filter (VEN-7). */
  async unstage(type: ItemType, keys: readonly string[]): Promise<number> {
    let n = 0;
    for (const part of chunk(keys, 5000)) {
      const r = await this.db.syncLink.deleteMany({
        where: { type, spectrumKey: { in: part }, state: 'ready_to_import', pmId: null },
      });
      n += r.count;
    }
    return n;
  }

  async setRowsError(ids: readonly string[], lastError: string | null): Promise<number> {
    if (ids.length === 0) return 0;
    const r = await this.db.syncLink.updateMany({ where: { id: { in: [...ids] } }, data: { lastError } });
    return r.count;
  }

  async updateRow(
    id: string,
    data: {
      pmId?: string | null;
      state?: SyncState;
      lastSyncedHash?: string | null;
      lastError?: string | null;
      lastSyncedAt?: Date | null;
    },
  ): Promise<LinkRow> {
    return this.db.syncLink.update({ where: { id }, data, select: rowSelect });
  }
}
