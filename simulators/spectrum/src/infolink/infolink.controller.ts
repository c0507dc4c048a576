import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendJson } from '../server/http-helpers.js';
import type { SimulatorApp } from '../server/simulator-app.js';
import { decodeRow, encodeRow, RowInputError } from '../store/row-codec.js';
import { type Row, TABLES_BY_INFOLINK, type Value } from '../store/table-defs.js';

export const INFOLINK_HEADER = { 'X-Spectrum-Simulator': 'info-link-stand-in' };
const RESERVED = new Set(['Company_Code', 'limit', 'after', 'order']);

function encodeCursor(values: Value[]): string {
  return Buffer.from(JSON.stringify(values), 'utf8').toString('base64url');
}

function decodeCursor(cursor: string, width: number): Value[] | undefined {
  try {
    const v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (!Array.isArray(v) || v.length !== width) return undefined;
    if (!v.every((x) => typeof x === 'string' || typeof x === 'number')) return undefined;
    return v as Value[];
  } catch {
    return undefined;
  }
}

/**
 * `GET /infolink/{TABLE}`: the simulator's read-only stand-in for Spectrum's Info-Link SQL tables.
 * Exact-match column filters, primary-key order (or `order=<column>` first, then the primary key, as a SQL reader
 * can ORDER BY any column), keyset paging with an opaque cursor.
 */
export function handleInfoLink(
  app: SimulatorApp,
  req: IncomingMessage,
  res: ServerResponse,
  table: string,
  url: URL,
): void {
  const fail = (status: number, error: string): void => sendJson(res, status, { error }, INFOLINK_HEADER);
  const def = TABLES_BY_INFOLINK.get(table);
  if (!def?.infolink) {
    fail(404, `Unknown Info-Link table ${table}`);
    return;
  }
  const q = url.searchParams;
  const company = (q.get('Company_Code') ?? '').trim();
  if (company === '') {
    fail(400, 'Company_Code is required');
    return;
  }
  const columns = def.infolink.columns;
  const filterInput: Record<string, unknown> = {};
  for (const [name, value] of q.entries()) {
    if (RESERVED.has(name)) continue;
    if (!columns.includes(name)) {
      fail(400, `Unknown column ${name} for ${table}`);
      return;
    }
    const column = def.columns.find((c) => c.name === name);
    const v = value.trim();
    filterInput[name] = column?.type === 'int' ? (/^-?\d+$/.test(v) ? Number(v) : v) : v;
  }
  let where: Row;
  try {
    where = decodeRow(def, filterInput, true);
  } catch (error) {
    if (error instanceof RowInputError) {
      fail(400, `Bad filter ${error.field}: ${error.message}`);
      return;
    }
    throw error;
  }
  where.Company_Code = company;
  let limit = 1000;
  const rawLimit = q.get('limit');
  if (rawLimit !== null) {
    limit = Number(rawLimit);
    if (!/^\d+$/.test(rawLimit) || limit < 1 || limit > 5000) {
      fail(400, 'limit must be an integer from 1 to 5000');
      return;
    }
  }
  const order = (q.get('order') ?? '').trim();
  if (order !== '' && !columns.includes(order)) {
    fail(400, `Unknown column ${order} for ${table}`);
    return;
  }
  const orderBy = order === '' || order === def.key[1] ? [] : [order];
  const pageKey = [...orderBy, ...def.key];
  let after: Value[] | undefined;
  const rawAfter = q.get('after');
  if (rawAfter !== null && rawAfter !== '') {
    after = decodeCursor(rawAfter, pageKey.length);
    if (!after) {
      fail(400, 'after is not a valid cursor');
      return;
    }
  }
  if (!app.restAuth(req, res, company, INFOLINK_HEADER)) return;
  const rows = app.store.page(def, where, limit + 1, after, orderBy);
  const more = rows.length > limit;
  const pageRows = more ? rows.slice(0, limit) : rows;
  const last = pageRows[pageRows.length - 1];
  sendJson(
    res,
    200,
    {
      table,
      rows: pageRows.map((r) => encodeRow(def, r, columns)),
      nextCursor: more && last ? encodeCursor(pageKey.map((k) => last[k] ?? '')) : null,
    },
    INFOLINK_HEADER,
  );
}
