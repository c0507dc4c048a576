import type { SyncState } from '@bridge/rules';
import { Prisma } from '../../generated/prisma/client.js';
import type { TxClient } from './transactions.js';

/** `%`, `_` and `\\` in a user's search text match themselves in `LIKE` / `ILIKE` (Prisma's `contains` too). */
export function escapeLike(q: string): string {
  return q.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** An `ILIKE` pattern matching names that contain the search text. */
export function likePattern(q: string): string {
  return `%${escapeLike(q)}%`;
}

/**
 * API-5 with a `state` filter: one page of ids (in id order) of the rows of `table` whose link of one of
 * `linkTypes` is in `state`, with further SQL conditions on the row (`t.<column>`). The join stays in the
 * database, so the filter works for any number of linked items.
 */
export async function pageIdsInLinkState(
  db: TxClient,
  o: {
    table: 'Project' | 'Company' | 'Commitment';
    linkTypes: readonly string[];
    state: SyncState;
    afterId: string | undefined;
    take: number;
    where?: Prisma.Sql[];
  },
): Promise<string[]> {
  const conds: Prisma.Sql[] = [
    Prisma.sql`EXISTS (SELECT 1 FROM "SyncLink" l WHERE l."pmId" = t.id AND l.type IN (${Prisma.join([...o.linkTypes])}) AND l.state = ${o.state}::"SyncState")`,
    ...(o.afterId ? [Prisma.sql`t.id > ${o.afterId}`] : []),
    ...(o.where ?? []),
  ];
  const rows = await db.$queryRaw<{ id: string }[]>(
    Prisma.sql`SELECT t.id FROM ${Prisma.raw(`"${o.table}"`)} t WHERE ${Prisma.join(conds, ' AND ')} ORDER BY t.id LIMIT ${o.take}`,
  );
  return rows.map((r) => r.id);
}
