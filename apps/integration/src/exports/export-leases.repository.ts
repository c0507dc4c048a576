import type { ItemType } from '@bridge/rules';
import { Inject, Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import { Prisma } from '../generated/prisma/client.js';
import { type CurrentClient, type TxClient } from '../platform/db/transactions.js';
import { type ExportRequestRecord, type ExportStepRecord, utcDate } from './exports.repository.js';

/** What a worker works from once it holds a request's lease. */
export type ClaimedRequest = Pick<
  ExportRequestRecord,
  'id' | 'type' | 'itemId' | 'payload' | 'spectrumKey' | 'attempts' | 'correlationId' | 'decidedAt'
>;

export interface ClaimedExport {
  request: ClaimedRequest;
  /** The steps not done yet, in order. */
  pending: ExportStepRecord[];
  /** The request's number of steps (done and pending). */
  total: number;
}

interface ClaimedRow {
  id: string;
  type: string;
  itemId: string;
  payload: unknown;
  spectrumKey: string | null;
  attempts: number;
  correlationId: string | null;
  decidedAt: Date | string | null;
  total: number;
  pending: unknown;
}

/** A step Spectrum answered, waiting to be recorded (see `markStepsDone`). */
export interface StepDone {
  stepId: string;
  result: unknown;
  doneAt: Date;
}

/** `SET … FROM` of an `UPDATE "ExportStep" AS s` marking finished steps done, from a table `t` of all of them. */
const markDone = (steps: readonly StepDone[]) => Prisma.sql`
SET status = 'done', result = t.result::jsonb, "doneAt" = (t.done_at::timestamptz AT TIME ZONE 'UTC')
FROM unnest(
  ${steps.map((d) => d.stepId)}::text[],
  ${steps.map((d) => JSON.stringify(d.result))}::text[],
  ${steps.map((d) => d.doneAt.toISOString())}::text[]
) AS t(id, result, done_at)`;

/** A timestamp parameter compared with Prisma's `timestamp(3)` columns (stored in UTC). */
const ts = (d: Date) => Prisma.sql`(${d.toISOString()}::timestamptz AT TIME ZONE 'UTC')`;

/**
 * The worker's hold on a request: the claim, the lease and its renewal, steps recorded as Spectrum answers them, and
 * the end of a request only while its lease holds (the only Prisma code of the worker).
 */
@Injectable()
export class ExportLeasesRepository {
  constructor(@Inject(TransactionHost) private readonly txHost: CurrentClient) {}

  /** The current transaction's client, or the plain client outside a transaction. */
  private get db(): TxClient {
    return this.txHost.tx;
  }

  /**
   * Claims the next due export for this worker with one statement: the oldest due `exporting` request whose lease is
   * free, skipping rows another worker is claiming (`FOR UPDATE SKIP LOCKED`), and only while the connection is
   * Connected (GEN-3: the queue is paused otherwise). The same statement returns what the worker needs: the request,
   * its pending steps in order and its number of steps. Null when nothing is due or the queue is paused.
   */
  async claim(holder: string, now: Date, leaseUntil: Date): Promise<ClaimedExport | null> {
    const rows = await this.db.$queryRaw<ClaimedRow[]>(Prisma.sql`
      WITH claimed AS (
        UPDATE "ExportRequest" SET "lockedBy" = ${holder}, "lockedUntil" = ${ts(leaseUntil)}, "updatedAt" = ${ts(now)}
        WHERE id = (
          SELECT id FROM "ExportRequest"
          WHERE state = 'exporting'::"ExportRequestState"
            AND ("nextAttemptAt" IS NULL OR "nextAttemptAt" <= ${ts(now)})
            AND ("lockedUntil" IS NULL OR "lockedUntil" < ${ts(now)})
          ORDER BY "nextAttemptAt" ASC NULLS FIRST, id ASC
          LIMIT 1
          FOR UPDATE SKIP LOCKED
        )
        AND state = 'exporting'::"ExportRequestState"
        AND ("lockedUntil" IS NULL OR "lockedUntil" < ${ts(now)})
        AND EXISTS (SELECT 1 FROM "IntegrationSettings" WHERE id = 1 AND "connectionStatus" = 'connected')
        RETURNING id, type, "itemId", payload, "spectrumKey", attempts, "correlationId", "decidedAt"
      )
      SELECT c.id, c.type, c."itemId", c.payload, c."spectrumKey", c.attempts, c."correlationId", c."decidedAt",
        (SELECT count(*)::int FROM "ExportStep" a WHERE a."requestId" = c.id) AS total,
        (SELECT coalesce(
            json_agg(
              json_build_object('id', s.id, 'seq', s.seq, 'name', s.name, 'service', s.service, 'input', s.input)
              ORDER BY s.seq
            ),
            '[]'::json)
          FROM "ExportStep" s WHERE s."requestId" = c.id AND s.status = 'pending') AS pending
      FROM claimed c`);
    const r = rows[0];
    if (!r) return null;
    const json = <T>(v: unknown): T => (typeof v === 'string' ? JSON.parse(v) : v) as T;
    const pending = json<Omit<ExportStepRecord, 'status' | 'result' | 'doneAt'>[]>(r.pending).map(
      (step): ExportStepRecord => ({
        ...step,
        input: step.input ?? {},
        status: 'pending',
        result: null,
        doneAt: null,
      }),
    );
    return {
      request: {
        id: r.id,
        type: r.type as ItemType,
        itemId: r.itemId,
        payload: json<Record<string, unknown> | null>(r.payload) ?? {},
        spectrumKey: r.spectrumKey,
        attempts: Number(r.attempts),
        correlationId: r.correlationId,
        decidedAt: utcDate(r.decidedAt),
      },
      pending,
      total: Number(r.total),
    };
  }

  /** Extends the lease while this worker still holds it; false when it was lost. */
  async renewLease(id: string, holder: string, leaseUntil: Date): Promise<boolean> {
    const r = await this.db.exportRequest.updateMany({
      where: { id, lockedBy: holder, state: 'exporting' },
      data: { lockedUntil: leaseUntil },
    });
    return r.count === 1;
  }

  /**
   * Records finished steps with Spectrum's answers, only while this worker holds the request's lease: one statement
   * for the whole batch (the lease check and the writes are atomic together). False when the lease was lost.
   */
  async markStepsDone(requestId: string, holder: string, steps: readonly StepDone[]): Promise<boolean> {
    if (steps.length === 0) return true;
    const n = await this.db.$executeRaw(Prisma.sql`
      UPDATE "ExportStep" AS s
      ${markDone(steps)}
      WHERE s.id = t.id AND s."requestId" = ${requestId} AND s.status = 'pending'
        AND EXISTS (
          SELECT 1 FROM "ExportRequest"
          WHERE id = ${requestId} AND "lockedBy" = ${holder} AND state = 'exporting'::"ExportRequestState"
        )`);
    return n === steps.length;
  }

  /** Releases the lease and schedules the next attempt (transient error, or paused queue). */
  async release(
    id: string,
    holder: string,
    data: { nextAttemptAt: Date; attempts?: number; lastError: string | null; lastErrorKind: string | null },
  ): Promise<void> {
    await this.db.exportRequest.updateMany({
      where: { id, lockedBy: holder },
      data: { ...data, lockedBy: null, lockedUntil: null },
    });
  }

  /**
   * Gives the lease back without counting an attempt (OPS-1, a graceful stop): the request is due at once for any
   * instance. False when this worker no longer held it.
   */
  async giveBack(id: string, holder: string, now: Date): Promise<boolean> {
    const r = await this.db.exportRequest.updateMany({
      where: { id, lockedBy: holder, state: 'exporting' },
      data: { lockedBy: null, lockedUntil: null, nextAttemptAt: now },
    });
    return r.count === 1;
  }

  /**
   * Ends a request this worker holds (synced or failed) inside the finishing transaction: the lease check and the
   * change are one statement. False when the lease was lost (nothing changed).
   */
  async finishHeld(
    id: string,
    holder: string,
    data: Prisma.ExportRequestUpdateManyMutationInput,
  ): Promise<boolean> {
    const r = await this.db.exportRequest.updateMany({
      where: { id, lockedBy: holder, state: 'exporting' },
      data: { ...data, lockedBy: null, lockedUntil: null },
    });
    return r.count === 1;
  }

  /**
   * Ends a request this worker holds as `synced`, inside the finishing transaction, in ONE statement: the lease check
   * and state change, the steps still to record (see `markStepsDone`) and the removal of a row the import staged for
   * the same Spectrum key with no PM item (the exported item's link replaces it). False when the lease was lost
   * (nothing changed).
   */
  async finishSynced(
    id: string,
    holder: string,
    steps: readonly StepDone[],
    staged: { type: ItemType; spectrumKey: string },
    now: Date,
  ): Promise<boolean> {
    const rows = await this.db.$queryRaw<{ finished: number }[]>(Prisma.sql`
      WITH req AS (
        UPDATE "ExportRequest"
        SET state = 'synced'::"ExportRequestState", "finishedAt" = ${ts(now)}, "lastError" = NULL,
            "lastErrorKind" = NULL, "lockedBy" = NULL, "lockedUntil" = NULL, "updatedAt" = ${ts(now)}
        WHERE id = ${id} AND "lockedBy" = ${holder} AND state = 'exporting'::"ExportRequestState"
        RETURNING id
      ),
      steps AS (
        UPDATE "ExportStep" AS s
        ${markDone(steps)}
        WHERE s.id = t.id AND s."requestId" IN (SELECT id FROM req) AND s.status = 'pending'
        RETURNING s.id
      ),
      staged AS (
        DELETE FROM "SyncLink"
        WHERE type = ${staged.type} AND "spectrumKey" = ${staged.spectrumKey} AND "pmId" IS NULL
          AND EXISTS (SELECT 1 FROM req)
        RETURNING id
      )
      SELECT (SELECT count(*) FROM req)::int AS finished, (SELECT count(*) FROM steps)::int AS steps,
        (SELECT count(*) FROM staged)::int AS staged`);
    // while the lease holds, no one else can have recorded these pending steps
    return Number(rows[0]?.finished) === 1;
  }
}
