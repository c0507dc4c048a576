import type { Check, ItemType, Reason, SyncState } from '@bridge/rules';
import type { LinkView } from './links.repository.js';

/** An action the UI offers on an item, and why it is unavailable right now (API-4). */
export interface BlockedAction {
  action: string;
  reasons: Reason[];
}

/** The fields every exportable and importable item carries in a list (API-4, API-5). */
export interface SyncFields {
  type: ItemType;
  state: SyncState | null;
  spectrumKey: string | null;
  lastError: string | null;
  lastSyncedAt: string | null;
  blockedBy: BlockedAction[];
}

/** `blockedBy` from the checks of each action: only the failing ones are listed. */
export function blockedBy(checks: Record<string, Check>): BlockedAction[] {
  return Object.entries(checks)
    .filter(([, c]) => !c.ok)
    .map(([action, c]) => ({ action, reasons: c.ok ? [] : [...c.reasons] }));
}

export function syncFields(
  type: ItemType,
  link: LinkView | null | undefined,
  checks: Record<string, Check> = {},
): SyncFields {
  return {
    type,
    state: link?.state ?? null,
    spectrumKey: link?.spectrumKey ?? null,
    lastError: link?.lastError ?? null,
    lastSyncedAt: link?.lastSyncedAt?.toISOString() ?? null,
    blockedBy: blockedBy(checks),
  };
}
