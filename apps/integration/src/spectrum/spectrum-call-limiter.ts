import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { CallGate } from '@bridge/spectrum-client';
import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import type { Logger } from 'pino';
import type { Env } from '../config/env.js';
import { ENV, LOGGER } from '../platform/tokens.js';
import {
  type CallLimits,
  type GivenBack,
  type HeldPermits,
  type LeaseRequest,
  type LeaseResult,
  type PermitKind,
  SpectrumCallPermitsRepository,
} from './spectrum-call-permits.repository.js';

/** Longest pause between two admission attempts while the limit binds (ms). */
const MAX_POLL_MS = 50;
/** Shortest pause (ms); each attempt adds a random part of the same size, so instances do not poll in step. */
const MIN_POLL_MS = 4;
/**
 * How long an instance hands its leased permits to its calls after a lease statement before it asks the database
 * again (renewing the lease, giving back what it used, hearing of other instances waiting).
 */
export const LEASE_WINDOW_MS = 200;
/** The latest a lease statement's permits may be handed out, from when it was sent (well inside the lease). */
const MAX_HAND_OUT_MS = 25_000;
/** How long a waiting instance's demand counts for the others after its last statement. */
const DEMAND_MS = 1_500;
/** A per-second permit is free again this long after the call that used it ended (OPS-10). */
const RATE_COOL_DOWN_MS = 1_000;

interface Waiter {
  /** The client (gate) the call comes from. */
  gate: number;
  limits: CallLimits;
  deadline: number;
  operation: string;
  resolve(permits: HeldPermits & { grant: number }): void;
  reject(error: Error): void;
  settled: boolean;
}

/** A call slot the instance holds: `grant` is the call using it (0 when free). */
interface CallSlot {
  grant: number;
}

/** A per-second permit the instance holds: unused, in use by `grant`, or used (free again at `freeAt`). */
interface RatePermit {
  grant: number;
  /** Local time the permit may be given back free (one second after its call ended); null while unused. */
  freeAt: number | null;
}

interface Pool {
  server: string;
  limits: CallLimits;
  waiters: Waiter[];
  calls: Map<number, CallSlot>;
  rates: Map<number, RatePermit>;
  /** Permits given back by a statement whose outcome is unknown: given back again by the next one. */
  pendingBack: Map<string, { kind: PermitKind; slot: number; freeAt: number }>;
  /** Local time until which the held permits may be handed to calls. */
  handOutUntil: number;
  /** Other instances waiting for permits, as of the last statement. */
  othersWaiting: number;
  /** Local times of the calls started recently (the demand the next lease is sized to). */
  starts: number[];
  /** The clients whose calls the held permits served since the pool last gave everything back. */
  gates: Set<number>;
  /** Another client's call found the pool idle: everything goes back before the pool serves again. */
  resetFirst: boolean;
  pumping: boolean;
  /** Wakes the pump before its pause ends (a call ended or arrived). */
  wake: (() => void) | null;
  /** The limits whose permit rows are known to exist. */
  ensured: string;
  lastDbError: string | null;
}

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

