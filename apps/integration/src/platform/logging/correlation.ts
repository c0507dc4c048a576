import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, RequestHandler, Response } from 'express';

/**
 * Correlation ids (OPS-3, OPS-4): every HTTP request runs with one (the caller's `x-request-id` when it is valid,
 * else a new one), the export worker runs each request with the id of the request that accepted it, and a scheduled
 * run with one of its own. The logger adds the current id to every line (pino `mixin`); audit events store it.
 */
const storage = new AsyncLocalStorage<{ correlationId: string }>();

export const REQUEST_ID_HEADER = 'x-request-id';
/** What an accepted `x-request-id` looks like: 1–128 characters of letters, digits and `-_.:+/=@` (no spaces). */
export const REQUEST_ID_PATTERN = /^[A-Za-z0-9\-_.:+/=@]{1,128}$/;

/** The correlation id of the code running now, if any. */
export function currentCorrelationId(): string | undefined {
  return storage.getStore()?.correlationId;
}

export function newCorrelationId(): string {
  return randomUUID();
}

/** Runs `fn` (and everything it starts) with `correlationId`. */
export function withCorrelation<T>(correlationId: string, fn: () => T): T {
  return storage.run({ correlationId }, fn);
}

/** The caller's request id when it is valid, else null (never an error: a proxy's odd id must not fail a request). */
export function acceptedRequestId(value: unknown): string | null {
  return typeof value === 'string' && REQUEST_ID_PATTERN.test(value) ? value : null;
}

/**
 * First middleware of the HTTP stack (OPS-3): takes a valid `x-request-id` or makes one, answers it in the
 * `x-request-id` response header, and runs the rest of the request with it.
 */
export function correlationMiddleware(): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    const id = acceptedRequestId(req.headers[REQUEST_ID_HEADER]) ?? newCorrelationId();
    res.setHeader(REQUEST_ID_HEADER, id);
    withCorrelation(id, next);
  };
}
