import type { ItemType, SyncState } from '@bridge/rules';
import { Inject, Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import { Prisma } from '../generated/prisma/client.js';
import { type CurrentClient, type TxClient } from '../platform/db/transactions.js';

export type ExportRequestState =
  | 'ready_to_export'
  | 'exporting'
  | 'synced'
  | 'rejected'
  | 'failed'
  | 'retrieved';

/** The request states that hold a Spectrum key for their item (accepted, not finished with a rejection). */
export const KEY_HOLDING_STATES: readonly ExportRequestState[] = ['exporting', 'failed', 'synced'];
/** The request states in which an item is "in the queue" (read-only, APP-1). */
export const OPEN_STATES: readonly ExportRequestState[] = ['ready_to_export', 'exporting'];

export interface ExportStepRecord {
  id: string;
  seq: number;
  name: string;
  service: string;
  status: 'pending' | 'done';
  input: Record<string, string>;
  result: unknown;
  doneAt: Date | null;
}

export interface ExportRequestRecord {
  id: string;
  type: ItemType;
  itemId: string;
  state: ExportRequestState;
  payload: Record<string, unknown>;
  sentById: string;
  sentAt: Date;
  decidedById: string | null;
  decidedAt: Date | null;
  note: string | null;
  rejectReason: string | null;
  spectrumKey: string | null;
  keyFields: Record<string, string> | null;
  attempts: number;
  nextAttemptAt: Date | null;
  lockedBy: string | null;
  lockedUntil: Date | null;
  lastError: string | null;
  lastErrorKind: string | null;
  finishedAt: Date | null;
  updatedAt: Date;
  /** OPS-4: the correlation id of the request that accepted (or last retried) it. */
  correlationId: string | null;
  /** VER-4: the last read-back of a synced export. */
  verificationState: string | null;
  verifiedAt: Date | null;
  verificationDiff: unknown;
}

export interface NewStep {
  name: string;
  service: string;
  input: Record<string, string>;
}

type Row = Prisma.ExportRequestGetPayload<object>;

const record = (r: Row): ExportRequestRecord => ({
  ...r,
  type: r.type as ItemType,
  state: r.state as ExportRequestState,
  payload: (r.payload ?? {}) as Record<string, unknown>,
  keyFields: (r.keyFields ?? null) as Record<string, string> | null,
});

const stepRecord = (s: Prisma.ExportStepGetPayload<object>): ExportStepRecord => ({
  id: s.id,
  seq: s.seq,
  name: s.name,
  service: s.service,
  status: s.status as ExportStepRecord['status'],
  input: (s.input ?? {}) as Record<string, string>,
  result: s.result,
  doneAt: s.doneAt,
});

/** A `timestamp(3)` column read by a raw query (a Date, or a string without zone: the columns hold UTC). */
export const utcDate = (v: Date | string | null | undefined): Date | null =>
  v == null
    ? null
    : v instanceof Date
      ? v
      : new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(v) ? v : `${v.replace(' ', 'T')}Z`);

/** A LIKE pattern matching `text` literally. */
const likeEscape = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/** Export requests and their steps: the transactional outbox of the approval queue (the only Prisma code here). */
@Injectable()
export class ExportsRepository {
  constructor(@Inject(TransactionHost) private readonly txHost: CurrentClient) {}

  /** The current transaction's client, or the plain client outside a transaction. */
  private get db(): TxClient {
    return this.txHost.tx;
  }

  /**
   * Serializes key reservations: every accept locks the settings row first, so two approvers accepting at the
   * same moment on two instances cannot reserve the same Spectrum key.
   */
  async lockKeyReservations(): Promise<void> {
    await this.db.$executeRawUnsafe('SELECT 1 FROM "IntegrationSettings" WHERE id = 1 FOR UPDATE');
  }

  async findById(id: string): Promise<ExportRequestRecord | null> {
    const r = await this.db.exportRequest.findUnique({ where: { id } });
    return r ? record(r) : null;
  }

  async steps(requestId: string): Promise<ExportStepRecord[]> {
    const rows = await this.db.exportStep.findMany({ where: { requestId }, orderBy: { seq: 'asc' } });
    return rows.map(stepRecord);
  }

