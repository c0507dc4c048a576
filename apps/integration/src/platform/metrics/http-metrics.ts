import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { Histogram } from 'prom-client';
import { LATENCY_BUCKETS, type MetricsRegistry } from './metrics-registry.js';

/** Operation label of what no API operation served (unknown paths, the web app's files). */
export const UNMATCHED = 'unmatched';

/**
 * HTTP latency by API operation (OPS-8): `bridge_http_request_duration_seconds{operation, method, status}`. The
 * operation is the OpenAPI `operationId` of the route that served the request (looked up from the route's pattern,
 * never the raw path), so the number of series stays bounded whatever paths clients send.
 */
export class HttpMetrics {
  private readonly duration: Histogram<'operation' | 'method' | 'status'>;
  /** `GET /api/v1/projects/:id` → `getProject`, filled from the API document once it is built. */
  private readonly operations = new Map<string, string>();

  constructor(metrics: MetricsRegistry) {
    this.duration = new Histogram({
      name: 'bridge_http_request_duration_seconds',
      help: 'HTTP request latency by API operation (OpenAPI operationId), method and status code',
      labelNames: ['operation', 'method', 'status'],
      buckets: LATENCY_BUCKETS,
      registers: [metrics.registry],
    });
  }

  /** Learns every operation of the API document (paths like `/api/v1/projects/{id}`). */
  learn(paths: Record<string, Record<string, { operationId?: string }>>): void {
    for (const [path, methods] of Object.entries(paths)) {
      const route = path.replace(/\{([^}]+)\}/g, ':$1');
      for (const [method, op] of Object.entries(methods))
        if (op.operationId) this.operations.set(`${method.toUpperCase()} ${route}`, op.operationId);
    }
  }

  operationOf(method: string, routePath: string | undefined): string {
    if (!routePath) return UNMATCHED;
    return this.operations.get(`${method} ${routePath}`) ?? UNMATCHED;
  }

  /** The operation that served `req` (once routed), or `unmatched`. */
  operationOfRequest(req: Request): string {
    const route = (req as Request & { route?: { path?: string } }).route?.path;
    return this.operationOf(req.method === 'HEAD' ? 'GET' : req.method, route);
  }

  middleware(): RequestHandler {
    return (req: Request, res: Response, next: NextFunction) => {
      const end = this.duration.startTimer();
      res.once('finish', () => {
        end({ operation: this.operationOfRequest(req), method: req.method, status: String(res.statusCode) });
      });
      next();
    };
  }
}
