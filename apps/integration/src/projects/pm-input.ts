import { isIsoDate, SYNC_STATES } from '@bridge/rules';
import { z } from 'zod';

/** Input schemas shared by the PM-side controllers (projects, companies, budgets, commitments, prime contracts). */

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
