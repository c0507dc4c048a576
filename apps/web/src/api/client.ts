import createClient from 'openapi-fetch';
import type { paths } from './schema';

/**
 * Writes made with the session cookie must carry this header (the service's CSRF defence); the app sends it on
 * every request.
 */
export const CSRF_HEADER = 'x-bridge-csrf';

/** The typed API client: same origin, the session cookie, the CSRF header. The only code that calls `fetch`. */
export const api = createClient<paths>({
  baseUrl: '',
  credentials: 'same-origin',
  headers: { [CSRF_HEADER]: '1' },
});

/** One entry of a problem's `errors[]`. */
export interface ProblemItem {
  field?: string;
  rule?: string;
  code: string;
  message: string;
}

/** RFC 9457 problem details, the one error shape of the API. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  errors: ProblemItem[];
}

/** A refused or failed API call, with the problem the service answered (or one made up for a network failure). */
export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail || problem.title);
    this.name = 'ApiError';
  }
  get status(): number {
    return this.problem.status;
  }
  /** The messages of each named field, for a form's `validationErrors` (fields as the API names them). */
  byField(): Record<string, string[]> {
    const out: Record<string, string[]> = {};
    for (const e of this.problem.errors) if (e.field) out[e.field] = [...(out[e.field] ?? []), e.message];
    return out;
  }

  /** The messages of the errors that name `field` (e.g. `lines.1.costCode`). */
  forField(field: string): string[] {
    return this.problem.errors.filter((e) => e.field === field).map((e) => e.message);
  }
}

const asProblem = (error: unknown, response: Response): Problem => {
  const e = (error ?? {}) as Partial<Problem>;
  return {
    type: e.type ?? 'about:blank',
    title: e.title ?? response.statusText ?? 'Error',
    status: e.status ?? response.status,
    detail: e.detail ?? `The service answered ${response.status}.`,
    errors: Array.isArray(e.errors) ? e.errors : [],
  };
};

/** Unwraps an openapi-fetch result: the data, or an `ApiError` carrying the service's problem details. */
export async function call<T>(
  request: Promise<{ data?: T; error?: unknown; response: Response }>,
): Promise<T> {
  let result: { data?: T; error?: unknown; response: Response };
  try {
    result = await request;
  } catch (e) {
    throw new ApiError({
      type: 'about:blank',
      title: 'The service cannot be reached',
      status: 0,
      detail: e instanceof Error ? e.message : String(e),
      errors: [],
    });
  }
  if (result.error !== undefined || !result.response.ok)
    throw new ApiError(asProblem(result.error, result.response));
  return result.data as T;
}
