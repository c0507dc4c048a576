import { Inject, Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import { BatchedReads } from '../platform/db/batched-reads.js';
import { type CurrentClient, type TxClient } from '../platform/db/transactions.js';
import { forgetPrismaDebugHistory } from './prisma-debug-history.js';

/** One Spectrum row as the snapshot stores it. */
export interface SnapshotRow {
  key: string;
  parentKey: string | null;
  hash: string;
  data: unknown;
}

/** What a scope of the snapshot covers: the whole kind, or only the rows of some parents (e.g. some jobs). */
export type SnapshotScope = { all: true } | { parentKeys: readonly string[] };

/** One read of a batch: the row of a kind by key (`k`), or the live rows of a kind under a parent (`p`). */
type Lookup = `k\u0000${string}\u0000${string}` | `p\u0000${string}\u0000${string}`;
type Found = { data: unknown; vanished: boolean } | unknown[] | null;

/** Reads a batch of lookups in one statement: an `OR` of each kind's keys and each kind's parents. */
async function readLookups(db: TxClient, lookups: readonly Lookup[]): Promise<Found[]> {
  const keys = new Map<string, Set<string>>();
  const parents = new Map<string, Set<string>>();
  for (const l of lookups) {
    const at = l.indexOf('\u0000', 2);
    const kind = l.slice(2, at);
    const into = l.startsWith('k') ? keys : parents;
    into.set(kind, (into.get(kind) ?? new Set()).add(l.slice(at + 1)));
  }
  const rows = await db.spectrumRecord.findMany({
    where: {
      OR: [
        ...[...keys].map(([kind, k]) => ({ kind, key: { in: [...k] } })),
        ...[...parents].map(([kind, p]) => ({ kind, parentKey: { in: [...p] }, vanishedAt: null })),
      ],
    },
    select: { kind: true, key: true, parentKey: true, data: true, vanishedAt: true },
  });
  const byKey = new Map<string, Found>();
  const byParent = new Map<string, unknown[]>();
  for (const r of rows) {
    byKey.set(`k\u0000${r.kind}\u0000${r.key}`, { data: r.data, vanished: r.vanishedAt !== null });
    if (r.parentKey === null || r.vanishedAt !== null) continue;
    const at = `p\u0000${r.kind}\u0000${r.parentKey}`;
    const list = byParent.get(at);
    if (list) list.push(r.data);
    else byParent.set(at, [r.data]);
  }
  return lookups.map((l) => (l.startsWith('k') ? (byKey.get(l) ?? null) : (byParent.get(l) ?? [])));
}

/**
 * The stored Spectrum snapshot (`SpectrumRecord`): last seen content and hash of each record by natural key.
 * Writes are set-based (one statement per batch), so a run of 200,000 rows stays a few hundred statements.
 */
@Injectable()
export class SnapshotRepository {
  constructor(@Inject(TransactionHost) private readonly txHost: CurrentClient) {}

  /** The current transaction's client, or the plain client outside a transaction. */
  private get db(): TxClient {
    return this.txHost.tx;
  }

  /**
   * Key and parent reads batched per client: the `byKeys` and `liveByParents` calls made in one tick — a page's job
   * phases and vendor statuses, read side by side — become one statement.
   */
  private readonly batches = new BatchedReads(readLookups);

  /** `key → hash` of the live (not vanished) rows of a kind within the scope. */
  async hashes(kind: string, scope: SnapshotScope): Promise<Map<string, string>> {
    const rows =
      'all' in scope
        ? await this.db.$queryRawUnsafe<{ key: string; hash: string }[]>(
            'SELECT "key", "hash" FROM "SpectrumRecord" WHERE "kind" = $1 AND "vanishedAt" IS NULL',
            kind,
          )
        : scope.parentKeys.length === 0
          ? []
          : await this.db.$queryRawUnsafe<{ key: string; hash: string }[]>(
              'SELECT "key", "hash" FROM "SpectrumRecord" WHERE "kind" = $1 AND "vanishedAt" IS NULL AND "parentKey" = ANY($2::text[])',
              kind,
              [...scope.parentKeys],
            );
    return new Map(rows.map((r) => [r.key, r.hash]));
  }

  /** Inserts new rows and overwrites changed ones (a row that had vanished comes back to life). */
  async upsert(kind: string, rows: readonly SnapshotRow[], at: Date): Promise<void> {
    if (rows.length === 0) return;
    await this.db.$executeRawUnsafe(
      `INSERT INTO "SpectrumRecord" ("kind", "key", "parentKey", "hash", "data", "firstSeenAt", "changedAt", "vanishedAt")
       SELECT $1, t.k, t.p, t.h, t.d::jsonb, $6, $6, NULL
       FROM unnest($2::text[], $3::text[], $4::text[], $5::text[]) AS t(k, p, h, d)
       ON CONFLICT ("kind", "key") DO UPDATE
         SET "parentKey" = EXCLUDED."parentKey", "hash" = EXCLUDED."hash", "data" = EXCLUDED."data",
             "changedAt" = EXCLUDED."changedAt", "vanishedAt" = NULL`,
      kind,
      rows.map((r) => r.key),
      rows.map((r) => r.parentKey),
      rows.map((r) => r.hash),
      rows.map((r) => JSON.stringify(r.data)),
      at,
    );
    forgetPrismaDebugHistory();
  }

  /** Marks rows as vanished from Spectrum (kept, so a link can still show what it pointed to). */
  async markVanished(kind: string, keys: readonly string[], at: Date): Promise<void> {
    if (keys.length === 0) return;
    await this.db.$executeRawUnsafe(
      'UPDATE "SpectrumRecord" SET "vanishedAt" = $3 WHERE "kind" = $1 AND "key" = ANY($2::text[]) AND "vanishedAt" IS NULL',
      kind,
      [...keys],
      at,
    );
    forgetPrismaDebugHistory();
  }

  async get<T>(
    kind: string,
    key: string,
  ): Promise<(SnapshotRow & { data: T; vanishedAt: Date | null }) | null> {
    const r = await this.db.spectrumRecord.findUnique({ where: { kind_key: { kind, key } } });
    return r
      ? { key: r.key, parentKey: r.parentKey, hash: r.hash, data: r.data as T, vanishedAt: r.vanishedAt }
      : null;
  }

  async many<T>(kind: string, keys: readonly string[]): Promise<Map<string, T>> {
    if (keys.length === 0) return new Map();
    const rows = await this.db.spectrumRecord.findMany({ where: { kind, key: { in: [...keys] } } });
    return new Map(rows.map((r) => [r.key, r.data as T]));
  }

  async byParent<T>(kind: string, parentKey: string): Promise<{ key: string; data: T }[]> {
    const rows = await this.db.spectrumRecord.findMany({
      where: { kind, parentKey, vanishedAt: null },
      orderBy: { key: 'asc' },
    });
    return rows.map((r) => ({ key: r.key, data: r.data as T }));
  }

  /** The live rows of a kind under some parents (e.g. the phases of some jobs), grouped by parent. */
  async liveByParents<T>(kind: string, parentKeys: readonly string[]): Promise<Map<string, T[]>> {
    const parents = [...new Set(parentKeys)];
    const found = await this.batches.load(
      this.db,
      parents.map((p): Lookup => `p\u0000${kind}\u0000${p}`),
    );
    const out = new Map<string, T[]>();
    found.forEach((rows, i) => {
      if ((rows as T[]).length > 0) out.set(parents[i] as string, rows as T[]);
    });
    return out;
  }

  /** Rows of a kind by key, vanished ones included (`vanished` says so). */
  async byKeys<T>(
    kind: string,
    keys: readonly string[],
  ): Promise<Map<string, { data: T; vanished: boolean }>> {
    const unique = [...new Set(keys)];
    const found = await this.batches.load(
      this.db,
      unique.map((k): Lookup => `k\u0000${kind}\u0000${k}`),
    );
    const out = new Map<string, { data: T; vanished: boolean }>();
    found.forEach((row, i) => {
      if (row) out.set(unique[i] as string, row as { data: T; vanished: boolean });
    });
    return out;
  }

  /** The keys of the live rows of a kind (small kinds only, e.g. cost types). */
  async liveKeys(kind: string): Promise<string[]> {
    const rows = await this.db.spectrumRecord.findMany({
      where: { kind, vanishedAt: null },
      select: { key: true },
    });
    return rows.map((r) => r.key);
  }

  /** Whether any row of a kind was ever stored (its snapshot was taken at least once). */
  async hasAny(kind: string): Promise<boolean> {
    return (await this.db.spectrumRecord.findFirst({ where: { kind }, select: { key: true } })) !== null;
  }

  async count(kind: string): Promise<number> {
    return this.db.spectrumRecord.count({ where: { kind, vanishedAt: null } });
  }
}
