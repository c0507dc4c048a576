import { hashToken, newApiToken } from '../auth/tokens.js';
import type { UsersRepository } from './users.repository.js';

/**
 * API-2: the documented way to create the first admin of a fresh install (`bridge create-admin`, which opens the
 * database and hands its users repository here). Refused once an admin exists: later users are managed through the
 * API by an admin.
 */
export async function createFirstAdmin(
  users: UsersRepository,
  user: { name: string; email: string },
): Promise<string> {
  if (await users.anyAdmin()) {
    throw new Error(
      'an admin already exists; create further users through the API (listUsers / updateUserPermission)',
    );
  }
  const token = newApiToken();
  await users.createWithToken(
    { name: user.name, email: user.email, level: 'admin', canPushToAccounting: false },
    { hash: hashToken(token), label: 'first admin' },
  );
  return token;
}
