import type { INestApplication } from '@nestjs/common';
import type { Logger } from 'pino';
import { type AppDeps, createApp } from './app.js';
import type { Env } from './config/env.js';
import { gracefulShutdown } from './platform/runtime/graceful-shutdown.js';
import { ServiceLifecycle } from './platform/runtime/lifecycle.js';

export interface Serving {
  app: INestApplication;
  /** The graceful stop (OPS-1) within `SHUTDOWN_TIMEOUT_MS`; `closeDatabase` runs last. */
  stop(signal: string, closeDatabase: () => Promise<void>): Promise<void>;
}

/**
 * Builds the application on an open database and listens on `env.PORT`: not ready (readiness 503) until every module
 * started and the server listens (OPS-2). Used by `main` and by development mode, which keeps the database open
 * across restarts.
 */
export async function serve(env: Env, logger: Logger, prisma: AppDeps['prisma']): Promise<Serving> {
  const lifecycle = new ServiceLifecycle();
  const app = await createApp({ env, logger, prisma, lifecycle });
  await app.listen(env.PORT, env.HOST);
  lifecycle.markReady();
  const url = await app.getUrl();
  logger.info({ url, docs: `${url}/api/docs` }, 'Spectrum Bridge is listening');
  return {
    app,
    stop: (signal, closeDatabase) =>
      gracefulShutdown(app, lifecycle, closeDatabase, { timeoutMs: env.SHUTDOWN_TIMEOUT_MS, logger, signal }),
  };
}
