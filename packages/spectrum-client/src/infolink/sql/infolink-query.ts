import type { FieldKind, RowSpec } from '../../wire/row-spec.js';
import type { InfoLinkTableDef } from '../infolink-tables.js';
import { checkIdentifier, type SqlDialect } from './sql-dialect.js';

export type SqlParamType = 'text' | 'int';

export interface SqlParam {
  /** `p1`, `p2`, … (the dialect spells the placeholder). */
  name: string;
  type: SqlParamType;
  value: string | number;
}

/** One parameterised statement: the text never holds a value, only placeholders. */
export interface SqlStatement {
  table: string;
  text: string;
  params: SqlParam[];
}

export type SqlValue = string | number;

export interface PageQuery {
  companyCode: string;
  /** Exact-match filters by column name (Company_Code is always the reader's company). */
  filter?: Readonly<Record<string, SqlValue>>;
  /** The previous page's last key values (every key column but Company_Code, in key order). */
  after?: readonly SqlValue[];
  /** Rows to fetch (1..5001): written into the statement as an integer literal (`TOP 1001` / `LIMIT 1001`). */
  limit: number;
}

export type ColumnClass = 'text' | 'decimal' | 'date' | 'int';

export function columnClass(kind: FieldKind): ColumnClass {
  switch (kind) {
    case 'money':
    case 'decimal':
      return 'decimal';
    case 'date':
      return 'date';
    case 'int':
      return 'int';
    default:
      return 'text';
  }
}

/** The documented scale of a decimal column (docs/infolink-stand-in.md): unit prices 4, everything else 2. */
export function decimalScale(column: string): number {
  return column === 'Unit_Price' ? 4 : 2;
}

/** The table's columns in definition order: [column, class]. */
export function columnsOf(def: InfoLinkTableDef): [string, ColumnClass][] {
  return Object.values(def.row as RowSpec).map(([wire, kind]) => [wire, columnClass(kind)]);
}

/** The key columns a page is keyed on: the primary key without Company_Code (always one value per reader). */
export function pageKeyOf(def: InfoLinkTableDef): string[] {
  return def.key.filter((k) => k !== 'Company_Code');
}

function selectExpr(d: SqlDialect, column: string, cls: ColumnClass): string {
  const expr = d[cls](column);
  return expr === d.ident(column) ? expr : `${expr} AS ${d.ident(column)}`;
}

/**
 * One keyset page of an Info-Link table, in primary-key order:
 * `SELECT … FROM schema.TABLE WHERE Company_Code = p AND <filters> AND <after the last key> ORDER BY <key>`.
 * The keyset predicate is spelt out as `k1 >= a1 AND ((k1 > a1) OR (k1 = a1 AND k2 > a2) …)` (SQL Server has no
 * row-value comparison), so a page never skips or repeats a row even when rows are added between pages.
 */
export function buildPageStatement(
  dialect: SqlDialect,
  schema: string,
  def: InfoLinkTableDef,
  query: PageQuery,
): SqlStatement {
  const columns = columnsOf(def);
  const classOf = new Map(columns);
  const params: SqlParam[] = [];
  const add = (type: SqlParamType, value: SqlValue): string => {
    params.push({ name: `p${params.length + 1}`, type, value });
    return dialect.param(params.length);
  };
  const where: string[] = [`${dialect.ident('Company_Code')} = ${add('text', query.companyCode)}`];
  // Filters in the table's column order: the statement's text depends only on which columns are filtered.
  for (const [column, cls] of columns) {
    const value = query.filter?.[column];
    if (value === undefined || column === 'Company_Code') continue;
    where.push(`${dialect.ident(column)} = ${add(cls === 'int' ? 'int' : 'text', value)}`);
  }
  const keys = pageKeyOf(def);
  if (query.after) {
    if (query.after.length !== keys.length)
      throw new TypeError(`a ${def.table} cursor has ${keys.length} values`);
    const refs = keys.map((k, i) =>
      add(classOf.get(k) === 'int' ? 'int' : 'text', query.after?.[i] as SqlValue),
    );
    const alternatives = keys.map((k, i) => {
      const equal = keys.slice(0, i).map((e, j) => `${dialect.ident(e)} = ${refs[j]}`);
      return `(${[...equal, `${dialect.ident(k)} > ${refs[i]}`].join(' AND ')})`;
    });
    // The leading `k1 >= a1` is implied by the alternatives; it lets the database seek the primary-key index to the
    // cursor instead of reading every earlier row on every page.
    if (keys.length > 1) where.push(`${dialect.ident(keys[0] as string)} >= ${refs[0]}`);
    where.push(`(${alternatives.join(' OR ')})`);
  }
  const limit = query.limit;
  if (!Number.isSafeInteger(limit) || limit < 1 || limit > 5001) {
    throw new RangeError(`a page holds 1 to 5001 rows, not ${limit}`);
  }
  const select = columns.map(([c, cls]) => selectExpr(dialect, c, cls)).join(', ');
  const from = `${dialect.ident(checkIdentifier(schema))}.${dialect.ident(def.table)}`;
  const order = def.key.map((k) => dialect.ident(k)).join(', ');
  const text = `SELECT ${dialect.top(limit)}${select} FROM ${from} WHERE ${where.join(' AND ')} ORDER BY ${order}${dialect.limit(limit)}`;
  return { table: def.table, text, params };
}
