import fc from 'fast-check';
import nodeSqlParser from 'node-sql-parser';
import { describe, expect, it } from 'vitest';
import { INFOLINK_TABLES, type InfoLinkTableDef } from '../infolink-tables.js';
import {
  buildPageStatement,
  columnsOf,
  pageKeyOf,
  type SqlStatement,
  type SqlValue,
} from './infolink-query.js';
import { POSTGRES, TSQL } from './sql-dialect.js';

const parser = new nodeSqlParser.Parser();
const DEFAULT_PAGE = 1001; // the reader's default page size (1000) + 1 to see whether another page follows

type Ast = Record<string, unknown>;

/** Parses as Transact-SQL and checks the statement is one SELECT of that table with only placeholders as values. */
function parseTsql(statement: SqlStatement, def: InfoLinkTableDef, limit: number): Ast {
  const ast = parser.astify(statement.text, { database: 'TransactSQL' }) as unknown as Ast | Ast[];
  expect(Array.isArray(ast) ? ast.length : 1).toBe(1);
  const select = (Array.isArray(ast) ? ast[0] : ast) as Ast;
  expect(select.type).toBe('select');
  expect(select.from).toMatchObject([{ db: 'dbo', table: def.table }]);
  expect((select.top as { value: number }).value).toBe(limit);
  expect((select.columns as unknown[]).length).toBe(columnsOf(def).length);
  expect(literalsIn(select.where)).toEqual([]);
  const placeholders = new Set(columnRefs(select.where).filter((c) => c.startsWith('@')));
  expect([...placeholders].sort()).toEqual(statement.params.map((p) => `@${p.name}`).sort());
  return select;
}

/** Every literal value in a WHERE tree: a parameterised statement has none. */
function literalsIn(node: unknown): unknown[] {
  if (!node || typeof node !== 'object') return [];
  const n = node as Ast;
  if (['single_quote_string', 'string', 'number', 'bool', 'null', 'var_string'].includes(String(n.type)))
    return [n.value];
  return Object.values(n).flatMap(literalsIn);
}

function columnRefs(node: unknown): string[] {
  if (!node || typeof node !== 'object') return [];
  const n = node as Ast;
  if (n.type === 'column_ref') {
    const column = n.column as string | { expr?: { value?: string } };
    return [typeof column === 'string' ? column : String(column?.expr?.value)];
  }
  return Object.values(n).flatMap(columnRefs);
}

const sampleValue = (cls: string, i: number): SqlValue => (cls === 'int' ? i + 1 : `v${i + 1}`);

/** Every statement shape per table: first page, next page, every column filtered, and the doctor's one-row probe. */
function everyShape(): { title: string; def: InfoLinkTableDef; statement: SqlStatement; limit: number }[] {
  const out: { title: string; def: InfoLinkTableDef; statement: SqlStatement; limit: number }[] = [];
  for (const def of INFOLINK_TABLES as readonly InfoLinkTableDef[]) {
    const classes = new Map(columnsOf(def));
    const after = pageKeyOf(def).map((k, i) => sampleValue(classes.get(k) ?? 'text', i));
    const allFilters = Object.fromEntries(
      columnsOf(def)
        .filter(([c]) => c !== 'Company_Code')
        .map(([c, cls], i) => [c, sampleValue(cls, i)]),
    );
    const base = { companyCode: 'ABC', limit: DEFAULT_PAGE };
    out.push({
      title: `${def.table}: first page`,
      def,
      limit: DEFAULT_PAGE,
      statement: buildPageStatement(TSQL, 'dbo', def, base),
    });
    out.push({
      title: `${def.table}: next page`,
      def,
      limit: DEFAULT_PAGE,
      statement: buildPageStatement(TSQL, 'dbo', def, { ...base, after }),
    });
    out.push({
      title: `${def.table}: next page, every column filtered`,
      def,
      limit: DEFAULT_PAGE,
      statement: buildPageStatement(TSQL, 'dbo', def, { ...base, after, filter: allFilters }),
    });
    out.push({
      title: `${def.table}: one-row probe (connection doctor)`,
      def,
      limit: 1,
      statement: buildPageStatement(TSQL, 'dbo', def, { companyCode: 'ABC', limit: 1 }),
    });
  }
  return out;
}