const fairShare = (limit: number, othersWaiting: number) =>
  Math.max(1, Math.ceil(limit / (1 + othersWaiting)));

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
    @Inject(SpectrumCallPermitsRepository) private readonly permits: SpectrumCallPermitsRepository,
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
    if (!p.gates.has(gate) && p.gates.size > 0 && this.idle(p)) p.resetFirst = true;
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

  /** No call of the pool runs or waits. */
  private idle(p: Pool): boolean {
    for (const s of p.calls.values()) if (s.grant !== 0) return false;
    return !p.waiters.some((w) => !w.settled);
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
      p = {
        server,
        limits: { maxConcurrent: 1, perSecond: 1 },
        waiters: [],
        calls: new Map(),
        rates: new Map(),
        pendingBack: new Map(),
        handOutUntil: 0,
        othersWaiting: 0,
        starts: [],
        gates: new Set(),
        resetFirst: false,
        pumping: false,
        wake: null,
        ensured: '',
        lastDbError: null,
      };
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
    const run = this.pump(p)
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

  /** What the pump does next: ask for permits, give permits back, wait for the window to end, or stop. */
  private next(p: Pool): 'lease' | 'flush' | 'window' | 'done' {
    if (p.resetFirst) return 'flush';
    if (p.waiters.some((w) => !w.settled)) {
      // the calls wait for this instance's own slots (it holds all it may): a call's end serves them, not a statement
      const { maxConcurrent, perSecond } = p.limits;
      let usable = 0;
      for (const n of p.calls.keys()) if (n <= maxConcurrent) usable++;
      let fresh = false;
      for (const [n, r] of p.rates) if (r.grant === 0 && r.freeAt === null && n <= perSecond) fresh = true;
      const ownSlots = usable >= fairShare(maxConcurrent, p.othersWaiting);
      return ownSlots && fresh && this.now() < p.handOutUntil ? 'window' : 'lease';
    }
    let busy = false;
    let holdsUnused = p.pendingBack.size > 0;
    let surplus = false;
    let freeCalls = 0;
    for (const [n, s] of p.calls) {
      if (s.grant !== 0) busy = true;
      else {
        holdsUnused = true;
        freeCalls++;
        if (n > p.limits.maxConcurrent) surplus = true;
      }
    }
    // while another instance waits, a free slot goes back at once instead of waiting out the window here
    if (freeCalls > 0 && p.othersWaiting > 0) surplus = true;
    let used = false;
    for (const r of p.rates.values()) {
      if (r.grant !== 0) busy = true;
      else holdsUnused = true;
      if (r.freeAt !== null) used = true;
    }
    if (!holdsUnused) return 'done';
    const windowOver = this.now() >= p.handOutUntil;
    if (this.stopping || surplus || p.pendingBack.size > 0) return 'flush';
    // nothing runs or waits: the permits wait out the window for the same work's next call, then all go back
    if (!busy || used) return windowOver ? 'flush' : 'window';
    return 'done';
  }

  /**
   * Runs the lease statements of one server while calls wait or permits are to be given back. The pump marks itself
   * stopped in the same step that finds nothing left to do, so a call that arrives right after starts a new one.
   */
  private async pump(p: Pool): Promise<void> {
    let misses = 0;
    for (;;) {
      this.serve(p);
      const action = this.next(p);
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
      // a reset gives everything back and takes nothing: the calls waiting behind it lease at once, not after a pause
      const reset = p.resetFirst;
      const req = this.request(p, misses > 0);
      const sent = this.now();
      try {
        const key = `${p.limits.maxConcurrent}/${p.limits.perSecond}`;
        if (p.ensured !== key) {
          await this.permits.ensure(p.server, p.limits);
          p.ensured = key;
        }
        result = await this.permits.lease(p.server, this.holder, req);
        this.reconcile(p, result, sent);
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

  /**
   * The next lease statement: what to give back (used per-second permits with what is left of their second; unused
   * permits above the limits, above this instance's fair share while others wait, or all of them once nothing
   * runs or waits) and what to take (enough for the waiting calls and the calls started in the last window).
   * What is given back leaves the pool at once, so no call gets it while the statement runs.
   */
  private request(p: Pool, starved: boolean): LeaseRequest {
    const now = this.now();
    const { maxConcurrent, perSecond } = p.limits;
    const waiting = p.waiters.filter((w) => !w.settled).length;
    let busyCalls = 0;
    for (const s of p.calls.values()) if (s.grant !== 0) busyCalls++;
    const idle = waiting === 0 && busyCalls === 0;
    const all = idle || this.stopping || p.resetFirst;
    if (all) {
      // everything unused leaves the pool now: the next work starts from the database
      p.resetFirst = false;
      p.gates.clear();
    }
    const givenBack: GivenBack[] = [];
    const back = (kind: PermitKind, slot: number, freeAt: number) =>
      givenBack.push({ kind, slot, delayMs: Math.max(0, freeAt - now) });
    for (const g of p.pendingBack.values()) back(g.kind, g.slot, g.freeAt);
    p.pendingBack.clear();

    const callShare = fairShare(maxConcurrent, p.othersWaiting);
    let keptCalls = p.calls.size;
    for (const [n, s] of [...p.calls].sort((a, b) => b[0] - a[0])) {
      if (s.grant !== 0) continue;
      if (all || n > maxConcurrent || keptCalls > callShare || (p.othersWaiting > 0 && waiting === 0)) {
        p.calls.delete(n);
        keptCalls--;
        back('call', n, now);
      }
    }
    while (p.starts.length > 0 && (p.starts[0] as number) < now - LEASE_WINDOW_MS) p.starts.shift();
    const rateShare = fairShare(perSecond, p.othersWaiting);
    const rateNeed = Math.min(waiting + Math.ceil(p.starts.length * 1.5), rateShare);
    let fresh = 0;
    for (const [n, r] of p.rates) {
      if (r.grant !== 0) continue;
      if (r.freeAt !== null) {
        p.rates.delete(n);
        back('rate', n, r.freeAt);
      } else if (all || n > perSecond || fresh >= rateNeed) {
        p.rates.delete(n);
        back('rate', n, now);
      } else fresh++;
    }
    let idleCalls = 0;
    for (const s of p.calls.values()) if (s.grant === 0) idleCalls++;
    return {
      limits: p.limits,
      leaseMs: this.leaseMs,
      givenBack,
      wantCalls: all ? 0 : Math.max(0, Math.min(waiting - idleCalls, callShare - keptCalls)),
      wantRates: all ? 0 : Math.max(0, Math.min(rateNeed - fresh, rateShare - p.rates.size)),
      idleCallsKept: idleCalls,
      waiting: starved ? waiting : 0,
      demandMs: DEMAND_MS,
    };
  }

  /** The database's answer is what the instance holds: permits it no longer holds leave the pool, new ones join. */
  private reconcile(p: Pool, result: LeaseResult, sent: number): void {
    const held = new Set(result.held.map((h) => `${h.kind}:${h.slot}`));
    for (const n of p.calls.keys()) if (!held.has(`call:${n}`)) p.calls.delete(n);
    for (const n of p.rates.keys()) if (!held.has(`rate:${n}`)) p.rates.delete(n);
    for (const h of result.held) {
      if (h.kind === 'call' && !p.calls.has(h.slot)) p.calls.set(h.slot, { grant: 0 });
      if (h.kind === 'rate' && !p.rates.has(h.slot)) p.rates.set(h.slot, { grant: 0, freeAt: null });
    }
    p.othersWaiting = result.othersWaiting;
    p.handOutUntil = Math.min(this.now() + LEASE_WINDOW_MS, sent + MAX_HAND_OUT_MS);
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
