import { Inject, Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import { Prisma } from '../../generated/prisma/client.js';
import { type CurrentClient, type TxClient } from '../../platform/db/transactions.js';

export interface VerificationRunRecord {
  id: string;
  trigger: string;
  startedById: string | null;
  startedAt: Date;
  finishedAt: Date | null;
  state: string;
  checked: number;
  verified: number;
  drift: number;
  unverifiable: number;
  error: string | null;
}

export type RunCounts = Pick<VerificationRunRecord, 'checked' | 'verified' | 'drift' | 'unverifiable'>;

const select = {
  id: true,
  trigger: true,
  startedById: true,
  startedAt: true,
  finishedAt: true,
  state: true,
  checked: true,
  verified: true,
  drift: true,
  unverifiable: true,
  error: true,
} as const;

/** VER-5: re-verification runs; the `runningGuard` unique column lets one run at a time across instances. */
@Injectable()
export class VerificationRunsRepository {
  constructor(@Inject(TransactionHost) private readonly txHost: CurrentClient) {}

  /** The current transaction's client, or the plain client outside a transaction. */
  private get db(): TxClient {
    return this.txHost.tx;
  }

  /** A new running run, or null when another one is running (the guard's unique index refused it). */
  async start(trigger: string, startedById: string | null, now: Date): Promise<VerificationRunRecord | null> {
    try {
      return await this.db.verificationRun.create({
        data: { trigger, startedById, startedAt: now, state: 'running', runningGuard: 1 },
        select,
      });
    } catch (e) {
      if (e instanceof Prisma.PrismaClientKnownRequestError && e.code === 'P2002') return null;
      throw e;
    }
  }

  async running(): Promise<VerificationRunRecord | null> {
    return this.db.verificationRun.findFirst({ where: { runningGuard: 1 }, select });
  }

  async progress(id: string, counts: RunCounts): Promise<void> {
    await this.db.verificationRun.updateMany({ where: { id, state: 'running' }, data: counts });
  }

  async end(
    id: string,
    data: RunCounts & { state: 'finished' | 'failed'; finishedAt: Date; error: string | null },
  ): Promise<void> {
    await this.db.verificationRun.updateMany({
      where: { id, state: 'running' },
      data: { ...data, runningGuard: null },
    });
  }

  /** Newest first, keyset-paged by id (uuid v7 ids sort by start). */
  async list(beforeId: string | undefined, take: number): Promise<VerificationRunRecord[]> {
    return this.db.verificationRun.findMany({
      where: beforeId ? { id: { lt: beforeId } } : {},
      orderBy: { id: 'desc' },
      take,
      select,
    });
  }
}
