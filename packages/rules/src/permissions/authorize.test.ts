import { describe, expect, it } from 'vitest';
import { codesOf, reasonsOf } from '../core/result.js';
import {
  ACTIONS,
  type Action,
  type Actor,
  authorize,
  authorizeLevel,
  effectiveLevel,
  isLevelDirectlyEditable,
  type PermissionLevel,
} from './authorize.js';

const user = (level: PermissionLevel, canPushToAccounting = false, extra: Partial<Actor> = {}): Actor => ({
  id: `${level}${canPushToAccounting ? '+approver' : ''}`,
  level,
  canPushToAccounting,
  ...extra,
});

const none = user('none');
const viewer = user('read_only');
const pm = user('standard');
const approver = user('standard', true);
const admin = user('admin');
const adminApprover = user('admin', true);
const readOnlyApprover = user('read_only', true);

/**
 * The whole matrix: for each action, which of the seven actors may do it (no extra context).
 * Order: none, viewer, pm, approver, admin, adminApprover, readOnlyApprover.
 */
const MATRIX: Record<Action, [boolean, boolean, boolean, boolean, boolean, boolean, boolean]> = {
  view: [false, true, true, true, true, true, true],
  'report.view': [false, true, true, true, true, true, true],
  'settings.view': [false, false, false, false, true, true, false],
  'settings.update': [false, false, false, false, true, true, false],
  'connection.test': [false, false, false, false, true, true, false],
  'vendor_type_filter.update': [false, false, false, false, true, true, false],
  'schedule.update': [false, false, false, false, true, true, false],
  'permissions.view': [false, false, false, false, true, true, false],
  'permissions.update': [false, false, false, false, true, true, false],
  'sync.start': [false, false, true, true, true, true, false],
  import: [false, false, true, true, true, true, false],
  link: [false, false, true, true, true, true, false],
  'budget.import': [false, false, true, true, true, true, false],
  'budget.reimport': [false, false, true, true, true, true, false],
  'prime_contract.import': [false, false, true, true, true, true, false],
  'prime_contract.reimport': [false, false, false, false, false, false, false],
  'pm.edit': [false, false, true, true, true, true, false],
  send: [false, false, true, true, true, true, false],
  retrieve: [false, false, true, true, true, true, false],
  accept: [false, false, false, true, false, true, false],
  reject: [false, false, false, true, false, true, false],
  retry: [false, false, false, true, false, true, false],
  unlink: [false, false, false, true, false, true, false],
};
const ACTORS = [none, viewer, pm, approver, admin, adminApprover, readOnlyApprover];

