import type { PrismaClient } from '../../generated/prisma/client.js';
import { MIGRATIONS_DIR, migrationsList } from '../db/migrations.js';

export interface DatabaseHealth {
  /** The database answered a query within the time allowed. */
  database: 'up' | 'down';
  /** Every migration this build ships is applied (`bridge migrate` ran on PostgreSQL). */
  migrations: 'applied' | 'pending' | 'unknown';
}

const withTimeout = <T>(p: Promise<T>, ms: number): Promise<T> =>
  Promise.race([
    p,
    new Promise<never>((_, reject) =>
      setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms).unref(),
    ),
  ]);

/**
 * The database checks of readiness (OPS-2): one query that both proves the database answers and lists the applied
 * migrations, compared with the migrations of this build. Once all are applied the answer is remembered (migrations
 * are never taken back), so later checks read one row.
 */
export class DatabaseHealthCheck {
  private readonly expected: readonly string[];
  private migrated = false;

  constructor(
    private readonly db: PrismaClient,
    private readonly timeoutMs = 2_000,
    migrationsDir = MIGRATIONS_DIR,
  ) {
    this.expected = migrationsList(migrationsDir).migrationDirectories.map((d) => d.path);
  }

  async check(): Promise<DatabaseHealth> {
    try {
      if (this.migrated) {
        await withTimeout(this.db.$queryRaw`SELECT 1`, this.timeoutMs);
        return { database: 'up', migrations: 'applied' };
      }
      const rows = await withTimeout(
        this.db.$queryRaw<{ name: string }[]>`
          SELECT migration_name AS name FROM "_prisma_migrations"
          WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
        this.timeoutMs,
      ).catch((e: unknown) => {
        // a reachable database without the migrations table has none applied
        if (String((e as { message?: unknown })?.message).includes('_prisma_migrations')) return [];
        throw e;
      });
      const applied = new Set(rows.map((r) => r.name));
      this.migrated = this.expected.every((name) => applied.has(name));
      return { database: 'up', migrations: this.migrated ? 'applied' : 'pending' };
    } catch {
      return { database: 'down', migrations: this.migrated ? 'applied' : 'unknown' };
    }
  }
}
