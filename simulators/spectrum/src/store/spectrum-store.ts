import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync, type SQLInputValue, type StatementSync } from 'node:sqlite';
import { ALL_TABLES, type Row, type TableDef, type Value } from './table-defs.js';

/** Thrown inside a write when a "crash" fault is armed: the transaction is rolled back. */
export class SimulatedCrashError extends Error {
  constructor() {
    super('simulated crash in the middle of a write');
    this.name = 'SimulatedCrashError';
  }
}

/** One row a write touched: its collection, what happened and its key. */
export interface TouchedRow {
  collection: string;
  op: 'insert' | 'put' | 'update' | 'delete';
  key: Row;
}

export interface StoreOptions {
  /** Directory for the database file; in memory when absent. */
  dataDir?: string;
}

function sqlType(type: string): string {
  switch (type) {
    case 'dec':
    case 'int':
      return 'INTEGER NOT NULL DEFAULT 0';
    case 'date':
      return 'TEXT';
    default:
      return "TEXT NOT NULL DEFAULT ''";
  }
}

function defaultValue(type: string): Value {
  switch (type) {
    case 'dec':
    case 'int':
      return 0;
    case 'date':
      return null;
    default:
      return '';
  }
}

/**
 * The simulator's embedded store on node:sqlite. Every write goes through `write()`, one SQLite
 * transaction: either all of a Put call's changes land or none do. Every committed write bumps
 * `generation`, which keys the response caches.
 */
export class SpectrumStore {
  readonly db: DatabaseSync;
  readonly persistent: boolean;
  generation = 0;
  private readonly statements = new Map<string, StatementSync>();
  private depth = 0;
  private writesInTransaction = 0;
  /** When set, the write that reaches this many statements inside one transaction throws. */
  crashAfterWrites: number | null = null;
  private readonly commitListeners = new Set<() => void>();
  /**
   * When set (an array), every committed insert, update and delete adds the collection and key it touched (the
   * request log's "rows touched"); writes of a rolled-back transaction are taken out again.
   */
  touched: TouchedRow[] | null = null;

  constructor(options: StoreOptions = {}) {
    if (options.dataDir) {
      mkdirSync(options.dataDir, { recursive: true });
      this.db = new DatabaseSync(join(options.dataDir, 'spectrum.db'));
      this.db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;');
      this.persistent = true;
    } else {
      this.db = new DatabaseSync(':memory:');
      this.persistent = false;
    }
    this.createSchema();
  }

  private createSchema(): void {
    const ddl: string[] = ['CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT NOT NULL)'];
    for (const def of ALL_TABLES) {
      const cols = def.columns.map((c) => `"${c.name}" ${sqlType(c.type)}`).join(', ');
      const key = def.key.map((k) => `"${k}"`).join(', ');
      ddl.push(`CREATE TABLE IF NOT EXISTS ${def.table} (${cols}, PRIMARY KEY (${key}))`);
    }
    ddl.push('CREATE INDEX IF NOT EXISTS subcontracts_job ON subcontracts ("Company_Code", "Job_Number")');
    // the Info-Link stand-in's job-ordered reads (`order=Job_Number`) seek these
    ddl.push(
      'CREATE INDEX IF NOT EXISTS subcontracts_by_job ON subcontracts ("Job_Number", "Company_Code", "Vendor_Code", "Subcontract_Number")',
    );
    ddl.push(
      'CREATE INDEX IF NOT EXISTS subcontract_lines_by_job ON subcontract_lines ("Job_Number", "Company_Code", "Vendor_Code", "Subcontract_Number", "Phase_Code", "Cost_Type", "Bid_Item_Number")',
    );
    ddl.push('CREATE INDEX IF NOT EXISTS vendors_status ON vendors ("Company_Code", "Status")');
    this.db.exec(ddl.join(';\n'));
  }

  statement(sql: string): StatementSync {
    let st = this.statements.get(sql);
    if (!st) {
      st = this.db.prepare(sql);
      this.statements.set(sql, st);
    }
    return st;
  }

