import { stringify } from 'csv-stringify/sync';
import type { AttentionRow, GroupRuns, StateCount } from './reports.repository.js';

/** The item types of the report, in the order an accountant reads them. */
export const REPORT_TYPES = [
  'job',
  'project',
  'vendor',
  'company',
  'cost_code',
  'budget',
  'budget_change',
  'commitment',
  'commitment_change_order',
  'prime_contract',
  'prime_contract_change_order',
  'forecast',
] as const;

export interface AccountantReport {
  generatedAt: string;
  types: {
    type: string;
    waitingToImport: number;
    waitingToExport: number;
    synced: number;
    rejected: number;
    failed: number;
  }[];
  lastSync: {
    group: string;
    lastRunAt: string | null;
    lastStatus: string | null;
    lastSucceededAt: string | null;
  }[];
  attention: {
    kind: string;
    type: string;
    itemId: string | null;
    spectrumKey: string | null;
    message: string;
    at: string;
  }[];
}

/** What needs attention in a group's latest run: the run itself when it failed, and each item it could not sync. */
function runAttention(g: GroupRuns): AttentionRow[] {
  if (!g.last) return [];
  const rows: AttentionRow[] = [];
  if (g.last.status === 'failed')
    rows.push({
      kind: 'sync_run_failed',
      type: g.group,
      itemId: g.last.id,
      spectrumKey: null,
      message: g.last.error ?? 'The sync run failed.',
      at: g.last.endedAt ?? g.last.startedAt,
    });
  for (const f of g.failures)
    rows.push({
      kind: 'sync_item_failed',
      type: f.itemType,
      itemId: null,
      spectrumKey: f.itemKey,
      message: f.reason,
      at: f.createdAt,
    });
  return rows;
}

/**
 * REP-1: per type, what waits to be imported, waits for acceptance, is synced, was rejected or failed. Item states
 * come from the links; an export request that waits or failed counts for its type even before its item has a link.
 */
export function buildAccountantReport(input: {
  now: Date;
  links: StateCount[];
  exports: StateCount[];
  runs: GroupRuns[];
  failedExports: AttentionRow[];
  linkErrors: AttentionRow[];
}): AccountantReport {
  const byType = new Map<string, AccountantReport['types'][number]>();
  const row = (type: string) => {
    let r = byType.get(type);
    if (!r) {
      r = { type, waitingToImport: 0, waitingToExport: 0, synced: 0, rejected: 0, failed: 0 };
      byType.set(type, r);
    }
    return r;
  };
  for (const t of REPORT_TYPES) row(t);
  for (const c of input.links) {
    const r = row(c.type);
    if (c.state === 'ready_to_import') r.waitingToImport += c.count;
    else if (c.state === 'synced') r.synced += c.count;
    else if (c.state === 'rejected') r.rejected += c.count;
  }
  for (const c of input.exports) {
    const r = row(c.type);
    if (c.state === 'ready_to_export' || c.state === 'exporting') r.waitingToExport += c.count;
    else if (c.state === 'failed') r.failed += c.count;
  }
  return {
    generatedAt: input.now.toISOString(),
    types: [...byType.values()],
    lastSync: input.runs.map((g) => ({
      group: g.group,
      lastRunAt: g.last?.startedAt.toISOString() ?? null,
      lastStatus: g.last?.status ?? null,
      lastSucceededAt: g.lastSucceededAt?.toISOString() ?? null,
    })),
    attention: [...input.failedExports, ...input.runs.flatMap(runAttention), ...input.linkErrors]
      .sort((a, b) => b.at.getTime() - a.at.getTime())
      .map((a) => ({ ...a, at: a.at.toISOString() })),
  };
}

/** The same report as CSV: three tables one after the other, each with its own header row. */
export function accountantReportCsv(report: AccountantReport): string {
  const parts = [
    stringify(
      report.types.map((t) => [t.type, t.waitingToImport, t.waitingToExport, t.synced, t.rejected, t.failed]),
      {
        header: true,
        columns: ['type', 'waiting_to_import', 'waiting_to_export', 'synced', 'rejected', 'failed'],
      },
    ),
    stringify(
      report.lastSync.map((s) => [s.group, s.lastRunAt ?? '', s.lastStatus ?? '', s.lastSucceededAt ?? '']),
      { header: true, columns: ['sync_group', 'last_run_at', 'last_status', 'last_succeeded_at'] },
    ),
    stringify(
      report.attention.map((a) => [a.kind, a.type, a.itemId ?? '', a.spectrumKey ?? '', a.message, a.at]),
      { header: true, columns: ['needs_attention', 'type', 'item_id', 'spectrum_key', 'message', 'at'] },
    ),
  ];
  return parts.join('\n');
}
