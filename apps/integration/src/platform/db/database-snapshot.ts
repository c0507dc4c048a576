import type { PrismaClient } from '../../generated/prisma/client.js';
import type { RequestSnapshots } from '../tokens.js';

/**
 * The database's current snapshot, as PostgreSQL describes it (`xmin:xmax:in-progress ids`, the same on the embedded
 * database). Two equal snapshots see exactly the same committed data: every transaction that commits or rolls back
 * changes it (it moves `xmax` or leaves the in-progress list), and reads assign no transaction id, so it stays the
 * same while only reads run — on any instance, since it is the server's. One short statement, no table read.
 */
export async function currentSnapshot(db: PrismaClient): Promise<string> {
  const [row] = await db.$queryRaw<{ s: string }[]>`SELECT pg_current_snapshot()::text AS s`;
  if (!row) throw new Error('pg_current_snapshot() returned no row');
  return row.s;
}

/**
 * The snapshot an HTTP request works at: read once, when first asked (by the guard that finds its user, or by the
 * read cache), and the same for everything else the request keeps or finds by it.
 */
export class DatabaseSnapshots implements RequestSnapshots {
  private readonly ofRequest = new WeakMap<object, Promise<string>>();

  constructor(private readonly db: PrismaClient) {}

  of(request: object): Promise<string> {
    let snapshot = this.ofRequest.get(request);
    if (!snapshot) {
      snapshot = currentSnapshot(this.db);
      this.ofRequest.set(request, snapshot);
    }
    return snapshot;
  }
}
