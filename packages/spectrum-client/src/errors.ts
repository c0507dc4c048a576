/**
 * Typed errors. Every error has a stable `kind`, a plain-English `message`, a `retryable` flag and, where
 * Spectrum supplied them, its `code`, `column` and `description`. No message ever carries the
 * Authorization ID, a client secret or a token (see `redact` in logger.ts).
 */

export type SpectrumErrorKind =
  | 'auth'
  | 'validation'
  | 'fault'
  | 'transport'
  | 'session-expired'
  | 'parse'
  | 'row-cap';

/** One error row Spectrum returned (`Error_Code`/`error_code`, description, column). */
export interface SpectrumProblem {
  code: string;
  description: string;
  column: string;
}

export interface SpectrumErrorDetails {
  service?: string;
  code?: string;
  column?: string;
  description?: string;
  cause?: unknown;
}

export abstract class SpectrumError extends Error {
  abstract readonly kind: SpectrumErrorKind;
  abstract readonly retryable: boolean;
  readonly service: string | undefined;
  readonly code: string | undefined;
  readonly column: string | undefined;
  readonly description: string | undefined;

  constructor(message: string, details: SpectrumErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = new.target.name;
    this.service = details.service;
    this.code = details.code;
    this.column = details.column;
    this.description = details.description;
  }
}

/** `A`/`E` rows ("not authorized"), HTTP 401/403, a refused OAuth client. Not retried. */
export class SpectrumAuthError extends SpectrumError {
  readonly kind = 'auth' as const;
  readonly retryable = false;
  readonly status: number | undefined;
  constructor(message: string, details: SpectrumErrorDetails & { status?: number } = {}) {
    super(message, details);
    this.status = details.status;
  }
}

/** `I`/`M` rows: a value the user has to fix. Never retried. `problems` lists every row. */
export class SpectrumValidationError extends SpectrumError {
  readonly kind = 'validation' as const;
  readonly retryable = false;
  readonly problems: SpectrumProblem[];
  constructor(message: string, problems: SpectrumProblem[], details: SpectrumErrorDetails = {}) {
    const first = problems[0];
    super(message, {
      ...details,
      ...(first ? { code: first.code, column: first.column, description: first.description } : {}),
    });
    this.problems = problems;
  }
}

/** A SOAP fault. `SOAP-ENV:Server` faults are retryable, `Client` faults (e.g. unknown service) are not. */
export class SpectrumFaultError extends SpectrumError {
  readonly kind = 'fault' as const;
  readonly retryable: boolean;
  readonly faultCode: string;
  readonly faultString: string;
  constructor(faultCode: string, faultString: string, details: SpectrumErrorDetails = {}) {
    super(`Spectrum answered with a SOAP fault (${faultCode}): ${faultString}`, {
      ...details,
      code: faultCode,
      description: faultString,
    });
    this.faultCode = faultCode;
    this.faultString = faultString;
    this.retryable = /(^|:)Server$/i.test(faultCode);
  }
}

/** Network failure, timeout, HTTP 5xx/429 or another unexpected HTTP status. */
export class SpectrumTransportError extends SpectrumError {
  readonly kind = 'transport' as const;
  readonly retryable: boolean;
  readonly status: number | undefined;
  readonly timedOut: boolean;
  constructor(
    message: string,
    details: SpectrumErrorDetails & { status?: number; timedOut?: boolean; retryable?: boolean } = {},
  ) {
    super(message, details);
    this.status = details.status;
    this.timedOut = details.timedOut ?? false;
    this.retryable = details.retryable ?? true;
  }
}

/**
 * The call was never sent: the admission gate (the service's Spectrum call limit) gave it no slot in time or could
 * not decide. Safe to send again, writes included, because Spectrum never saw it.
 */
export class SpectrumCallLimitError extends SpectrumTransportError {
  readonly notSent = true as const;
  constructor(message: string, details: SpectrumErrorDetails = {}) {
    super(message, { ...details, retryable: true });
  }
}

/** The session GUID timed out ("Time out has occurred"). The client switches GUID and retries once. */
export class SpectrumSessionExpired extends SpectrumError {
  readonly kind = 'session-expired' as const;
  readonly retryable = true;
}

/** The reply could not be read or a row failed validation (missing field, bad number or date). */
export class SpectrumParseError extends SpectrumError {
  readonly kind = 'parse' as const;
  readonly retryable = false;
  readonly field: string | undefined;
  readonly rowIndex: number | undefined;
  constructor(message: string, details: SpectrumErrorDetails & { field?: string; rowIndex?: number } = {}) {
    super(message, details);
    this.field = details.field;
    this.rowIndex = details.rowIndex;
  }
}

/** A Get slice still hit the 500-row cap after every available narrowing. */
export class SpectrumRowCapError extends SpectrumError {
  readonly kind = 'row-cap' as const;
  readonly retryable = false;
  readonly filter: Record<string, string>;
  constructor(message: string, filter: Record<string, string>, details: SpectrumErrorDetails = {}) {
    super(message, details);
    this.filter = filter;
  }
}

export function isSpectrumError(value: unknown): value is SpectrumError {
  return value instanceof SpectrumError;
}
