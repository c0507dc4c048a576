import { SYNC_GROUPS } from '@bridge/rules';
import { Inject, Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import { type CurrentClient, type TxClient } from '../platform/db/transactions.js';

export interface StateCount {
  type: string;
  state: string;
  count: number;
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

  /** Per group: the latest run and the latest successful run. */
  async lastRuns(): Promise<
    {
      group: string;
      last: { startedAt: Date; endedAt: Date | null; status: string } | null;
      lastSucceededAt: Date | null;
    }[]
  > {
    return Promise.all(
      SYNC_GROUPS.map(async (group) => {
        const last = await this.db.syncRun.findFirst({ where: { group }, orderBy: { startedAt: 'desc' } });
        const ok = await this.db.syncRun.findFirst({
          where: { group, status: 'succeeded' },
          orderBy: { startedAt: 'desc' },
        });
        return {
          group,
          last: last ? { startedAt: last.startedAt, endedAt: last.endedAt, status: last.status } : null,
          lastSucceededAt: ok?.endedAt ?? null,
        };
      }),
    );
  }

  /** Failed exports, failed runs (latest per group), item failures of each group's latest run, link errors. */
  async attention(limit: number): Promise<AttentionRow[]> {
    const failedExports = await this.db.exportRequest.findMany({
      where: { state: 'failed' },
      orderBy: { updatedAt: 'desc' },
      take: limit,
    });
    const rows: AttentionRow[] = failedExports.map((r) => ({
      kind: 'export_failed',
      type: r.type,
      itemId: r.itemId,
      spectrumKey: r.spectrumKey,
      message: r.lastError ?? 'The export failed.',
      at: r.updatedAt,
    }));
    for (const group of SYNC_GROUPS) {
      const last = await this.db.syncRun.findFirst({
        where: { group },
        orderBy: { startedAt: 'desc' },
        include: { failures: { take: limit, orderBy: { createdAt: 'asc' } } },
      });
      if (!last) continue;
      if (last.status === 'failed') {
        rows.push({
          kind: 'sync_run_failed',
          type: group,
          itemId: last.id,
          spectrumKey: null,
          message: last.error ?? 'The sync run failed.',
          at: last.endedAt ?? last.startedAt,
        });
      }
      for (const f of last.failures) {
        rows.push({
          kind: 'sync_item_failed',
          type: f.itemType,
          itemId: null,
          spectrumKey: f.itemKey,
          message: f.reason,
          at: f.createdAt,
        });
      }
    }
    const linkErrors = await this.db.syncLink.findMany({
      where: { lastError: { not: null }, state: { not: 'failed' } },
      orderBy: { updatedAt: 'desc' },
      take: limit,
    });
    for (const l of linkErrors) {
      rows.push({
        kind: 'link_error',
        type: l.type,
        itemId: l.pmId,
        spectrumKey: l.spectrumKey,
        message: l.lastError ?? '',
        at: l.updatedAt,
      });
    }
    return rows;
  }
}
