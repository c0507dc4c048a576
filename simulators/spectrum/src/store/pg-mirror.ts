import pg from 'pg';
import { encodeRow } from './row-codec.js';
import type { SpectrumStore } from './spectrum-store.js';
import { ALL_TABLES, type ColumnDef, type Row, type TableDef } from './table-defs.js';

export interface PgMirrorOptions {
  /** `postgresql://user:password@host:port/database` */
  connectionString: string;
  /** Schema the Info-Link tables are mirrored into (created when missing; its mirrored tables are recreated). */
  schema?: string;
  /** Told when a copy fails (the next copy is a whole one). */
  onError?: (error: Error) => void;
}

const MIRRORED = ALL_TABLES.filter((def) => def.infolink);
/** More changed keys than this in one table: the table is copied whole instead of row by row. */
const WHOLE_TABLE_AFTER = 2000;
const BATCH_ROWS = 500;
const IDENT = /^[A-Za-z_][A-Za-z0-9_]*$/;

const q = (name: string): string => `"${name}"`;

function pgType(c: ColumnDef): string {
  switch (c.type) {
    case 'dec':
      return `numeric(18, ${c.scale ?? 2}) NOT NULL`;
    case 'int':
      return 'integer NOT NULL';
    case 'date':
      return 'date';
    default:
      // varchar like Spectrum's columns; code-point order, as the simulator's own store sorts
      return `varchar(${c.max ?? 255}) COLLATE "C" NOT NULL`;
  }
}

interface Mirrored {
  def: TableDef;
  table: string;
  columns: ColumnDef[];
}

function mirroredOf(def: TableDef): Mirrored {
  const names = def.infolink?.columns ?? [];
  const columns = names.map((n) => {
    const c = def.columns.find((col) => col.name === n);
    if (!c) throw new Error(`${def.table}: no column ${n}`);
    return c;
  });
  return { def, table: def.infolink?.table ?? def.table, columns };
}

/**
 * Mirrors the simulator's Info-Link tables into a PostgreSQL schema: the same table and column names as Info-Link
 * (`"JC_JOB_MASTER_MC"."Job_Number"`), SQL types like SQL Server's (varchar, numeric(18, scale), integer, date), the
 * same primary keys. A real Info-Link reader (the client's SQL reader, PostgreSQL dialect) can read it as it reads
 * Spectrum's SQL Server.
 *
 * Kept current on every write: temporary SQLite triggers log the key of each inserted, changed or deleted row; after
 * every commit the logged keys are copied (upsert or delete) in one PostgreSQL transaction, in commit order.
 * `idle()` resolves once everything committed so far is in PostgreSQL (the server waits for it before answering).
 */
export class PgMirror {
  private tail: Promise<void> = Promise.resolve();
  private readonly tables: Mirrored[] = MIRRORED.map(mirroredOf);
  private unsubscribe: (() => void) | undefined;
  /** The last copy that failed (the mirror keeps following: the next copy is a whole one). */
  lastError: Error | undefined;
  private copyWhole = false;

  private constructor(
    private readonly store: SpectrumStore,
    private readonly pool: pg.Pool,
    readonly schema: string,
    private readonly onError: (error: Error) => void,
  ) {}

  static async start(store: SpectrumStore, options: PgMirrorOptions): Promise<PgMirror> {
    const schema = options.schema ?? 'infolink';
    if (!IDENT.test(schema)) throw new Error(`pg mirror schema must be a plain identifier, got ${schema}`);
    const pool = new pg.Pool({ connectionString: options.connectionString, max: 2 });
    pool.on('error', () => {
      // an idle client dropped: the pool replaces it
    });
    const mirror = new PgMirror(store, pool, schema, options.onError ?? (() => {}));
    try {
      await mirror.createSchema();
      mirror.installTriggers();
      await mirror.copyAll();
    } catch (error) {
      await pool.end();
      throw error;
    }
    mirror.unsubscribe = store.onCommit(() => mirror.schedule());
    return mirror;
  }

  /** Resolves when every write committed so far is in PostgreSQL. */
  idle(): Promise<void> {
    return this.tail;
  }

  async close(): Promise<void> {
    this.unsubscribe?.();
    await this.tail;
    try {
      this.store.db.exec(`${this.tables.map((t) => dropTriggers(t.def)).join(';\n')};`);
    } catch {
      // the store may already be closed
    }
    await this.pool.end();
  }

  private schedule(): void {
    this.tail = this.tail.then(() =>
      this.copyChanges().then(
        () => {
          this.lastError = undefined;
        },
        (error: unknown) => {
          this.copyWhole = true;
          this.lastError = error instanceof Error ? error : new Error(String(error));
          this.onError(this.lastError);
        },
      ),
    );
  }

  private async createSchema(): Promise<void> {
    const ddl = [`CREATE SCHEMA IF NOT EXISTS ${q(this.schema)}`];
    for (const t of this.tables) {
      ddl.push(`DROP TABLE IF EXISTS ${q(this.schema)}.${q(t.table)}`);
      const cols = t.columns.map((c) => `${q(c.name)} ${pgType(c)}`).join(', ');
      const key = t.def.key.map(q).join(', ');
      ddl.push(`CREATE TABLE ${q(this.schema)}.${q(t.table)} (${cols}, PRIMARY KEY (${key}))`);
    }
    await this.pool.query(ddl.join(';\n'));
  }

