/**
 * The two SQL dialects the Info-Link query layer writes: Transact-SQL for a real Spectrum (SQL Server, through the
 * `mssql` driver) and PostgreSQL for tests (the simulator mirrors its Info-Link tables into a PostgreSQL schema).
 * Only the spelling differs; the statement's structure (columns, filters, keyset predicate, order) is the same.
 */
export interface SqlDialect {
  readonly name: 'tsql' | 'postgres';
  /** A quoted identifier (`[Job_Number]` / `"Job_Number"`). */
  ident(name: string): string;
  /** The placeholder of the n-th parameter (1-based): `@p1` / `$1`. */
  param(n: number): string;
  /** A text column, as the driver returns it (trimmed by the reader). */
  text(column: string): string;
  /** A decimal column as exact decimal text (never through a float). */
  decimal(column: string): string;
  /** A date/datetime column as `YYYY-MM-DD` text (NULL stays NULL). */
  date(column: string): string;
  /** An integer column. */
  int(column: string): string;
  /**
   * `SELECT <top> cols FROM … <limit>`: the row limit's two places. The limit is an integer literal the reader
   * computes from its own page size (checked to be a whole number in 1..5001), never a value from a caller.
   */
  top(limit: number): string;
  limit(limit: number): string;
}

const IDENT = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Identifiers come only from the table definitions and the configured schema name: anything else is refused. */
export function checkIdentifier(name: string): string {
  if (!IDENT.test(name)) throw new TypeError(`not a plain SQL identifier: ${JSON.stringify(name)}`);
  return name;
}

export const TSQL: SqlDialect = {
  name: 'tsql',
  ident: (name) => `[${checkIdentifier(name)}]`,
  param: (n) => `@p${n}`,
  text: (c) => `[${checkIdentifier(c)}]`,
  // CONVERT of a decimal(p,s) to varchar keeps its scale exactly (1234.50 -> '1234.50').
  decimal: (c) => `CONVERT(varchar(40), [${checkIdentifier(c)}])`,
  // Style 23 = yyyy-mm-dd, for date and datetime columns alike.
  date: (c) => `CONVERT(char(10), [${checkIdentifier(c)}], 23)`,
  int: (c) => `[${checkIdentifier(c)}]`,
  top: (n) => `TOP ${n} `,
  limit: () => '',
};

export const POSTGRES: SqlDialect = {
  name: 'postgres',
  ident: (name) => `"${checkIdentifier(name)}"`,
  param: (n) => `$${n}`,
  text: (c) => `"${checkIdentifier(c)}"`,
  decimal: (c) => `CAST("${checkIdentifier(c)}" AS text)`,
  date: (c) => `to_char("${checkIdentifier(c)}", 'YYYY-MM-DD')`,
  int: (c) => `"${checkIdentifier(c)}"`,
  top: () => '',
  limit: (n) => ` LIMIT ${n}`,
};
