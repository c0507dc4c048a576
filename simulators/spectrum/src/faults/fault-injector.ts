export const FAULT_KINDS = [
  'latency',
  'server-fault',
  'client-fault',
  'drop-connection',
  'http-500',
  'http-503',
  'timeout',
  'truncate',
  'auth-failure',
  'guid-timeout',
  'crash',
  'refuse',
] as const;

export type FaultKind = (typeof FAULT_KINDS)[number];

export interface FaultSpec {
  /** Service name (`GetJob`, `AddVendor`, `vendors`, `scheduleofvalues`, `infolink`, `token`) or `*`. */
  service: string;
  kind: FaultKind;
  /** latency: delay in ms. */
  ms?: number;
  /** drop-connection: before the request is processed (default) or after a write has been applied. */
  when?: 'before' | 'after';
  /** Fire on the next N matching calls only. */
  times?: number;
  /** Let the first N matching calls pass untouched (e.g. `skip: 2, times: 1` fires on the 3rd call only). */
  skip?: number;
  /** Fire with this probability (0..1), drawn from a seeded generator. */
  rate?: number;
  seed?: number;
  /** crash: the write statement count at which the Put "crashes" (default 1). */
  afterWrites?: number;
  /** refuse: the refusal's text (a Put's `I` row, a Get's `E` row, a REST call's 400 error). */
  message?: string;
}

/** The refusal text of a `refuse` fault without a message. */
export const DEFAULT_REFUSAL = 'Refused by a simulator fault rule';

export interface Fault extends FaultSpec {
  id: number;
  fired: number;
  /** Matching calls let through by `skip` so far. */
  skipped?: number;
}

export class FaultSpecError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

/** mulberry32: small, fast, deterministic. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function checkFaultSpec(input: unknown): FaultSpec {
  if (!input || typeof input !== 'object' || Array.isArray(input))
    throw new FaultSpecError('body', 'expected an object');
  const s = input as Record<string, unknown>;
  const allowed = new Set([
    'service',
    'kind',
    'ms',
    'when',
    'times',
    'skip',
    'rate',
    'seed',
    'afterWrites',
    'message',
  ]);
  for (const k of Object.keys(s)) if (!allowed.has(k)) throw new FaultSpecError(k, `unknown field ${k}`);
  if (typeof s.service !== 'string' || s.service === '')
    throw new FaultSpecError('service', 'service is required');
  if (typeof s.kind !== 'string' || !(FAULT_KINDS as readonly string[]).includes(s.kind)) {
    throw new FaultSpecError('kind', `kind must be one of ${FAULT_KINDS.join(', ')}`);
  }
  const spec: FaultSpec = { service: s.service, kind: s.kind as FaultKind };
  const int = (name: string, min: number): number | undefined => {
    const v = s[name];
    if (v === undefined) return undefined;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min) {
      throw new FaultSpecError(name, `${name} must be an integer >= ${min}`);
    }
    return v;
  };
  const ms = int('ms', 0);
  if (ms !== undefined) spec.ms = ms;
  if (spec.kind === 'latency' && ms === undefined) throw new FaultSpecError('ms', 'latency needs ms');
  const times = int('times', 1);
  if (times !== undefined) spec.times = times;
  const skip = int('skip', 0);
  if (skip !== undefined) spec.skip = skip;
  const seed = int('seed', 0);
  if (seed !== undefined) spec.seed = seed;
  const afterWrites = int('afterWrites', 1);
  if (afterWrites !== undefined) spec.afterWrites = afterWrites;
  if (s.rate !== undefined) {
    if (typeof s.rate !== 'number' || s.rate < 0 || s.rate > 1)
      throw new FaultSpecError('rate', 'rate must be 0..1');
    spec.rate = s.rate;
  }
  if (s.message !== undefined) {
    if (typeof s.message !== 'string' || s.message.trim() === '' || s.message.length > 250)
      throw new FaultSpecError('message', 'message must be text of 1 to 250 characters');
    spec.message = s.message.trim();
  }
  if (s.when !== undefined) {
    if (s.when !== 'before' && s.when !== 'after')
      throw new FaultSpecError('when', "when must be 'before' or 'after'");
    spec.when = s.when;
  }
  return spec;
}

/** Armed faults, matched per call by service name, by count (`times`) or probability (`rate`). */
export class FaultInjector {
  private faults: (Fault & { random?: () => number })[] = [];
  private nextId = 1;

  add(spec: FaultSpec): Fault {
    const fault: Fault & { random?: () => number } = { ...spec, id: this.nextId++, fired: 0 };
    if (spec.rate !== undefined) fault.random = prng(spec.seed ?? 1);
    this.faults.push(fault);
    return this.view(fault);
  }

  clear(): void {
    this.faults = [];
  }

  /** Clears one armed fault; false when no fault has this id. */
  remove(id: number): boolean {
    const before = this.faults.length;
    this.faults = this.faults.filter((f) => f.id !== id);
    return this.faults.length < before;
  }

  list(): Fault[] {
    return this.faults.map((f) => this.view(f));
  }

  private view(f: Fault & { random?: () => number }): Fault {
    const { random: _random, ...rest } = f;
    return rest;
  }

  /** The faults that fire for this call (latency ones first), consuming their counts. */
  pick(service: string): Fault[] {
    if (this.faults.length === 0) return [];
    const fired: Fault[] = [];
    for (const f of this.faults) {
      if (f.service !== '*' && f.service !== service) continue;
      if (f.times !== undefined && f.fired >= f.times) continue;
      if (f.skip !== undefined && (f.skipped ?? 0) < f.skip) {
        f.skipped = (f.skipped ?? 0) + 1;
        continue;
      }
      if (f.random && f.random() >= (f.rate ?? 1)) continue;
      f.fired++;
      fired.push(f);
    }
    this.faults = this.faults.filter((f) => f.times === undefined || f.fired < f.times);
    return fired.sort((a, b) => (a.kind === 'latency' ? -1 : 0) - (b.kind === 'latency' ? -1 : 0));
  }
}
