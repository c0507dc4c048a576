import type { IncomingMessage, ServerResponse } from 'node:http';
import { readBody } from '../server/http-helpers.js';
import type { SimulatorApp } from '../server/simulator-app.js';
import { ALL_TABLES, TABLES_BY_COLLECTION, type TableDef } from '../store/table-defs.js';

/** A refusal of a control call: answered as a problem with the status and the field. */
export class ControlError extends Error {
  constructor(
    readonly status: number,
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

/** One control call as a route handler sees it; `params` holds the route's `:name` segments. */
export interface ControlCall {
  app: SimulatorApp;
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  params: Record<string, string | undefined>;
}

/**
 * A route of the control API. `path` is the segments after `/__sim/`: literals and `:name` params;
 * a last `:name?` may be absent (the original routes take one trailing segment and, but for
 * `state/:collection`, ignore it).
 */
export interface ControlRoute {
  method: string;
  path: string;
  handle(call: ControlCall): Promise<void> | void;
}

/** The route's params when it matches the method and the path segments, else undefined. */
export function matchRoute(
  route: ControlRoute,
  method: string,
  parts: readonly string[],
): Record<string, string | undefined> | undefined {
  if (route.method !== method) return undefined;
  const segments = route.path.split('/');
  const optionalLast = segments.at(-1)?.endsWith('?') ?? false;
  if (parts.length !== segments.length && !(optionalLast && parts.length === segments.length - 1))
    return undefined;
  const params: Record<string, string | undefined> = {};
  for (const [i, segment] of segments.entries()) {
    if (segment.startsWith(':')) params[segment.replace(/^:|\?$/g, '')] = parts[i];
    else if (segment !== parts[i]) return undefined;
  }
  return params;
}

/** The request's JSON body (an empty body is refused). */
export async function json(req: IncomingMessage, limit: number): Promise<unknown> {
  const text = await readBody(req, limit);
  if (text.trim() === '') throw new ControlError(400, 'body', 'a JSON body is required');
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ControlError(400, 'body', 'body is not valid JSON');
  }
}

/** The table of a collection name in the path (404 naming the known ones when unknown). */
export function table(collection: string | undefined): TableDef {
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
