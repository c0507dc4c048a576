import { hashToken, newApiToken } from '../auth/tokens.js';
import type { Env } from '../config/env.js';
import { connectDatabase } from '../platform/db/prisma.service.js';
import { UsersRepository } from './users.repository.js';

/**
 * API-2: the documented way to create the first admin of a fresh install (`bridge create-admin`). Refused once an
 * admin exists: later users are managed through the API by an admin.
 */
export async function createFirstAdmin(env: Env, user: { name: string; email: string }): Promise<string> {
  const db = await connectDatabase(env.DATABASE_URL);
  try {
    const users = new UsersRepository({ tx: db.prisma, isTransactionActive: () => false });
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
  } finally {
    await db.close();
  }
}
