/** The OpenAPI document's operations as the fuzzer uses them (inputs, documented 2xx responses). */
import { z } from 'zod';

export type Schema = Record<string, unknown> & {
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  enum?: unknown[];
  nullable?: boolean;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  $ref?: string;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  maxItems?: number;
  format?: string;
};

export interface OpenApiParameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: Schema;
}

interface OpenApiOperation {
  operationId?: string;
  parameters?: OpenApiParameter[];
  requestBody?: { content?: Record<string, { schema?: Schema }> };
  responses?: Record<string, { content?: Record<string, { schema?: Schema }> }>;
  security?: unknown[];
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, OpenApiOperation>>;
  components?: { schemas?: Record<string, Schema> };
}

export interface Operation {
  id: string;
  method: string;
  path: string;
  pathParams: string[];
  queryParams: OpenApiParameter[];
  body?: Schema;
  /** 2xx status → zod validator of the documented JSON response (only where a schema is documented). */
  responses: Map<number, z.ZodType>;
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

/** Inlines `#/components/schemas/…` references (a reference met again inside itself becomes `{}`). */
function deref(doc: OpenApiDocument, s: unknown, seen: readonly string[] = []): unknown {
  if (Array.isArray(s)) return s.map((x) => deref(doc, x, seen));
  if (s === null || typeof s !== 'object') return s;
  const ref = (s as Schema).$ref;
  if (typeof ref === 'string') {
    const name = ref.replace('#/components/schemas/', '');
    if (seen.includes(name)) return {};
    return deref(doc, doc.components?.schemas?.[name] ?? {}, [...seen, name]);
  }
  return Object.fromEntries(Object.entries(s).map(([k, v]) => [k, deref(doc, v, seen)]));
}

/** The operations of the document, with their inputs and documented 2xx response schemas. */
export function operationsOf(doc: OpenApiDocument): Operation[] {
  const ops: Operation[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const method of METHODS) {
      const op = item[method];
      if (!op) continue;
      const params = (op.parameters ?? []).map((p) => deref(doc, p) as OpenApiParameter);
      const responses = new Map<number, z.ZodType>();
      for (const [status, r] of Object.entries(op.responses ?? {})) {
        const schema = r.content?.['application/json']?.schema;
        if (!/^2\d\d$/.test(status) || !schema) continue;
        responses.set(
          Number(status),
          z.fromJSONSchema(deref(doc, schema) as never, { defaultTarget: 'openapi-3.0' }),
        );
      }
      const body = op.requestBody?.content?.['application/json']?.schema;
      ops.push({
        id: op.operationId ?? `${method} ${path}`,
        method: method.toUpperCase(),
        path,
        pathParams: params.filter((p) => p.in === 'path').map((p) => p.name),
        queryParams: params.filter((p) => p.in === 'query'),
        ...(body ? { body: deref(doc, body) as Schema } : {}),
        responses,
      });
    }
  }
  return ops;
}
