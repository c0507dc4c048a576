import pg from 'pg';
import { Redactor } from '../../logger.js';
import type { SqlStatement } from './infolink-query.js';
import { POSTGRES } from './sql-dialect.js';
import { type SqlFailure, sqlError } from './sql-errors.js';
import type { SqlExecutor } from './sql-infolink-reader.js';

/**
 * The PostgreSQL dialect's executor: how the reader's tests and benchmark read the simulator's PostgreSQL mirror of
 * its Info-Link tables. Not for production (a real Info-Link is SQL Server: `createMssqlExecutor`). `pg` is a
 * development dependency of this package: import this module from tests, benches and the contracts only.
 */
export function createPgExecutor(options: { connectionString: string; poolMax?: number }): SqlExecutor {
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: options.poolMax ?? 2,
    statement_timeout: 30_000,
  });
  pool.on('error', () => {
    // an idle client dropped: the pool replaces it
  });
  const redactor = new Redactor();
  try {
    redactor.add(decodeURIComponent(new URL(options.connectionString).password));
  } catch {
    // not a URL: nothing to hide
  }
  return {
    dialect: POSTGRES,
    async query(statement: SqlStatement) {
      try {
        const result = await pool.query({
          text: statement.text,
          values: statement.params.map((p) => p.value),
        });
        return result.rows as Record<string, unknown>[];
      } catch (error) {
        throw sqlError(classifyPgError(error), statement.table, (t) => redactor.redact(t));
      }
    },
    close: () => pool.end(),
  };
}

/** PostgreSQL SQLSTATEs and socket codes → the shared failure kinds. */
export function classifyPgError(error: unknown): SqlFailure {
  const e = (error ?? {}) as { code?: unknown; message?: unknown };
  const code = typeof e.code === 'string' ? e.code : '';
  const message = typeof e.message === 'string' && e.message !== '' ? e.message : String(error);
  let kind: SqlFailure['kind'] = 'other';
  if (code === '28P01' || code === '28000') kind = 'login';
  else if (code === '42501') kind = 'permission';
  else if (code === '42P01' || code === '3F000') kind = 'missing-table';
  else if (code === '57014') kind = 'timeout';
  else if (['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'ETIMEDOUT', '57P01'].includes(code))
    kind = 'connection';
  return { kind, message, cause: error };
}
