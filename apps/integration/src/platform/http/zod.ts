import { type ArgumentMetadata, applyDecorators, type PipeTransform, UsePipes } from '@nestjs/common';
import { ApiBody, ApiQuery } from '@nestjs/swagger';
import { z } from 'zod';
import { badRequest } from './problem.js';

/** JSON Schema (OpenAPI 3.1 flavour) of a zod schema, for the API document. */
export function openApiSchema(schema: z.ZodType): Record<string, unknown> {
  const json = z.toJSONSchema(schema, {
    target: 'openapi-3.0',
    unrepresentable: 'any',
    io: 'input',
  }) as Record<string, unknown>;
  delete json.$schema;
  return json;
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
  return applyDecorators(...params, UsePipes(new ZodPipe(schema, 'query')));
}
