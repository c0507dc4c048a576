import type { IncomingMessage, ServerResponse } from 'node:http';
import { checkFaultSpec, FaultSpecError } from '../faults/fault-injector.js';
import { checkScenario } from '../scenarios/scenario.js';
import { readBody, send, sendJson } from '../server/http-helpers.js';
import type { SimulatorApp } from '../server/simulator-app.js';
import { decodeRow, encodeRow, RowInputError } from '../store/row-codec.js';
import * as T from '../store/table-defs.js';
import { ALL_TABLES, type Row, TABLES_BY_COLLECTION, type TableDef } from '../store/table-defs.js';
import { controlPage } from './control-page.js';

class ControlError extends Error {
  constructor(
    readonly status: number,
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

function problem(res: ServerResponse, status: number, detail: string, field?: string): void {
  const title = status === 404 ? 'Not Found' : status === 409 ? 'Conflict' : 'Bad Request';
  const body: Record<string, unknown> = { type: 'about:blank', title, status, detail };
  if (field) body.errors = [{ field, rule: 'invalid', message: detail }];
  sendJson(res, status, body, { 'Content-Type': 'application/problem+json' });
}

async function json(req: IncomingMessage, limit: number, optional = false): Promise<unknown> {
  const text = await readBody(req, limit);
  if (text.trim() === '') {
    if (optional) return {};
    throw new ControlError(400, 'body', 'a JSON body is required');
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ControlError(400, 'body', 'body is not valid JSON');
  }
}

function keyOf(def: TableDef, input: unknown): Row {
  const row = decodeRow(def, input, true);
  for (const k of def.key) {
    if (row[k] === undefined) throw new ControlError(400, `key.${k}`, `${k} is required in key`);
  }
  const key: Row = {};
  for (const k of def.key) key[k] = row[k] ?? '';
  return key;
}

/** The `/__sim/…` control API (only mounted when the simulator runs with --control). */
export async function handleControl(
  app: SimulatorApp,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
): Promise<void> {
  try {
    await route(app, req, res, url);
  } catch (error) {
    if (error instanceof ControlError) problem(res, error.status, error.message, error.field);
    else if (error instanceof RowInputError) problem(res, 400, error.message, error.field);
    else if (error instanceof FaultSpecError) problem(res, 400, error.message, error.field);
    else if (error instanceof Error && /UNIQUE constraint/.test(error.message))
      problem(res, 409, 'a row with this key exists');
    else throw error;
  }
}

async function route(app: SimulatorApp, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  const path = url.pathname.replace(/\/+$/, '') || '/__sim';
  const method = req.method ?? 'GET';
  const parts = path.split('/').slice(2); // after '', '__sim'

  if (parts.length === 0 && method === 'GET') {
    send(res, 200, controlPage(app), 'text/html; charset=utf-8');
    return;
  }
  const [head, collection, ...rest] = parts;
  if (rest.length > 0) throw new ControlError(404, 'path', `unknown control path ${path}`);

  switch (`${method} ${head}`) {
    case 'POST reset': {
      app.faults.clear();
      app.log.clear();
      app.traffic.reset();
      app.clockOffsetMs = 0;
      const name = app.loadScenario(app.startScenario);
      sendJson(res, 200, { scenario: name });
      return;
    }
    case 'POST scenario': {
      const body = (await json(req, app.options.maxRequestBytes)) as Record<string, unknown>;
      let name: string;
      if (typeof body.name === 'string' && body.spec === undefined) {
        try {
          name = app.loadScenario(body.name);
        } catch (error) {
          if (error instanceof RowInputError) throw error;
          throw new ControlError(400, 'name', (error as Error).message);
        }
      } else if (body.spec !== undefined) name = app.loadScenario(checkScenario(body.spec));
      else throw new ControlError(400, 'name', 'give a scenario name or spec');
      sendJson(res, 200, { scenario: name });
      return;
    }
    case 'GET state': {
      if (collection === undefined) {
        const counts: Record<string, number> = {};
        for (const def of ALL_TABLES) counts[def.collection] = app.store.count(def);
        sendJson(res, 200, {
          scenario: app.store.getMeta('scenario') ?? '',
          generation: app.store.generation,
          counts,
        });
        return;
      }
      const def = table(collection);
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
      return;
    }
    case 'POST state': {
      const def = table(collection);
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
      return;
    }
    case 'PATCH state': {
      const def = table(collection);
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
      return;
    }
    case 'DELETE state': {
      const def = table(collection);
      const body = (await json(req, app.options.maxRequestBytes)) as Record<string, unknown>;
      const key = keyOf(def, body?.key);
      const deleted = app.store.write(() => app.store.delete(def, key));
      if (!deleted) throw new ControlError(404, 'key', 'no row with this key');
      sendJson(res, 200, { deleted: 1 });
      return;
    }
    case 'POST job-costs': {
      const body = await json(req, app.options.maxRequestBytes);
      sendJson(res, 201, postJobCost(app, body));
      return;
    }
    case 'GET faults':
      sendJson(res, 200, app.faults.list());
      return;
    case 'POST faults': {
      const body = await json(req, app.options.maxRequestBytes);
      const specs = (Array.isArray(body) ? body : [body]).map((s) => checkFaultSpec(s));
      sendJson(
        res,
        201,
        specs.map((s) => app.faults.add(s)),
      );
      return;
    }
    case 'DELETE faults':
      app.faults.clear();
      sendJson(res, 200, { cleared: true });
      return;
    case 'GET requests':
      sendJson(res, 200, app.log.list());
      return;
    case 'DELETE requests':
      app.log.clear();
      sendJson(res, 200, { cleared: true });
      return;
    case 'GET traffic':
      sendJson(res, 200, app.traffic.figures());
      return;
    case 'DELETE traffic':
      app.traffic.reset();
      sendJson(res, 200, app.traffic.figures());
      return;
    case 'GET settings':
      sendJson(res, 200, settings(app));
      return;
    case 'PATCH settings': {
      const body = (await json(req, app.options.maxRequestBytes)) as Record<string, unknown>;
      for (const k of Object.keys(body ?? {})) {
        if (!['enhancedAuth', 'guidTimeoutHours', 'clockOffsetMs'].includes(k)) {
          throw new ControlError(400, k, `unknown setting ${k}`);
        }
      }
      if (body.enhancedAuth !== undefined) {
        if (typeof body.enhancedAuth !== 'boolean')
          throw new ControlError(400, 'enhancedAuth', 'must be a boolean');
        app.auth.options.enhanced = body.enhancedAuth;
      }
      if (body.guidTimeoutHours !== undefined) {
        const v = body.guidTimeoutHours;
        if (v !== null && (typeof v !== 'number' || !(v > 0))) {
          throw new ControlError(400, 'guidTimeoutHours', 'must be a positive number or null');
        }
        app.auth.options.guidTimeoutMs = v === null ? null : (v as number) * 3600_000;
      }
      if (body.clockOffsetMs !== undefined) {
        if (typeof body.clockOffsetMs !== 'number' || !Number.isInteger(body.clockOffsetMs)) {
          throw new ControlError(400, 'clockOffsetMs', 'must be an integer');
        }
        app.clockOffsetMs = body.clockOffsetMs;
      }
      sendJson(res, 200, settings(app));
      return;
    }
    default:
      throw new ControlError(404, 'path', `unknown control path ${method} ${path}`);
  }
}

function settings(app: SimulatorApp): Record<string, unknown> {
  const ms = app.auth.options.guidTimeoutMs;
  return {
    enhancedAuth: app.auth.options.enhanced,
    guidTimeoutHours: ms === null ? null : ms / 3600_000,
    clockOffsetMs: app.clockOffsetMs,
    now: app.now().toISOString(),
  };
}

function table(collection: string | undefined): TableDef {
  const def = collection ? TABLES_BY_COLLECTION.get(collection) : undefined;
  if (!def) {
    throw new ControlError(
      404,
      'collection',
      `unknown collection ${collection ?? ''}; known: ${ALL_TABLES.map((d) => d.collection).join(', ')}`,
    );
  }
  return def;
}

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