describe('the T-SQL the SQL Info-Link reader sends', () => {
  it('PROD-4 every statement shape parses as Transact-SQL and matches the reviewed snapshot', async () => {
    const shapes = everyShape();
    for (const s of shapes) parseTsql(s.statement, s.def, s.limit);
    const text = shapes
      .map(
        (s) =>
          `-- ${s.title}\n-- params: ${s.statement.params.map((p) => `@${p.name} ${p.type === 'int' ? 'int' : 'varchar(255)'}`).join(', ') || '(none)'}\n${s.statement.text};\n`,
      )
      .join('\n');
    await expect(text).toMatchFileSnapshot('./__snapshots__/tsql-statements.sql');
  });

  it('PROD-4 PROD-3 any filter combination, cursor and page size gives a parameterised statement that parses', () => {
    const tables = INFOLINK_TABLES as readonly InfoLinkTableDef[];
    const hostile = fc.oneof(
      fc.string({ maxLength: 12 }),
      fc.constantFrom("x' OR '1'='1", '1; DROP TABLE [dbo].[VN_VENDOR_MASTER_MC]; --', ']]'),
    );
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: tables.length - 1 }),
        fc.array(fc.boolean(), { minLength: 40, maxLength: 40 }),
        fc.boolean(),
        fc.integer({ min: 1, max: 5001 }),
        hostile,
        (t, picks, paged, limit, value) => {
          const def = tables[t] as InfoLinkTableDef;
          const columns = columnsOf(def).filter(([c]) => c !== 'Company_Code');
          const filter = Object.fromEntries(
            columns.filter((_, i) => picks[i]).map(([c, cls], i) => [c, cls === 'int' ? i : `${value}${i}`]),
          );
          const after = paged
            ? pageKeyOf(def).map((k) => (new Map(columns).get(k) === 'int' ? 7 : value))
            : undefined;
          const statement = buildPageStatement(TSQL, 'dbo', def, {
            companyCode: value,
            filter,
            limit,
            ...(after ? { after } : {}),
          });
          parseTsql(statement, def, limit);
          // values travel only as parameters: the T-SQL text has no string literal and no statement separator at all
          expect(statement.text).not.toMatch(/['";]/);
          expect(statement.params.map((p) => p.value)).toContain(value);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('PROD-3 identifiers come only from the table definitions; a schema name that is not a plain identifier is refused', () => {
    const def = INFOLINK_TABLES[0] as InfoLinkTableDef;
    expect(() =>
      buildPageStatement(TSQL, 'dbo]; DROP TABLE x; --', def, { companyCode: 'ABC', limit: 10 }),
    ).toThrow(/plain SQL identifier/);
    expect(() => buildPageStatement(TSQL, 'dbo', def, { companyCode: 'ABC', limit: 0 })).toThrow(RangeError);
  });

  it('PROD-2 the PostgreSQL dialect writes the same statement: same columns, filters, keyset predicate and order', () => {
    const def = INFOLINK_TABLES.find((d) => d.table === 'VN_SUBCONTRACT_PHASE_MC') as InfoLinkTableDef;
    const q = {
      companyCode: 'ABC',
      filter: { Job_Number: '24-101' },
      after: ['A', 'B', 'C', 'D', 'E'],
      limit: 11,
    };
    const t = buildPageStatement(TSQL, 'dbo', def, q);
    const p = buildPageStatement(POSTGRES, 'dbo', def, q);
    expect(p.params).toEqual(t.params);
    const normalise = (s: string) =>
      s
        .replace(/TOP \d+ /, '')
        .replace(/ LIMIT \d+$/, '')
        .replace(/CONVERT\(varchar\(40\), \[(\w+)\]\)/g, 'DEC($1)')
        .replace(/CAST\("(\w+)" AS text\)/g, 'DEC($1)')
        .replace(/\[(\w+)\]/g, '$1')
        .replace(/"(\w+)"/g, '$1')
        .replace(/@p(\d+)/g, '?$1')
        .replace(/\$(\d+)/g, '?$1');
    expect(normalise(p.text)).toBe(normalise(t.text));
    expect(p.text.endsWith(' LIMIT 11')).toBe(true);
  });
});
