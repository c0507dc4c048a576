import { Inject, Injectable } from '@nestjs/common';
import { Counter, Histogram } from 'prom-client';
import { LONG_BUCKETS, type MetricsRegistry } from '../platform/metrics/metrics-registry.js';
import { METRICS } from '../platform/tokens.js';
import { SYNC_COUNTERS, type SyncCounts } from './sync-job.js';

/** Sync run metrics (OPS-9): how long each run took, and the rows it read, created, updated, left, saw vanish, failed. */
@Injectable()
export class SyncMetrics {
  private readonly duration: Histogram<'group' | 'trigger' | 'status'>;
  private readonly rows: Counter<'group' | 'counter'>;

  constructor(@Inject(METRICS) metrics: MetricsRegistry) {
    this.duration = new Histogram({
      name: 'bridge_sync_run_duration_seconds',
      help: 'Sync run duration by group, trigger (schedule, on_demand) and status (succeeded, failed)',
      labelNames: ['group', 'trigger', 'status'],
      buckets: LONG_BUCKETS,
      registers: [metrics.registry],
    });
    this.rows = new Counter({
      name: 'bridge_sync_rows_total',
      help: 'Rows of the sync runs by group and counter (read, created, updated, unchanged, vanished, failed)',
      labelNames: ['group', 'counter'],
      registers: [metrics.registry],
    });
  }

  runEnded(
    run: { group: string; trigger: string },
    status: 'succeeded' | 'failed',
    seconds: number,
    counts: SyncCounts,
  ) {
    this.duration.observe({ group: run.group, trigger: run.trigger, status }, seconds);
    for (const counter of SYNC_COUNTERS) this.rows.inc({ group: run.group, counter }, counts[counter]);
  }
}
