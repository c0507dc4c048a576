import type { SQLInputValue } from 'node:sqlite';
import { encodeRow } from '../store/row-codec.js';
import type { SpectrumStore } from '../store/spectrum-store.js';
import {
  ALL_TABLES,
  type Row,
  TABLES_BY_COLLECTION,
  type TableDef,
  type Value,
} from '../store/table-defs.js';

/** What the console calls each collection. */
export const TABLE_LABELS: Record<string, string> = {
  companies: 'Companies',
  'auth-ids': 'Authorization IDs',
  jobs: 'Jobs',
  phases: 'Phases with estimates',
  'cost-types': 'Cost types',
  'standard-phases': 'Standard phases',
  vendors: 'Vendors',
  customers: 'Customers',
  subcontracts: 'Subcontracts',
  'subcontract-lines': 'Subcontract lines',
  contracts: 'Contracts',
  'contract-items': 'Contract items',
  'change-request-statuses': 'Change request statuses',
  'change-requests': 'Change requests',
  'change-request-cost-lines': 'Change request cost lines',
  'change-request-revenue-lines': 'Change request revenue lines',
  'change-orders': 'Change orders',
  'change-order-lines': 'Change order lines',
  'job-costs': 'Job-cost history',
  projections: 'Projections',
};

/** A parent → child relation: the child's columns that hold the parent's values. */
export interface Relation {
  parent: string;
  child: string;
  /** [parent column, child column] pairs. */
  on: readonly (readonly [string, string])[];
}

const C = ['Company_Code', 'Company_Code'] as const;
const JOB = ['Job_Number', 'Job_Number'] as const;
const CUST = ['Customer_Code', 'Customer_Code'] as const;

/** How Spectrum's records hang together, for "open a record with its related records" and for safe deletes. */
export const RELATIONS: readonly Relation[] = [
  { parent: 'jobs', child: 'phases', on: [C, JOB] },
  { parent: 'jobs', child: 'subcontracts', on: [C, JOB] },
  { parent: 'jobs', child: 'contracts', on: [C, JOB] },
  { parent: 'jobs', child: 'change-requests', on: [C, JOB] },
  { parent: 'jobs', child: 'change-orders', on: [C, JOB] },
  { parent: 'jobs', child: 'job-costs', on: [C, JOB] },
  { parent: 'jobs', child: 'jobs', on: [C, ['Job_Number', 'Master_Job']] },
  {
    parent: 'phases',
    child: 'subcontract-lines',
    on: [C, JOB, ['Phase_Code', 'Phase_Code'], ['Cost_Type', 'Cost_Type']],
  },
  {
    parent: 'phases',
    child: 'job-costs',
    on: [C, JOB, ['Phase_Code', 'Phase_Code'], ['Cost_Type', 'Cost_Type']],
  },
  { parent: 'cost-types', child: 'phases', on: [C, ['Cost_Type', 'Cost_Type']] },
  { parent: 'vendors', child: 'subcontracts', on: [C, ['Vendor_Code', 'Vendor_Code']] },
  { parent: 'customers', child: 'contracts', on: [C, CUST] },
  {
    parent: 'subcontracts',
    child: 'subcontract-lines',
    on: [C, ['Vendor_Code', 'Vendor_Code'], ['Subcontract_Number', 'Subcontract_Number']],
  },
  {
    parent: 'subcontracts',
    child: 'change-request-cost-lines',
    on: [C, ['Vendor_Code', 'Subcontractor_Code'], ['Subcontract_Number', 'Subcontract_Number']],
  },
  { parent: 'contracts', child: 'contract-items', on: [C, JOB, CUST] },
  { parent: 'contracts', child: 'change-requests', on: [C, JOB, CUST] },
  { parent: 'contracts', child: 'change-orders', on: [C, JOB, CUST] },
  ...(['change-request-cost-lines', 'change-request-revenue-lines'] as const).map((child) => ({
    parent: 'change-requests',
    child,
    on: [C, JOB, CUST, ['Change_Request_Number', 'Change_Request_Number']] as const,
  })),
  {
    parent: 'change-orders',
    child: 'change-order-lines',
    on: [C, JOB, CUST, ['Change_Order_Number', 'Change_Order_Number']],
  },
  {
    parent: 'change-orders',
    child: 'change-requests',
    on: [C, JOB, CUST, ['Change_Order_Number', 'Change_Order_Number']],
  },
];

