import { type Check, checkFrom, OK, reason } from '../core/result.js';

export const PERMISSION_LEVELS = ['none', 'read_only', 'standard', 'admin'] as const;
export type PermissionLevel = (typeof PERMISSION_LEVELS)[number];

/** A user as the permission rules see them (PERM-1, PERM-2). */
export interface Actor {
  id: string;
  /** Level on the ERP integrations tool. */
  level: PermissionLevel;
  /** PERM-2: the accounting approver privilege. */
  canPushToAccounting: boolean;
  /** PERM-1: company directory administrators are always `admin`. */
  isDirectoryAdmin?: boolean;
  /** PERM-1: the level comes from this permission template (changed on the template, not the user). */
  permissionTemplate?: string | null;
  /** PERM-5: the user's level on the prime contracts tool, when known. */
  primeContractsLevel?: PermissionLevel;
}

/** Every action the API exposes, grouped by what it needs. */
export const ACTIONS = [
  'view',
  'report.view',
  'settings.view',
  'settings.update',
  'connection.test',
  'vendor_type_filter.update',
  'schedule.update',
  'permissions.view',
  'permissions.update',
  'sync.start',
  'import',
  'link',
  'budget.import',
  'budget.reimport',
  'prime_contract.import',
  'prime_contract.reimport',
  'pm.edit',
  'send',
  'retrieve',
  'accept',
  'reject',
  'retry',
  'unlink',
] as const;
export type Action = (typeof ACTIONS)[number];

export interface AuthorizeContext {
  /** `retrieve`: whether the actor sent the export request. */
  isSender?: boolean;
  /** `prime_contract.reimport`: the actor's level on the project's prime contracts tool (PERM-5). */
  primeContractsToolLevel?: PermissionLevel;
  /** `permissions.update`: the user whose level would change. */
  targetUser?: Pick<Actor, 'permissionTemplate' | 'isDirectoryAdmin'>;
}

const RANK: Record<PermissionLevel, number> = { none: 0, read_only: 1, standard: 2, admin: 3 };

/** PERM-1: the level that counts (directory administrators are always admin). */
export function effectiveLevel(user: Pick<Actor, 'level' | 'isDirectoryAdmin'>): PermissionLevel {
  return user.isDirectoryAdmin ? 'admin' : user.level;
}

/** What each action needs at least, and the rule that says so. */
const NEEDS: Record<Action, { level: PermissionLevel; rule: string; approver?: boolean }> = {
  view: { level: 'read_only', rule: 'PERM-1' },
  'report.view': { level: 'read_only', rule: 'PERM-1' },
  'settings.view': { level: 'admin', rule: 'PERM-3' },
  'settings.update': { level: 'admin', rule: 'PERM-3' },
  'connection.test': { level: 'admin', rule: 'PERM-3' },
  'vendor_type_filter.update': { level: 'admin', rule: 'PERM-3' },
  'schedule.update': { level: 'admin', rule: 'PERM-3' },
  'permissions.view': { level: 'admin', rule: 'PERM-3' },
  'permissions.update': { level: 'admin', rule: 'PERM-3' },
  'sync.start': { level: 'standard', rule: 'PERM-1' },
  import: { level: 'standard', rule: 'PERM-1' },
  link: { level: 'standard', rule: 'PERM-1' },
  'budget.import': { level: 'standard', rule: 'PERM-4' },
  'budget.reimport': { level: 'standard', rule: 'PERM-4' },
  'prime_contract.import': { level: 'standard', rule: 'PERM-1' },
  'prime_contract.reimport': { level: 'admin', rule: 'PERM-5' },
  'pm.edit': { level: 'standard', rule: 'PERM-1' },
  send: { level: 'standard', rule: 'PERM-1' },
  retrieve: { level: 'standard', rule: 'PERM-1' },
  accept: { level: 'standard', rule: 'PERM-2', approver: true },
  reject: { level: 'standard', rule: 'PERM-2', approver: true },
  retry: { level: 'standard', rule: 'PERM-2', approver: true },
  unlink: { level: 'standard', rule: 'PERM-2', approver: true },
};

const LABEL: Record<PermissionLevel, string> = {
  none: 'None',
  read_only: 'Read Only',
  standard: 'Standard',
  admin: 'Admin',
};

/**
 * PERM-1 … PERM-5: may this user perform this action? A refusal names the missing permission (PERM-6: the API
 * answers 403 with these reasons and changes nothing).
 */
export function authorize(user: Actor, action: Action, context: AuthorizeContext = {}): Check {
  return evaluate(user, action, context, false);
}

/**
 * The part of `authorize` that depends on the user alone (their level and privileges), for a gate in front of every
 * operation. What depends on the item (who sent it, the project's prime contracts tool) is left to the full
 * `authorize` with that context, which the operation must still call.
 */
export function authorizeLevel(user: Actor, action: Action): Check {
  return evaluate(user, action, {}, true);
}

function evaluate(user: Actor, action: Action, context: AuthorizeContext, levelOnly: boolean): Check {
  const need = NEEDS[action];
  const level = effectiveLevel(user);
  const reasons = [];
  if (RANK[level] < RANK[need.level]) {
    reasons.push(
      reason(
        `requires-${need.level.replace('_', '-')}`,
        need.rule,
        `This needs the ${LABEL[need.level]} level on the ERP integrations tool; you have ${LABEL[level]}.`,
      ),
    );
  }
  if (need.approver && !user.canPushToAccounting) {
    reasons.push(
      reason(
        'requires-accounting-approver',
        'PERM-2',
        'Only accounting approvers (the "can push to accounting" privilege) may do this.',
      ),
    );
  }
  // PERM-5, PERM-6: the prime contracts tool level is the user's own too, so the gate names it with the ERP level
  const toolLevel = context.primeContractsToolLevel ?? user.primeContractsLevel;
  if (
    action === 'prime_contract.reimport' &&
    (!levelOnly || toolLevel !== undefined) &&
    toolLevel !== 'admin'
  ) {
    reasons.push(
      reason(
        'requires-prime-contracts-admin',
        'PERM-5',
        "Re-importing a prime contract also needs the Admin level on the project's prime contracts tool.",
      ),
    );
  }
  if (action === 'retrieve' && context.isSender === false && !user.canPushToAccounting && level !== 'admin') {
    reasons.push(reason('not-the-sender', 'PERM-1', 'Only the person who sent the item can take it back.'));
  }
  if (action === 'permissions.update' && context.targetUser) {
    if (context.targetUser.isDirectoryAdmin) {
      reasons.push(
        reason(
          'directory-admin-level-fixed',
          'PERM-1',
          'Company directory administrators always have the Admin level; it cannot be changed here.',
        ),
      );
    } else if (context.targetUser.permissionTemplate) {
      reasons.push(
        reason(
          'permission-from-template',
          'PERM-1',
          `This user's level comes from the permission template "${context.targetUser.permissionTemplate}"; change it on the template.`,
        ),
      );
    }
  }
  return reasons.length === 0 ? OK : checkFrom(reasons);
}

/** PERM-1: whether the permissions table lets an admin edit this user's level directly. */
export function isLevelDirectlyEditable(
  user: Pick<Actor, 'permissionTemplate' | 'isDirectoryAdmin'>,
): boolean {
  return !user.isDirectoryAdmin && !user.permissionTemplate;
}
