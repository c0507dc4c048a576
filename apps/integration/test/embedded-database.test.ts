import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/platform/db/adapters.js';

const dir = mkdtempSync(join(tmpdir(), 'bridge-embedded-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Reads one setting through the Prisma driver adapter, as the service's queries go. */
async function setting(url: string, name: string): Promise<string> {
  const db = await openDatabase(url);
  try {
    const conn = await db.adapter.connect();
    const r = await conn.queryRaw({ sql: `SHOW ${name}`, args: [], argTypes: [] });
    await conn.dispose();
    return String(r.rows[0]?.[0]);
  } finally {
    await db.close();
  }
}

describe('the embedded database keeps its buffer pool small (it lives in the service memory)', () => {
  it.each([
    ['in memory', 'pglite://memory'],
    ['in a directory', `pglite://${join(dir, 'db')}`],
  ])('%s: 32 MB of shared buffers instead of PostgreSQL default 128 MB', async (_, url) => {
    expect(await setting(url, 'shared_buffers')).toBe('32MB');
  });
});
