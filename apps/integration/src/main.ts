import { createApp } from './app.js';
import { loadEnv } from './config/env.js';
import { connectDatabase } from './platform/db/prisma.service.js';
import { createLogger } from './platform/logging/logger.js';
import { applyMemoryPolicy } from './platform/runtime/memory-policy.js';

async function main() {
  const memory = applyMemoryPolicy();
  const env = loadEnv(process.env);
  const logger = createLogger(env.LOG_LEVEL);
  if (memory.missing.length > 0)
    logger.warn(
      { missing: memory.missing },
      'started without the service V8 memory flags: large imports will use more memory (start with `pnpm start` or put the flags in NODE_OPTIONS; see docs/operations.md)',
    );
  const db = await connectDatabase(env.DATABASE_URL, { logger });
  const app = await createApp({ env, logger, prisma: db.prisma });
  await app.listen(env.PORT, env.HOST);
  const url = await app.getUrl();
  logger.info({ url, docs: `${url}/api/docs` }, 'Spectrum Bridge is listening');
  const stop = async () => {
    await app.close();
    await db.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
