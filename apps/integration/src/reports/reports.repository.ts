import { SYNC_GROUPS } from '@bridge/rules';
import { Inject, Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import { type CurrentClient, type TxClient } from '../platform/db/transactions.js';

export interface StateCount {
  type: string;
  state: string;
  count: number;
}

/** A sync group's latest run (with its first item failures) and when its latest successful run ended. */
export interface GroupRuns {
  group: string;
  last: { id: string; startedAt: Date; endedAt: Date | null; status: string; error: string | null } | null;
  lastSucceededAt: Date | null;
  failures: { itemType: string; itemKey: string; reason: string; createdAt: Date }[];
}

export interface AttentionRow {
  kind: 'export_failed' | 'sync_run_failed' | 'sync_item_failed' | 'link_error';
  type: string;
  itemId: string | null;
  spectrumKey: string | null;
  message: string;
  at: Date;
}

/** Reads for the accountant report (REP-1): counts by type and state, last runs, what needs attention. */
@Injectable()
export class ReportsRepository {
  constructor(@Inject(TransactionHost) private readonly txHost: CurrentClient) {}

  /** The current transaction's client, or the plain client outside a transaction. */
  private get db(): TxClient {
    return this.txHost.tx;
  }

  /**
   * Link counts by type and state. A project exported as a job keeps its state on a `job` link, a company exported as
   * a vendor on a `vendor` link: those count as `project` and `company` (REP-1 "per type"), told apart from imported
   * jobs and vendors by the export requests of their item.
   */
  async linkStateCounts(): Promise<StateCount[]> {
    // one hash join against the exported projects and companies (a correlated EXISTS per link was estimated so high
    // that PostgreSQL compiled it with JIT on every call)
    const rows = await this.db.$queryRawUnsafe<{ type: string; state: string; count: bigint }[]>(
      `WITH exported AS (
         SELECT DISTINCT CASE r."type" WHEN 'project' THEN 'job' ELSE 'vendor' END AS "linkType", r."itemId"
           FROM "ExportRequest" r
          WHERE r."type" IN ('project', 'company')
       )
       SELECT CASE
                WHEN e."itemId" IS NULL THEN l."type"
                WHEN l."type" = 'job' THEN 'project'
                ELSE 'company'
              END AS "type",
              l."state"::text AS "state",
              COUNT(*) AS "count"
         FROM "SyncLink" l
         LEFT JOIN exported e ON e."linkType" = l."type" AND e."itemId" = l."pmId"
        GROUP BY 1, 2`,
    );
    return rows.map((r) => ({ type: r.type, state: r.state, count: Number(r.count) }));
  }

  /**
   * Export request counts by type for the states the report shows from the queue (waiting and failed; synced and
   * rejected come from the links), read through the (state, type, id) index instead of the whole queue.
   */
  async exportStateCounts(): Promise<StateCount[]> {
    const rows = await this.db.exportRequest.groupBy({
      by: ['type', 'state'],
      where: { state: { in: ['ready_to_export', 'exporting', 'failed'] } },
      _count: { _all: true },
    });
    return rows.map((r) => ({ type: r.type, state: r.state, count: r._count._all }));
  }

  /**
   * Per sync group, in one statement: the latest run and when the latest successful run ended (each an index read
   * on `(group, startedAt)`), then the first `failuresPerRun` item failures of each latest run in a second one.
   */
  async groupRuns(failuresPerRun: number): Promise<GroupRuns[]> {
    const runs = await this.db.$queryRawUnsafe<
      {
        group: string;
        id: string | null;
        startedAt: Date | null;
        endedAt: Date | null;
        status: string | null;
        error: string | null;
        lastSucceededAt: Date | null;
      }[]
    >(
      `SELECT g."group", last."id", last."startedAt", last."endedAt", last."status"::text AS "status", last."error",
              ok."endedAt" AS "lastSucceededAt"
         FROM unnest($1::text[]) WITH ORDINALITY AS g("group", n)
         LEFT JOIN LATERAL (
           SELECT r."id", r."startedAt", r."endedAt", r."status", r."error" FROM "SyncRun" r
            WHERE r."group" = g."group"::"SyncGroup" ORDER BY r."startedAt" DESC LIMIT 1) last ON true
         LEFT JOIN LATERAL (
           SELECT r."endedAt" FROM "SyncRun" r
            WHERE r."group" = g."group"::"SyncGroup" AND r."status" = 'succeeded' ORDER BY r."startedAt" DESC LIMIT 1) ok ON true
        ORDER BY g.n`,
      [...SYNC_GROUPS],
    );
    const lastIds = runs.flatMap((r) => (r.id ? [r.id] : []));
    const failures =
      lastIds.length === 0
        ? []
        : await this.db.$queryRawUnsafe<
            { runId: string; itemType: string; itemKey: string; reason: string; createdAt: Date }[]
          >(
            `SELECT "runId", "itemType", "itemKey", "reason", "createdAt" FROM (
               SELECT f.*, row_number() OVER (PARTITION BY f."runId" ORDER BY f."createdAt", f."id") AS n
                 FROM "SyncRunFailure" f WHERE f."runId" = ANY($1::text[])) x
              WHERE x.n <= $2
              ORDER BY "createdAt", "runId"`,
            lastIds,
            failuresPerRun,
          );
    return runs.map((r) => ({
      group: r.group,
      last:
        r.id && r.startedAt && r.status
          ? { id: r.id, startedAt: r.startedAt, endedAt: r.endedAt, status: r.status, error: r.error }
          : null,
      lastSucceededAt: r.lastSucceededAt,
      failures: failures
        .filter((f) => f.runId === r.id)
        .map((f) => ({ itemType: f.itemType, itemKey: f.itemKey, reason: f.reason, createdAt: f.createdAt })),
    }));
  }

  /** The latest failed exports, newest first. */
  async failedExports(limit: number): Promise<AttentionRow[]> {
    const failed = await this.db.exportRequest.findMany({
      where: { state: 'failed' },
      orderBy: { updatedAt: 'desc' },
      take: limit,
    });
    return failed.map((r) => ({
      kind: 'export_failed',
      type: r.type,
      itemId: r.itemId,
      spectrumKey: r.spectrumKey,
      message: r.lastError ?? 'The export failed.',
      at: r.updatedAt,
    }));
  }

  /** The latest links with an error that is not a failed export's, newest first. */
  async linkErrors(limit: number): Promise<AttentionRow[]> {
    const links = await this.db.syncLink.findMany({
      where: { lastError: { not: null }, state: { not: 'failed' } },
      orderBy: { updatedAt: 'desc' },
      take: limit,
    });
    return links.map((l) => ({
      kind: 'link_error',
      type: l.type,
      itemId: l.pmId,
      spectrumKey: l.spectrumKey,
      message: l.lastError ?? '',
      at: l.updatedAt,
    }));
  }
}
