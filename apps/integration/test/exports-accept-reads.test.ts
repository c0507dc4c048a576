import { describe, expect, it } from 'vitest';
import { memoRead, withReadMemo } from '../src/platform/runtime/read-memo.js';
import { startExportEnv } from './support/exports.js';

/**
 * APP-8 (accept latency): an accept's pre-flight (PRE-1) and its key plan (APP-2) run side by side and read the same
 * rows; within the accept they are read once. Inside the accept's transaction every read goes to the database again
 * (the rows it locked), so nothing read before the lock decides what is written.
 */
describe('APP-8: an accept reads the item, its company, its project and the settings once before its transaction', () => {
  it('a commitment accept: one read of each of its rows before the lock, the request read again inside', async () => {
    let sql: string[] | null = null;
    const e = await startExportEnv({ onStatement: (s) => sql?.push(s.replace(/\s+/g, ' ').trim()) });
    try {
      const projectId = await e.linkedProject('24-101');
      const companyId = await e.linkedCompany('BAYPLB');
      const id = await e.commitment(projectId, companyId, { number: 'MEMO-1' });
      const requestId = await e.send('commitment', id);
      sql = [];
      expect((await e.accept(requestId)).status).toBe(200);
      const before = sql.slice(0, sql.indexOf('BEGIN'));
      const inside = sql.slice(sql.indexOf('BEGIN'));
      const reads = (table: string) =>
        before.filter(
          (s) =>
            s.startsWith('SELECT') &&
            s.includes(`FROM "public"."${table}" AS "t0"`) &&
            s.endsWith('WHERE ("t0"."id" = $1 AND 1=1) LIMIT $2'),
        ).length;
      expect({
        commitment: reads('Commitment'),
        company: reads('Company'),
        project: reads('Project'),
        settings: reads('IntegrationSettings'),
      }).toEqual({ commitment: 1, company: 1, project: 1, settings: 1 });
      // the transaction locks the item and reads the request again
      expect(inside.some((s) => s.includes('FROM "Commitment" WHERE id = $1 FOR UPDATE'))).toBe(true);
      expect(inside.some((s) => s.startsWith('SELECT') && s.includes('FROM "public"."ExportRequest"'))).toBe(
        true,
      );
    } finally {
      await e.close();
    }
  });

  it('memoRead: once per key within withReadMemo, every time outside it or inside a transaction; a failed read is not kept', async () => {
    let n = 0;
    const load = async () => ++n;
    expect([await memoRead('k', false, load), await memoRead('k', false, load)]).toEqual([1, 2]);
    await withReadMemo(async () => {
      expect(await Promise.all([memoRead('k', false, load), memoRead('k', false, load)])).toEqual([3, 3]);
      expect(await memoRead('other', false, load)).toBe(4);
      expect(await memoRead('k', true, load)).toBe(5);
      await expect(memoRead('bad', false, async () => Promise.reject(new Error('down')))).rejects.toThrow(
        'down',
      );
      expect(await memoRead('bad', false, load)).toBe(6);
    });
    // a new unit of work reads again
    await withReadMemo(async () => expect(await memoRead('k', false, load)).toBe(7));
  });
});
