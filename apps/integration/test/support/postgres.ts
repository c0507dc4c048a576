import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { pgConfigFromUrl } from '../../src/platform/db/adapters.js';

/** The PostgreSQL server for multi-instance tests: TEST_DATABASE_URL (CI sets it; locally optional). */
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL;

export function skipReason(): string {
  return 'skipped: TEST_DATABASE_URL is not set (these tests need a PostgreSQL server; .ci/run sets it)';
}

/** A fresh, empty database on the test server; `drop()` removes it. */
export async function createScratchDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  if (!TEST_DATABASE_URL) throw new Error(skipReason());
  const name = `bridge_test_${randomUUID().replaceAll('-', '').slice(0, 16)}`;
  const admin = new pg.Client(pgConfigFromUrl(TEST_DATABASE_URL));
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const u = new URL(TEST_DATABASE_URL);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    drop: async () => {
      const a = new pg.Client(pgConfigFromUrl(TEST_DATABASE_URL));
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await a.end();
    },
  };
}
