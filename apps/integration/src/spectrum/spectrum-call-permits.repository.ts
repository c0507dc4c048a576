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

/** The answer to one admission attempt. */
export type AdmissionAttempt =
  | { granted: true; permits: HeldPermits }
  | {
      granted: false;
      /** No concurrency slot was free (otherwise the per-second budget was spent). */
      concurrencyBound: boolean;
      /** Milliseconds until the next per-second permit frees itself, when one is cooling down. */
      nextRateInMs: number | null;
    };

interface AttemptRow {
  callSlot: number | null;
  rateSlot: number | null;
  taken: number;
  nextRateInMs: number | null;
}

/**
 * The shared Spectrum call permits (`SpectrumCallPermit`, docs/decisions.md → "Spectrum call limit"). Every statement
 * uses the database's clock, so instances with different clocks agree; each admission and release is one statement.
 */
@Injectable()
export class SpectrumCallPermitsRepository {
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
   * Takes one concurrency slot and one per-second permit together, or neither (one statement). A slot is free when
   * nobody holds it or its holder's lease ran out (a crashed instance); a per-second permit is free one second after
   * its last call ended (or one second after a crashed holder's lease ran out). Rows another instance is taking at
   * the same moment are skipped, not waited for.
   */
  async tryAcquire(
    server: string,
    holder: string,
    limits: CallLimits,
    leaseMs: number,
  ): Promise<AdmissionAttempt> {
    const rows = await this.db.$queryRaw<AttemptRow[]>(Prisma.sql`
      WITH c AS (
        SELECT slot FROM "SpectrumCallPermit"
        WHERE server = ${server} AND kind = 'call' AND slot <= ${limits.maxConcurrent}::int
          AND (holder IS NULL OR "heldUntil" < now())
        ORDER BY slot LIMIT 1
        FOR UPDATE SKIP LOCKED
      ), r AS (
        SELECT slot FROM "SpectrumCallPermit"
        WHERE server = ${server} AND kind = 'rate' AND slot <= ${limits.perSecond}::int
          AND ((holder IS NULL AND "freeAt" <= now()) OR (holder IS NOT NULL AND "heldUntil" + interval '1 second' < now()))
        ORDER BY "freeAt", slot LIMIT 1
        FOR UPDATE SKIP LOCKED
      ), pick AS (
        SELECT 'call' AS kind, slot FROM c WHERE EXISTS (SELECT 1 FROM r)
        UNION ALL
        SELECT 'rate' AS kind, slot FROM r WHERE EXISTS (SELECT 1 FROM c)
      ), taken AS (
        UPDATE "SpectrumCallPermit" p
        SET holder = ${holder}, "heldUntil" = now() + ${leaseMs}::int * interval '1 millisecond'
        FROM pick
        WHERE p.server = ${server} AND p.kind = pick.kind AND p.slot = pick.slot
        RETURNING p.kind
      )
      SELECT (SELECT slot FROM c) AS "callSlot", (SELECT slot FROM r) AS "rateSlot",
        (SELECT count(*)::int FROM taken) AS taken,
        (SELECT ceil(extract(epoch FROM (min("freeAt") - now())) * 1000)::int FROM "SpectrumCallPermit"
          WHERE server = ${server} AND kind = 'rate' AND slot <= ${limits.perSecond}::int
            AND holder IS NULL AND "freeAt" > now()) AS "nextRateInMs"`);
    const row = rows[0];
    if (row && Number(row.taken) === 2 && row.callSlot !== null && row.rateSlot !== null) {
      return { granted: true, permits: { callSlot: Number(row.callSlot), rateSlot: Number(row.rateSlot) } };
    }
    return {
      granted: false,
      concurrencyBound: row?.callSlot === null || row?.callSlot === undefined,
      nextRateInMs:
        row?.nextRateInMs === null || row?.nextRateInMs === undefined ? null : Number(row.nextRateInMs),
    };
  }

  /**
   * Gives the permits of a finished call back: the slot at once, the per-second permit one second from now (so the
   * server never sees more calls start within one second than the limit, whatever the network's delays).
   */
  async release(server: string, holder: string, permits: HeldPermits): Promise<void> {
    await this.db.$executeRaw(Prisma.sql`
      UPDATE "SpectrumCallPermit"
      SET holder = NULL, "heldUntil" = NULL,
        "freeAt" = CASE WHEN kind = 'rate' THEN now() + interval '1 second' ELSE now() END
      WHERE server = ${server} AND holder = ${holder}
        AND ((kind = 'call' AND slot = ${permits.callSlot}::int) OR (kind = 'rate' AND slot = ${permits.rateSlot}::int))`);
  }
}
