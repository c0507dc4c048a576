import type { PermissionLevel } from '@bridge/rules';
import { hashToken } from '../auth/tokens.js';
import type { UsersRepository } from './users.repository.js';

/**
 * Demo mode only (DEMO_MODE=true, refused in production): four named users with fixed, published tokens, so a
 * demo can be driven with curl. Outside demo mode no default user or token exists.
 */
export const DEMO_USERS: readonly {
  name: string;
  email: string;
  level: PermissionLevel;
  canPushToAccounting: boolean;
  token: string;
}[] = [
  {
    name: 'demo-admin',
    email: 'demo-admin@example.com',
    level: 'admin',
    canPushToAccounting: false,
    token: 'demo-admin-token',
  },
  {
    name: 'demo-approver',
    email: 'demo-approver@example.com',
    level: 'standard',
    canPushToAccounting: true,
    token: 'demo-approver-token',
  },
  {
    name: 'demo-pm',
    email: 'demo-pm@example.com',
    level: 'standard',
    canPushToAccounting: false,
    token: 'demo-pm-token',
  },
  {
    name: 'demo-viewer',
    email: 'demo-viewer@example.com',
    level: 'read_only',
    canPushToAccounting: false,
    token: 'demo-viewer-token',
  },
];

export async function ensureDemoUsers(users: UsersRepository): Promise<void> {
  for (const u of DEMO_USERS) {
    const { token, ...user } = u;
    await users.ensureWithToken(user, { hash: hashToken(token), label: 'demo' });
  }
}