export class TableQueryError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

export function tableDef(collection: string): TableDef | undefined {
  return TABLES_BY_COLLECTION.get(collection);
}

/**
 * Columns a search looks in: the key's text columns (but the company) and the names and descriptions. Few on
 * purpose: a search that matches little reads the whole table, and each column costs on 200,000 rows.
 */
export function searchColumns(def: TableDef): string[] {
  return def.columns
    .filter(
      (c) =>
        c.type === 'text' &&
        c.name !== 'Company_Code' &&
        (def.key.includes(c.name) || /Name|Description/.test(c.name)),
    )
    .map((c) => c.name);
}

export function encodeCursor(values: Value[]): string {
  return Buffer.from(JSON.stringify(values), 'utf8').toString('base64url');
}

export function decodeCursor(field: string, cursor: string, width: number): Value[] {
  try {
    const v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (
      Array.isArray(v) &&
      v.length === width &&
      v.every((x) => typeof x === 'string' || typeof x === 'number')
    )
      return v as Value[];
  } catch {
    // fall through
  }
  throw new TableQueryError(field, `${field} is not a cursor this table gave`);
}

export interface PageQuery {
  /** Text that any searched column contains (case-insensitive). */
  q?: string;
  /** Exact column filters (stored form). */
  where?: Row;
  after?: string;
  before?: string;
  limit: number;
}

export interface TablePage {
  collection: string;
  rows: Record<string, unknown>[];
  /** Rows matching the search and filters; `totalIsExact` false when counting stopped at COUNT_CAP. */
  total: number;
  totalIsExact: boolean;
  nextCursor: string | null;
  prevCursor: string | null;
}

/** Counting a search stops here: a page of a 200,000-row table must stay fast. */
export const COUNT_CAP = 10_000;

/**
 * One page of a table in primary-key order, keyset-paged in both directions (`after` / `before` cursors), with
 * exact filters and a contains-search over the key and descriptive columns. Uses the primary key index, so a page
 * costs the same on the first and the last page of a 200,000-row table.
 */
