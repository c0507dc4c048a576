import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { CallGate } from '@bridge/spectrum-client';
import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import type { Logger } from 'pino';
import type { Env } from '../config/env.js';
import { ENV, LOGGER } from '../platform/tokens.js';
import { inOwnContext } from '../platform/transactions.js';
import {
  CALL_PERMITS,
  type CallLimits,
  type CallPermits,
  type HeldPermits,
  type LeaseResult,
} from './spectrum-call-permits.repository.js';
import {
  type CallSlot,
  fairShare,
  isIdle,
  leaseRequest,
  MAX_POLL_MS,
  MIN_POLL_MS,
  newPool,
  nextAction,
  type Pool,
  RATE_COOL_DOWN_MS,
  type RatePermit,
  reconcile,
  type Waiter,
} from './spectrum-call-pool.js';

export { LEASE_WINDOW_MS } from './spectrum-call-pool.js';

/** A call waited longer than allowed for a permit; it was not sent. */
export class CallSlotWaitError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CallSlotWaitError';
  }
}

/** The server a connection's limit belongs to: scheme, host and port of its URL. */
export function serverKey(serviceUrl: string): string {
  try {
    return new URL(serviceUrl).origin.toLowerCase();
  } catch {
    return serviceUrl.trim().toLowerCase();
  }
}

/**
 * OPS-10, OPS-12, OPS-13: admission to Spectrum shared by every instance through the database
 * (`SpectrumCallPermit`, docs/decisions.md → "Spectrum call limit"). Each call takes a concurrency slot and a
 * per-second permit before it is sent and gives them back when its answer has been read. The instance leases permits
 * in batches with one statement (sized to the calls waiting and the calls started in the last lease window), hands
 * them to its calls without the database for {@link LEASE_WINDOW_MS}, reuses a call slot as soon as its call ends,
 * never reuses a per-second permit (it goes back to the database, free one second after its call ended), and gives
 * everything back once no call has run or waited for a window (at once when a call from another client finds the
 * pool idle). Within an instance the waiting calls are served in arrival order; while another instance waits, an
 * instance keeps at most its fair share and gives a free slot back at once. A call that finds no permit within
 * `SPECTRUM_CALL_WAIT_MS` (or cannot reach the database for that long) is not sent and fails with a plain reason.
 */
@Injectable()
export class SpectrumCallLimiter implements OnModuleDestroy {
  private readonly pools = new Map<string, Pool>();
  /** Names this instance's permits in the database (instance and a lease name of its own). */
  private readonly holder: string;
  private grants = 0;
  private gates = 0;
  private readonly pumps = new Set<Promise<void>>();
  private stopping = false;
  /** Injectable for tests. */
  random: () => number = Math.random;
  /** The local clock (ms): the lease window, the waiting deadline and a used permit's second. Injectable for tests. */
  now: () => number = () => performance.now();

  constructor(
    @Inject(CALL_PERMITS) private readonly permits: CallPermits,
    @Inject(ENV) private readonly env: Env,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    const instance = env.INSTANCE_ID ?? `${hostname()}-${process.pid}`;
    this.holder = `${instance}#${randomUUID().slice(0, 8)}`;
  }

  /** The lease on held permits: longer than any call can take (the client's timeout) plus a margin. */
  get leaseMs(): number {
    return this.env.SPECTRUM_TIMEOUT_MS + 30_000;
  }

  /** The admission gate of clients for one Spectrum server with the given limits. */
  gate(serviceUrl: string, limits: CallLimits): CallGate {
    const server = serverKey(serviceUrl);
    const gate = ++this.gates;
    return { acquire: (call) => this.acquire(server, limits, call, gate) };
  }