describe('authorize(): the permission matrix', () => {
  it('covers every action the API exposes', () => {
    expect(Object.keys(MATRIX).sort()).toEqual([...ACTIONS].sort());
  });

  for (const action of ACTIONS) {
    it(`PERM-1…PERM-5: ${action}`, () => {
      const got = ACTORS.map((a) => authorize(a, action).ok);
      expect(got).toEqual(MATRIX[action]);
    });
  }

  it('PERM-1: company directory administrators are always admin', () => {
    const dirAdmin = user('none', false, { isDirectoryAdmin: true });
    expect(effectiveLevel(dirAdmin)).toBe('admin');
    expect(authorize(dirAdmin, 'settings.update').ok).toBe(true);
  });

  it('PERM-1: levels that come from a permission template are changed on the template, not the user', () => {
    const c = authorize(admin, 'permissions.update', { targetUser: { permissionTemplate: 'Field staff' } });
    expect(reasonsOf(c)).toEqual([
      expect.objectContaining({ code: 'permission-from-template', rule: 'PERM-1' }),
    ]);
    expect(
      codesOf(authorize(admin, 'permissions.update', { targetUser: { isDirectoryAdmin: true } })),
    ).toEqual(['directory-admin-level-fixed']);
    expect(authorize(admin, 'permissions.update', { targetUser: { permissionTemplate: null } }).ok).toBe(
      true,
    );
    expect(isLevelDirectlyEditable({ permissionTemplate: 'X' })).toBe(false);
    expect(isLevelDirectlyEditable({ isDirectoryAdmin: true })).toBe(false);
    expect(isLevelDirectlyEditable({})).toBe(true);
  });

  it('PERM-2: only approvers with standard or admin accept or reject; the refusal names the privilege', () => {
    expect(reasonsOf(authorize(pm, 'accept'))).toEqual([
      expect.objectContaining({ code: 'requires-accounting-approver', rule: 'PERM-2' }),
    ]);
    expect(codesOf(authorize(readOnlyApprover, 'reject'))).toEqual(['requires-standard']);
    expect(codesOf(authorize(viewer, 'accept'))).toEqual([
      'requires-standard',
      'requires-accounting-approver',
    ]);
  });

  it('PERM-3: settings, vendor type filter, schedule and the permissions table need admin', () => {
    for (const a of [
      'settings.update',
      'vendor_type_filter.update',
      'schedule.update',
      'permissions.update',
    ] as const) {
      expect(reasonsOf(authorize(approver, a))).toEqual([
        expect.objectContaining({ code: 'requires-admin', rule: 'PERM-3' }),
      ]);
    }
  });

  it('PERM-4: budget import and re-import need standard or higher', () => {
    expect(reasonsOf(authorize(viewer, 'budget.reimport'))).toEqual([
      expect.objectContaining({ code: 'requires-standard', rule: 'PERM-4' }),
    ]);
  });

  it('PERM-5: prime contract re-import needs admin here and admin on the project prime contracts tool', () => {
    expect(authorize(admin, 'prime_contract.reimport', { primeContractsToolLevel: 'admin' }).ok).toBe(true);
    expect(
      codesOf(authorize(admin, 'prime_contract.reimport', { primeContractsToolLevel: 'standard' })),
    ).toEqual(['requires-prime-contracts-admin']);
    expect(codesOf(authorize(pm, 'prime_contract.reimport', { primeContractsToolLevel: 'admin' }))).toEqual([
      'requires-admin',
    ]);
  });

  it('PERM-6 PERM-5: a user missing both levels hears of both at the gate (the tool level is the user’s own)', () => {
    const pmWithTool = { ...pm, primeContractsLevel: 'standard' as const };
    expect(codesOf(authorizeLevel(pmWithTool, 'prime_contract.reimport'))).toEqual([
      'requires-admin',
      'requires-prime-contracts-admin',
    ]);
    expect(authorizeLevel({ ...admin, primeContractsLevel: 'admin' }, 'prime_contract.reimport').ok).toBe(
      true,
    );
    expect(
      codesOf(authorizeLevel({ ...admin, primeContractsLevel: 'read_only' }, 'prime_contract.reimport')),
    ).toEqual(['requires-prime-contracts-admin']);
  });

  it('PERM-5: the level gate lets an ERP admin through; the project tool level is checked with the item', () => {
    expect(authorizeLevel(admin, 'prime_contract.reimport').ok).toBe(true);
    expect(codesOf(authorizeLevel(pm, 'prime_contract.reimport'))).toEqual(['requires-admin']);
    expect(codesOf(authorize(admin, 'prime_contract.reimport'))).toEqual(['requires-prime-contracts-admin']);
    for (const a of ACTIONS) {
      for (const actor of ACTORS) {
        // the gate never refuses what the full check (with a satisfied context) allows, and refuses what the level forbids
        const full = authorize(actor, a, { primeContractsToolLevel: 'admin', isSender: true });
        expect(authorizeLevel(actor, a).ok).toBe(full.ok);
      }
    }
  });

  it('PERM-6: every refusal names the missing permission in words', () => {
    for (const a of ACTIONS) {
      for (const r of reasonsOf(authorize(none, a))) {
        expect(r.message).toMatch(/level|approver|template|sender|Admin/);
        expect(r.rule).toMatch(/^PERM-\d$/);
      }
    }
  });

  it('retrieve: the sender takes an item back; others cannot unless they are approvers or admins', () => {
    expect(authorize(pm, 'retrieve', { isSender: true }).ok).toBe(true);
    expect(codesOf(authorize(pm, 'retrieve', { isSender: false }))).toEqual(['not-the-sender']);
    expect(authorize(approver, 'retrieve', { isSender: false }).ok).toBe(true);
    expect(authorize(admin, 'retrieve', { isSender: false }).ok).toBe(true);
  });
});
