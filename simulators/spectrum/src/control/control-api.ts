import { existsSync, readdirSync, readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { basename, extname, join } from 'node:path';
import { checkFaultSpec, FAULT_KINDS, FaultSpecError } from '../faults/fault-injector.js';
import { generateScenario } from '../scenarios/generator.scenario.js';
import { checkScenario } from '../scenarios/scenario.js';
import { checkGenerator, SCENARIO_DIR } from '../scenarios/scenario-resolver.js';
import { readBody, send, sendJson } from '../server/http-helpers.js';
import {
  MAX_LOG_SIZE,
  REQUEST_OUTCOMES,
  type RequestLogFilter,
  type RequestOutcome,
} from '../server/request-log.js';
import type { SimulatorApp } from '../server/simulator-app.js';
import { decodeRow, encodeRow, RowInputError } from '../store/row-codec.js';
import * as T from '../store/table-defs.js';
import { ALL_TABLES, type Row, TABLES_BY_COLLECTION, type TableDef } from '../store/table-defs.js';
import { FAULT_PRESETS } from './fault-presets.js';
import {
  addRecord,
  changeRecord,
  deleteRecord,
  EditRefusedError,
  recordEditor,
  rowByKey,
  wireValue,
} from './record-editor.js';
import { streamStore } from './store-file.js';
import { relatedOf, TableQueryError, tableCatalog, tablePage } from './tables.js';

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

function problems(
  res: ServerResponse,
  status: number,
  errors: { field: string; rule: string; message: string }[],
): void {
  const title =
    status === 404
      ? 'Not Found'
      : status === 409
        ? 'Conflict'
        : status === 405
          ? 'Method Not Allowed'
          : 'Bad Request';
  sendJson(
    res,
    status,
    { type: 'about:blank', title, status, detail: errors.map((e) => e.message).join('; '), errors },
    { 'Content-Type': 'application/problem+json' },
  );
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
    else if (error instanceof TableQueryError) problem(res, 400, error.message, error.field);
    else if (error instanceof EditRefusedError) problems(res, error.status, error.errors);
    else if (error instanceof Error && /UNIQUE constraint/.test(error.message))
      problem(res, 409, 'a row with this key exists');
    else throw error;
  }
}

