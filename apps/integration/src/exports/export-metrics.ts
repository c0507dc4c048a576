import { Inject, Injectable } from '@nestjs/common';
import { Gauge, Histogram } from 'prom-client';
import { LATENCY_BUCKETS, LONG_BUCKETS, type MetricsRegistry } from '../platform/metrics/metrics-registry.js';
import { CLOCK, type Clock, METRICS } from '../platform/tokens.js';
import { type ExportRequestState, ExportsRepository } from './exports.repository.js';

const STATES: readonly ExportRequestState[] = [
  'ready_to_export',
  'exporting',
  'synced',
  'rejected',
  'failed',
  'retrieved',
];
const WAITING: readonly ExportRequestState[] = ['ready_to_export', 'exporting'];

/** How one worker run of a request ended. */
export type ExportRunOutcome = 'synced' | 'failed' | 'retry' | 'paused' | 'given_back' | 'abandoned';

/**
 * The export queue's metrics (OPS-6): queue depth by state and the age of the oldest waiting request (read from the
 * database when scraped, so every instance reports the shared queue), how long exports take from accept to their end,
 * how long each worker run and each step takes.
 */
@Injectable()
export class ExportMetrics {
  private readonly exportDuration: Histogram<'type' | 'outcome'>;
  private readonly runDuration: Histogram<'type' | 'outcome'>;
  private readonly stepDuration: Histogram<'service' | 'outcome'>;

  constructor(
    @Inject(METRICS) metrics: MetricsRegistry,
    @Inject(ExportsRepository) repo: ExportsRepository,
    @Inject(CLOCK) clock: Clock,
  ) {
    const registers = [metrics.registry];
    type Stats = Awaited<ReturnType<ExportsRepository['queueStats']>>;
    let stats: Promise<Stats | null> | null = null;
    // one query per scrape serves both gauges; when the database does not answer, the queue series are left out of
    // the scrape (no stale value) and the rest is still served
    const read = () => {
      stats ??= repo
        .queueStats()
        .catch(() => null)
        .finally(() => setImmediate(() => (stats = null)));
      return stats;
    };
    new Gauge({
      name: 'bridge_export_queue_requests',
      help: 'Export requests by state (the queue shared by every instance)',
      labelNames: ['state'],
      registers,
      async collect() {
        const rows = await read();
        this.reset();
        if (!rows) return;
        for (const state of STATES) this.set({ state }, rows.find((r) => r.state === state)?.count ?? 0);
      },
    });
    new Gauge({
      name: 'bridge_export_oldest_waiting_seconds',
      help: 'Age of the oldest request waiting: for approval (ready_to_export, since sent) or for the worker (exporting, since accepted); 0 when none waits',
      labelNames: ['state'],
      registers,
      async collect() {
        const rows = await read();
        this.reset();
        if (!rows) return;
        const now = clock.now().getTime();
        for (const state of WAITING) {
          const since = rows.find((r) => r.state === state)?.oldestWaitingSince;
          this.set({ state }, since ? Math.max(0, (now - since.getTime()) / 1000) : 0);
        }
      },
    });
    this.exportDuration = new Histogram({
      name: 'bridge_export_duration_seconds',
      help: 'From accept to the end of the export (synced or failed), by item type',
      labelNames: ['type', 'outcome'],
      buckets: LONG_BUCKETS,
      registers,
    });
    this.runDuration = new Histogram({
      name: 'bridge_export_run_duration_seconds',
      help: "One worker run of an export request (claim to the run's end), by item type and how it ended",
      labelNames: ['type', 'outcome'],
      buckets: LONG_BUCKETS,
      registers,
    });
    this.stepDuration = new Histogram({
      name: 'bridge_export_step_duration_seconds',
      help: 'One export step (the Spectrum call of a service, with its look-up for pure adds), by service and outcome',
      labelNames: ['service', 'outcome'],
      buckets: LATENCY_BUCKETS,
      registers,
    });
  }

  exportEnded(type: string, outcome: 'synced' | 'failed', acceptedAt: Date | null, endedAt: Date): void {
    if (acceptedAt)
      this.exportDuration.observe(
        { type, outcome },
        Math.max(0, (endedAt.getTime() - acceptedAt.getTime()) / 1000),
      );
  }

  runEnded(type: string, outcome: ExportRunOutcome, seconds: number): void {
    this.runDuration.observe({ type, outcome }, seconds);
  }

  stepEnded(service: string, outcome: 'ok' | 'error', seconds: number): void {
    this.stepDuration.observe({ service, outcome }, seconds);
  }
}
