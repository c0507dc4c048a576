import { SpectrumParseError, SpectrumValidationError } from '../../errors.js';
import { type SpectrumLogger, silentLogger } from '../../logger.js';
import { type RowStream, rowStream } from '../../streaming/row-stream.js';
import { withRetries } from '../../transport/http-transport.js';
import { type ResolvedRetry, type RetryOptions, resolveRetry } from '../../transport/retry-policy.js';
import { parseRowWith, type RowOf, type RowSpec } from '../../wire/row-spec.js';
import type { InfoLinkReader } from '../infolink-reader.js';
import {
  CHANGE_REQUEST_COST_LINES,
  CHANGE_REQUEST_REVENUE_LINES,
  CHANGE_REQUESTS,
  CONTRACT_ITEMS,
  CONTRACTS,
  COST_TYPES,
  type InfoLinkFilter,
  type InfoLinkTableDef,
  JOB_COST_HISTORY,
  JOB_MASTER,
  PHASE_MASTER,
  STANDARD_PHASES,
  SUBCONTRACT_LINES,
  SUBCONTRACT_LINES_BY_JOB,
  SUBCONTRACTS,
  SUBCONTRACTS_BY_JOB,
  VENDOR_MASTER,
} from '../infolink-tables.js';
import {
  buildPageStatement,
  type ColumnClass,
  columnsOf,
  decimalScale,
  pageKeyOf,
  type SqlStatement,
  type SqlValue,
} from './infolink-query.js';
import type { SqlDialect } from './sql-dialect.js';

/** Runs one statement and returns its rows (column name → driver value). Maps driver errors to typed errors. */
export interface SqlExecutor {
  readonly dialect: SqlDialect;
  query(statement: SqlStatement): Promise<Record<string, unknown>[]>;
  close(): Promise<void>;
}

export interface SqlInfoLinkConfig {
  executor: SqlExecutor;
  companyCode: string;
  /** Schema holding the Info-Link tables (SQL Server: `dbo`). */
  schema?: string;
  /** Rows per page (1..5000, default 1000). */
  pageSize?: number;
  retry?: RetryOptions;
  random?: () => number;
  logger?: SpectrumLogger;
}

export interface SqlInfoLinkReader extends InfoLinkReader {
  /** One row of a table (the connection doctor's "is this table readable" probe). */
  probe(table: string): Promise<number>;
  close(): Promise<void>;
}

const DECIMAL_TEXT = /^(-?)(\d*)(?:\.(\d*))?$/;

/**
 * Exact decimal text at the column's scale, as the HTTP stand-in serves it (`1234.5` → `1234.50`). Digits past the
 * scale are dropped only when they are zeros; anything else is a parse error (a value is never rounded).
 */
export function decimalAtScale(text: string, scale: number): string {
  const t = text.trim();
  const m = DECIMAL_TEXT.exec(t);
  if (!m || (m[2] === '' && (m[3] ?? '') === '')) throw new Error(`is not decimal text: "${t}"`);
  const whole = (m[2] ?? '').replace(/^0+(?=\d)/, '') || '0';
  let frac = m[3] ?? '';
  if (frac.length > scale) {
    if (/[1-9]/.test(frac.slice(scale))) throw new Error(`has more than ${scale} decimals: "${t}"`);
    frac = frac.slice(0, scale);
  }
  frac = frac.padEnd(scale, '0');
  const body = scale > 0 ? `${whole}.${frac}` : whole;
  return m[1] === '-' && /[1-9]/.test(body) ? `-${body}` : body;
}

/** A driver row → the stand-in's JSON form (trimmed text, decimal text at scale, `YYYY-MM-DD` or null, integers). */
function standInValue(column: string, cls: ColumnClass, value: unknown): unknown {
  if (value === null || value === undefined) {
    if (cls === 'date') return null;
    if (cls === 'int') return 0;
    if (cls === 'decimal') return decimalAtScale('0', decimalScale(column));
    return '';
  }
  switch (cls) {
    case 'decimal':
      if (typeof value !== 'string') throw new Error('is not decimal text (a float never carries a decimal)');
      return decimalAtScale(value, decimalScale(column));
    case 'date':
      if (value instanceof Date) return value.toISOString().slice(0, 10);
      return String(value).trim().slice(0, 10);
    case 'int':
      return value;
    default:
      return typeof value === 'string' ? value.trim() : String(value);
  }
}

export function toStandInRow(
  def: InfoLinkTableDef,
  row: Record<string, unknown>,
  context: { service: string; rowIndex: number },
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [column, cls] of columnsOf(def)) {
    try {
      out[column] = standInValue(column, cls, row[column]);
    } catch (error) {
      throw new SpectrumParseError(
        `${context.service} row ${context.rowIndex + 1}: field ${column} ${(error as Error).message}`,
        { service: context.service, field: column, rowIndex: context.rowIndex },
      );
    }
  }
  return out;
}

