import { type ArgumentMetadata, applyDecorators, type PipeTransform, UsePipes } from '@nestjs/common';
import { ApiBody, ApiQuery, ApiResponse } from '@nestjs/swagger';
import { z } from 'zod';
import { badRequest } from './problem.js';
import { problemSchema } from './problem-schema.js';

type JsonSchema = Record<string, unknown>;

/**
 * Schemas named with `.meta({ id })` become `components.schemas` entries of the API document (so generated clients
 * get readable type names); they are collected here as the decorators run and added by `addSchemaComponents`.
 */
const components = new Map<string, string>();

const COMPONENT_REF = '#/components/schemas/';

function hoist(json: JsonSchema): JsonSchema {
  const defs = (json.definitions ?? json.$defs) as Record<string, JsonSchema> | undefined;
  delete json.definitions;
  delete json.$defs;
  const text = (v: unknown) =>
    JSON.stringify(v).replace(/"#\/(?:definitions|\$defs)\//g, `"${COMPONENT_REF}`);
  for (const [id, def] of Object.entries(defs ?? {})) {
    const body = text(def);
    const known = components.get(id);
    if (known !== undefined && known !== body)
      throw new Error(`Two different schemas are named ${id} in the API document.`);
    components.set(id, body);
  }
  return JSON.parse(text(json)) as JsonSchema;
}

/**
 * JSON Schema (OpenAPI 3.0 flavour) of a zod schema, for the API document: `io: 'input'` for what a client sends,
 * `'output'` for what the API answers. Named schemas are referenced as `#/components/schemas/<id>`. A plain
 * `z.object` does not forbid other keys in the document (a newer service may add fields); `.strict()` ones do.
 */
export function openApiSchema(schema: z.ZodType, io: 'input' | 'output' = 'input'): JsonSchema {
  const json = z.toJSONSchema(schema, {
    target: 'openapi-3.0',
    unrepresentable: 'any',
    io,
    override: (ctx) => {
      const def = ctx.zodSchema._zod.def as { type: string; catchall?: z.ZodType };
      if (
        def.type === 'object' &&
        def.catchall === undefined &&
        ctx.jsonSchema.additionalProperties === false
      )
        delete ctx.jsonSchema.additionalProperties;
      // `format` says it; zod's long regex for the same thing only makes generated clients noisier.
      if (ctx.jsonSchema.format === 'date-time' || ctx.jsonSchema.format === 'date')
        delete ctx.jsonSchema.pattern;
    },
  }) as JsonSchema;
  delete json.$schema;
  return hoist(json);
}

/** Adds the named schemas the operations reference to `components.schemas` of the document. */
export function addSchemaComponents<D extends { components?: { schemas?: Record<string, unknown> } }>(
  document: D,
): D {
  document.components ??= {};
  document.components.schemas ??= {};
  for (const [id, body] of [...components].sort(([a], [b]) => a.localeCompare(b)))
    document.components.schemas[id] = JSON.parse(body) as JsonSchema;
  return document;
}

/** Parses with zod; a failure is a 400 naming each field and what is wrong with it. */
export function parseOr400<T>(schema: z.ZodType<T>, value: unknown, where: 'body' | 'query' | 'params'): T {
  const r = schema.safeParse(value ?? {});
  if (r.success) return r.data;
  throw badRequest(
    r.error.issues.map((i) => ({
      field: i.path.length ? i.path.join('.') : where,
      code: `invalid-${i.code.replace(/_/g, '-')}`,
      message: i.message,
    })),
    `The request ${where} is not valid.`,
  );
}

class ZodPipe implements PipeTransform {
  constructor(
    private readonly schema: z.ZodType,
    private readonly type: 'body' | 'query',
  ) {}
  transform(value: unknown, meta: ArgumentMetadata) {
    if (meta.type !== this.type) return value;
    return parseOr400(this.schema, value, this.type);
  }
}

/** Validates the body with zod and documents it in OpenAPI. */
export function ZodBody(schema: z.ZodType) {
  return applyDecorators(
    ApiBody({ schema: openApiSchema(schema) as never }),
    ApiProblems(400),
    UsePipes(new ZodPipe(schema, 'body')),
  );
}

/** Validates the query with zod and documents each parameter in OpenAPI. */
export function ZodQuery(schema: z.ZodObject) {
  const json = openApiSchema(schema) as {
    properties?: Record<string, Record<string, unknown>>;
    required?: string[];
  };
  const params = Object.entries(json.properties ?? {}).map(([name, s]) =>
    ApiQuery({ name, required: (json.required ?? []).includes(name), schema: s as never }),
  );
  return applyDecorators(...params, ApiProblems(400), UsePipes(new ZodPipe(schema, 'query')));
}

/** Metadata key of the responses an operation declares with `@ZodResponse`. */
export const ZOD_RESPONSES = 'bridge:zod-responses';

/** One response an operation answers: its status and, per content type, the zod schema of its body. */
export interface DeclaredResponse {
  status: number;
  /** Empty for a response without a body (204). */
  content: Record<string, z.ZodType>;
}

export function declaredResponses(handler: object): DeclaredResponse[] {
  return (Reflect.getMetadata(ZOD_RESPONSES, handler) as DeclaredResponse[] | undefined) ?? [];
}

function declare(entry: DeclaredResponse): MethodDecorator {
  return (_target, _key, descriptor) => {
    const handler = descriptor.value as object;
    Reflect.defineMetadata(ZOD_RESPONSES, [...declaredResponses(handler), entry], handler);
    return descriptor;
  };
}

/**
 * Declares a success response of an operation: documented in the API document (from the zod schema, as it is
 * sent) and recorded on the handler, where the test-mode conformance check validates every answer against it.
 * `schema: null` is a response without a body (204). `alternatives` are other content types of the same status
 * (e.g. `text/csv`), chosen by the `format` the client asks for.
 */
export function ZodResponse(
  status: number,
  schema: z.ZodType | null,
  description?: string,
  alternatives: Record<string, z.ZodType> = {},
) {
  const content: Record<string, z.ZodType> = {
    ...(schema ? { 'application/json': schema } : {}),
    ...alternatives,
  };
  const documented = Object.fromEntries(
    Object.entries(content).map(([type, s]) => [type, { schema: openApiSchema(s, 'output') }]),
  );
  return applyDecorators(
    ApiResponse({
      status,
      description: description ?? (schema ? 'Success' : 'Done; no content'),
      ...(Object.keys(documented).length ? { content: documented as never } : {}),
    }),
    declare({ status, content }),
  );
}

const PROBLEM_DESCRIPTIONS: Record<number, string> = {
  400: 'The request is not valid: errors[] names each field and what is wrong with it',
  401: 'No valid token',
  403: 'The caller lacks the permission the operation needs',
  404: 'The item does not exist',
  409: 'Conflicts with the current state (errors[].code says which)',
  422: 'Not allowed for this item now: errors[] lists every reason with its rule',
  429: 'Too many attempts: wait the seconds the Retry-After header gives',
  503: 'This instance is stopping (OPS-1): try again, another instance answers',
};

/** Documents the problem responses (RFC 9457, API-3) an operation can answer. */
export function ApiProblems(...statuses: number[]) {
  const schema = openApiSchema(problemSchema, 'output');
  return applyDecorators(
    ...statuses.map((status) =>
      ApiResponse({
        status,
        description: PROBLEM_DESCRIPTIONS[status] ?? 'Problem details',
        content: { 'application/problem+json': { schema: schema as never } },
      }),
    ),
  );
}
