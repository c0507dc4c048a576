import type mssql from 'mssql';
import { Redactor } from '../../logger.js';
import type { SqlStatement } from './infolink-query.js';
import { TSQL } from './sql-dialect.js';
import { type SqlFailure, sqlError } from './sql-errors.js';
import type { SqlExecutor } from './sql-infolink-reader.js';

/** A real Info-Link login: a read-only SQL Server login to Spectrum's database. */
export interface InfoLinkSqlConnection {
  host: string;
  /** Default 1433. */
  port?: number;
  database: string;
  login: string;
  password: string;
  /** Encrypt the connection (default true). */
  encrypt?: boolean;
  /**
   * Trust the server's certificate without checking it: only for a server whose certificate cannot be checked,
   * and only when set explicitly (default false). Prefer `ca`.
   */
  trustServerCertificate?: boolean;
  /** PEM certificates to trust for the server's certificate (a company CA or the server's own certificate). */
  ca?: string;
  /** Default 15 s. */
  connectTimeoutMs?: number;
  /** Per statement, default 30 s. */
  requestTimeoutMs?: number;
  /** Connections kept at most (default 2: the reader runs one statement at a time per stream). */
  poolMax?: number;
}

/** The part of the `mssql` module the executor uses: the boundary tests fake. */
export interface MssqlDriver {
  ConnectionPool: new (config: mssql.config) => MssqlPool;
  VarChar: (length?: number) => unknown;
  Int: unknown;
}

export interface MssqlPool {
  connect(): Promise<unknown>;
  request(): MssqlRequest;
  close(): Promise<void>;
  on?(event: 'error', listener: (error: unknown) => void): unknown;
}

export interface MssqlRequest {
  input(name: string, type: unknown, value: unknown): MssqlRequest;
  query(text: string): Promise<{ recordset?: Record<string, unknown>[] }>;
}

/** The `mssql` pool configuration for an Info-Link login: TLS, time-outs, a small pool, read-only intent. */
export function mssqlConfig(c: InfoLinkSqlConnection): mssql.config {
  return {
    server: c.host,
    port: c.port ?? 1433,
    database: c.database,
    user: c.login,
    password: c.password,
    connectionTimeout: c.connectTimeoutMs ?? 15_000,
    requestTimeout: c.requestTimeoutMs ?? 30_000,
    pool: { min: 0, max: c.poolMax ?? 2, idleTimeoutMillis: 30_000 },
    options: {
      encrypt: c.encrypt ?? true,
      trustServerCertificate: c.trustServerCertificate ?? false,
      // ApplicationIntent=ReadOnly: an availability group routes the login to a readable secondary.
      readOnlyIntent: true,
      appName: 'Spectrum Bridge Info-Link reader',
      ...(c.ca ? { cryptoCredentialsDetails: { ca: c.ca } } : {}),
    },
  };
}

/** One declared length for every text parameter: one cached plan per statement, whatever the value's length. */
const TEXT_PARAM_LENGTH = 255;

/** SQL Server error numbers and driver codes → the shared failure kinds. */
export function classifyMssqlError(error: unknown): SqlFailure {
  const e = (error ?? {}) as { code?: unknown; number?: unknown; message?: unknown; originalError?: unknown };
  const inner = (e.originalError ?? {}) as { number?: unknown; code?: unknown; message?: unknown };
  const number =
    typeof e.number === 'number' ? e.number : typeof inner.number === 'number' ? inner.number : 0;
  const code = typeof e.code === 'string' ? e.code : typeof inner.code === 'string' ? inner.code : '';
  const message = typeof e.message === 'string' && e.message !== '' ? e.message : String(error);
  let kind: SqlFailure['kind'] = 'other';
  if (code === 'ELOGIN' || number === 18456 || number === 4060) kind = 'login';
  else if (number === 229 || number === 230) kind = 'permission';
  else if (number === 208) kind = 'missing-table';
  else if (code === 'ETIMEOUT' || code === 'ECANCEL') kind = 'timeout';
  else if (['ESOCKET', 'ECONNCLOSED', 'ENOTOPEN', 'EINSTLOOKUP', 'ECONNREFUSED', 'ENOTFOUND'].includes(code))
    kind = 'connection';
  return { kind, message, cause: error };
}

/**
 * Runs the reader's statements on SQL Server through `mssql`: one lazily opened pool, every value bound as a typed
 * parameter (`VarChar` for text, matching Spectrum's varchar columns so indexes are used; `Int` for integers).
 */
export function createMssqlExecutor(connection: InfoLinkSqlConnection, driver?: MssqlDriver): SqlExecutor {
  // `mssql` (tedious) is loaded on the first statement: a service reading Info-Link over HTTP never loads it
  let loaded: Promise<MssqlDriver> | undefined;
  const load = (): Promise<MssqlDriver> =>
    (loaded ??= driver
      ? Promise.resolve(driver)
      : import('mssql').then((m) => (m.default ?? m) as unknown as MssqlDriver));
  const redactor = new Redactor();
  redactor.add(connection.password);
  let pool: Promise<MssqlPool> | undefined;
  const open = (d: MssqlDriver): Promise<MssqlPool> => {
    if (!pool) {
      const p = new d.ConnectionPool(mssqlConfig(connection));
      p.on?.('error', () => {
        // an idle connection dropped: the pool replaces it on the next request
      });
      pool = p.connect().then(
        () => p,
        (error: unknown) => {
          pool = undefined;
          throw error;
        },
      );
    }
    return pool;
  };
  return {
    dialect: TSQL,
    async query(statement: SqlStatement) {
      try {
        const d = await load();
        const request = (await open(d)).request();
        for (const p of statement.params) {
          request.input(p.name, p.type === 'int' ? d.Int : d.VarChar(TEXT_PARAM_LENGTH), p.value);
        }
        const result = await request.query(statement.text);
        return result.recordset ?? [];
      } catch (error) {
        throw sqlError(classifyMssqlError(error), statement.table, (t) => redactor.redact(t));
      }
    },
    async close() {
      const p = pool;
      pool = undefined;
      if (p) await (await p.catch(() => undefined))?.close();
    },
  };
}
