import type { SpectrumCallEvent } from '@bridge/spectrum-client';
import { Inject, Injectable } from '@nestjs/common';
import { Histogram } from 'prom-client';
import { LATENCY_BUCKETS, type MetricsRegistry } from '../platform/metrics/metrics-registry.js';
import { METRICS } from '../platform/tokens.js';

/**
 * Spectrum call metrics (OPS-7): `bridge_spectrum_call_duration_seconds{operation, outcome}` for every HTTP exchange
 * the client makes (its `onCall` hook: the client depends on no metrics library). Its `_count` is the number of calls
 * by outcome: ok, auth_refused, client_error, server_error (SOAP faults), timeout, cancelled, unreachable.
 */
@Injectable()
export class SpectrumMetrics {
  private readonly duration: Histogram<'operation' | 'outcome'>;

  constructor(@Inject(METRICS) metrics: MetricsRegistry) {
    this.duration = new Histogram({
      name: 'bridge_spectrum_call_duration_seconds',
      help: 'Spectrum HTTP exchanges by operation (SOAP service, REST or Info-Link operation, connect/token) and outcome',
      labelNames: ['operation', 'outcome'],
      buckets: LATENCY_BUCKETS,
      registers: [metrics.registry],
    });
  }

  readonly onCall = (e: SpectrumCallEvent): void => {
    this.duration.observe({ operation: e.operation, outcome: e.outcome }, e.durationMs / 1000);
  };
}
