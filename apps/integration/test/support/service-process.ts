import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { TEST_KEY } from './app.js';
import { ROOT } from './dist.js';

/** The built service, as a deployment runs it. */
export const MAIN = join(ROOT, 'dist', 'main.js');

/** Polls `fn` until it gives a value (not undefined/false), at most `ms`; no fixed sleep decides an outcome. */
export async function until<T>(
  what: string,
  fn: () => Promise<T | undefined | false>,
  ms = 15_000,
): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

export interface ServiceProcess {
  child: ChildProcess;
  /** The URL once the service logs that it listens. */
  url: Promise<string>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>;
  output(): string;
  /** The JSON log lines written so far. */
  lines(): Record<string, unknown>[];
}

/**
 * Starts `node dist/main.js` on `databaseUrl` (port 0, production mode) with `env` added; `args` runs another entry
 * (development mode's runner).
 */
export function startServiceProcess(
  databaseUrl: string,
  env: Record<string, string> = {},
  args: string[] = [MAIN],
): ServiceProcess {
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      PATH: process.env.PATH,
      NODE_ENV: 'production',
      DATABASE_URL: databaseUrl,
      ENCRYPTION_KEY: TEST_KEY,
      HOST: '127.0.0.1',
      PORT: '0',
      LOG_LEVEL: 'info',
      SCHEDULER_ENABLED: 'false',
      WORKER_ENABLED: 'true',
      WEB_DIST_DIR: 'none',
      ...env,
    },
  });
  let out = '';
  child.stdout?.setEncoding('utf8');
  child.stderr?.setEncoding('utf8');
  const url = new Promise<string>((resolve, reject) => {
    child.stdout?.on('data', (chunk: string) => {
      out += chunk;
      const m = /"url":"(http:\/\/[^"]+)".*Spectrum Bridge is listening/.exec(out);
      if (m?.[1]) resolve(m[1]);
    });
    child.stderr?.on('data', (chunk: string) => {
      out += chunk;
    });
    child.once('exit', (code) => reject(new Error(`the service exited (${code}): ${out}`)));
  });
  url.catch(() => undefined);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal, at: Date.now() })),
  );
  const lines = () =>
    out
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => {
        try {
          return JSON.parse(l) as Record<string, unknown>;
        } catch {
          return {};
        }
      });
  return { child, url, exited, output: () => out, lines };
}
