import { collectDefaultMetrics, Registry } from 'prom-client';

/** Buckets (seconds) of the latency histograms: 5 ms … 60 s. */
export const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];
/** Buckets (seconds) of whole exports and sync runs: 100 ms … 2 h. */
export const LONG_BUCKETS = [0.1, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900, 1800, 3600, 7200];

/**
 * The service's Prometheus registry (OPS-5 … OPS-9), one per application (never prom-client's global one, so two
 * instances in one process, as in tests, do not share series). Features create their metrics in it; the process
 * metrics (CPU, memory, event loop lag, GC) come with it. Every label is from a bounded set: operation ids, states,
 * services, groups — never an id, a path or a user's text.
 */
export class MetricsRegistry {
  readonly registry = new Registry();

  constructor(options: { processMetrics?: boolean } = {}) {
    if (options.processMetrics !== false) collectDefaultMetrics({ register: this.registry });
  }
}