/**
 * The Info-Link reader over SQL: the same contract and row mapping as the HTTP stand-in's reader (rows in
 * primary-key order, keyset pages, values mapped through the same row specs), with parameterised statements only.
 * The executor decides the database: SQL Server through `mssql` in production, PostgreSQL in tests.
 */
export function createSqlInfoLinkReader(config: SqlInfoLinkConfig): SqlInfoLinkReader {
  const pageSize = Math.min(5000, Math.max(1, config.pageSize ?? 1000));
  const schema = config.schema ?? (config.executor.dialect.name === 'tsql' ? 'dbo' : 'public');
  const retry: ResolvedRetry = resolveRetry(config.retry);
  const deps = { retry, random: config.random ?? Math.random, logger: config.logger ?? silentLogger };

  function columnFilter<S extends RowSpec>(def: InfoLinkTableDef<S>, filter: InfoLinkFilter<S>) {
    const out: Record<string, SqlValue> = {};
    const classes = new Map(columnsOf(def));
    for (const [domain, value] of Object.entries(filter)) {
      const spec = def.row[domain];
      if (value === undefined || value === '' || !spec) continue;
      const column = spec[0];
      const text = String(value).trim();
      if (classes.get(column) === 'int') {
        if (!/^-?\d+$/.test(text)) {
          const description = `${column} must be a whole number`;
          throw new SpectrumValidationError(`infolink/${def.table}: ${description}`, [
            { code: 'I', description, column },
          ]);
        }
        out[column] = Number(text);
      } else out[column] = text;
    }
    return out;
  }

  function list<S extends RowSpec>(
    def: InfoLinkTableDef<S>,
    filter: InfoLinkFilter<S> = {},
  ): RowStream<RowOf<S>> {
    const operation = `infolink/${def.table}`;
    const keys = pageKeyOf(def);
    return rowStream(async function* () {
      const columnFilters = columnFilter(def, filter);
      let after: SqlValue[] | undefined;
      let index = 0;
      for (;;) {
        const statement = buildPageStatement(config.executor.dialect, schema, def, {
          companyCode: config.companyCode,
          filter: columnFilters,
          ...(after ? { after } : {}),
          limit: pageSize + 1,
        });
        const rows = await withRetries(deps, { operation, write: false }, () =>
          config.executor.query(statement),
        );
        const more = rows.length > pageSize;
        const page = more ? rows.slice(0, pageSize) : rows;
        for (const raw of page) {
          const rowIndex = index++;
          yield parseRowWith(def.row, toStandInRow(def, raw, { service: operation, rowIndex }), {
            service: operation,
            rowIndex,
            source: 'json',
          });
        }
        const last = page[page.length - 1];
        if (!more || !last) return;
        after = keys.map((k) => last[k] as SqlValue);
      }
    });
  }

  const tables: readonly InfoLinkTableDef[] = [
    JOB_MASTER,
    PHASE_MASTER,
    COST_TYPES,
    STANDARD_PHASES,
    VENDOR_MASTER,
    SUBCONTRACTS,
    SUBCONTRACT_LINES,
    CONTRACTS,
    CONTRACT_ITEMS,
    CHANGE_REQUESTS,
    CHANGE_REQUEST_COST_LINES,
    CHANGE_REQUEST_REVENUE_LINES,
    JOB_COST_HISTORY,
  ];

  return {
    listJobs: (f) => list(JOB_MASTER, f),
    listPhaseMaster: (f) => list(PHASE_MASTER, f),
    listStandardPhases: (f) => list(STANDARD_PHASES, f),
    listCostTypes: (f) => list(COST_TYPES, f),
    listVendorMaster: (f) => list(VENDOR_MASTER, f),
    listSubcontracts: (f) => list(SUBCONTRACTS, f),
    listSubcontractLines: (f) => list(SUBCONTRACT_LINES, f),
    // ordered by Job_Number first: `key` of these definitions drives the ORDER BY and the keyset predicate
    listSubcontractsByJob: (f) => list(SUBCONTRACTS_BY_JOB, f),
    listSubcontractLinesByJob: (f) => list(SUBCONTRACT_LINES_BY_JOB, f),
    listContracts: (f) => list(CONTRACTS, f),
    listContractItems: (f) => list(CONTRACT_ITEMS, f),
    listChangeRequests: (f) => list(CHANGE_REQUESTS, f),
    listChangeRequestLines: (f) => list(CHANGE_REQUEST_COST_LINES, f),
    listChangeRequestRevenueLines: (f) => list(CHANGE_REQUEST_REVENUE_LINES, f),
    listJobCostHistory: (f) => list(JOB_COST_HISTORY, f),
    async probe(table) {
      const def = tables.find((t) => t.table === table);
      if (!def) throw new TypeError(`unknown Info-Link table ${table}`);
      const statement = buildPageStatement(config.executor.dialect, schema, def, {
        companyCode: config.companyCode,
        limit: 1,
      });
      return (await config.executor.query(statement)).length;
    },
    close: () => config.executor.close(),
  };
}
