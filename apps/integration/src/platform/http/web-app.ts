import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import type { Logger } from 'pino';
import serveStatic from 'serve-static';

const here = path.dirname(fileURLToPath(import.meta.url));
/** apps/web/dist, from both src/platform/http (tests) and dist/platform/http (built service). */
const DEFAULT_DIR = path.resolve(here, '../../../../web/dist');

/** Paths the web app never answers: the API, its document and the health check answer for themselves. */
export const isServicePath = (p: string) => p === '/api' || p.startsWith('/api/') || p === '/health';

/**
 * Serves the built web app (apps/web) at `/` from the same origin as the API: its hashed assets with a long cache
 * life, and `index.html` for every other GET that asks for HTML (the app's own routes, e.g. `/queue?state=failed`).
 * `/api/*` and `/health` are never answered here. Returns whether an app was found.
 */
export function serveWebApp(
  app: NestExpressApplication,
  setting: string | undefined,
  logger: Logger,
): boolean {
  if (setting === 'none') return false;
  const dir = path.resolve(setting ?? DEFAULT_DIR);
  const index = path.join(dir, 'index.html');
  if (!existsSync(index)) {
    logger.info(
      { dir },
      'no built web app found: the service answers the API only (build apps/web to serve it)',
    );
    return false;
  }
  const assets = serveStatic(dir, {
    index: false,
    setHeaders: (res, file) => {
      const hashed = file.startsWith(path.join(dir, 'assets') + path.sep);
      res.setHeader('Cache-Control', hashed ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  // the API's requests never look for a file (a stat of the disk on every call, ≈ 4 % of a list's CPU)
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (isServicePath(req.path)) next();
    else assets(req, res, next);
  });
  app.use((req: Request, res: Response, next: NextFunction) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || isServicePath(req.path) || !req.accepts('html')) {
      next();
      return;
    }
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
  return true;
}
