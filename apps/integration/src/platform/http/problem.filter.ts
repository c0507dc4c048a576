import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { Logger } from 'pino';
import { sendProblem } from './http-edges.js';
import { ProblemError } from './problem.js';

/** Every error leaves the API as problem details (API-3); unexpected ones are logged and answered as 500. */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  constructor(private readonly logger: Logger) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const res = ctx.getResponse<Response>();
    const req = ctx.getRequest<Request>();
    let problem: ProblemError;
    if (exception instanceof ProblemError) {
      problem = exception;
    } else if (exception instanceof HttpException) {
      problem = fromBodyParser(exception.cause) ?? fromHttpException(exception);
    } else if (exception instanceof SyntaxError && 'body' in (exception as object)) {
      problem = malformedJson(exception.message);
    } else {
      this.logger.error({ err: exception, path: req.path }, 'unexpected error');
      problem = new ProblemError(500, 'internal', 'Something went wrong on our side; it was logged.', [
        { code: 'internal', message: 'Something went wrong on our side; it was logged.' },
      ]);
    }
    sendProblem(req, res, problem);
  }
}

function fromHttpException(exception: HttpException): ProblemError {
  const status = exception.getStatus();
  const body = exception.getResponse();
  const message =
    typeof body === 'string' ? body : String((body as { message?: unknown }).message ?? exception.message);
  if (exception.cause instanceof URIError) {
    const text = 'The request path holds a malformed percent-encoding (%XX sequence).';
    return new ProblemError(400, 'invalid-path', text, [
      { field: 'path', rule: 'INPUT-1', code: 'invalid-path-encoding', message: text },
    ]);
  }
  const code = status === 404 ? 'not-found' : 'http-error';
  return new ProblemError(status, code, message, [{ code, message }]);
}

function malformedJson(reason: string): ProblemError {
  const message = `The request body is not valid JSON (${reason}). Send one JSON object, with double-quoted names and strings.`;
  return new ProblemError(400, 'malformed-json', message, [
    { field: 'body', rule: 'INPUT-2', code: 'malformed-json', message },
  ]);
}

const kilobytes = (n: number) => `${Math.round(n / 1024)} KB`;

/** INPUT-2: the errors of the JSON body reader (the `type` of its errors) as problems of their own. */
function fromBodyParser(cause: unknown): ProblemError | undefined {
  if (typeof cause !== 'object' || cause === null) return undefined;
  const e = cause as {
    type?: unknown;
    limit?: unknown;
    length?: unknown;
    message?: unknown;
    charset?: unknown;
  };
  switch (e.type) {
    case 'entity.parse.failed':
      return malformedJson(String(e.message ?? 'unexpected input'));
    case 'entity.too.large': {
      const limit = typeof e.limit === 'number' ? e.limit : undefined;
      const sent = typeof e.length === 'number' ? ` (${kilobytes(e.length)} sent)` : '';
      const message = `The request body is larger than the limit of ${limit ? kilobytes(limit) : 'the service'}${sent}.`;
      return new ProblemError(413, 'payload-too-large', message, [
        { field: 'body', rule: 'INPUT-2', code: 'payload-too-large', message },
      ]);
    }
    case 'charset.unsupported':
    case 'encoding.unsupported': {
      const message = `${String(e.message ?? 'The body encoding is not supported')}; send UTF-8 JSON, uncompressed or gzip/deflate/br.`;
      return new ProblemError(415, 'unsupported-media-type', message, [
        { field: 'Content-Type', rule: 'INPUT-2', code: 'unsupported-media-type', message },
      ]);
    }
    case 'request.aborted':
    case 'request.size.invalid': {
      const message = 'The request body did not arrive whole (its length differs from Content-Length).';
      return new ProblemError(400, 'incomplete-body', message, [
        { field: 'body', rule: 'INPUT-2', code: 'incomplete-body', message },
      ]);
    }
    default:
      return undefined;
  }
}