  async acquire(
    server: string,
    limits: CallLimits,
    call: { operation: string; signal?: AbortSignal | undefined },
    gate = 0,
  ): Promise<() => void> {
    if (this.stopping) throw new CallSlotWaitError('the service is stopping');
    const p = this.pool(server);
    p.limits = limits;
    // permits kept over an idle moment serve the client that was using them; other work starts from the database
    if (!p.gates.has(gate) && p.gates.size > 0 && isIdle(p)) p.resetFirst = true;
    const granted = await new Promise<HeldPermits & { grant: number }>((resolve, reject) => {
      const waiter: Waiter = {
        gate,
        limits,
        deadline: this.now() + this.env.SPECTRUM_CALL_WAIT_MS,
        operation: call.operation,
        resolve,
        reject,
        settled: false,
      };
      const signal = call.signal;
      if (signal?.aborted) {
        reject(signal.reason instanceof Error ? signal.reason : new Error('the call was cancelled'));
        return;
      }
      signal?.addEventListener(
        'abort',
        () => {
          if (waiter.settled) return;
          waiter.settled = true;
          reject(signal.reason instanceof Error ? signal.reason : new Error('the call was cancelled'));
          this.kick(p);
        },
        { once: true },
      );
      p.waiters.push(waiter);
      this.serve(p);
      if (!waiter.settled) this.kick(p);
    });
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.release(p, granted);
    };
  }

  /** A call's answer was read: its slot serves the next waiting call, its per-second permit cools down. */
  private release(p: Pool, held: HeldPermits & { grant: number }): void {
    const slot = p.calls.get(held.callSlot);
    if (slot?.grant === held.grant) slot.grant = 0;
    const rate = p.rates.get(held.rateSlot);
    if (rate?.grant === held.grant) {
      rate.grant = 0;
      rate.freeAt = this.now() + RATE_COOL_DOWN_MS;
    }
    this.serve(p);
    this.kick(p);
  }

  private pool(server: string): Pool {
    let p = this.pools.get(server);
    if (!p) {
      p = newPool(server);
      this.pools.set(server, p);
    }
    return p;
  }

  private kick(p: Pool): void {
    if (p.pumping) {
      p.wake?.();
      return;
    }
    p.pumping = true;
    // the pump serves every call of the instance and outlives the one that started it: it never runs in that call's
    // transaction (a rolled-back sync preview would undo its leases, and the transaction ends before the pump does)
    const run = inOwnContext(() => this.pump(p))
      .catch((error: unknown) => {
        p.pumping = false;
        this.logger.error({ err: error, server: p.server }, 'Spectrum call admission failed');
        for (const w of p.waiters.splice(0)) {
          if (!w.settled) w.reject(new CallSlotWaitError('the call admission failed unexpectedly'));
          w.settled = true;
        }
      })
      .finally(() => this.pumps.delete(run));
    this.pumps.add(run);
  }

  /**
   * Hands held permits to the waiting calls in arrival order while the lease window is open, and turns away the
   * calls whose wait ran out. Never touches the database.
   */
  private serve(p: Pool): void {
    const now = this.now();
    while (p.waiters.length > 0) {
      const w = p.waiters[0] as Waiter;
      if (w.settled) {
        p.waiters.shift();
        continue;
      }
      if (now >= w.deadline || this.stopping) {
        p.waiters.shift();
        w.settled = true;
        w.reject(new CallSlotWaitError(this.waitedTooLong(w, p.lastDbError)));
        continue;
      }
      if (now >= p.handOutUntil || p.resetFirst) return;
      const { maxConcurrent, perSecond } = p.limits;
      let busy = 0;
      let callSlot: number | null = null;
      for (const [n, s] of p.calls) {
        if (s.grant !== 0) busy++;
        else if (n <= maxConcurrent && (callSlot === null || n < callSlot)) callSlot = n;
      }
      if (callSlot === null || busy >= fairShare(maxConcurrent, p.othersWaiting)) return;
      let rateSlot: number | null = null;
      for (const [n, r] of p.rates)
        if (r.grant === 0 && r.freeAt === null && n <= perSecond) {
          rateSlot = n;
          break;
        }
      if (rateSlot === null) return;
      const grant = ++this.grants;
      (p.calls.get(callSlot) as CallSlot).grant = grant;
      (p.rates.get(rateSlot) as RatePermit).grant = grant;
      p.starts.push(now);
      p.gates.add(w.gate);
      p.waiters.shift();
      w.settled = true;
      w.resolve({ callSlot, rateSlot, grant });
    }
  }

  /**
   * Runs the lease statements of one server while calls wait or permits are to be given back. The pump marks itself
   * stopped in the same step that finds nothing left to do, so a call that arrives right after starts a new one.
   */
  private async pump(p: Pool): Promise<void> {
    let misses = 0;
    for (;;) {
      this.serve(p);
      const action = nextAction(p, this.now(), this.stopping);
      if (action === 'done') {
        p.pumping = false;
        return;
      }
      if (action === 'window') {
        const head = p.waiters.find((w) => !w.settled);
        const until = Math.min(p.handOutUntil, head ? head.deadline : Number.POSITIVE_INFINITY);
        await this.pause(p, Math.max(1, until - this.now()));
        continue;
      }
      const waitingBefore = p.waiters.filter((w) => !w.settled).length;
      let result: LeaseResult | null = null;
      // a reset gives everything back and takes from the table as it is: calls still waiting lease again at once
      const reset = p.resetFirst;
      const req = leaseRequest(p, {
        now: this.now(),
        starved: misses > 0,
        stopping: this.stopping,
        leaseMs: this.leaseMs,
      });
      const sent = this.now();
      try {
        const key = `${p.limits.maxConcurrent}/${p.limits.perSecond}`;
        if (p.ensured !== key) {
          await this.permits.ensure(p.server, p.limits);
          p.ensured = key;
        }
        result = await this.permits.lease(p.server, this.holder, req);
        reconcile(p, result, this.now(), sent);
        p.lastDbError = null;
      } catch (error) {
        // the statement may or may not have been applied: what it gave back is given back again by the next one
        for (const g of req.givenBack)
          p.pendingBack.set(`${g.kind}:${g.slot}`, { kind: g.kind, slot: g.slot, freeAt: sent + g.delayMs });
        if (p.lastDbError === null)
          this.logger.warn(
            { err: error, server: p.server },
            'Spectrum call admission: the database did not answer',
          );
        p.lastDbError =
          error instanceof Error ? error.message.split('\n')[0]?.slice(0, 200) || error.name : String(error);
        if (this.stopping) {
          p.pumping = false;
          return;
        }
      }
      this.serve(p);
      const waiting = p.waiters.filter((w) => !w.settled);
      if (result && (reset || waiting.length === 0 || waiting.length < waitingBefore)) {
        misses = 0;
        continue;
      }
      if (waiting.length === 0) {
        // nothing waits, but the database did not answer: give the permits back a little later
        await this.pause(p, 500);
        if (this.stopping) {
          p.pumping = false;
          return;
        }
        continue;
      }
      misses++;
      const deadline = (waiting[0] as Waiter).deadline;
      const concurrencyBound = req.wantCalls > 0 && !result?.taken.some((t) => t.kind === 'call');
      const base =
        result && !concurrencyBound && result.nextRateInMs !== null
          ? Math.max(1, result.nextRateInMs)
          : Math.min(MAX_POLL_MS, MIN_POLL_MS * 2 ** Math.min(misses - 1, 4));
      const remaining = Math.max(0, deadline - this.now());
      const pause = Math.min(base + this.random() * MIN_POLL_MS, remaining);
      await this.pause(p, p.lastDbError ? Math.max(pause, Math.min(500, remaining)) : pause);
    }
  }

  private pause(p: Pool, ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        p.wake = null;
        resolve();
      }
      p.wake = done;
    });
  }

  private waitedTooLong(w: Waiter, dbError: string | null): string {
    if (this.stopping) return 'the service is stopping';
    const seconds = Math.round(this.env.SPECTRUM_CALL_WAIT_MS / 100) / 10;
    if (dbError)
      return `waited ${seconds} s: the database that shares the Spectrum call limit did not answer (${dbError})`;
    return (
      `waited ${seconds} s for a free Spectrum call slot; the connection allows ${w.limits.maxConcurrent} ` +
      `call${w.limits.maxConcurrent === 1 ? '' : 's'} at once and ${w.limits.perSecond} a second across all instances`
    );
  }

  /** Turns the waiting calls away and gives back the permits no call uses (shutdown). */
  async onModuleDestroy(): Promise<void> {
    this.stopping = true;
    for (const p of this.pools.values()) {
      this.serve(p);
      this.kick(p);
    }
    await Promise.allSettled([...this.pumps]);
  }
}
