/**
 * The decisions of one instance's permit pool for one Spectrum server (OPS-10, OPS-12; `SpectrumCallLimiter` does the
 * waiting, the lease statements and shutdown): which permits a waiting call may take, what the pump does next, what
 * the next lease asks for and gives back, and how the database's answer becomes what the pool holds. Pure functions
 * over the pool's state and the local clock's `now`, so the rules can be read (and tested) without the database.
 */
import type {
  CallLimits,
  GivenBack,
  HeldPermits,
  LeaseRequest,
  LeaseResult,
  PermitKind,
} from './spectrum-call-permits.repository.js';

/** Longest pause between two admission attempts while the limit binds (ms). */
export const MAX_POLL_MS = 50;
/** Shortest pause (ms); each attempt adds a random part of the same size, so instances do not poll in step. */
export const MIN_POLL_MS = 4;
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
export const RATE_COOL_DOWN_MS = 1_000;

export interface Waiter {
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
export interface CallSlot {
  grant: number;
}

/** A per-second permit the instance holds: unused, in use by `grant`, or used (free again at `freeAt`). */
export interface RatePermit {
  grant: number;
  /** Local time the permit may be given back free (one second after its call ended); null while unused. */
  freeAt: number | null;
}

export interface Pool {
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

/** An instance's share of a limit while `othersWaiting` other instances wait for permits (at least one). */
export const fairShare = (limit: number, othersWaiting: number) =>
  Math.max(1, Math.ceil(limit / (1 + othersWaiting)));

/** No call of the pool runs or waits. */
export function isIdle(p: Pool): boolean {
  for (const s of p.calls.values()) if (s.grant !== 0) return false;
  return !p.waiters.some((w) => !w.settled);
}

export function newPool(server: string): Pool {
  return {
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
}

/** What the pump does next: ask for permits, give permits back, wait for the window to end, or stop. */
export function nextAction(p: Pool, now: number, stopping: boolean): 'lease' | 'flush' | 'window' | 'done' {
  if (p.resetFirst) return 'flush';
  if (p.waiters.some((w) => !w.settled)) {
    // the calls wait for this instance's own slots (it holds all it may): a call's end serves them, not a statement
    const { maxConcurrent, perSecond } = p.limits;
    let usable = 0;
    for (const n of p.calls.keys()) if (n <= maxConcurrent) usable++;
    let fresh = false;
    for (const [n, r] of p.rates) if (r.grant === 0 && r.freeAt === null && n <= perSecond) fresh = true;
    const ownSlots = usable >= fairShare(maxConcurrent, p.othersWaiting);
    return ownSlots && fresh && now < p.handOutUntil ? 'window' : 'lease';
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
  const windowOver = now >= p.handOutUntil;
  if (stopping || surplus || p.pendingBack.size > 0) return 'flush';
  // nothing runs or waits: the permits wait out the window for the same work's next call, then all go back
  if (!busy || used) return windowOver ? 'flush' : 'window';
  return 'done';
}

/**
 * The next lease statement: what to give back (used per-second permits with what is left of their second; unused
 * permits above the limits, above this instance's fair share while others wait, or all of them once nothing
 * runs or waits, or when a reset is due) and what to take (enough for the waiting calls and the calls started in the
 * last window).
 * What is given back leaves the pool at once, so no call gets it while the statement runs.
 */
export function leaseRequest(
  p: Pool,
  o: { now: number; starved: boolean; stopping: boolean; leaseMs: number },
): LeaseRequest {
  const { now, starved, stopping, leaseMs } = o;
  const { maxConcurrent, perSecond } = p.limits;
  const waiting = p.waiters.filter((w) => !w.settled).length;
  let busyCalls = 0;
  for (const s of p.calls.values()) if (s.grant !== 0) busyCalls++;
  const idle = waiting === 0 && busyCalls === 0;
  const all = idle || stopping || p.resetFirst;
  // a reset (another client's call found the pool idle) gives everything back and, in the same statement, takes what
  // the waiting calls need from the table as it is (never the permits it gives back: one statement, one snapshot)
  const takeNone = idle || stopping;
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
    leaseMs: leaseMs,
    givenBack,
    wantCalls: takeNone ? 0 : Math.max(0, Math.min(waiting - idleCalls, callShare - keptCalls)),
    wantRates: takeNone ? 0 : Math.max(0, Math.min(rateNeed - fresh, rateShare - p.rates.size)),
    idleCallsKept: idleCalls,
    waiting: starved ? waiting : 0,
    demandMs: DEMAND_MS,
  };
}

/** The database's answer is what the instance holds: permits it no longer holds leave the pool, new ones join. */
export function reconcile(p: Pool, result: LeaseResult, now: number, sent: number): void {
  const held = new Set(result.held.map((h) => `${h.kind}:${h.slot}`));
  for (const n of p.calls.keys()) if (!held.has(`call:${n}`)) p.calls.delete(n);
  for (const n of p.rates.keys()) if (!held.has(`rate:${n}`)) p.rates.delete(n);
  for (const h of result.held) {
    if (h.kind === 'call' && !p.calls.has(h.slot)) p.calls.set(h.slot, { grant: 0 });
    if (h.kind === 'rate' && !p.rates.has(h.slot)) p.rates.set(h.slot, { grant: 0, freeAt: null });
  }
  p.othersWaiting = result.othersWaiting;
  p.handOutUntil = Math.min(now + LEASE_WINDOW_MS, sent + MAX_HAND_OUT_MS);
}