  private installTriggers(): void {
    const sql = [
      'CREATE TEMP TABLE IF NOT EXISTS pg_mirror_changes (id INTEGER PRIMARY KEY, tbl TEXT, key TEXT)',
    ];
    for (const t of this.tables) {
      const keyOf = (alias: string) => `json_array(${t.def.key.map((k) => `${alias}.${q(k)}`).join(', ')})`;
      sql.push(dropTriggers(t.def));
      for (const [event, alias] of [
        ['INSERT', 'NEW'],
        ['UPDATE', 'NEW'],
        ['DELETE', 'OLD'],
      ] as const) {
        sql.push(
          `CREATE TEMP TRIGGER pg_mirror_${t.def.table}_${event.toLowerCase()} AFTER ${event} ON main.${t.def.table} ` +
            `BEGIN INSERT INTO pg_mirror_changes (tbl, key) VALUES ('${t.def.table}', ${keyOf(alias)}); END`,
        );
      }
    }
    sql.push('DELETE FROM pg_mirror_changes');
    this.store.db.exec(`${sql.join(';\n')};`);
  }

  /** Every mirrored table copied whole (start-up). */
  private async copyAll(): Promise<void> {
    const snapshot = this.tables.map((t) => ({ t, rows: this.readAll(t) }));
    await this.transaction(async (client) => {
      for (const { t, rows } of snapshot) await this.replaceTable(client, t, rows);
    });
  }

  /** The logged changes, read and cleared synchronously (a consistent snapshot), then written in one transaction. */
  private async copyChanges(): Promise<void> {
    if (this.copyWhole) {
      this.store.db.exec('DELETE FROM pg_mirror_changes');
      await this.copyAll();
      this.copyWhole = false;
      return;
    }
    const log = this.store.db.prepare('SELECT tbl, key FROM pg_mirror_changes ORDER BY id').all() as {
      tbl: string;
      key: string;
    }[];
    if (log.length === 0) return;
    this.store.db.exec('DELETE FROM pg_mirror_changes');
    const byTable = new Map<string, Set<string>>();
    for (const { tbl, key } of log) {
      const keys = byTable.get(tbl) ?? new Set<string>();
      byTable.set(tbl, keys);
      keys.add(key);
    }
    const work: { t: Mirrored; whole?: unknown[][]; upserts: unknown[][]; deletes: unknown[][] }[] = [];
    for (const [tbl, keys] of byTable) {
      const t = this.tables.find((m) => m.def.table === tbl);
      if (!t) continue;
      if (keys.size > WHOLE_TABLE_AFTER) {
        work.push({ t, whole: this.readAll(t), upserts: [], deletes: [] });
        continue;
      }
      const upserts: unknown[][] = [];
      const deletes: unknown[][] = [];
      for (const keyJson of keys) {
        const values = JSON.parse(keyJson) as (string | number)[];
        const key: Row = Object.fromEntries(t.def.key.map((k, i) => [k, values[i]]));
        const row = this.store.get(t.def, key);
        if (row) upserts.push(this.values(t, row));
        else deletes.push(values);
      }
      work.push({ t, upserts, deletes });
    }
    await this.transaction(async (client) => {
      for (const w of work) {
        if (w.whole) {
          await this.replaceTable(client, w.t, w.whole);
          continue;
        }
        const where = w.t.def.key.map((k, i) => `${q(k)} = $${i + 1}`).join(' AND ');
        for (const key of w.deletes) {
          await client.query(`DELETE FROM ${q(this.schema)}.${q(w.t.table)} WHERE ${where}`, key);
        }
        await this.insert(client, w.t, w.upserts, true);
      }
    });
  }

  private readAll(t: Mirrored): unknown[][] {
    const out: unknown[][] = [];
    for (const row of this.store.iterate(t.def)) out.push(this.values(t, row));
    return out;
  }

  private values(t: Mirrored, row: Row): unknown[] {
    const json = encodeRow(
      t.def,
      row,
      t.columns.map((c) => c.name),
    );
    return t.columns.map((c) => json[c.name]);
  }

  private async replaceTable(client: pg.PoolClient, t: Mirrored, rows: unknown[][]): Promise<void> {
    await client.query(`TRUNCATE ${q(this.schema)}.${q(t.table)}`);
    await this.insert(client, t, rows, false);
    // fresh statistics, as SQL Server keeps them: without them a bulk-loaded table is planned as nearly empty
    await client.query(`ANALYZE ${q(this.schema)}.${q(t.table)}`);
  }

  private async insert(
    client: pg.PoolClient,
    t: Mirrored,
    rows: unknown[][],
    upsert: boolean,
  ): Promise<void> {
    const names = t.columns.map((c) => q(c.name)).join(', ');
    const keys = new Set(t.def.key);
    const update = t.columns
      .filter((c) => !keys.has(c.name))
      .map((c) => `${q(c.name)} = EXCLUDED.${q(c.name)}`)
      .join(', ');
    const conflict = upsert
      ? ` ON CONFLICT (${t.def.key.map(q).join(', ')}) DO ${update ? `UPDATE SET ${update}` : 'NOTHING'}`
      : '';
    const width = t.columns.length;
    for (let i = 0; i < rows.length; i += BATCH_ROWS) {
      const batch = rows.slice(i, i + BATCH_ROWS);
      const marks = batch
        .map((_, r) => `(${t.columns.map((_c, c) => `$${r * width + c + 1}`).join(', ')})`)
        .join(', ');
      await client.query(
        `INSERT INTO ${q(this.schema)}.${q(t.table)} (${names}) VALUES ${marks}${conflict}`,
        batch.flat(),
      );
    }
  }

  private async transaction(fn: (client: pg.PoolClient) => Promise<void>): Promise<void> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      await fn(client);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }
}

function dropTriggers(def: TableDef): string {
  return ['insert', 'update', 'delete']
    .map((e) => `DROP TRIGGER IF EXISTS temp.pg_mirror_${def.table}_${e}`)
    .join(';\n');
}