async function route(app: SimulatorApp, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  const path = url.pathname.replace(/\/+$/, '') || '/__sim';
  const method = req.method ?? 'GET';
  const parts = path.split('/').slice(2); // after '', '__sim'

  if (method === 'GET' && (parts.length === 0 || parts[0] === 'assets')) {
    serveConsole(app, res, parts);
    return;
  }
  if (await routeConsole(app, req, res, url, method, parts)) return;
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
      if (body.generator !== undefined) {
        let options: ReturnType<typeof checkGenerator>;
        try {
          options = checkGenerator(body.generator);
        } catch (error) {
          const field = /generator\.\w+/.exec((error as Error).message)?.[0] ?? 'generator';
          throw new ControlError(400, field, (error as Error).message);
        }
        if (options.phaseRows > 1_000_000)
          throw new ControlError(400, 'generator.phaseRows', 'generator.phaseRows must be at most 1,000,000');
        name = app.loadScenario((store) => generateScenario(store, options));
      } else if (typeof body.name === 'string' && body.spec === undefined) {
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
      sendJson(res, 200, app.log.list(logFilter(url)));
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
        if (!['enhancedAuth', 'guidTimeoutHours', 'clockOffsetMs', 'logSize', 'logBodyBytes'].includes(k)) {
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
      if (body.logSize !== undefined) {
        const v = body.logSize;
        if (typeof v !== 'number' || !Number.isInteger(v) || v < 1 || v > MAX_LOG_SIZE)
          throw new ControlError(400, 'logSize', `must be an integer from 1 to ${MAX_LOG_SIZE}`);
        app.log.resize(v);
      }
      if (body.logBodyBytes !== undefined) {
        const v = body.logBodyBytes;
        if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > 1024 * 1024)
          throw new ControlError(400, 'logBodyBytes', 'must be an integer from 0 to 1048576');
        app.log.bodyLimit = v;
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
    logSize: app.log.capacity,
    logBodyBytes: app.log.bodyLimit,
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

// ---- the console's calls ----------------------------------------------------------------------

/** The built console (Vite output of `console/`), beside the compiled simulator. */
export const CONSOLE_DIR = join(import.meta.dirname, '..', '..', 'dist', 'console');

const CONTENT_TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.html': 'text/html; charset=utf-8',
};

function serveConsole(app: SimulatorApp, res: ServerResponse, parts: string[]): void {
  const dir = app.options.consoleDir ?? CONSOLE_DIR;
  if (parts.length === 0) {
    const index = join(dir, 'index.html');
    if (!existsSync(index)) {
      send(
        res,
        503,
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Spectrum simulator</title></head><body><main><h1>Spectrum simulator</h1><p>The console is not built: run <code>bash scripts/pnpm.sh --filter @bridge/spectrum-simulator build</code>. The control API under <code>/__sim/</code> works without it.</p></main></body></html>',
        'text/html; charset=utf-8',
      );
      return;
    }
    send(res, 200, readFileSync(index), 'text/html; charset=utf-8', { 'Cache-Control': 'no-cache' });
    return;
  }
  const name = parts.slice(1).join('/');
  const file = join(dir, 'assets', basename(name));
  if (parts.length !== 2 || !/^[\w.-]+$/.test(name) || !existsSync(file)) {
    throw new ControlError(404, 'path', `unknown console asset ${name}`);
  }
  send(res, 200, readFileSync(file), CONTENT_TYPES[extname(file)] ?? 'application/octet-stream', {
    'Cache-Control': 'public, max-age=31536000, immutable',
  });
}

/** The simulator process's memory in MB (the console shows it beside the log's size). */
function memoryMb(): { rss: number; heapUsed: number } {
  const m = process.memoryUsage();
  return { rss: Math.round(m.rss / 1048576), heapUsed: Math.round(m.heapUsed / 1048576) };
}

function logFilter(url: URL): RequestLogFilter {
  const filter: RequestLogFilter = {};
  const q = url.searchParams;
  const service = q.get('service');
  if (service) filter.service = service;
  const outcome = q.get('outcome');
  if (outcome) {
    if (!(REQUEST_OUTCOMES as readonly string[]).includes(outcome))
      throw new ControlError(400, 'outcome', `outcome must be one of ${REQUEST_OUTCOMES.join(', ')}`);
    filter.outcome = outcome as RequestOutcome;
  }
  for (const name of ['after', 'limit'] as const) {
    const v = q.get(name);
    if (v === null || v === '') continue;
    const n = Number(v);
    if (!/^\d+$/.test(v) || (name === 'limit' && n < 1))
      throw new ControlError(
        400,
        name,
        `${name} must be a ${name === 'limit' ? 'positive' : 'non-negative'} integer`,
      );
    filter[name] = n;
  }
  return filter;
}

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

function scenarioList(app: SimulatorApp): { name: string; description: string }[] {
  const out = [
    {
      name: 'demo',
      description:
        'Demo company ABC "ABC Builders Inc": 10 jobs, 30 vendors, a subcontract, contracts and change requests.',
    },
  ];
  if (existsSync(SCENARIO_DIR)) {
    for (const file of readdirSync(SCENARIO_DIR).sort()) {
      if (!file.endsWith('.json')) continue;
      let description = '';
      try {
        const content = JSON.parse(readFileSync(join(SCENARIO_DIR, file), 'utf8')) as {
          description?: unknown;
        };
        description = typeof content.description === 'string' ? content.description : '';
      } catch {
        description = '(unreadable file)';
      }
      out.push({ name: file.slice(0, -'.json'.length), description });
    }
  }
  const start = typeof app.startScenario === 'string' ? app.startScenario : app.startScenario.name;
  if (!out.some((s) => s.name === start))
    out.push({ name: start, description: 'The scenario the simulator started with.' });
  return out;
}

/** Largest store file `PUT /__sim/store` takes (the large company's download is about 160 MB). */
export const MAX_STORE_FILE_BYTES = 512 * 1024 * 1024;

/**
 * Routes of the console (tables, records, fault presets, request details and download, scenarios, store file).
 * Returns false for a path that is not one of them.
 */
async function routeConsole(
  app: SimulatorApp,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  method: string,
  parts: string[],
): Promise<boolean> {
  const [head, a, b, ...rest] = parts;
  if (rest.length > 0) return false;
  const route = `${method} ${head}${a === undefined ? '' : '/:a'}${b === undefined ? '' : `/${b}`}`;
  switch (route) {
    case 'GET tables':
      sendJson(
        res,
        200,
        tableCatalog(app.store).map((t) => ({ ...t, editor: recordEditor(table(t.collection)) })),
      );
      return true;
    case 'GET tables/:a': {
      const def = table(a);
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
      return true;
    }
    case 'GET tables/:a/record': {
      const def = table(a);
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
      return true;
    }
    case 'POST records/:a': {
      const def = table(a);
      const body = (await json(req, app.options.maxRequestBytes)) as Record<string, unknown>;
      const key = addRecord(app.store, def, body?.values, app.now());
      sendJson(res, 201, {
        key: encodeRow(def, key, def.key),
        row: encodeRow(def, app.store.get(def, key) ?? key),
      });
      return true;
    }
    case 'PATCH records/:a': {
      const def = table(a);
      const body = (await json(req, app.options.maxRequestBytes)) as Record<string, unknown>;
      const key = changeRecord(app.store, def, body?.key, body?.values, app.now());
      sendJson(res, 200, {
        key: encodeRow(def, key, def.key),
        row: encodeRow(def, app.store.get(def, key) ?? key),
      });
      return true;
    }
    case 'DELETE records/:a': {
      const def = table(a);
      const body = (await json(req, app.options.maxRequestBytes)) as Record<string, unknown>;
      const key = deleteRecord(app.store, def, body?.key);
      sendJson(res, 200, { deleted: encodeRow(def, key, def.key) });
      return true;
    }
    case 'DELETE faults/:a': {
      const id = Number(a);
      if (!/^\d+$/.test(a ?? '') || !app.faults.remove(id))
        throw new ControlError(404, 'id', `no armed fault with id ${a}`);
      sendJson(res, 200, { cleared: id });
      return true;
    }
    case 'GET faults/:a': {
      if (a !== 'options') return false;
      sendJson(res, 200, {
        services: ['*', ...app.services.keys(), 'vendors', 'scheduleofvalues', 'infolink', 'token'],
        kinds: FAULT_KINDS,
      });
      return true;
    }
    case 'GET fault-presets':
      sendJson(res, 200, FAULT_PRESETS);
      return true;
    case 'POST fault-presets/:a': {
      const preset = FAULT_PRESETS.find((p) => p.name === a);
      if (!preset) throw new ControlError(404, 'name', `unknown fault preset ${a}`);
      sendJson(
        res,
        201,
        preset.faults.map((f) => app.faults.add(f)),
      );
      return true;
    }
    case 'GET requests/:a': {
      if (a === 'summary') {
        sendJson(res, 200, {
          capacity: app.log.capacity,
          size: app.log.size,
          total: app.log.total,
          bodyLimit: app.log.bodyLimit,
          bodyBytes: app.log.bodyBytes(),
          services: app.log.services(),
          memory: memoryMb(),
        });
        return true;
      }
      if (a === 'download') {
        const details = app.log.details(logFilter(url));
        const body = details.map((d) => JSON.stringify(d)).join('\n');
        send(res, 200, body === '' ? '' : `${body}\n`, 'application/x-ndjson; charset=utf-8', {
          'Content-Disposition': 'attachment; filename="spectrum-simulator-requests.ndjson"',
        });
        return true;
      }
      const entry = /^\d+$/.test(a ?? '') ? app.log.get(Number(a)) : undefined;
      if (!entry)
        throw new ControlError(
          404,
          'id',
          `no logged request ${a} (the log keeps the last ${app.log.capacity})`,
        );
      sendJson(res, 200, entry);
      return true;
    }
    case 'GET scenarios':
      sendJson(res, 200, {
        current: app.store.getMeta('scenario') ?? '',
        start: typeof app.startScenario === 'string' ? app.startScenario : app.startScenario.name,
        available: scenarioList(app),
      });
      return true;
    case 'GET store':
      await streamStore(app.store, res, app.store.getMeta('scenario') ?? 'store');
      return true;
    case 'PUT store': {
      const text = await readBody(req, Math.max(app.options.maxRequestBytes, MAX_STORE_FILE_BYTES));
      let spec: unknown;
      try {
        spec = JSON.parse(text) as unknown;
      } catch {
        throw new ControlError(400, 'body', 'the store file is not valid JSON');
      }
      const name = app.loadScenario(checkScenario(spec));
      sendJson(res, 200, { scenario: name });
      return true;
    }
    default:
      return false;
  }
}
