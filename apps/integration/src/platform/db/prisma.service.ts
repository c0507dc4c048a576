import type { Logger } from 'pino';
import { PrismaClient } from '../../generated/prisma/client.js';
import { type DatabaseHandle, openDatabase } from './adapters.js';
import { applyMigrations } from './migrations.js';
import { type StatementListener, withStatementListener } from './statement-counter.js';

export type Db = PrismaClient;

/**
 * Opens the database of a `DATABASE_URL` and a Prisma client on it. The embedded database applies pending
 * migrations itself; a PostgreSQL server is migrated by `bridge migrate` (so that several instances never race
 * to migrate), unless `migrate: true` is passed (tests).
 */
export async function connectDatabase(
  url: string,
  options: {
    migrate?: boolean;
    logger?: Logger;
    loadDataDir?: Blob;
    /** Hears every SQL statement the Prisma client sends (benchmarks and statement-count tests). */
    onStatement?: StatementListener;
  } = {},
): Promise<{ prisma: PrismaClient; handle: DatabaseHandle; close(): Promise<void> }> {
  const handle = await openDatabase(url, { loadDataDir: options.loadDataDir });
  if (options.migrate ?? handle.kind === 'pglite') {
    const applied = await applyMigrations(handle.adapter);
    if (applied.length > 0) options.logger?.info({ applied }, 'database migrations applied');
  }
  const adapter = options.onStatement
    ? withStatementListener(handle.adapter, options.onStatement)
    : handle.adapter;
  const prisma = new PrismaClient({ adapter });
  return {
    prisma,
    handle,
    close: async () => {
      await prisma.$disconnect();
      await handle.close();
    },
  };
}
