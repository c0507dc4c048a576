import type { Reason } from '@bridge/rules';
import { HttpException } from '@nestjs/common';

/** One entry of a problem's `errors[]` (API-3). */
export interface ProblemItem {
  field?: string;
  rule?: string;
  code: string;
  message: string;
}

/** RFC 9457 problem details, the one error shape of the API (API-3). */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  errors: ProblemItem[];
}

const TITLES: Record<number, string> = {
  400: 'Bad request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not found',
  405: 'Method not allowed',
  408: 'Request timeout',
  409: 'Conflict',
  413: 'Payload too large',
  415: 'Unsupported media type',
  422: 'Unprocessable content',
  429: 'Too many requests',
  431: 'Request header fields too large',
  500: 'Internal server error',
  502: 'Bad gateway',
  503: 'Service unavailable',
};

export class ProblemError extends HttpException {
  constructor(
    readonly httpStatus: number,
    readonly slug: string,
    readonly detail: string,
    readonly errors: ProblemItem[] = [],
  ) {
    super(detail, httpStatus);
  }

  toProblem(instance?: string): ProblemDetails {
    return {
      type: `https://spectrum-bridge.dev/problems/${this.slug}`,
      title: TITLES[this.httpStatus] ?? 'Error',
      status: this.httpStatus,
      detail: this.detail,
      ...(instance ? { instance } : {}),
      errors: this.errors,
    };
  }
}

const fromReasons = (reasons: readonly Reason[]): ProblemItem[] =>
  reasons.map((r) => ({
    ...(r.field ? { field: r.field } : {}),
    rule: r.rule,
    code: r.code,
    message: r.message,
  }));

/** 422 with every reason of a failed eligibility check (API-3). */
export function unprocessable(detail: string, reasons: readonly Reason[]): ProblemError {
  return new ProblemError(422, 'not-eligible', detail, fromReasons(reasons));
}

/** 403 naming the missing permission (PERM-6). */
export function forbidden(reasons: readonly Reason[]): ProblemError {
  return new ProblemError(403, 'forbidden', reasons.map((r) => r.message).join(' '), fromReasons(reasons));
}

export function notFound(what: string, id: string): ProblemError {
  return new ProblemError(404, 'not-found', `${what} ${id} does not exist.`, [
    { code: 'not-found', message: `${what} ${id} does not exist.` },
  ]);
}

export function conflict(code: string, message: string, field?: string): ProblemError {
  return new ProblemError(409, 'conflict', message, [{ code, message, ...(field ? { field } : {}) }]);
}

export function badRequest(items: ProblemItem[], detail = 'The request is not valid.'): ProblemError {
  return new ProblemError(400, 'invalid-request', detail, items);
}
