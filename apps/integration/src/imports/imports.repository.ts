import { Inject, Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import { Prisma } from '../generated/prisma/client.js';
import { type CurrentClient, type TxClient } from '../platform/db/transactions.js';
import { SettingsRepository } from '../settings/settings.repository.js';

/** The name and tag of the one Spectrum cost code list (WBS-1, LIM-2). */
export const STANDARD_LIST_NAME = 'Spectrum Standard Cost Codes';
export const STANDARD_LIST_TAG = 'spectrum';

export interface SnapshotIndexEntry {
  hash: string;
  vanished: boolean;
}

const chunk = <T>(items: readonly T[], size: number): T[][] => {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
};

/**
 * Storage of the imports: the Spectrum snapshot records, the standard cost code list and the Spectrum cost types.
 * The staged links are `LinksRepository`'s, the settings the imports maintain `SettingsRepository`'s, and the PM
 * records an import creates or refreshes (projects and their cost codes, budgets, companies, prime contracts) are
 * written through their features' repositories.
 */
@Injectable()
export class ImportsRepository {
  constructor(
    @Inject(TransactionHost) private readonly txHost: CurrentClient,
    @Inject(SettingsRepository) private readonly settings: SettingsRepository,
  ) {}

  /** The current transaction's client, or the plain client outside a transaction. */
  private get db(): TxClient {
    return this.txHost.tx;
  }

  // ───────────────────────────── snapshot facts ─────────────────────────────

  /** Every stored record of a kind with its hash and whether it vanished. */
  async snapshotIndex(kind: string): Promise<Map<string, SnapshotIndexEntry>> {
    const rows = await this.db.$queryRawUnsafe<{ key: string; hash: string; vanished: boolean }[]>(
      'SELECT "key", "hash", "vanishedAt" IS NOT NULL AS vanished FROM "SpectrumRecord" WHERE "kind" = $1',
      kind,
    );
    return new Map(rows.map((r) => [r.key, { hash: r.hash, vanished: r.vanished }]));
  }

  /** The distinct parents of the live records of a kind (e.g. the jobs that have phases). */
  async snapshotParents(kind: string): Promise<string[]> {
    const rows = await this.db.$queryRawUnsafe<{ p: string }[]>(
      'SELECT DISTINCT "parentKey" AS p FROM "SpectrumRecord" WHERE "kind" = $1 AND "vanishedAt" IS NULL AND "parentKey" IS NOT NULL',
      kind,
    );
    return rows.map((r) => r.p);
  }

  async snapshotRecord<T>(
    kind: string,
    key: string,
  ): Promise<{ data: T; hash: string; vanished: boolean } | null> {
    const r = await this.db.spectrumRecord.findUnique({ where: { kind_key: { kind, key } } });
    return r ? { data: r.data as T, hash: r.hash, vanished: r.vanishedAt !== null } : null;
  }

  async snapshotRecords<T>(kind: string, keys: readonly string[]) {
    const out = new Map<string, { data: T; hash: string; vanished: boolean }>();
    for (const part of chunk([...new Set(keys)], 5000)) {
      const rows = await this.db.spectrumRecord.findMany({ where: { kind, key: { in: part } } });
      for (const r of rows)
        out.set(r.key, { data: r.data as T, hash: r.hash, vanished: r.vanishedAt !== null });
    }
    return out;
  }

  /** Live records of a kind under one parent, in key order. */
  async snapshotChildren<T>(kind: string, parentKey: string): Promise<{ key: string; data: T }[]> {
    const rows = await this.db.spectrumRecord.findMany({
      where: { kind, parentKey, vanishedAt: null },
      orderBy: { key: 'asc' },
      select: { key: true, data: true },
    });
    return rows.map((r) => ({ key: r.key, data: r.data as T }));
  }

  /** Live records of a kind (small kinds only: standard phases, cost types). */
  /** Which of these job numbers another live job of the last sync names as its master job. */
  async masterJobsAmong(jobNumbers: readonly string[]): Promise<Set<string>> {
    if (jobNumbers.length === 0) return new Set();
    const rows = await this.db.$queryRaw<{ master: string }[]>`
      SELECT DISTINCT btrim(data->>'masterJob') AS master FROM "SpectrumRecord"
      WHERE kind = 'job' AND "vanishedAt" IS NULL
        AND btrim(data->>'masterJob') IN (${Prisma.join(jobNumbers.map((j) => j.trim()))})`;
    return new Set(rows.map((r) => r.master));
  }

  async snapshotAll<T>(kind: string): Promise<{ key: string; data: T }[]> {
    const rows = await this.db.spectrumRecord.findMany({
      where: { kind, vanishedAt: null },
      orderBy: { key: 'asc' },
      select: { key: true, data: true },
    });
    return rows.map((r) => ({ key: r.key, data: r.data as T }));
  }

  // ───────────────────────────── settings facts ─────────────────────────────

  /**
   * The one "Spectrum Standard Cost Codes" list (LIM-2): found by its tag, created when missing, and named in the
   * settings (`standardCostCodeListId`). Returns its id and whether it was created now.
   */
  async ensureStandardList(
    canCreate: (existingIds: string[]) => boolean,
  ): Promise<{ id: string; created: boolean }> {
    const existing = await this.db.costCodeList.findMany({ where: { spectrumTag: STANDARD_LIST_TAG } });
    let list = existing[0];
    let created = false;
    if (!list) {
      if (!canCreate(existing.map((l) => l.id)))
        throw new Error('the standard cost code list exists already');
      const byName = await this.db.costCodeList.findUnique({ where: { name: STANDARD_LIST_NAME } });
      list = byName
        ? await this.db.costCodeList.update({
            where: { id: byName.id },
            data: { spectrumTag: STANDARD_LIST_TAG },
          })
        : await this.db.costCodeList.create({
            data: { name: STANDARD_LIST_NAME, spectrumTag: STANDARD_LIST_TAG },
          });
      created = true;
    }
    await this.settings.nameStandardCostCodeList(list.id);
    return { id: list.id, created };
  }

  async listCodes(listId: string): Promise<Map<string, string>> {
    const rows = await this.db.costCode.findMany({
      where: { listId },
      select: { code: true, description: true },
    });
    return new Map(rows.map((r) => [r.code, r.description]));
  }

  async insertListCodes(
    listId: string,
    codes: readonly { code: string; description: string }[],
  ): Promise<number> {
    let n = 0;
    for (const part of chunk(codes, 5000)) {
      const r = await this.db.costCode.createMany({
        data: part.map((c) => ({ listId, ...c })),
        skipDuplicates: true,
      });
      n += r.count;
    }
    return n;
  }

  async updateListCode(listId: string, code: string, description: string): Promise<void> {
    await this.db.costCode.update({ where: { listId_code: { listId, code } }, data: { description } });
  }

  async costTypes(): Promise<Map<string, string>> {
    const rows = await this.db.costType.findMany({ select: { code: true, description: true } });
    return new Map(rows.map((r) => [r.code, r.description]));
  }

  async insertCostTypes(rows: readonly { code: string; description: string }[]) {
    if (rows.length === 0) return 0;
    return (await this.db.costType.createMany({ data: [...rows], skipDuplicates: true })).count;
  }

  async updateCostType(code: string, description: string): Promise<void> {
    await this.db.costType.update({ where: { code }, data: { description } });
  }

  // ───────────────────────────── counting (tests, bench) ─────────────────────────────

  /** Rows and the latest change time per table the imports write (proves a no-change run writes nothing). */
  async footprint(): Promise<Record<string, string>> {
    const rows = await this.db.$queryRawUnsafe<{ t: string; n: string; m: string | null }[]>(
      `SELECT 'SpectrumRecord' AS t, count(*)::text AS n, max("changedAt")::text || '/' || coalesce(max("vanishedAt")::text, '') AS m FROM "SpectrumRecord"
       UNION ALL SELECT 'SyncLink', count(*)::text, max("updatedAt")::text FROM "SyncLink"
       UNION ALL SELECT 'Project', count(*)::text, max("updatedAt")::text FROM "Project"
       UNION ALL SELECT 'Company', count(*)::text, max("updatedAt")::text FROM "Company"
       UNION ALL SELECT 'CostCode', count(*)::text, string_agg("description", '' ORDER BY "id") FROM "CostCode"
       UNION ALL SELECT 'CostType', count(*)::text, string_agg("description", '' ORDER BY "id") FROM "CostType"
       UNION ALL SELECT 'ProjectCostType', count(*)::text, count(*) FILTER (WHERE "syncedWithSpectrum")::text FROM "ProjectCostType"
       UNION ALL SELECT 'Budget', count(*)::text, max("updatedAt")::text FROM "Budget"
       UNION ALL SELECT 'BudgetLine', count(*)::text, coalesce(sum("amountCents"), 0)::text || '/' || coalesce(sum("directCostsCents"), 0)::text FROM "BudgetLine"
       UNION ALL SELECT 'PrimeContract', count(*)::text, max("updatedAt")::text FROM "PrimeContract"
       UNION ALL SELECT 'AuditEvent', count(*)::text, NULL FROM "AuditEvent"`,
    );
    return Object.fromEntries(rows.map((r) => [r.t, `${r.n}:${r.m ?? ''}`]));
  }
}
