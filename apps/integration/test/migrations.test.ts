import { describe, expect, it } from 'vitest';
import { openDatabase, patchPgCharColumns } from '../src/platform/db/adapters.js';
import {
  applyMigrations,
  diffDatabaseToSchema,
  diffMigrationsToSchema,
} from '../src/platform/db/migrations.js';
import { createScratchDatabase, skipReason, TEST_DATABASE_URL } from './support/postgres.js';

describe('migrations produce the schema (no drift)', () => {
  it('on the embedded database: the migrations equal the schema and a migrated database has no drift', async () => {
    const db = await openDatabase('pglite://memory');
    try {
      expect(await diffMigrationsToSchema(db.adapter)).toMatch(/^(-- This is an empty migration\.\s*)?$/);
      const applied = await applyMigrations(db.adapter);
      expect(applied.length).toBeGreaterThan(0);
      expect(await applyMigrations(db.adapter)).toEqual([]);
      expect(await diffDatabaseToSchema(db.adapter)).toMatch(/^(-- This is an empty migration\.\s*)?$/);
    } finally {
      await db.close();
    }
  });

  it.skipIf(!TEST_DATABASE_URL)(
    `on PostgreSQL: a migrated database has no drift ${TEST_DATABASE_URL ? '' : `(${skipReason()})`}`,
    async () => {
      patchPgCharColumns();
      const scratch = await createScratchDatabase();
      const db = await openDatabase(scratch.url);
      try {
        expect((await applyMigrations(db.adapter)).length).toBeGreaterThan(0);
        expect(await diffDatabaseToSchema(db.adapter)).toMatch(/^(-- This is an empty migration\.\s*)?$/);
      } finally {
        await db.close();
        await scratch.drop();
      }
    },
  );
});
