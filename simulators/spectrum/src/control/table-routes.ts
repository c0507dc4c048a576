import { sendJson } from '../server/http-helpers.js';
import type { SimulatorApp } from '../server/simulator-app.js';
import { decodeRow, encodeRow } from '../store/row-codec.js';
import type { Row, TableDef } from '../store/table-defs.js';
import * as T from '../store/table-defs.js';
import { addRecord, changeRecord, deleteRecord, recordEditor, rowByKey, wireValue } from './record-editor.js';
import { ControlError, type ControlRoute, json, table } from './routing.js';
import { relatedOf, tableCatalog, tablePage } from './tables.js';

/** Exact filters from the query string (columns of the table), in stored form. */
function whereFrom(def: TableDef, url: URL, reserved: readonly string[]): Row {
  const filters: Record<string, unknown> = {};
  for (const [k, v] of url.searchParams.entries()) {
    if (reserved.includes(k)) continue;
    const col = T.columnOf(def, k);
    if (!col) throw new ControlError(400, k, `unknown column ${k} for ${def.collection}`);
    filters[k] = col.type === 'int' && /^-?\d+$/.test(v) ? Number(v) : v;
  }
  return decodeRow(def, filters, true);
}

/** The answer to an added or changed record: its key and its row as stored now. */
function savedRecord(app: SimulatorApp, def: TableDef, key: Row): Record<string, unknown> {
  return { key: encodeRow(def, key, def.key), row: encodeRow(def, app.store.get(def, key) ?? key) };
}

/** The console's tables (catalogue, pages, one record with its related rows) and its records editor. */
export const TABLE_ROUTES: ControlRoute[] = [
  {
    method: 'GET',
    path: 'tables',
    handle({ app, res }) {
      sendJson(
        res,
        200,
        tableCatalog(app.store).map((t) => ({ ...t, editor: recordEditor(table(t.collection)) })),
      );
    },
  },
  {
    method: 'GET',
    path: 'tables/:collection',
    handle({ app, res, url, params }) {
      const def = table(params.collection);
      const q = url.searchParams;
      const limitText = q.get('limit') ?? '50';
      const limit = Number(limitText);
      if (!/^\d+$/.test(limitText) || limit < 1 || limit > 500)
        throw new ControlError(400, 'limit', 'limit must be an integer from 1 to 500');
      const after = q.get('after');
      const before = q.get('before');
      if (after && before) throw new ControlError(400, 'before', 'give after or before, not both');
      sendJson(
        res,
        200,
        tablePage(app.store, def, {
          q: q.get('q') ?? '',
          where: whereFrom(def, url, ['q', 'limit', 'after', 'before']),
          limit,
          ...(after ? { after } : {}),
          ...(before ? { before } : {}),
        }),
      );
    },
  },
  {
    method: 'GET',
    path: 'tables/:collection/record',
    handle({ app, res, url, params }) {
      const def = table(params.collection);
      const row = rowByKey(app.store, def, Object.fromEntries(url.searchParams.entries()));
      const editor = recordEditor(def);
      const form: Record<string, string> = {};
      for (const f of editor.changeFields.length ? editor.changeFields : editor.addFields) {
        if (f.column) form[f.name] = wireValue(T.columnOf(def, f.column), row[f.column]);
      }
      sendJson(res, 200, {
        collection: def.collection,
        row: encodeRow(def, row),
        form,
        related: relatedOf(app.store, def, row),
      });
    },
  },
  {
    method: 'POST',
    path: 'records/:collection',
    async handle({ app, req, res, params }) {
      const def = table(params.collection);
      const body = (await json(req, app.options.maxRequestBytes)) as Record<string, unknown>;
      const key = addRecord(app.store, def, body?.values, app.now());
      sendJson(res, 201, savedRecord(app, def, key));
    },
  },
  {
    method: 'PATCH',
    path: 'records/:collection',
    async handle({ app, req, res, params }) {
      const def = table(params.collection);
      const body = (await json(req, app.options.maxRequestBytes)) as Record<string, unknown>;
      const key = changeRecord(app.store, def, body?.key, body?.values, app.now());
      sendJson(res, 200, savedRecord(app, def, key));
    },
  },
  {
    method: 'DELETE',
    path: 'records/:collection',
    async handle({ app, req, res, params }) {
      const def = table(params.collection);
      const body = (await json(req, app.options.maxRequestBytes)) as Record<string, unknown>;
      const key = deleteRecord(app.store, def, body?.key);
      sendJson(res, 200, { deleted: encodeRow(def, key, def.key) });
    },
  },
];
