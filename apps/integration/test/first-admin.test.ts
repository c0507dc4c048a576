import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { afterAll, describe, expect, it } from 'vitest';
import { type Env, loadEnv } from '../src/config/env.js';
import { connectDatabase } from '../src/platform/db/prisma.service.js';
import { plainClient } from '../src/platform/db/transactions.js';
import { createFirstAdmin as createWith } from '../src/users/first-admin.js';
import { UsersRepository } from '../src/users/users.repository.js';
import { startTestApp, TEST_KEY } from './support/app.js';

describe('API-2: the first admin of a fresh install', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'bridge-first-admin-'));
  const url = `pglite://${dir}`;
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  /** What `bridge create-admin` does: open the database, create the admin, close it. */
  const createFirstAdmin = async (env: Env, user: { name: string; email: string }) => {
    const db = await connectDatabase(env.DATABASE_URL);
    try {
      return await createWith(new UsersRepository(plainClient(db.prisma)), user);
    } finally {
      await db.close();
    }
  };

  it('API-2: create-admin makes one admin whose token works; a second is refused; no default user exists', async () => {
    const env = loadEnv({ DATABASE_URL: url, ENCRYPTION_KEY: TEST_KEY, NODE_ENV: 'test' });
    const token = await createFirstAdmin(env, { name: 'Ada Admin', email: 'ada@example.com' });
    expect(token).toMatch(/^brg_[A-Za-z0-9_-]{43}$/);
    await expect(createFirstAdmin(env, { name: 'Bob', email: 'bob@example.com' })).rejects.toThrow(
      /already exists/,
    );

    const t = await startTestApp({ databaseUrl: url, env: { DEMO_MODE: 'false' } });
    try {
      const users = await request(t.http)
        .get('/api/v1/users')
        .set('Authorization', `Bearer ${token}`)
        .expect(200);
      expect(users.body.items.map((u: { name: string; level: string }) => [u.name, u.level])).toEqual([
        ['Ada Admin', 'admin'],
      ]);
      await request(t.http).get('/api/v1/users').set('Authorization', 'Bearer demo-admin-token').expect(401);
      const stored = await t.prisma.apiToken.findMany();
      expect(stored.map((s) => s.tokenHash)).not.toContain(token);
    } finally {
      await t.close();
    }
  });
});
