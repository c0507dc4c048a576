import { sendJson } from '../server/http-helpers.js';
import type { SimulatorApp } from '../server/simulator-app.js';
import { decodeRow, encodeRow, RowInputError } from '../store/row-codec.js';
import * as T from '../store/table-defs.js';
import { ALL_TABLES, type Row, type TableDef } from '../store/table-defs.js';
import { ControlError, type ControlRoute, json, table } from './routing.js';

function keyOf(def: TableDef, input: unknown): Row {
  const row = decodeRow(def, input, true);
  for (const k of def.key) {
    if (row[k] === undefined) throw new ControlError(400, `key.${k}`, `${k} is required in key`);
  }
  const key: Row = {};
  for (const k of def.key) key[k] = row[k] ?? '';
  return key;
}

/** The state tables: counts, rows by filter, and raw inserts, updates and deletes; job cost postings. */
export const STATE_ROUTES: ControlRoute[] = [
  {
    method: 'GET',
    path: 'state/:collection?',
    handle({ app, res, url, params }) {
      if (params.collection === undefined) {
        const counts: Record<string, number> = {};
        for (const def of ALL_TABLES) counts[def.collection] = app.store.count(def);
        sendJson(res, 200, {
          scenario: app.store.getMeta('scenario') ?? '',
          generation: app.store.generation,
          counts,
        });
        return;
      }
      const def = table(params.collection);
      const filters: Record<string, unknown> = {};
      let limit = 1000;
      for (const [k, v] of url.searchParams.entries()) {
        if (k === 'limit') {
          limit = Number(v);
          if (!Number.isInteger(limit) || limit < 1)
            throw new ControlError(400, 'limit', 'limit must be a positive integer');
        } else {
          const col = T.columnOf(def, k);
          filters[k] = col?.type === 'int' ? Number(v) : v;
        }
      }
      const where = decodeRow(def, filters, true);
      const rows = app.store.page(def, where, limit);
      sendJson(
        res,
        200,
        rows.map((r) => encodeRow(def, r)),
      );
    },
  },
  {
    method: 'POST',
    path: 'state/:collection?',
    async handle({ app, req, res, params }) {
      const def = table(params.collection);
      const body = await json(req, app.options.maxRequestBytes);
      const rows = Array.isArray(body) ? body : [body];
      const decoded = rows.map((r, i) => {
        try {
          return decodeRow(def, r);
        } catch (error) {
          if (error instanceof RowInputError && Array.isArray(body)) {
            throw new RowInputError(`[${i}].${error.field}`, error.message);
          }
          throw error;
        }
      });
      app.store.write(() => {
        for (const row of decoded) app.store.insert(def, row);
      });
      sendJson(
        res,
        201,
        decoded.map((r) => encodeRow(def, app.store.get(def, r) ?? r)),
      );
    },
  },
  {
    method: 'PATCH',
    path: 'state/:collection?',
    async handle({ app, req, res, params }) {
      const def = table(params.collection);
      const body = (await json(req, app.options.maxRequestBytes)) as Record<string, unknown>;
      if (!body || typeof body !== 'object') throw new ControlError(400, 'body', 'expected {key, set}');
      const key = keyOf(def, body.key);
      const set = decodeRow(def, body.set, true);
      for (const k of def.key) {
        if (set[k] !== undefined)
          throw new ControlError(400, `set.${k}`, `${k} is part of the key and cannot change`);
      }
      if (!app.store.get(def, key)) throw new ControlError(404, 'key', 'no row with this key');
      app.store.write(() => app.store.update(def, key, set));
      sendJson(res, 200, encodeRow(def, app.store.get(def, key) ?? key));
    },
  },
  {
    method: 'DELETE',
    path: 'state/:collection?',
    async handle({ app, req, res, params }) {
      const def = table(params.collection);
      const body = (await json(req, app.options.maxRequestBytes)) as Record<string, unknown>;
      const key = keyOf(def, body?.key);
      const deleted = app.store.write(() => app.store.delete(def, key));
      if (!deleted) throw new ControlError(404, 'key', 'no row with this key');
      sendJson(res, 200, { deleted: 1 });
    },
  },
  {
    method: 'POST',
    path: 'job-costs/:rest?',
    async handle({ app, req, res }) {
      const body = await json(req, app.options.maxRequestBytes);
      sendJson(res, 201, postJobCost(app, body));
    },
  },
];

/**
 * Posts a job cost transaction and adds it to the phase's job-to-date values, in one transaction.
 * Transaction_Number is assigned when not given.
 */
function postJobCost(app: SimulatorApp, body: unknown): Record<string, unknown> {
  if (!body || typeof body !== 'object' || Array.isArray(body))
    throw new ControlError(400, 'body', 'expected an object');
  const input = { ...(body as Record<string, unknown>) };
  if (input.Transaction_Number === undefined) input.Transaction_Number = 0;
  const row = decodeRow(T.jobCosts, input);
  for (const k of ['Job_Number', 'Phase_Code', 'Cost_Type']) {
    if (!row[k]) throw new ControlError(400, k, `${k} is required`);
  }
  const phaseKey = {
    Company_Code: row.Company_Code,
    Job_Number: row.Job_Number,
    Phase_Code: row.Phase_Code,
    Cost_Type: row.Cost_Type,
  };
  const phase = app.store.get(T.phases, phaseKey);
  if (!phase) throw new ControlError(400, 'Phase_Code', 'phase/cost type does not exist on the job');
  return app.store.write(() => {
    if (!row.Transaction_Number) {
      row.Transaction_Number =
        app.store.maxInt(T.jobCosts, 'Transaction_Number', { Company_Code: row.Company_Code }) + 1;
    }
    if (!row.Tran_Date) row.Tran_Date = app.now().toISOString().slice(0, 10);
    app.store.insert(T.jobCosts, row);
    app.store.update(T.phases, phaseKey, {
      JTD_Actual_Dollars: Number(phase.JTD_Actual_Dollars) + Number(row.Tran_Amount ?? 0),
      JTD_Hours: Number(phase.JTD_Hours) + Number(row.Total_Hours ?? 0),
      JTD_Quantity: Number(phase.JTD_Quantity) + Number(row.Quantity ?? 0),
    });
    return encodeRow(T.jobCosts, app.store.get(T.jobCosts, row) ?? row);
  });
}