  /** Runs `fn` in one transaction (nested calls join the outer one) and bumps the generation on commit. */
  write<T>(fn: () => T): T {
    if (this.depth > 0) return fn();
    this.db.exec('BEGIN IMMEDIATE');
    this.depth = 1;
    this.writesInTransaction = 0;
    const mark = this.touched?.length ?? 0;
    try {
      const result = fn();
      this.db.exec('COMMIT');
      this.generation++;
      for (const listener of this.commitListeners) listener();
      return result;
    } catch (error) {
      this.db.exec('ROLLBACK');
      if (this.touched) this.touched.length = mark;
      throw error;
    } finally {
      this.depth = 0;
    }
  }

  /** Calls `listener` after every committed write (the PostgreSQL mirror follows the store this way). */
  onCommit(listener: () => void): () => void {
    this.commitListeners.add(listener);
    return () => this.commitListeners.delete(listener);
  }

  private countWrite(): void {
    this.writesInTransaction++;
    if (this.crashAfterWrites !== null && this.writesInTransaction >= this.crashAfterWrites) {
      this.crashAfterWrites = null;
      throw new SimulatedCrashError();
    }
  }

  private run(sql: string, params: SQLInputValue[]): number {
    if (this.depth === 0) return this.write(() => this.run(sql, params));
    const changes = Number(this.statement(sql).run(...params).changes);
    this.countWrite();
    return changes;
  }

  /** A full row with defaults for every column not given. */
  complete(def: TableDef, row: Row): Row {
    const out: Row = {};
    for (const c of def.columns) {
      const v = row[c.name];
      out[c.name] = v === undefined ? defaultValue(c.type) : v;
    }
    return out;
  }

  private touch(def: TableDef, op: TouchedRow['op'], row: Row): void {
    const key: Row = {};
    for (const k of def.key) key[k] = row[k];
    this.touched?.push({ collection: def.collection, op, key });
  }

  insert(def: TableDef, row: Row): void {
    const full = this.complete(def, row);
    if (this.touched) this.touch(def, 'insert', full);
    const names = def.columns.map((c) => `"${c.name}"`).join(', ');
    const marks = def.columns.map(() => '?').join(', ');
    this.run(
      `INSERT INTO ${def.table} (${names}) VALUES (${marks})`,
      def.columns.map((c) => full[c.name] as SQLInputValue),
    );
  }

  /** Inserts or replaces a whole row. */
  put(def: TableDef, row: Row): void {
    const full = this.complete(def, row);
    if (this.touched) this.touch(def, 'put', full);
    const names = def.columns.map((c) => `"${c.name}"`).join(', ');
    const marks = def.columns.map(() => '?').join(', ');
    this.run(
      `INSERT OR REPLACE INTO ${def.table} (${names}) VALUES (${marks})`,
      def.columns.map((c) => full[c.name] as SQLInputValue),
    );
  }

  /** Sets the given columns on the row with this key; returns whether a row was changed. */
  update(def: TableDef, key: Row, changes: Row): boolean {
    const names = Object.keys(changes).filter((n) => !def.key.includes(n));
    if (names.length === 0) return this.get(def, key) !== undefined;
    const set = names.map((n) => `"${n}" = ?`).join(', ');
    const where = def.key.map((k) => `"${k}" = ?`).join(' AND ');
    const params = [
      ...names.map((n) => changes[n] as SQLInputValue),
      ...def.key.map((k) => key[k] as SQLInputValue),
    ];
    const changed = this.run(`UPDATE ${def.table} SET ${set} WHERE ${where}`, params) > 0;
    if (changed && this.touched) this.touch(def, 'update', key);
    return changed;
  }

  delete(def: TableDef, key: Row): boolean {
    const where = def.key.map((k) => `"${k}" = ?`).join(' AND ');
    const deleted =
      this.run(
        `DELETE FROM ${def.table} WHERE ${where}`,
        def.key.map((k) => key[k] as SQLInputValue),
      ) > 0;
    if (deleted && this.touched) this.touch(def, 'delete', key);
    return deleted;
  }

