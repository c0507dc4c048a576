import { type Server, STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import helmet from 'helmet';
import { ProblemError } from './problem.js';

/** Answers a problem (API-3) outside the Nest exception layer. */
export function sendProblem(req: Request, res: Response, problem: ProblemError): void {
  res.status(problem.httpStatus).type('application/problem+json').json(problem.toProblem(req.originalUrl));
}

/**
 * Security headers on every response (helmet). The content security policy lets the service serve a same-origin
 * single-page app built by Vite (scripts, styles, images, fonts and API calls from its own origin only, no inline
 * script, no framing, no plugins) and the API reference page at /api/docs, whose page loads its own script and
 * stylesheet from the same origin. See docs/decisions.md "Hardening the HTTP edge".
 */
export function securityHeaders(): RequestHandler {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        'default-src': ["'self'"],
        'base-uri': ["'self'"],
        'connect-src': ["'self'"],
        'font-src': ["'self'", 'data:'],
        'form-action': ["'self'"],
        'frame-ancestors': ["'none'"],
        'img-src': ["'self'", 'data:'],
        'object-src': ["'none'"],
        'script-src': ["'self'"],
        'script-src-attr': ["'none'"],
        // The API reference page (swagger-ui) sets inline styles from its own script; styles cannot run code.
        'style-src': ["'self'", "'unsafe-inline'"],
        'upgrade-insecure-requests': null,
      },
    },
    // Same-origin SPA and API: nothing here is meant to be embedded or read by other origins.
    crossOriginResourcePolicy: { policy: 'same-origin' },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
    // TLS is terminated in front of the service by the customer's proxy; HSTS is that proxy's to send.
    strictTransportSecurity: false,
  });
}

const JSON_TYPE = /^application\/json$/i;

function hasBody(req: Request): boolean {
  if (req.headers['transfer-encoding'] !== undefined) return true;
  const length = Number(req.headers['content-length'] ?? 0);
  return Number.isFinite(length) && length > 0;
}

/**
 * INPUT-2: a request body is JSON sent as `application/json` (any charset parameter must say UTF-8); any other body is
 * answered 415 before it is read.
 */
export function jsonBodiesOnly(): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    if (!hasBody(req)) return next();
    const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim() ?? '';
    if (JSON_TYPE.test(type)) return next();
    const message = type
      ? `The request body is ${type}; send it as application/json.`
      : 'The request body has no Content-Type; send it as application/json.';
    sendProblem(
      req,
      res,
      new ProblemError(415, 'unsupported-media-type', message, [
        { field: 'Content-Type', rule: 'INPUT-2', code: 'unsupported-media-type', message },
      ]),
    );
  };
}

/**
 * INPUT-3: what no route serves is a 404 problem, for every method and path (`/api/v2/…` included). Mounted after
 * every route. The single-page app, when the service serves one, owns only GET and HEAD of paths outside `/api/` and
 * `/health` (its client-side routes); everything else still ends here.
 */
export function notFoundProblem(): RequestHandler {
  return (req: Request, res: Response) => {
    const path = req.path.length > 200 ? `${req.path.slice(0, 200)}…` : req.path;
    const message = `Nothing is served at ${req.method} ${path}.`;
    sendProblem(req, res, new ProblemError(404, 'not-found', message, [{ code: 'not-found', message }]));
  };
}

/**
 * Requests Node's HTTP parser refuses before any route sees them (a request line or headers over 16 KB, a malformed
 * request) are answered with a problem too, instead of a bare status line (INPUT-3).
 */
export function answerClientErrors(server: Server): void {
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Duplex) => {
    if (err.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    const status =
      err.code === 'HPE_HEADER_OVERFLOW' ? 431 : err.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
    const message =
      status === 431
        ? 'The request line and headers are larger than 16 KB; send long values in a JSON body.'
        : status === 408
          ? 'The request did not arrive in time.'
          : 'The request is not valid HTTP/1.1.';
    const code =
      status === 431 ? 'headers-too-large' : status === 408 ? 'request-timeout' : 'malformed-request';
    const body = JSON.stringify(
      new ProblemError(status, code, message, [{ rule: 'INPUT-2', code, message }]).toProblem(),
    );
    socket.end(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n` +
        'Content-Type: application/problem+json; charset=utf-8\r\n' +
        `Content-Length: ${Buffer.byteLength(body)}\r\n` +
        "Content-Security-Policy: default-src 'none'; frame-ancestors 'none'\r\n" +
        'X-Content-Type-Options: nosniff\r\n' +
        'Connection: close\r\n\r\n' +
        body,
    );
  });
}

/**
 * While the instance stops (OPS-1), every response carries `Connection: close`: a keep-alive client opens its next
 * connection elsewhere (to a ready instance) instead of reusing one that is about to close.
 */
export function closeWhileStopping(state: { readonly stopping: boolean }): RequestHandler {
  return (_req: Request, res: Response, next: NextFunction) => {
    if (state.stopping) res.setHeader('Connection', 'close');
    next();
  };
}
