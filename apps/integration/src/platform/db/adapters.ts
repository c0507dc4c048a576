import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { PrismaPg } from '@prisma/adapter-pg';
import type { SqlDriverAdapter, SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import pg from 'pg';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { isEmbeddedUrl } from '../../config/env.js';

/**
 * The database behind a `DATABASE_URL`:
 * - `pglite://memory` — an embedded, in-memory PostgreSQL (tests);
 * - `pglite://<dir>` — an embedded PostgreSQL kept in a directory (quick start, demo, single-instance installs);
 * - `postgresql://…` — a PostgreSQL server (production, several instances).
 */
export interface DatabaseHandle {
  readonly kind: 'pglite' | 'postgres';
  readonly adapter: SqlMigrationAwareDriverAdapterFactory;
  close(): Promise<void>;
}

/** PostgreSQL connection settings from a URL, as discrete fields (a shadow database needs another `database`). */
export function pgConfigFromUrl(url: string): pg.PoolConfig {
  const u = new URL(url);
  return {
    host: u.hostname,
    port: Number(u.port || 5432),
    user: decodeURIComponent(u.username || 'postgres'),
    password: decodeURIComponent(u.password),
    database: u.pathname.slice(1) || 'postgres',
    max: Number(u.searchParams.get('connection_limit') ?? 10),
  };
}

/**
 * A new, empty database on the PostgreSQL server of `serverUrl`, named `<prefix>_<random>` (tests and benchmarks
 * that need a server database of their own); `drop()` removes it.
 */
export async function createThrowawayDatabase(
  serverUrl: string,
  prefix: string,
): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `${prefix}_${randomUUID().replaceAll('-', '').slice(0, 16)}`;
  const admin = new pg.Client(pgConfigFromUrl(serverUrl));
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const u = new URL(serverUrl);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    drop: async () => {
      const a = new pg.Client(pgConfigFromUrl(serverUrl));
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await a.end();
    },
  };
}

/**
 * @prisma/adapter-pg's own shadow database handling is unusable for migrations (it reconnects to the main database);
 * this one creates a throw-away database and drops it afterwards.
 */
class PostgresAdapterFactory implements SqlMigrationAwareDriverAdapterFactory {
  readonly provider = 'postgres' as const;
  readonly adapterName = '@prisma/adapter-pg';
  private readonly main: PrismaPg;
  constructor(private readonly cfg: pg.PoolConfig) {
    this.main = new PrismaPg(cfg);
  }
  connect(): Promise<SqlDriverAdapter> {
    return this.main.connect();
  }
  async connectToShadowDb(): Promise<SqlDriverAdapter> {
    const name = `bridge_shadow_${randomUUID().replaceAll('-', '')}`;
    const admin = new pg.Client(this.cfg);
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name}"`);
    const shadow = await new PrismaPg({ ...this.cfg, database: name }).connect();
    const dispose = shadow.dispose.bind(shadow);
    shadow.dispose = async () => {
      await dispose();
      await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await admin.end();
    };
    return shadow;
  }
}

let charPatched = false;
/**
 * The schema engine's introspection (diff / drift checks) selects pg_catalog "char" columns, which adapter-pg
 * rejects; pg returns them as strings, so report them as text. Only needed for diff/dev on a PostgreSQL server.
 */
export function patchPgCharColumns(): void {
  if (charPatched) return;
  charPatched = true;
  const proto = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
  const orig = proto.query;
  const fix = (res: unknown) => {
    const fields = (res as { fields?: { dataTypeID: number }[] } | undefined)?.fields ?? [];
    for (const f of fields) if (f.dataTypeID === 18) f.dataTypeID = 25;
    return res;
  };
  proto.query = function (this: unknown, ...args: unknown[]) {
    const cb = args.findLastIndex((a) => typeof a === 'function');
    if (cb >= 0) {
      const f = args[cb] as (err: unknown, res: unknown) => void;
      args[cb] = (err: unknown, res: unknown) => f(err, err ? res : fix(res));
    }
    const r = orig.apply(this, args) as { then?: unknown } | undefined;
    return r && typeof r.then === 'function' ? (r as Promise<unknown>).then(fix) : r;
  };
}

/**
 * The embedded PostgreSQL's settings beyond PGlite's own defaults: its buffer pool lives in the service's memory
 * (WebAssembly), and PostgreSQL's default 128 MB of shared buffers is what a large import fills first. 32 MB keeps the
 * embedded database's share of the service's memory ~100 MB smaller; pages beyond it are read back from the data
 * directory's files, which the operating system caches (docs/decisions.md, "Memory").
 */
export const EMBEDDED_START_PARAMS: readonly string[] = [
  ...PGlite.defaultStartParams,
  '-c',
  'shared_buffers=32MB',
];

export async function openDatabase(
  url: string,
  options: { loadDataDir?: Blob } = {},
): Promise<DatabaseHandle> {
  if (isEmbeddedUrl(url)) {
    const dir = url.slice('pglite://'.length);
    const inMemory = dir === 'memory' || dir === '';
    if (!inMemory) mkdirSync(dir, { recursive: true });
    // loadDataDir: start from a dumped data directory (tests start from a migrated snapshot in ~0.3 s).
    const startParams = [...EMBEDDED_START_PARAMS];
    const db = inMemory
      ? new PGlite({ startParams, ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}) })
      : new PGlite(dir, { startParams });
    await db.waitReady;
    let closed = false;
    return {
      kind: 'pglite',
      adapter: new PrismaPGlite(db),
      close: async () => {
        if (closed) return;
        closed = true;
        await db.close();
      },
    };
  }
  if (!/^postgres(ql)?:\/\//.test(url))
    throw new Error('DATABASE_URL must start with pglite:// or postgresql://');
  return {
    kind: 'postgres',
    adapter: new PostgresAdapterFactory(pgConfigFromUrl(url)),
    close: async () => {},
  };
}
