import { z } from 'zod';
import { isStorableText } from './input-text.js';
import { badRequest } from './problem.js';

/** API-5: every list takes `limit` (default 50, at most 500) and an opaque `cursor`. */
export const pageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().max(200).optional(),
});

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export function encodeCursor(id: string): string {
  return Buffer.from(JSON.stringify({ id }), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string | undefined): string | undefined {
  if (!cursor) return undefined;
  try {
    const v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { id?: unknown };
    if (typeof v.id === 'string' && v.id.length > 0 && isStorableText(v.id)) return v.id;
  } catch {
    // fall through to the 400 below
  }
  throw badRequest([
    { field: 'cursor', code: 'invalid-cursor', message: 'The cursor is not one this API issued.' },
  ]);
}

/** Builds a page from `limit + 1` rows fetched in id order. */
export function toPage<R extends { id: string }, T>(rows: R[], limit: number, map: (r: R) => T): Page<T> {
  const more = rows.length > limit;
  const slice = more ? rows.slice(0, limit) : rows;
  const last = slice.at(-1);
  return { items: slice.map(map), nextCursor: more && last ? encodeCursor(last.id) : null };
}

/**
 * The response schema of a list (API-5): one page of `item`s and the cursor of the next page (null on the last one),
 * as `toPage` builds it. `id` names the page schema in the API document (e.g. `CommitmentPage`).
 */
export function pageOf<T extends z.ZodType>(item: T, id: string) {
  return z
    .object({
      items: z.array(item),
      nextCursor: z.string().nullable().describe('Pass as `cursor` for the next page; null on the last page'),
    })
    .meta({ id });
}
