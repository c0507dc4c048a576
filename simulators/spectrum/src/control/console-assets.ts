import { existsSync, readFileSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { basename, extname, join } from 'node:path';
import { send } from '../server/http-helpers.js';
import type { SimulatorApp } from '../server/simulator-app.js';
import { ControlError } from './routing.js';

/** The built console (Vite output of `console/`), beside the compiled simulator. */
export const CONSOLE_DIR = join(import.meta.dirname, '..', '..', 'dist', 'console');

const CONTENT_TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.html': 'text/html; charset=utf-8',
};

/** `GET /__sim` (the console's page) and `GET /__sim/assets/<file>`; `parts` are the segments after `__sim`. */
export function serveConsole(app: SimulatorApp, res: ServerResponse, parts: string[]): void {
  const dir = app.options.consoleDir ?? CONSOLE_DIR;
  if (parts.length === 0) {
    const index = join(dir, 'index.html');
    if (!existsSync(index)) {
      send(
        res,
        503,
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Spectrum simulator</title></head><body><main><h1>Spectrum simulator</h1><p>The console is not built: run <code>bash scripts/pnpm.sh --filter @bridge/spectrum-simulator build</code>. The control API under <code>/__sim/</code> works without it.</p></main></body></html>',
        'text/html; charset=utf-8',
      );
      return;
    }
    send(res, 200, readFileSync(index), 'text/html; charset=utf-8', { 'Cache-Control': 'no-cache' });
    return;
  }
  const name = parts.slice(1).join('/');
  const file = join(dir, 'assets', basename(name));
  if (parts.length !== 2 || !/^[\w.-]+$/.test(name) || !existsSync(file)) {
    throw new ControlError(404, 'path', `unknown console asset ${name}`);
  }
  send(res, 200, readFileSync(file), CONTENT_TYPES[extname(file)] ?? 'application/octet-stream', {
    'Cache-Control': 'public, max-age=31536000, immutable',
  });
}