  async list(
    filter: { type?: ItemType; state?: ExportRequestState; itemId?: string },
    afterId: string | undefined,
    take: number,
  ): Promise<ExportRequestRecord[]> {
    const rows = await this.db.exportRequest.findMany({
      where: {
        ...(filter.type ? { type: filter.type } : {}),
        ...(filter.state ? { state: filter.state } : {}),
        ...(filter.itemId ? { itemId: filter.itemId } : {}),
        ...(afterId ? { id: { gt: afterId } } : {}),
      },
      orderBy: { id: 'asc' },
      take,
    });
    return rows.map(record);
  }

  /** The requests of one item in the given states, newest first. */
  async ofItem(
    type: ItemType,
    itemId: string,
    states: readonly ExportRequestState[],
  ): Promise<ExportRequestRecord[]> {
    const rows = await this.db.exportRequest.findMany({
      where: { type, itemId, state: { in: [...states] } },
      orderBy: { id: 'desc' },
    });
    return rows.map(record);
  }

  /**
   * Keys accepted requests of these types hold in one scope (the keys other exports have reserved), read as keys
   * only and narrowed in SQL: `keys` = only these keys (job numbers, vendor codes: the candidates an accept asked
   * Spectrum about), `prefix` = keys of one scope (`VENDOR/` for subcontracts, `JOB/CUSTOMER/` for change requests);
   * compared in upper case. Never every request of the type (issue 14: no full list read per accept).
   */
  async reservedRequestKeys(
    types: readonly ItemType[],
    scope: { keys: readonly string[] } | { prefix: string },
    exceptId: string,
  ): Promise<string[]> {
    if ('keys' in scope && scope.keys.length === 0) return [];
    const narrow =
      'keys' in scope
        ? Prisma.sql`upper("spectrumKey") IN (${Prisma.join(scope.keys.map((k) => k.toUpperCase()))})`
        : Prisma.sql`upper("spectrumKey") LIKE ${`${likeEscape(scope.prefix.toUpperCase())}%`}`;
    const rows = await this.db.$queryRaw<{ spectrumKey: string }[]>`
      SELECT "spectrumKey" FROM "ExportRequest"
      WHERE type IN (${Prisma.join([...types])}) AND state IN (${Prisma.join(KEY_HOLDING_STATES.map((st) => Prisma.sql`${st}::"ExportRequestState"`))})
        AND "spectrumKey" IS NOT NULL AND id <> ${exceptId} AND ${narrow}`;
    return rows.map((r) => r.spectrumKey);
  }

  /** Link keys of these types in one scope (as `reservedRequestKeys`). */
  async reservedLinkKeys(
    types: readonly ItemType[],
    scope: { keys: readonly string[] } | { prefix: string },
  ): Promise<string[]> {
    if ('keys' in scope && scope.keys.length === 0) return [];
    const narrow =
      'keys' in scope
        ? Prisma.sql`upper("spectrumKey") IN (${Prisma.join(scope.keys.map((k) => k.toUpperCase()))})`
        : Prisma.sql`upper("spectrumKey") LIKE ${`${likeEscape(scope.prefix.toUpperCase())}%`}`;
    const rows = await this.db.$queryRaw<{ spectrumKey: string }[]>`
      SELECT "spectrumKey" FROM "SyncLink"
      WHERE type IN (${Prisma.join([...types])}) AND "spectrumKey" IS NOT NULL AND ${narrow}`;
    return rows.map((r) => r.spectrumKey);
  }

  /** The requests with these ids (those that exist), by id: one statement for a bulk decision. */
  async findByIds(ids: readonly string[]): Promise<Map<string, ExportRequestRecord>> {
    if (ids.length === 0) return new Map();
    const rows = await this.db.exportRequest.findMany({ where: { id: { in: [...ids] } } });
    return new Map(rows.map((r) => [r.id, record(r)]));
  }

  async create(data: {
    type: ItemType;
    itemId: string;
    payload: Record<string, unknown>;
    sentById: string;
    sentAt: Date;
  }): Promise<ExportRequestRecord> {
    const payload = data.payload as Prisma.InputJsonValue;
    return record(
      await this.db.exportRequest.create({ data: { ...data, payload, state: 'ready_to_export' } }),
    );
  }

