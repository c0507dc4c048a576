import { Inject, Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
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
    const out = new Map<string, T[]>();
    const parents = [...new Set(parentKeys)];
    if (parents.length === 0) return out;
    const rows = await this.db.spectrumRecord.findMany({
      where: { kind, parentKey: { in: parents }, vanishedAt: null },
      select: { parentKey: true, data: true },
    });
    for (const r of rows) {
      const list = out.get(r.parentKey as string) ?? [];
      list.push(r.data as T);
      out.set(r.parentKey as string, list);
    }
    return out;
  }

  /** Rows of a kind by key, vanished ones included (`vanished` says so). */
  async byKeys<T>(
    kind: string,
    keys: readonly string[],
  ): Promise<Map<string, { data: T; vanished: boolean }>> {
    const unique = [...new Set(keys)];
    if (unique.length === 0) return new Map();
    const rows = await this.db.spectrumRecord.findMany({
      where: { kind, key: { in: unique } },
      select: { key: true, data: true, vanishedAt: true },
    });
    return new Map(rows.map((r) => [r.key, { data: r.data as T, vanished: r.vanishedAt !== null }]));
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
