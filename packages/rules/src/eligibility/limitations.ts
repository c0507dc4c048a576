import { type Check, checkFrom, reason } from '../core/result.js';
import type { ItemType } from '../domain/types.js';

/** Kinds of records the integration deliberately never syncs (LIM-5). */
export const NEVER_SYNCED_RECORDS = [
  'commitment_invoice',
  'commitment_payment',
  'prime_contract_invoice',
  'prime_contract_payment',
  'timecard',
  'timesheet',
] as const;

/** LIM-5: is this kind of record synced at all? */
export function checkRecordSyncable(kind: string): Check {
  return checkFrom([
    (NEVER_SYNCED_RECORDS as readonly string[]).includes(kind) &&
      reason('record-type-not-synced', 'LIM-5', `${kind.replace(/_/g, ' ')}s are not synced with Spectrum.`),
  ]);
}

/** LIM-1, BCH-1: which item types can come from Spectrum at all. */
export function checkImportDirection(type: ItemType | 'commitment_change_order'): Check {
  return checkFrom([
    (type === 'commitment' || type === 'commitment_change_order') &&
      reason(
        'commitment-import-not-supported',
        'LIM-1',
        'Commitments are never imported from Spectrum (export only).',
      ),
    (type === 'budget_change' || type === 'forecast' || type === 'prime_contract_change_order') &&
      reason(
        'export-only-item',
        'BCH-1',
        `${type.replace(/_/g, ' ')}s flow only from the PM side to Spectrum.`,
      ),
  ]);
}

/** LIM-2, WBS-1: exactly one "Spectrum Standard Cost Codes" list per integration. */
export function checkStandardCostCodeListCreate(existingListIds: readonly string[]): Check {
  return checkFrom([
    existingListIds.length > 0 &&
      reason(
        'standard-list-exists',
        'LIM-2',
        'The integration already has its "Spectrum Standard Cost Codes" list; there is exactly one.',
      ),
  ]);
}

/** LIM-6: cost codes with custom WBS segments (beyond cost code + cost type) are not supported. */
export function checkWbsSegments(segments: readonly string[]): Check {
  const extra = segments.filter((s) => s !== 'cost_code' && s !== 'cost_type');
  return checkFrom([
    extra.length > 0 &&
      reason(
        'custom-wbs-segments-not-supported',
        'LIM-6',
        `Custom WBS segments are not supported: ${extra.join(', ')}.`,
        'segments',
      ),
  ]);
}

/** LIM-7: unit-price prime contracts and PCCOs are not supported. */
export function checkNotUnitPrice(item: { unitPrice: boolean }, label: string): Check {
  return checkFrom([
    item.unitPrice &&
      reason('unit-price-not-supported', 'LIM-7', `Unit-price ${label}s are not supported.`, 'unitPrice'),
  ]);
}
