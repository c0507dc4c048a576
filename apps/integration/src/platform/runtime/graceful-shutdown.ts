import type { Server } from 'node:http';
import type { INestApplication } from '@nestjs/common';
import type { Logger } from 'pino';
import type { ServiceLifecycle } from './lifecycle.js';

/** How the shutdown budget is split (OPS-1): work first, then forcing what is still held, then closing HTTP. */
export function shutdownBudget(timeoutMs: number): { graceMs: number; forceMs: number; closeMs: number } {
  const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, Math.round(v)));
  const forceMs = clamp(timeoutMs / 5, 200, 5_000);
  const closeMs = clamp(timeoutMs / 10, 200, 3_000);
  return { graceMs: Math.max(0, timeoutMs - forceMs - closeMs), forceMs, closeMs };
}

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, Math.max(0, ms)).unref());

/**
 * A graceful stop within `timeoutMs` (OPS-1): the instance turns not-ready at once (readiness answers 503, every
 * response says `Connection: close`, live streams end); the export worker and the sync runs stop taking work and
 * finish or give back what they hold (a forced stop after the grace period gives back what is still held); then
 * the HTTP server stops accepting, idle keep-alive connections close, requests in progress get what is left of the
 * budget, and the application and database close. The caller exits.
 */
export async function gracefulShutdown(
  app: INestApplication,
  lifecycle: ServiceLifecycle,
  closeDatabase: () => Promise<void>,
  options: { timeoutMs: number; logger: Logger; signal: string },
): Promise<void> {
  const { logger } = options;
  const started = Date.now();
  const budget = shutdownBudget(options.timeoutMs);
  logger.info({ signal: options.signal, timeoutMs: options.timeoutMs }, 'stopping: not ready, draining work');
  const result = await lifecycle.drain(budget.graceMs, budget.forceMs);
  if (result.drained) logger.info({ ms: Date.now() - started }, 'work drained');
  else
    logger.warn(
      { forced: result.forced, ms: Date.now() - started },
      'work still held after the grace period was stopped and given back',
    );

  const server = app.getHttpServer() as Server;
  const closed = new Promise<void>((resolve) => {
    if (!server.listening) resolve();
    else server.close(() => resolve());
  });
  server.closeIdleConnections();
  const left = options.timeoutMs - (Date.now() - started);
  if ((await Promise.race([closed.then(() => 'closed'), wait(left - budget.closeMs / 2)])) !== 'closed') {
    logger.warn('HTTP requests still open at the end of the shutdown budget were cut');
    server.closeAllConnections();
    await closed;
  }
  await app.close();
  await closeDatabase();
  logger.info({ ms: Date.now() - started }, 'stopped');
}
