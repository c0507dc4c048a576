import { ITEM_TYPES, SYNC_STATES } from '@bridge/rules';
import { z } from 'zod';

/** ISO 8601 instant as the API writes it (`Date.toISOString()`). */
export const isoDateTime = z.iso.datetime();

/** A calendar date `YYYY-MM-DD`. */
export const isoDateOnly = z.iso.date();

/** Money: integer cents (never a float). */
export const centsOut = z.number().int();

export const itemTypeSchema = z.enum(ITEM_TYPES).meta({ id: 'ItemType' });
export const syncStateSchema = z.enum(SYNC_STATES).meta({ id: 'SyncState' });

/** Why something is not allowed: the rule and the field at fault (`Reason` of the rules package). */
export const reasonSchema = z
  .object({
    code: z.string(),
    rule: z.string(),
    message: z.string(),
    field: z.string().optional(),
  })
  .meta({ id: 'Reason' });

/** An action the item offers that is unavailable now, with every reason (API-4, `BlockedAction`). */
export const blockedActionSchema = z
  .object({ action: z.string(), reasons: z.array(reasonSchema) })
  .meta({ id: 'BlockedAction' });

/** The fields every exportable and importable item carries (API-4, API-5; `SyncFields` of `syncFields`). */
export const syncFieldsShape = {
  type: itemTypeSchema,
  state: syncStateSchema
    .nullable()
    .describe('Sync state of the item; null when it was never sent or imported'),
  spectrumKey: z.string().nullable(),
  lastError: z.string().nullable(),
  lastSyncedAt: isoDateTime.nullable(),
  blockedBy: z.array(blockedActionSchema),
};