  deleteWhere(def: TableDef, where: Row): number {
    const { clause, params } = whereClause(where);
    return this.run(`DELETE FROM ${def.table}${clause}`, params);
  }

  get(def: TableDef, key: Row): Row | undefined {
    const where = def.key.map((k) => `"${k}" = ?`).join(' AND ');
    return this.statement(`SELECT * FROM ${def.table} WHERE ${where}`).get(
      ...def.key.map((k) => key[k] as SQLInputValue),
    ) as Row | undefined;
  }

  /** Rows matching every exact filter, in primary-key order unless `orderBy` is given. */
  select(def: TableDef, where: Row = {}, orderBy?: string): Row[] {
    const { clause, params } = whereClause(where);
    const order = orderBy ?? def.key.map((k) => `"${k}"`).join(', ');
    return this.statement(`SELECT * FROM ${def.table}${clause} ORDER BY ${order}`).all(...params) as Row[];
  }

  iterate(def: TableDef, where: Row = {}, orderBy?: string): Iterable<Row> {
    const { clause, params } = whereClause(where);
    const order = orderBy ?? def.key.map((k) => `"${k}"`).join(', ');
    return this.statement(`SELECT * FROM ${def.table}${clause} ORDER BY ${order}`).iterate(
      ...params,
    ) as Iterable<Row>;
  }

  count(def: TableDef, where: Row = {}): number {
    const { clause, params } = whereClause(where);
    const r = this.statement(`SELECT COUNT(*) AS n FROM ${def.table}${clause}`).get(...params) as {
      n: number;
    };
    return Number(r.n);
  }

  /** One keyset page: rows after `after` (key values) in primary-key order. */
  /** One keyset page in primary-key order, or ordered by `orderBy` first (then the primary key). */
  page(def: TableDef, where: Row, limit: number, after?: Value[], orderBy: readonly string[] = []): Row[] {
    const { clause, params } = whereClause(where);
    const pageKey = [...orderBy, ...def.key];
    const keys = pageKey.map((k) => `"${k}"`).join(', ');
    let sql = `SELECT * FROM ${def.table}${clause}`;
    const all = [...params];
    if (after) {
      sql += `${clause ? ' AND' : ' WHERE'} (${keys}) > (${pageKey.map(() => '?').join(', ')})`;
      all.push(...(after as SQLInputValue[]));
    }
    sql += ` ORDER BY ${keys} LIMIT ?`;
    all.push(limit);
    return this.statement(sql).all(...all) as Row[];
  }

  maxInt(def: TableDef, column: string, where: Row): number {
    const { clause, params } = whereClause(where);
    const r = this.statement(`SELECT MAX("${column}") AS m FROM ${def.table}${clause}`).get(...params) as {
      m: number | null;
    };
    return Number(r.m ?? 0);
  }

  getMeta(name: string): string | undefined {
    const r = this.statement('SELECT value FROM meta WHERE name = ?').get(name) as
      | { value: string }
      | undefined;
    return r?.value;
  }

  setMeta(name: string, value: string): void {
    this.run('INSERT OR REPLACE INTO meta (name, value) VALUES (?, ?)', [name, value]);
  }

  /** Empties every table (one transaction). */
  clear(): void {
    this.write(() => {
      for (const def of ALL_TABLES) this.db.exec(`DELETE FROM ${def.table}`);
      this.db.exec('DELETE FROM meta');
    });
  }

  close(): void {
    this.statements.clear();
    this.db.close();
  }
}

function whereClause(where: Row): { clause: string; params: SQLInputValue[] } {
  const names = Object.keys(where);
  if (names.length === 0) return { clause: '', params: [] };
  const parts: string[] = [];
  const params: SQLInputValue[] = [];
  for (const n of names) {
    const v = where[n];
    if (v === null) parts.push(`"${n}" IS NULL`);
    else {
      parts.push(`"${n}" = ?`);
      params.push(v as SQLInputValue);
    }
  }
  return { clause: ` WHERE ${parts.join(' AND ')}`, params };
}
