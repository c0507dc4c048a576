import { SYNC_GROUPS, type SyncFrequency, type SyncGroup } from '@bridge/rules';
import { Inject, Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import type { PrismaClient } from '../generated/prisma/client.js';
import type { PrismaTxHost, TxClient } from '../platform/db/transactions.js';
import type { SyncCounts, SyncTrigger } from './sync-job.js';

export type SyncRunStatus = 'running' | 'succeeded' | 'failed';

export interface SyncRunRecord {
  id: string;
  group: SyncGroup;
  trigger: SyncTrigger;
  status: SyncRunStatus;
  startedAt: Date;
  endedAt: Date | null;
  holder: string | null;
  startedBy: string | null;
  counts: SyncCounts;
  error: string | null;
}

export interface SyncRunFailureRecord {
  id: string;
  itemType: string;
  itemKey: string;
  reason: string;
  createdAt: Date;
}

export interface NewFailure {
  itemType: string;
  itemKey: string;
  reason: string;
  createdAt: Date;
}

/** Why a lease could not be taken. */
export type AcquireResult =
  | { acquired: true; run: SyncRunRecord; orphansFailed: number }
  | { acquired: false; reason: 'busy'; runningRunId: string | null }
  | { acquired: false; reason: 'not-due' };

type RunRow = Awaited<ReturnType<PrismaClient['syncRun']['findUniqueOrThrow']>>;

const toRecord = (r: RunRow): SyncRunRecord => ({
  id: r.id,
  group: r.group,
  trigger: r.trigger as SyncTrigger,
  status: r.status,
  startedAt: r.startedAt,
  endedAt: r.endedAt,
  holder: r.holder,
  startedBy: r.startedBy,
  counts: {
    read: r.read,
    created: r.created,
    updated: r.updated,
    unchanged: r.unchanged,
    vanished: r.vanished,
    failed: r.failed,
  },
  error: r.error,
});

class LeaseRefused extends Error {
  constructor(readonly reason: 'busy' | 'not-due') {
    super(reason);
  }
}

/** Sync runs, their failures, the per-group leases (SCH-4) and the stored schedule (SCH-1). */
@Injectable()
export class SyncRepository {
  constructor(@Inject(TransactionHost) private readonly txHost: PrismaTxHost) {}

  /** The current transaction's client, or the plain client outside a transaction. */
  private get db(): TxClient {
    return this.txHost.tx;
  }

  /** One lock row per group (idempotent; safe with several instances starting at once). */
  async ensureLocks(): Promise<void> {
    await this.db.syncGroupLock.createMany({
      data: SYNC_GROUPS.map((group) => ({ group })),
      skipDuplicates: true,
    });
  }

  /**
   * SCH-4: creates the run and takes the group's lease with ONE conditional UPDATE (the lease is free or expired), in
   * one transaction: when another run holds the lease the UPDATE matches no row and nothing is written. Runs of the
   * group still marked `running` (their lease was lost) are marked failed in the same transaction. `isDue` (scheduled
   * runs) is asked with the lease held, so two instances firing the same schedule start one run, not one each.
   */
  async acquire(input: {
    group: SyncGroup;
    trigger: SyncTrigger;
    startedBy: string | null;
    holder: string;
    now: Date;
    leaseUntil: Date;
    orphanReason: string;
    isDue?: (lastStartedAt: Date | null) => boolean;
  }): Promise<AcquireResult> {
    try {
      return await this.txHost.withTransaction(async () => {
        const run = await this.db.syncRun.create({
          data: {
            group: input.group,
            trigger: input.trigger,
            status: 'running',
            startedAt: input.now,
            holder: input.holder,
            startedBy: input.startedBy,
          },
        });
        const taken = await this.db.syncGroupLock.updateMany({
          where: {
            group: input.group,
            OR: [{ runId: null }, { leaseUntil: null }, { leaseUntil: { lt: input.now } }],
          },
          data: { runId: run.id, holder: input.holder, leaseUntil: input.leaseUntil },
        });
        if (taken.count !== 1) throw new LeaseRefused('busy');
        if (input.isDue) {
          const last = await this.db.syncRun.findFirst({
            where: { group: input.group, id: { not: run.id } },
            orderBy: { startedAt: 'desc' },
            select: { startedAt: true },
          });
          if (!input.isDue(last?.startedAt ?? null)) throw new LeaseRefused('not-due');
        }
        const orphans = await this.db.syncRun.updateMany({
          where: { group: input.group, status: 'running', id: { not: run.id } },
          data: { status: 'failed', endedAt: input.now, error: input.orphanReason },
        });
        return { acquired: true as const, run: toRecord(run), orphansFailed: orphans.count };
      });
    } catch (e) {
      if (!(e instanceof LeaseRefused)) throw e;
      if (e.reason === 'not-due') return { acquired: false, reason: 'not-due' };
      const lock = await this.db.syncGroupLock.findUnique({ where: { group: input.group } });
      return { acquired: false, reason: 'busy', runningRunId: lock?.runId ?? null };
    }
  }

  /** Heartbeat: extends the lease while this run still holds it; false when it was lost. */
  async renewLease(group: SyncGroup, runId: string, leaseUntil: Date): Promise<boolean> {
    const r = await this.db.syncGroupLock.updateMany({ where: { group, runId }, data: { leaseUntil } });
    return r.count === 1;
  }

  /** Progress: the counters so far and the failures buffered since the last write. */
  async saveProgress(runId: string, counts: SyncCounts, failures: readonly NewFailure[]): Promise<void> {
    await this.txHost.withTransaction(async () => {
      if (failures.length > 0) {
        await this.db.syncRunFailure.createMany({ data: failures.map((f) => ({ runId, ...f })) });
      }
      await this.db.syncRun.updateMany({ where: { id: runId, status: 'running' }, data: counts });
    });
  }

  /** Ends a run (once) and releases its lease, in one transaction. */
  async finish(input: {
    run: Pick<SyncRunRecord, 'id' | 'group'>;
    status: Exclude<SyncRunStatus, 'running'>;
    error: string | null;
    counts: SyncCounts;
    failures: readonly NewFailure[];
    endedAt: Date;
  }): Promise<void> {
    await this.txHost.withTransaction(async () => {
      if (input.failures.length > 0) {
        await this.db.syncRunFailure.createMany({
          data: input.failures.map((f) => ({ runId: input.run.id, ...f })),
        });
      }
      await this.db.syncRun.updateMany({
        where: { id: input.run.id, status: 'running' },
        data: { ...input.counts, status: input.status, error: input.error, endedAt: input.endedAt },
      });
      await this.db.syncGroupLock.updateMany({
        where: { group: input.run.group, runId: input.run.id },
        data: { runId: null, holder: null, leaseUntil: null },
      });
    });
  }

  /**
   * SCH-5: runs left `running` whose lease expired (or that no longer hold the lease) are marked failed and their
   * expired leases released. Returns the ids marked failed.
   */
  async failAbandonedRuns(now: Date, reason: string): Promise<string[]> {
    return this.txHost.withTransaction(async () => {
      const running = await this.db.syncRun.findMany({
        where: { status: 'running' },
        select: { id: true, group: true },
      });
      if (running.length === 0) return [];
      const locks = await this.db.syncGroupLock.findMany();
      const byGroup = new Map(locks.map((l) => [l.group, l]));
      const dead = running
        .filter((r) => {
          const lock = byGroup.get(r.group);
          return !lock || lock.runId !== r.id || lock.leaseUntil === null || lock.leaseUntil < now;
        })
        .map((r) => r.id);
      if (dead.length === 0) return [];
      await this.db.syncGroupLock.updateMany({
        where: { runId: { in: dead }, OR: [{ leaseUntil: null }, { leaseUntil: { lt: now } }] },
        data: { runId: null, holder: null, leaseUntil: null },
      });
      await this.db.syncRun.updateMany({
        where: { id: { in: dead }, status: 'running' },
        data: { status: 'failed', endedAt: now, error: reason },
      });
      return dead;
    });
  }

  async findRun(id: string): Promise<SyncRunRecord | null> {
    const r = await this.db.syncRun.findUnique({ where: { id } });
    return r ? toRecord(r) : null;
  }

  async failuresOf(runId: string, take: number): Promise<SyncRunFailureRecord[]> {
    return this.db.syncRunFailure.findMany({
      where: { runId },
      orderBy: { id: 'asc' },
      take,
      select: { id: true, itemType: true, itemKey: true, reason: true, createdAt: true },
    });
  }

  /** Newest first (ids are UUIDv7: time-ordered and stable). */
  async listRuns(
    filter: { group?: SyncGroup; status?: SyncRunStatus },
    beforeId: string | undefined,
    take: number,
  ): Promise<SyncRunRecord[]> {
    const rows = await this.db.syncRun.findMany({
      where: {
        ...(filter.group ? { group: filter.group } : {}),
        ...(filter.status ? { status: filter.status } : {}),
        ...(beforeId ? { id: { lt: beforeId } } : {}),
      },
      orderBy: { id: 'desc' },
      take,
    });
    return rows.map(toRecord);
  }

  async lastRunStartedAt(group: SyncGroup): Promise<Date | null> {
    const r = await this.db.syncRun.findFirst({
      where: { group },
      orderBy: { startedAt: 'desc' },
      select: { startedAt: true },
    });
    return r?.startedAt ?? null;
  }

  // ───────────── schedule ─────────────

  /** The stored frequency of each group (a group without a row has not been changed: undefined). */
  async frequencies(): Promise<Partial<Record<SyncGroup, SyncFrequency>>> {
    const rows = await this.db.syncSchedule.findMany();
    return Object.fromEntries(rows.map((r) => [r.group, r.frequency]));
  }

  async setFrequency(group: SyncGroup, frequency: SyncFrequency): Promise<void> {
    await this.db.syncSchedule.upsert({
      where: { group },
      create: { group, frequency },
      update: { frequency },
    });
  }

  async frequenciesIn(): Promise<Partial<Record<SyncGroup, SyncFrequency>>> {
    const rows = await this.db.syncSchedule.findMany();
    return Object.fromEntries(rows.map((r) => [r.group, r.frequency]));
  }
}
