import type {
  CallLimits,
  CallPermits,
  GivenBack,
  LeaseRequest,
  LeaseResult,
  PermitKind,
} from './spectrum-call-permits.repository.js';

interface Permit {
  kind: PermitKind;
  slot: number;
  holder: string | null;
  /** Local time (ms) the holder's lease on it ends. */
  heldUntil: number | null;
  /** Local time (ms) a per-second permit may be taken again. */
  freeAt: number;
}

/**
 * The permits of the Spectrum call limit kept in the process, for the embedded database: only one process can open it,
 * so only one instance shares the limit and no statement is needed (a statement would also have to wait for the
 * embedded database's one connection while a transaction holds it — a sync preview reads Spectrum inside one).
 * A lease is answered exactly as `SpectrumCallPermitsRepository.lease` answers it: the free permits and the waiting
 * instances are judged as they were before the lease (one statement sees one snapshot), so a permit given back is not
 * taken again by the same lease, and a per-second permit is free one second after the call that used it ended.
 */
export class LocalCallPermits implements CallPermits {
  private readonly servers = new Map<string, Map<string, Permit>>();
  private readonly demand = new Map<string, { waiting: number; until: number }>();

  /** `now`: the local clock in milliseconds (injectable for tests). */
  constructor(private readonly now: () => number = () => performance.now()) {}

  async ensure(server: string, limits: CallLimits): Promise<void> {
    const permits = this.permitsOf(server);
    const now = this.now();
    const add = (kind: PermitKind, n: number) => {
      for (let slot = 1; slot <= n; slot++)
        if (!permits.has(`${kind}:${slot}`))
          permits.set(`${kind}:${slot}`, { kind, slot, holder: null, heldUntil: null, freeAt: now });
    };
    add('call', limits.maxConcurrent);
    add('rate', limits.perSecond);
  }

  async lease(server: string, holder: string, req: LeaseRequest): Promise<LeaseResult> {
    const now = this.now();
    const permits = this.permitsOf(server);
    const back = new Map<string, GivenBack>(req.givenBack.map((g) => [`${g.kind}:${g.slot}`, g]));
    const byOther = (p: Permit, graceMs: number) =>
      p.holder !== null && p.holder !== holder && (p.heldUntil ?? 0) + graceMs < now;
    const calls = [...permits.values()]
      .filter((p) => p.kind === 'call' && p.slot <= req.limits.maxConcurrent)
      .filter((p) => p.holder === null || byOther(p, 0))
      .sort((a, b) => a.slot - b.slot)
      .slice(0, Math.max(0, req.wantCalls));
    const rates =
      req.idleCallsKept > 0 || calls.length > 0
        ? [...permits.values()]
            .filter((p) => p.kind === 'rate' && p.slot <= req.limits.perSecond)
            .filter((p) => (p.holder === null && p.freeAt <= now) || byOther(p, 1000))
            .sort((a, b) => a.freeAt - b.freeAt || a.slot - b.slot)
            .slice(0, Math.max(0, req.wantRates))
        : [];
    let nextFree: number | null = null;
    for (const p of permits.values())
      if (p.kind === 'rate' && p.slot <= req.limits.perSecond && p.holder === null && p.freeAt > now)
        nextFree = nextFree === null ? p.freeAt : Math.min(nextFree, p.freeAt);
    let othersWaiting = 0;
    for (const [key, d] of this.demand)
      if (key.startsWith(`${server}|`) && key !== `${server}|${holder}` && d.waiting > 0 && d.until > now)
        othersWaiting++;

    const held: { kind: PermitKind; slot: number }[] = [];
    for (const [key, p] of permits) {
      if (p.holder !== holder) continue;
      const given = back.get(key);
      if (given) {
        p.holder = null;
        p.heldUntil = null;
        p.freeAt = now + Math.max(0, Math.ceil(given.delayMs));
      } else {
        p.heldUntil = now + req.leaseMs;
        held.push({ kind: p.kind, slot: p.slot });
      }
    }
    const taken = [...calls, ...rates].map((p) => {
      p.holder = holder;
      p.heldUntil = now + req.leaseMs;
      return { kind: p.kind, slot: p.slot };
    });
    if (req.waiting > 0)
      this.demand.set(`${server}|${holder}`, { waiting: req.waiting, until: now + req.demandMs });
    else this.demand.delete(`${server}|${holder}`);
    for (const [key, d] of this.demand) if (d.until < now - 60_000) this.demand.delete(key);
    return {
      held: [...held, ...taken],
      taken,
      othersWaiting,
      nextRateInMs: nextFree === null ? null : Math.ceil(nextFree - now),
    };
  }

  /** The permits held now (by `holder`, or by anyone), as `<server> kind:slot`: what a test or an operator inspects. */
  heldBy(holder?: string): string[] {
    const out: string[] = [];
    for (const [server, permits] of this.servers)
      for (const [key, p] of permits)
        if (p.holder !== null && (holder === undefined || p.holder === holder)) out.push(`${server} ${key}`);
    return out;
  }

  private permitsOf(server: string): Map<string, Permit> {
    let permits = this.servers.get(server);
    if (!permits) {
      permits = new Map();
      this.servers.set(server, permits);
    }
    return permits;
  }
}
