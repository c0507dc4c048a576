import { describe, expect, it } from 'vitest';
import { codesOf } from '../core/result.js';
import { ITEM_TYPES } from '../domain/types.js';
import { itemPermissionChecks } from './item-actions.js';

describe('API-4 PERM-6: the permission part of each item action', () => {
  it('PERM-6: a read-only user is told the level for sending and importing; a standard user may both', () => {
    const viewer = { id: 'v', level: 'read_only' as const, canPushToAccounting: false };
    expect(codesOf(itemPermissionChecks(viewer, 'commitment').sendToErp!)).toEqual(['requires-standard']);
    expect(codesOf(itemPermissionChecks(viewer, 'job').importJob!)).toEqual(['requires-standard']);
    const pm = { id: 'p', level: 'standard' as const, canPushToAccounting: false };
    expect(itemPermissionChecks(pm, 'commitment').sendToErp!.ok).toBe(true);
    expect(itemPermissionChecks(pm, 'vendor').linkVendor!.ok).toBe(true);
  });

  it('API-4: every item type is covered; only cost codes offer no action', () => {
    const admin = { id: 'a', level: 'admin' as const, canPushToAccounting: true };
    for (const type of ITEM_TYPES) {
      const ops = Object.keys(itemPermissionChecks(admin, type));
      expect(ops.length > 0 || type === 'cost_code').toBe(true);
    }
  });
});
