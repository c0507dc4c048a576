import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { Logger } from 'pino';
import { currentCorrelationId, withCorrelation } from './correlation.js';

/** Longest path written to a log line; a longer one is cut (a hostile client must not write megabytes of log). */
const MAX_PATH = 256;
/** Probes and scrapes, asked every few seconds by the platform: written at debug level only. */
const QUIET = /^\/(health(\/live|\/ready)?|metrics)$/;

/**
 * One log line per HTTP request once its answer is sent (OPS-15): the API operation that served it, method, path
 * (never the query string: searches may carry names), status, duration in ms and response bytes. The correlation id
 * is added by the logger (OPS-3). Probes and metric scrapes are written at debug level; a 5xx at warn.
 */
export function accessLog(logger: Logger, operationOf: (req: Request) => string): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    const started = process.hrtime.bigint();
    const correlationId = currentCorrelationId();
    res.once('finish', () => {
      const path = (req.originalUrl.split('?', 1)[0] ?? '').slice(0, MAX_PATH);
      const status = res.statusCode;
      const level = QUIET.test(path) ? 'debug' : status >= 500 ? 'warn' : 'info';
      if (!logger.isLevelEnabled(level)) return;
      const line = () =>
        logger[level](
          {
            operation: operationOf(req),
            method: req.method,
            path,
            status,
            ms: Number((process.hrtime.bigint() - started) / 10_000n) / 100,
            bytes: Number(res.getHeader('content-length') ?? 0),
          },
          'request',
        );
      // the line carries the request's correlation id, whatever context the answer finished in
      if (correlationId) withCorrelation(correlationId, line);
      else line();
    });
    next();
  };
}
