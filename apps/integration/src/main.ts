import { loadEnv } from './config/env.js';
import { connectDatabase } from './platform/db/prisma.service.js';
import { createLogger } from './platform/logging/logger.js';
import { applyMemoryPolicy } from './platform/runtime/memory-policy.js';
import { serve } from './serve.js';

async function main() {
  const env = loadEnv(process.env);
  const memory = applyMemoryPolicy(process.execArgv, env.NODE_OPTIONS);
  const logger = createLogger(env.LOG_LEVEL);
  if (memory.missing.length > 0)
    logger.warn(
      { missing: memory.missing },
      'started without the service V8 memory flags: large imports will use more memory (start with `pnpm start` or put the flags in NODE_OPTIONS; see docs/operations.md)',
    );
  const db = await connectDatabase(env.DATABASE_URL, { logger });
  const serving = await serve(env, logger, db.prisma);
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) {
      logger.info({ signal }, 'already stopping');
      return;
    }
    stopping = true;
    // a safety net only: the shutdown itself is bounded by SHUTDOWN_TIMEOUT_MS (OPS-1)
    setTimeout(() => {
      logger.error({ timeoutMs: env.SHUTDOWN_TIMEOUT_MS }, 'the stop overran its time: exiting');
      process.exit(1);
    }, env.SHUTDOWN_TIMEOUT_MS + 2_000).unref();
    serving
      .stop(signal, () => db.close())
      .then(() => process.exit(0))
      .catch((err: unknown) => {
        logger.error({ err }, 'the stop failed');
        process.exit(1);
      });
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
