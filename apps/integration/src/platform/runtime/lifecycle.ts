/**
 * The service's run state for operations (OPS-1, OPS-2): `starting` until start-up is done (migrations applied,
 * modules initialised, listening), `ready` while it serves, `stopping` from the first SIGTERM/SIGINT on. Work that
 * must end cleanly (the export worker, sync runs) registers a `Drainable`; `stop()` asks each to take nothing new
 * and wind down, and `force()` ends what is still held when the time allowed is over.
 */
export type LifecyclePhase = 'starting' | 'ready' | 'stopping';

export interface Drainable {
  /** For logs: what is being drained. */
  readonly name: string;
  /** Take nothing new; end what is held at its next safe point (give it back or finish it). */
  stop(): void;
  /** Resolves when nothing is held any more. */
  idle(): Promise<void>;
  /** The time allowed is over: end what is still held now (abort, give back). */
  force(): void;
}

export interface DrainResult {
  /** Every drainable became idle within the grace period. */
  drained: boolean;
  /** Names of the drainables that had to be forced. */
  forced: string[];
}

const timer = (ms: number) =>
  new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), Math.max(0, ms)).unref());

export class ServiceLifecycle {
  private current: LifecyclePhase = 'starting';
  private readonly drainables = new Set<Drainable>();
  private readonly stopListeners = new Set<() => void>();

  get phase(): LifecyclePhase {
    return this.current;
  }

  get stopping(): boolean {
    return this.current === 'stopping';
  }

  /** Start-up is done: the instance may receive traffic. */
  markReady(): void {
    if (this.current === 'starting') this.current = 'ready';
  }

  /** Registers work to drain at shutdown; returns the function that removes it. */
  register(d: Drainable): () => void {
    this.drainables.add(d);
    return () => this.drainables.delete(d);
  }

  /** Called once when stopping begins (e.g. to end server-sent event streams); at once when already stopping. */
  onStop(listener: () => void): () => void {
    if (this.stopping) {
      listener();
      return () => {};
    }
    this.stopListeners.add(listener);
    return () => this.stopListeners.delete(listener);
  }

  /**
   * Turns the instance not-ready and drains: every drainable stops taking work and is given `graceMs` to become idle;
   * those still busy then are forced and given `forceMs` more. Never takes longer than `graceMs + forceMs`.
   */
  async drain(graceMs: number, forceMs: number): Promise<DrainResult> {
    this.current = 'stopping';
    const listeners = [...this.stopListeners];
    this.stopListeners.clear();
    for (const l of listeners) l();
    const all = [...this.drainables];
    for (const d of all) d.stop();
    const idle = new Map<Drainable, boolean>(all.map((d) => [d, false]));
    const watch = all.map((d) =>
      d.idle().then(
        () => idle.set(d, true),
        () => idle.set(d, true),
      ),
    );
    if ((await Promise.race([Promise.all(watch), timer(graceMs)])) !== 'timeout')
      return { drained: true, forced: [] };
    const forced = all.filter((d) => !idle.get(d));
    for (const d of forced) d.force();
    await Promise.race([Promise.all(watch), timer(forceMs)]);
    return { drained: false, forced: forced.map((d) => d.name) };
  }
}