  /** Changes a request only while it is in `from` (the guard that makes every transition happen once). */
  async transition(
    id: string,
    from: readonly ExportRequestState[],
    data: Prisma.ExportRequestUpdateManyMutationInput,
  ): Promise<boolean> {
    const r = await this.db.exportRequest.updateMany({ where: { id, state: { in: [...from] } }, data });
    return r.count === 1;
  }

  /** A step not written yet gets new input (a retry re-planning what came from the settings). */
  async replacePendingStepInput(
    requestId: string,
    seq: number,
    input: Record<string, string>,
  ): Promise<boolean> {
    const r = await this.db.exportStep.updateMany({
      where: { requestId, seq, status: 'pending' },
      data: { input: input as Prisma.InputJsonValue },
    });
    return r.count === 1;
  }

  async createSteps(requestId: string, steps: readonly NewStep[]): Promise<void> {
    await this.db.exportStep.createMany({
      data: steps.map((s, seq) => ({
        requestId,
        seq,
        name: s.name,
        service: s.service,
        input: s.input as Prisma.InputJsonValue,
      })),
    });
  }

  /** VER-4: the outcome of reading a synced export back from Spectrum (the request is not otherwise changed). */
  async recordVerification(id: string, result: { state: string; at: Date; diff: unknown }): Promise<void> {
    await this.db.exportRequest.updateMany({
      where: { id, state: 'synced' },
      data: {
        verificationState: result.state,
        verifiedAt: result.at,
        verificationDiff: (result.diff ?? Prisma.DbNull) as Prisma.InputJsonValue,
      },
    });
  }

  /**
   * VER-5: one page of the synced exports a re-verification checks, in id order after `afterId`: for each item only
   * its latest synced request (an earlier one describes values a later export replaced).
   */
  async latestSynced(afterId: string | null, take: number): Promise<ExportRequestRecord[]> {
    const rows = await this.db.$queryRaw<{ id: string }[]>(Prisma.sql`
      SELECT r.id FROM "ExportRequest" r
      WHERE r.state = 'synced'::"ExportRequestState" AND r.id > ${afterId ?? ''}
        AND NOT EXISTS (
          SELECT 1 FROM "ExportRequest" later
          WHERE later.type = r.type AND later."itemId" = r."itemId"
            AND later.state = 'synced'::"ExportRequestState" AND later.id > r.id
        )
      ORDER BY r.id LIMIT ${take}`);
    if (rows.length === 0) return [];
    const found = await this.db.exportRequest.findMany({
      where: { id: { in: rows.map((r) => r.id) } },
      orderBy: { id: 'asc' },
    });
    return found.map(record);
  }

  /**
   * OPS-6: the queue for the metrics, in one statement: requests per state, and per waiting state the oldest one's
   * start of waiting (sent for `ready_to_export`, accepted for `exporting`).
   */
  async queueStats(): Promise<{ state: string; count: number; oldestWaitingSince: Date | null }[]> {
    const rows = await this.db.$queryRaw<
      { state: string; count: number; oldest: Date | string | null }[]
    >(Prisma.sql`
      SELECT state::text AS state, count(*)::int AS count,
        min(CASE state WHEN 'ready_to_export' THEN "sentAt" WHEN 'exporting' THEN "decidedAt" END) AS oldest
      FROM "ExportRequest" GROUP BY state`);
    return rows.map((r) => ({
      state: r.state,
      count: Number(r.count),
      oldestWaitingSince: utcDate(r.oldest),
    }));
  }

  /** Requests currently counted per state (for the queue's overview and tests). */
  async countByState(): Promise<Record<string, number>> {
    const rows = await this.db.exportRequest.groupBy({ by: ['state'], _count: { _all: true } });
    return Object.fromEntries(rows.map((r) => [r.state, r._count._all]));
  }

  /** Connection status of the last check (GEN-3): the queue runs only while Connected. */
  async connected(): Promise<boolean> {
    const s = await this.db.integrationSettings.findUnique({
      where: { id: 1 },
      select: { connectionStatus: true },
    });
    return s?.connectionStatus === 'connected';
  }
}

export type { SyncState };
