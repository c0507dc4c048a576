import { createHash, timingSafeEqual } from 'node:crypto';
import type { Request, RequestHandler, Response } from 'express';
import { sendProblem } from '../http/http-edges.js';
import { ProblemError } from '../http/problem.js';
import type { MetricsRegistry } from './metrics-registry.js';

const digest = (s: string) => createHash('sha256').update(s).digest();

/**
 * `GET /metrics` in Prometheus text format (OPS-5), for a scraper that sends `Authorization: Bearer <METRICS_TOKEN>`.
 * Without METRICS_TOKEN the endpoint is off (404, like any path nothing serves), so metrics are never public by
 * accident; a missing or wrong token is a 401 problem. The token is compared in constant time and never logged.
 */
export function metricsEndpoint(metrics: MetricsRegistry, token: string | undefined): RequestHandler {
  const expected = token ? digest(token) : null;
  return (req: Request, res: Response, next) => {
    if (req.path !== '/') return next();
    if (!expected) return next(); // off: the not-found problem answers
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('Allow', 'GET, HEAD');
      return sendProblem(
        req,
        res,
        new ProblemError(405, 'method-not-allowed', `${req.method} /metrics is not served.`),
      );
    }
    const header = req.headers.authorization ?? '';
    const given = header.startsWith('Bearer ') ? header.slice('Bearer '.length) : '';
    if (!given || !timingSafeEqual(digest(given), expected)) {
      res.setHeader('WWW-Authenticate', 'Bearer realm="metrics"');
      const message = 'Reading the metrics needs the METRICS_TOKEN bearer token.';
      return sendProblem(
        req,
        res,
        new ProblemError(401, 'unauthorized', message, [{ code: 'metrics-token', rule: 'OPS-5', message }]),
      );
    }
    metrics.registry
      .metrics()
      .then((text) => {
        res.setHeader('Content-Type', metrics.registry.contentType);
        res.setHeader('Cache-Control', 'no-store');
        res.status(200).send(text);
      })
      .catch(next);
  };
}
