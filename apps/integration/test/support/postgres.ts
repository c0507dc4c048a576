import { createThrowawayDatabase } from '../../src/platform/db/adapters.js';

/** The PostgreSQL server for multi-instance tests: TEST_DATABASE_URL (CI sets it; locally optional). */
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL;

export function skipReason(): string {
  return 'skipped: TEST_DATABASE_URL is not set (these tests need a PostgreSQL server; .ci/run sets it)';
}

/** A fresh, empty database on the test server; `drop()` removes it. */
export async function createScratchDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  if (!TEST_DATABASE_URL) throw new Error(skipReason());
  return createThrowawayDatabase(TEST_DATABASE_URL, 'bridge_test');
}
