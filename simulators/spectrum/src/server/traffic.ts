/** What the simulator saw of its Spectrum traffic since the last reset (control API `GET /__sim/traffic`). */
export interface TrafficFigures {
  /** Spectrum requests (not `/__sim`) received. */
  total: number;
  /** Requests being answered right now. */
  inFlight: number;
  /** The most requests that were being answered at the same moment. */
  maxConcurrent: number;
  /** The most requests that arrived within any one second (a sliding window, not calendar seconds). */
  maxPerSecond: number;
  /** When the figures were last reset (ISO). */
  since: string;
}

/**
 * Counts requests from arrival until their answer is finished, and arrivals within a sliding one-second window.
 * Cheap enough for every request: the window keeps only the arrival times of the last second.
 */
export class TrafficMeter {
  private total = 0;
  private inFlight = 0;
  private maxConcurrent = 0;
  private maxPerSecond = 0;
  /** Arrival times (ms, monotonic) of the last second, oldest first; `head` is the first live one. */
  private window: number[] = [];
  private head = 0;
  private since: Date;

  constructor(
    private readonly wallClock: () => Date,
    private readonly monotonic: () => number = () => performance.now(),
  ) {
    this.since = wallClock();
  }

  /** A request arrived; returns how many were being answered at that moment (itself included). */
  start(): number {
    const t = this.monotonic();
    this.total++;
    this.inFlight++;
    if (this.inFlight > this.maxConcurrent) this.maxConcurrent = this.inFlight;
    while (this.head < this.window.length && (this.window[this.head] ?? 0) <= t - 1000) this.head++;
    if (this.head > 1024) {
      this.window = this.window.slice(this.head);
      this.head = 0;
    }
    this.window.push(t);
    const perSecond = this.window.length - this.head;
    if (perSecond > this.maxPerSecond) this.maxPerSecond = perSecond;
    return this.inFlight;
  }

  /** The request's answer finished (or its connection closed). */
  end(): void {
    if (this.inFlight > 0) this.inFlight--;
  }

  figures(): TrafficFigures {
    return {
      total: this.total,
      inFlight: this.inFlight,
      maxConcurrent: this.maxConcurrent,
      maxPerSecond: this.maxPerSecond,
      since: this.since.toISOString(),
    };
  }

  /** Starts counting afresh; requests in flight stay counted as in flight. */
  reset(): void {
    this.total = 0;
    this.maxConcurrent = this.inFlight;
    this.maxPerSecond = 0;
    this.window = [];
    this.head = 0;
    this.since = this.wallClock();
  }
}
