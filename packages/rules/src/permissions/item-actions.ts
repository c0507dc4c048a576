import type { Check } from '../core/result.js';
import type { ItemType } from '../domain/types.js';
import { type Action, type Actor, authorizeLevel } from './authorize.js';

/** The API operations an item of each type offers on the ERP integrations tool, and the permission each needs. */
export const ITEM_OPERATIONS: Record<ItemType, readonly { operation: string; permission: Action }[]> = {
  job: [{ operation: 'importJob', permission: 'import' }],
  vendor: [
    { operation: 'importVendor', permission: 'import' },
    { operation: 'linkVendor', permission: 'link' },
  ],
  budget: [
    { operation: 'importBudget', permission: 'budget.import' },
    { operation: 'reimportBudget', permission: 'budget.reimport' },
  ],
  prime_contract: [
    { operation: 'importPrimeContract', permission: 'prime_contract.import' },
    { operation: 'reimportPrimeContract', permission: 'prime_contract.reimport' },
  ],
  cost_code: [],
  project: [{ operation: 'sendToErp', permission: 'send' }],
  company: [{ operation: 'sendToErp', permission: 'send' }],
  budget_change: [{ operation: 'sendToErp', permission: 'send' }],
  forecast: [{ operation: 'sendToErp', permission: 'send' }],
  commitment: [{ operation: 'sendToErp', permission: 'send' }],
  commitment_change_order: [{ operation: 'sendToErp', permission: 'send' }],
  prime_contract_change_order: [{ operation: 'sendToErp', permission: 'send' }],
};

/**
 * API-4 with PERM-6: what the user's own permissions say about each operation an item of this type offers (the
 * item's eligibility is checked separately); the operation's entry in `blockedBy` carries both.
 */
export function itemPermissionChecks(user: Actor, type: ItemType): Record<string, Check> {
  const out: Record<string, Check> = {};
  for (const { operation, permission } of ITEM_OPERATIONS[type])
    out[operation] = authorizeLevel(user, permission);
  return out;
}
