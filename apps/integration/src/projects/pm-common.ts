import {
  type Check,
  checkFrom,
  isIsoDate,
  queueStateReason,
  reason,
  SYNC_STATES,
  type SyncState,
} from '@bridge/rules';
import { z } from 'zod';
import { Prisma, type PrismaClient } from '../generated/prisma/client.js';
import type { LinkView } from '../links/links.repository.js';
import { unprocessable } from '../platform/http/problem.js';

/**
 * Pieces shared by the PM-side features (projects, companies, cost codes, budgets, commitments, prime contracts):
 * input schemas, the opaque transaction handle and small link helpers.
 */

/** The transaction handle a repository hands to its service; services only pass it along. */
export type Tx = Prisma.TransactionClient;

/** `YYYY-MM-DD`, a real calendar date. */
export const isoDate = z.string().refine(isIsoDate, { message: 'must be a real date written YYYY-MM-DD' });

/** Integer cents (a safe integer), the only form of money in the API. */
export const cents = z
  .number()
  .int({ message: 'must be whole cents (an integer)' })
  .refine(Number.isSafeInteger, { message: 'must be a safe integer of cents' });

/** An optional free text: trimmed, `null` clears it. */
export const optionalText = (max: number) => z.string().trim().max(max).nullable().optional();

/** A required text: trimmed, at least one character. */
export const requiredText = (max: number) => z.string().trim().min(1).max(max);

/** A PATCH body must send at least one field: `.refine(anyFieldSent, { message: 'send at least one field' })`. */
export const anyFieldSent = (v: Record<string, unknown>): boolean =>
  Object.values(v).some((x) => x !== undefined);

/** `state` filter of the lists: the sync state of the item's link (API-5). */
export const stateFilter = z.enum(SYNC_STATES).optional();

/** A link's Spectrum key while it is linked (an unlinked item keeps no key that counts). */
export function activeSpectrumKey(link: LinkView | null | undefined): string | null {
  if (!link || link.state === 'unlinked') return null;
  return link.spectrumKey;
}

export function linkState(link: LinkView | null | undefined): SyncState | null {
  return link?.state ?? null;
}

/** 422 with every reason (API-3) when the check failed; nothing has been written at that point. */
export function assertCheck(check: Check, detail: string): void {
  if (!check.ok) throw unprocessable(detail, check.reasons);
}

/** API field names → storage: the address's state is `addressState`, because `state` is the sync state (API-4). */
export function addressStateAsState<T extends { addressState?: string | null | undefined }>({
  addressState,
  ...rest
}: T): Omit<T, 'addressState'> & { state?: string | null } {
  return { ...rest, ...(addressState !== undefined ? { state: addressState } : {}) };
}

/** The current values of the fields a PATCH sends (the `before` of its audit event). */
export function valuesBefore<T extends object>(current: T, patch: object): Record<string, unknown> {
  return Object.fromEntries(Object.keys(patch).map((k) => [k, current[k as keyof T]]));
}

/** APP-1: an item waiting in (or moving through) the export queue is read-only (422 with the reason). */
export function assertNotQueued(link: LinkView | null | undefined, label: string, detail: string): void {
  const queued = queueStateReason(link?.state, label);
  if (queued) throw unprocessable(detail, [queued]);
}

/** Removes `undefined` entries so a PATCH only touches the fields that were sent. */
export function definedOnly<T extends Record<string, unknown>>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** The header fields a PATCH changes (a field sent with its current value is no change). */
export function changedFields<T extends object>(current: T, patch: Partial<T>): (keyof T & string)[] {
  return (Object.keys(patch) as (keyof T & string)[]).filter((k) => patch[k] !== current[k]);
}

/**
 * Editing a change order (commitment CCO, prime contract PCCO): read-only while in the export queue (APP-1); once
 * synced, the fields Spectrum holds as sent (`readOnly`) can no longer be changed (`rule`: COM-4, PCCO-2).
 */
export function changeOrderEditCheck(
  syncState: SyncState | null,
  changed: readonly string[],
  synced: { readOnly: readonly string[]; rule: string; message: (field: string) => string },
): Check {
  const queued = queueStateReason(syncState, 'change order');
  if (queued) return checkFrom([queued]);
  return checkFrom(
    syncState === 'synced'
      ? changed
          .filter((f) => synced.readOnly.includes(f))
          .map((f) => reason('change-order-synced-read-only', synced.rule, synced.message(f), f))
      : [],
  );
}

/** True when a unique constraint refused the write (Prisma P2002). */
export function isUniqueViolation(e: unknown): boolean {
  return (e as { code?: string } | null)?.code === 'P2002';
}

/**
 * For `.catch` after a write: a unique constraint refusing it (Prisma P2002) becomes the 409 `taken()` builds; any
 * other error passes on unchanged.
 */
export function conflictOnUnique(taken: () => Error): (e: unknown) => never {
  return (e) => {
    if (isUniqueViolation(e)) throw taken();
    throw e;
  };
}

/** The PM tables whose rows a write locks while it checks and changes an item. */
export type LockedTable =
  | 'Project'
  | 'Company'
  | 'Budget'
  | 'Commitment'
  | 'CommitmentChangeOrder'
  | 'PrimeContractChangeOrder';

/**
 * Locks one row until the transaction ends (`SELECT … FOR UPDATE`), so a check and the write it allows see the same
 * item even with several service instances on one database. The export flows take the same lock when they move an
 * item into or out of the export queue. Repositories call this; the table name comes from the fixed list above.
 */
export async function lockRow(tx: Tx, table: LockedTable, id: string): Promise<void> {
  await tx.$executeRawUnsafe(`SELECT 1 FROM "${table}" WHERE id = $1 FOR UPDATE`, id);
}

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
  db: PrismaClient,
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
