import { Inject, Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import { Prisma } from '../generated/prisma/client.js';
import { type CurrentClient, type TxClient } from '../platform/db/transactions.js';

/** The limits of one Spectrum server (OPS-10). */
export interface CallLimits {
  /** Calls in flight at once across all instances. */
  maxConcurrent: number;
  /** Calls started within any one second across all instances. */
  perSecond: number;
}

/** A granted admission: the two permits a call holds. */
export interface HeldPermits {
  callSlot: number;
  rateSlot: number;
}

export type PermitKind = 'call' | 'rate';

/** A permit given back: a call slot is free at once, a per-second permit `delayMs` from the statement. */
export interface GivenBack {
  kind: PermitKind;
  slot: number;
  delayMs: number;
}

/** One lease statement of an instance for one Spectrum server. */
export interface LeaseRequest {
  limits: CallLimits;
  /** How long the held permits stay the holder's without another statement (longer than any call). */
  leaseMs: number;
  givenBack: GivenBack[];
  /** Call slots wanted on top of the ones kept. */
  wantCalls: number;
  /** Per-second permits wanted on top of the ones kept. */
  wantRates: number;
  /** Call slots the holder keeps that no call uses: per-second permits are only taken when a slot can use them. */
  idleCallsKept: number;
  /** Calls of the holder that wait for a permit (0 clears the holder's demand). */
  waiting: number;
  /** How long the demand counts for the other instances. */
  demandMs: number;
}

/** What the holder holds after a lease statement. */
export interface LeaseResult {
  /** Every permit the holder holds now: the ones it kept (renewed) and the ones it took. */
  held: { kind: PermitKind; slot: number }[];
  /** The newly taken ones among them. */
  taken: { kind: PermitKind; slot: number }[];
  /** Other instances whose calls wait for a permit now. */
  othersWaiting: number;
  /** Milliseconds until the next per-second permit frees itself, when one is cooling down. */
  nextRateInMs: number | null;
}

/**
 * Where the permits of the call limit live: in the database, shared by every instance
 * ({@link SpectrumCallPermitsRepository}), or in the process for the embedded database, which only one instance can
 * open (`LocalCallPermits`). Both answer a lease the same way.
 */
export interface CallPermits {
  /** Makes sure the permits of a limit exist. */
  ensure(server: string, limits: CallLimits): Promise<void>;
  /** Gives back, renews and takes permits for one holder in one step (see the repository's `lease`). */
  lease(server: string, holder: string, req: LeaseRequest): Promise<LeaseResult>;
}

/** The injection token of the instance's {@link CallPermits}. */
export const CALL_PERMITS = Symbol('CALL_PERMITS');

interface LeaseRow {
  kept: unknown;
  taken: unknown;
  othersWaiting: number | bigint | null;
  nextRateInMs: number | bigint | null;
}

function permitList(value: unknown): { kind: PermitKind; slot: number }[] {
  const list = (typeof value === 'string' ? JSON.parse(value) : value) as [string, number][] | null;
  return (list ?? []).map(([kind, slot]) => ({
    kind: kind === 'call' ? 'call' : 'rate',
    slot: Number(slot),
  }));
}

/**
 * The shared Spectrum call permits (`SpectrumCallPermit`, docs/decisions.md → "Spectrum call limit"). Every statement
 * uses the database's clock, so instances with different clocks agree. An instance holds its permits under one lease
 * name and exchanges them in one statement: it gives back what it no longer needs, renews what it keeps and takes
 * what its calls need, and hands them to its calls without the database.
 */
@Injectable()
export class SpectrumCallPermitsRepository implements CallPermits {
  constructor(@Inject(TransactionHost) private readonly txHost: CurrentClient) {}

  /** The current transaction's client, or the plain client outside a transaction. */
  private get db(): TxClient {
    return this.txHost.tx;
  }

  /** Creates the permit rows a limit needs (rows above a lowered limit stay and are no longer granted). */
  async ensure(server: string, limits: CallLimits): Promise<void> {
    await this.db.$executeRaw(Prisma.sql`
      INSERT INTO "SpectrumCallPermit" (server, kind, slot, "freeAt")
      SELECT ${server}, 'call', s, now() FROM generate_series(1, ${limits.maxConcurrent}::int) s
      UNION ALL
      SELECT ${server}, 'rate', s, now() FROM generate_series(1, ${limits.perSecond}::int) s
      ON CONFLICT (server, kind, slot) DO NOTHING`);
  }

  /**
   * One statement: gives back the listed permits (a call slot free at once, a per-second permit one second after the
   * call that used it ended), renews the lease on every other permit the holder holds, takes up to the wanted number
   * of free ones, and records or clears the holder's waiting calls. A call slot is free when nobody holds it or its
   * holder's lease ran out (a crashed instance); a per-second permit is free when its `freeAt` has passed, or one
   * second after a crashed holder's lease ran out. Rows another instance is taking at the same moment are skipped,
   * not waited for. Per-second permits are taken only when a call slot is there to use them.
   */
  async lease(server: string, holder: string, req: LeaseRequest): Promise<LeaseResult> {
    const givenBack = JSON.stringify(
      req.givenBack.map((g) => ({ kind: g.kind, slot: g.slot, ms: Math.max(0, Math.ceil(g.delayMs)) })),
    );
    const rows = await this.db.$queryRaw<LeaseRow[]>(Prisma.sql`
      WITH back AS (
        SELECT b.kind, b.slot, b.ms FROM json_to_recordset(${givenBack}::json) AS b(kind text, slot int, ms int)
      ), given AS (
        UPDATE "SpectrumCallPermit" p
        SET holder = NULL, "heldUntil" = NULL, "freeAt" = now() + back.ms * interval '1 millisecond'
        FROM back
        WHERE p.server = ${server} AND p.holder = ${holder} AND p.kind = back.kind AND p.slot = back.slot
        RETURNING p.slot
      ), kept AS (
        UPDATE "SpectrumCallPermit" p
        SET "heldUntil" = now() + ${req.leaseMs}::int * interval '1 millisecond'
        WHERE p.server = ${server} AND p.holder = ${holder}
          AND NOT EXISTS (SELECT 1 FROM back WHERE back.kind = p.kind AND back.slot = p.slot)
        RETURNING p.kind, p.slot
      ), c AS (
        SELECT slot FROM "SpectrumCallPermit"
        WHERE server = ${server} AND kind = 'call' AND slot <= ${req.limits.maxConcurrent}::int
          AND (holder IS NULL OR (holder <> ${holder} AND "heldUntil" < now()))
        ORDER BY slot LIMIT ${req.wantCalls}::int
        FOR UPDATE SKIP LOCKED
      ), r AS (
        SELECT slot FROM "SpectrumCallPermit"
        WHERE server = ${server} AND kind = 'rate' AND slot <= ${req.limits.perSecond}::int
          AND ((holder IS NULL AND "freeAt" <= now())
            OR (holder IS NOT NULL AND holder <> ${holder} AND "heldUntil" + interval '1 second' < now()))
          AND (${req.idleCallsKept}::int > 0 OR EXISTS (SELECT 1 FROM c))
        ORDER BY "freeAt", slot LIMIT ${req.wantRates}::int
        FOR UPDATE SKIP LOCKED
      ), pick AS (
        SELECT 'call'::text AS kind, slot FROM c
        UNION ALL
        SELECT 'rate'::text AS kind, slot FROM r
      ), taken AS (
        UPDATE "SpectrumCallPermit" p
        SET holder = ${holder}, "heldUntil" = now() + ${req.leaseMs}::int * interval '1 millisecond'
        FROM pick
        WHERE p.server = ${server} AND p.kind = pick.kind AND p.slot = pick.slot
        RETURNING p.kind, p.slot
      ), wants AS (
        INSERT INTO "SpectrumCallDemand" (server, holder, waiting, until)
        SELECT ${server}, ${holder}, ${req.waiting}::int, now() + ${req.demandMs}::int * interval '1 millisecond'
        WHERE ${req.waiting}::int > 0
        ON CONFLICT (server, holder) DO UPDATE SET waiting = EXCLUDED.waiting, until = EXCLUDED.until
        RETURNING 1
      ), satisfied AS (
        DELETE FROM "SpectrumCallDemand"
        WHERE server = ${server}
          AND ((holder = ${holder} AND ${req.waiting}::int = 0)
            OR (holder <> ${holder} AND until < now() - interval '1 minute'))
        RETURNING 1
      )
      SELECT
        (SELECT json_agg(json_build_array(kind, slot)) FROM kept) AS kept,
        (SELECT json_agg(json_build_array(kind, slot)) FROM taken) AS taken,
        (SELECT count(*)::int FROM "SpectrumCallDemand"
          WHERE server = ${server} AND holder <> ${holder} AND waiting > 0 AND until > now()) AS "othersWaiting",
        (SELECT ceil(extract(epoch FROM (min("freeAt") - now())) * 1000)::int FROM "SpectrumCallPermit"
          WHERE server = ${server} AND kind = 'rate' AND slot <= ${req.limits.perSecond}::int
            AND holder IS NULL AND "freeAt" > now()) AS "nextRateInMs",
        (SELECT count(*)::int FROM wants) + (SELECT count(*)::int FROM satisfied)
          + (SELECT count(*)::int FROM given) AS written`);
    const row = rows[0];
    const kept = permitList(row?.kept);
    const taken = permitList(row?.taken);
    return {
      held: [...kept, ...taken],
      taken,
      othersWaiting: Number(row?.othersWaiting ?? 0),
      nextRateInMs:
        row?.nextRateInMs === null || row?.nextRateInMs === undefined ? null : Number(row.nextRateInMs),
    };
  }
}
