import type { IncomingMessage, ServerResponse } from 'node:http';
import { FaultSpecError } from '../faults/fault-injector.js';
import { sendJson } from '../server/http-helpers.js';
import type { SimulatorApp } from '../server/simulator-app.js';
import { RowInputError } from '../store/row-codec.js';
import { serveConsole } from './console-assets.js';
import { FAULT_ROUTES } from './fault-routes.js';
import { EditRefusedError } from './record-editor.js';
import { REQUEST_ROUTES } from './request-routes.js';
import { ControlError, type ControlRoute, matchRoute } from './routing.js';
import { SCENARIO_ROUTES } from './scenario-routes.js';
import { SETTINGS_ROUTES } from './settings-routes.js';
import { STATE_ROUTES } from './state-routes.js';
import { TABLE_ROUTES } from './table-routes.js';
import { TableQueryError } from './tables.js';

/** Every control route, area by area; within an area the more specific path comes first. */
const ROUTES: readonly ControlRoute[] = [
  ...SCENARIO_ROUTES,
  ...STATE_ROUTES,
  ...FAULT_ROUTES,
  ...REQUEST_ROUTES,
  ...SETTINGS_ROUTES,
  ...TABLE_ROUTES,
];

function problemTitle(status: number): string {
  if (status === 404) return 'Not Found';
  if (status === 409) return 'Conflict';
  if (status === 405) return 'Method Not Allowed';
  return 'Bad Request';
}

function problems(
  res: ServerResponse,
  status: number,
  errors: { field: string; rule: string; message: string }[],
): void {
  sendJson(
    res,
    status,
    {
      type: 'about:blank',
      title: problemTitle(status),
      status,
      detail: errors.map((e) => e.message).join('; '),
      errors,
    },
    { 'Content-Type': 'application/problem+json' },
  );
}

function problem(res: ServerResponse, status: number, detail: string, field?: string): void {
  const body: Record<string, unknown> = { type: 'about:blank', title: problemTitle(status), status, detail };
  if (field) body.errors = [{ field, rule: 'invalid', message: detail }];
  sendJson(res, status, body, { 'Content-Type': 'application/problem+json' });
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
  for (const r of ROUTES) {
    const params = matchRoute(r, method, parts);
    if (params) {
      await r.handle({ app, req, res, url, params });
      return;
    }
  }
  throw new ControlError(
    404,
    'path',
    parts.length > 2 ? `unknown control path ${path}` : `unknown control path ${method} ${path}`,
  );
}
