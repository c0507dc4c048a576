import type { Request } from 'express';
import { ProblemError } from '../platform/http/problem.js';
import { CSRF_HEADER } from './sessions.service.js';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/** A write authenticated by the session cookie must carry the web app's CSRF header (see CSRF_HEADER). */
export function assertCsrfHeader(req: Request): void {
  if (SAFE.has(req.method)) return;
  if (req.headers[CSRF_HEADER] === '1') return;
  throw new ProblemError(
    403,
    'csrf-header-missing',
    `Writes signed in with the session cookie must send the "${CSRF_HEADER}: 1" header.`,
    [{ code: 'csrf-header-missing', message: `The "${CSRF_HEADER}" header is missing.` }],
  );
}
