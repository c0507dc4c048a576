import {
  type CallHandler,
  type ExecutionContext,
  Injectable,
  type NestInterceptor,
  StreamableFile,
} from '@nestjs/common';
import type { Response } from 'express';
import { map, type Observable } from 'rxjs';
import type { z } from 'zod';
import { ProblemError, type ProblemItem } from './problem.js';
import { type DeclaredResponse, declaredResponses } from './zod.js';

/** The operationId the API document gives a handler (`@ApiOperation`). */
function operationIdOf(handler: object): string | undefined {
  return (Reflect.getMetadata('swagger/apiOperation', handler) as { operationId?: string } | undefined)
    ?.operationId;
}

/** Keys of `sent` that the schema's parse result dropped: fields the response schema does not declare. */
function undeclaredKeys(sent: unknown, parsed: unknown, path: string, out: ProblemItem[]): void {
  if (Array.isArray(sent) && Array.isArray(parsed)) {
    sent.forEach((v, i) => {
      undeclaredKeys(v, parsed[i], `${path}[${i}]`, out);
    });
    return;
  }
  if (sent === null || typeof sent !== 'object' || parsed === null || typeof parsed !== 'object') return;
  for (const [k, v] of Object.entries(sent)) {
    const at = path ? `${path}.${k}` : k;
    if (!(k in parsed)) {
      out.push({ field: at, code: 'undeclared-field', message: 'is sent but not in the response schema' });
    } else {
      undeclaredKeys(v, (parsed as Record<string, unknown>)[k], at, out);
    }
  }
}

const issuePath = (path: readonly PropertyKey[]) =>
  path.reduce<string>(
    (s, p) => (typeof p === 'number' ? `${s}[${p}]` : s ? `${s}.${String(p)}` : String(p)),
    '',
  );

/**
 * Checks one 2xx answer against the responses the operation declares (`@ZodResponse`): its status must be declared,
 * and its body (as it goes on the wire, i.e. after JSON serialisation) must match the declared schema of its content
 * type, with no field missing or of another type and no field the schema does not declare. Returns the mismatches.
 */
export function responseMismatches(
  declared: readonly DeclaredResponse[],
  status: number,
  contentType: string | undefined,
  body: unknown,
): ProblemItem[] {
  const response = declared.find((d) => d.status === status);
  if (!response) {
    const known = declared.map((d) => d.status).join(', ') || 'none';
    return [{ code: 'undeclared-status', message: `answered ${status}; declared statuses: ${known}` }];
  }
  const types = Object.keys(response.content);
  if (types.length === 0) {
    return body === undefined || body === null || body === ''
      ? []
      : [{ code: 'unexpected-body', message: `answered ${status} with a body where none is declared` }];
  }
  const type = (contentType ?? 'application/json').split(';')[0]?.trim() ?? 'application/json';
  const schema: z.ZodType | undefined =
    response.content[type] ?? (contentType ? undefined : response.content['application/json']);
  if (!schema) {
    return [
      {
        code: 'undeclared-content-type',
        message: `answered ${type}; declared content types: ${types.join(', ')}`,
      },
    ];
  }
  const wire = typeof body === 'string' || body === undefined ? body : JSON.parse(JSON.stringify(body));
  const r = schema.safeParse(wire);
  if (!r.success) {
    return r.error.issues.map((i) => ({
      field: issuePath(i.path) || '(body)',
      code: i.code.replace(/_/g, '-'),
      message: i.message,
    }));
  }
  const out: ProblemItem[] = [];
  undeclaredKeys(wire, r.data, '', out);
  return out;
}

/**
 * Test-mode conformance check of the API document: every 2xx answer is validated against the zod schema its
 * operation declares with `@ZodResponse`; a mismatch fails the request with a 500 problem naming the operation and
 * each difference, so the integration suite doubles as a conformance test of the documented responses. Installed by
 * `createApp` only when NODE_ENV is `test`.
 */
@Injectable()
export class ResponseConformanceInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const handler = context.getHandler();
    const declared = declaredResponses(handler);
    const operation = operationIdOf(handler) ?? `${context.getClass().name}.${handler.name}`;
    const res = context.switchToHttp().getResponse<Response>();
    return next.handle().pipe(
      map((body: unknown) => {
        const status = res.statusCode;
        if (status < 200 || status > 299 || body instanceof StreamableFile) return body;
        // a handler that writes the response itself (a server-sent event stream) is checked by its own tests
        if (res.headersSent && body === undefined) return body;
        const header = res.getHeader('content-type');
        const mismatches = responseMismatches(
          declared,
          status,
          typeof header === 'string' ? header : undefined,
          body,
        );
        if (mismatches.length > 0) {
          const detail = `${operation} answered ${status} with a response that does not match its declared response schema: ${mismatches
            .map((m) => `${m.field ? `${m.field}: ` : ''}${m.message}`)
            .join('; ')}`;
          // The 500 body says it too, but a test asserting a status would only show the status.
          process.stderr.write(`${detail}\n`);
          throw new ProblemError(500, 'response-schema-mismatch', detail, mismatches);
        }
        return body;
      }),
    );
  }
}
