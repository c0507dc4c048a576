import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { Logger } from 'pino';
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
      const status = exception.getStatus();
      const body = exception.getResponse();
      const message =
        typeof body === 'string'
          ? body
          : String((body as { message?: unknown }).message ?? exception.message);
      const code = status === 404 ? 'not-found' : status === 413 ? 'payload-too-large' : 'http-error';
      problem = new ProblemError(status, code, message, [{ code, message }]);
    } else if (exception instanceof SyntaxError && 'body' in (exception as object)) {
      problem = new ProblemError(400, 'invalid-json', 'The request body is not valid JSON.', [
        { code: 'invalid-json', message: 'The request body is not valid JSON.' },
      ]);
    } else {
      this.logger.error({ err: exception, path: req.path }, 'unexpected error');
      problem = new ProblemError(500, 'internal', 'Something went wrong on our side; it was logged.', [
        { code: 'internal', message: 'Something went wrong on our side; it was logged.' },
      ]);
    }
    res.status(problem.httpStatus).type('application/problem+json').json(problem.toProblem(req.originalUrl));
  }
}
