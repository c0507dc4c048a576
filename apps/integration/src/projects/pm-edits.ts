import { type Check, checkFrom, queueStateReason, reason, type SyncState } from '@bridge/rules';
import type { LinkView } from '../links/links.repository.js';
import { unprocessable } from '../platform/http/problem.js';

/**
 * What the PM-side services (projects, companies, budgets, commitments, prime contracts) share when they check and
 * apply an edit: refusals (422, 409), PATCH helpers and the change-order edit rules.
 */

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