export function tablePage(store: SpectrumStore, def: TableDef, query: PageQuery): TablePage {
  const conditions: string[] = [];
  const params: SQLInputValue[] = [];
  for (const [name, value] of Object.entries(query.where ?? {})) {
    if (value === undefined) continue;
    if (value === null) conditions.push(`"${name}" IS NULL`);
    else {
      conditions.push(`"${name}" = ?`);
      params.push(value);
    }
  }
  const q = (query.q ?? '').trim();
  if (q !== '') {
    const like = `%${q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
    const cols = searchColumns(def);
    conditions.push(`(${cols.map((c) => `"${c}" LIKE ? ESCAPE '\\'`).join(' OR ')})`);
    for (const _ of cols) params.push(like);
  }
  const keyList = def.key.map((k) => `"${k}"`).join(', ');
  const marks = def.key.map(() => '?').join(', ');
  const base = conditions.length ? ` WHERE ${conditions.join(' AND ')}` : '';
  const and = (extra: string): string => (base ? `${base} AND ${extra}` : ` WHERE ${extra}`);
  let rows: Row[];
  if (query.before !== undefined) {
    const before = decodeCursor('before', query.before, def.key.length);
    rows = (
      store
        .statement(
          `SELECT * FROM ${def.table}${and(`(${keyList}) < (${marks})`)} ORDER BY ${def.key.map((k) => `"${k}" DESC`).join(', ')} LIMIT ?`,
        )
        .all(...params, ...(before as SQLInputValue[]), query.limit) as Row[]
    ).reverse();
  } else {
    const after = query.after === undefined ? undefined : decodeCursor('after', query.after, def.key.length);
    const sql = after
      ? `SELECT * FROM ${def.table}${and(`(${keyList}) > (${marks})`)} ORDER BY ${keyList} LIMIT ?`
      : `SELECT * FROM ${def.table}${base} ORDER BY ${keyList} LIMIT ?`;
    rows = store
      .statement(sql)
      .all(...params, ...((after ?? []) as SQLInputValue[]), query.limit + 1) as Row[];
  }
  const keyOf = (r: Row): Value[] => def.key.map((k) => r[k] ?? '');
  const exists = (cmp: '<' | '>', row: Row): boolean =>
    store
      .statement(`SELECT 1 FROM ${def.table}${and(`(${keyList}) ${cmp} (${marks})`)} LIMIT 1`)
      .get(...params, ...(keyOf(row) as SQLInputValue[])) !== undefined;
  let hasNext: boolean;
  if (query.before !== undefined) {
    const last = rows[rows.length - 1];
    hasNext = last !== undefined && exists('>', last);
  } else {
    hasNext = rows.length > query.limit;
    if (hasNext) rows = rows.slice(0, query.limit);
  }
  const first = rows[0];
  const last = rows[rows.length - 1];
  const hasPrev =
    first !== undefined && (query.after !== undefined || query.before !== undefined) && exists('<', first);
  // a first page that is also the last holds every match: no second pass over the table to count them
  const total =
    query.after === undefined && query.before === undefined && !hasNext
      ? rows.length
      : Number(
          (
            store
              .statement(
                `SELECT COUNT(*) AS n FROM (SELECT 1 FROM ${def.table}${base} LIMIT ${COUNT_CAP + 1})`,
              )
              .get(...params) as { n: number }
          ).n,
        );
  return {
    collection: def.collection,
    rows: rows.map((r) => encodeRow(def, r)),
    total: Math.min(total, COUNT_CAP),
    totalIsExact: total <= COUNT_CAP,
    nextCursor: hasNext && last ? encodeCursor(keyOf(last)) : null,
    prevCursor: hasPrev && first ? encodeCursor(keyOf(first)) : null,
  };
}

export interface RelatedGroup {
  collection: string;
  label: string;
  /** `child`: records of this one; `parent`: the record this one belongs to. */
  relation: 'child' | 'parent';
  /** The exact filter that lists them (control API column form). */
  where: Record<string, unknown>;
  total: number;
  rows: Record<string, unknown>[];
}

export const RELATED_ROWS = 20;

/** The records related to one row: its parents and the first rows of each child collection, with counts. */
export function relatedOf(store: SpectrumStore, def: TableDef, row: Row): RelatedGroup[] {
  const groups: RelatedGroup[] = [];
  for (const rel of RELATIONS) {
    for (const direction of ['parent', 'child'] as const) {
      if ((direction === 'child' ? rel.parent : rel.child) !== def.collection) continue;
      const otherName = direction === 'child' ? rel.child : rel.parent;
      const other = TABLES_BY_COLLECTION.get(otherName);
      if (!other) continue;
      const where: Row = {};
      for (const [p, c] of rel.on) {
        const [mine, theirs] = direction === 'child' ? [p, c] : [c, p];
        where[theirs] = row[mine];
      }
      // a parent link only counts when its columns are filled (a job without a master job has no master)
      if (direction === 'parent' && Object.values(where).some((v) => v === '' || v === null)) continue;
      const page = tablePage(store, other, { where, limit: RELATED_ROWS });
      if (direction === 'parent' && page.total === 0) continue;
      groups.push({
        collection: otherName,
        label:
          direction === 'parent'
            ? `${TABLE_LABELS[otherName] ?? otherName} (belongs to)`
            : (TABLE_LABELS[otherName] ?? otherName),
        relation: direction,
        where: encodeRow(other, where, Object.keys(where)),
        total: page.total,
        rows: page.rows,
      });
    }
  }
  return groups;
}

/** The child records that keep a row from being deleted (as Spectrum refuses to delete a record in use). */
export function dependentsOf(
  store: SpectrumStore,
  def: TableDef,
  row: Row,
): { collection: string; count: number }[] {
  const out: { collection: string; count: number }[] = [];
  for (const rel of RELATIONS) {
    if (rel.parent !== def.collection) continue;
    const child = TABLES_BY_COLLECTION.get(rel.child);
    if (!child) continue;
    const where: Row = {};
    for (const [p, c] of rel.on) where[c] = row[p];
    const count = store.count(child, where);
    if (count > 0) out.push({ collection: rel.child, count });
  }
  return out;
}

export interface TableInfo {
  collection: string;
  label: string;
  key: readonly string[];
  columns: TableDef['columns'];
  count: number;
  infolink: string | null;
}

export function tableCatalog(store: SpectrumStore): TableInfo[] {
  return ALL_TABLES.map((def) => ({
    collection: def.collection,
    label: TABLE_LABELS[def.collection] ?? def.collection,
    key: def.key,
    columns: def.columns,
    count: store.count(def),
    infolink: def.infolink?.table ?? null,
  }));
}
