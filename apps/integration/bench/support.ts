/** Helpers shared by the service benchmarks. */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadEnv } from '../dist/config/env.js';
import { createThrowawayDatabase } from '../dist/platform/db/adapters.js';
import { SERVICE_NODE_FLAGS } from '../dist/platform/runtime/memory-policy.js';

export const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);

/** The bench's encryption key for stored secrets (the benches' databases are thrown away). */
export const ENCRYPTION_KEY = '0'.repeat(64);

/**
 * A service's settings in a bench: production mode on `databaseUrl`, silent, no scheduler and no export worker
 * (a bench drives those itself) unless `overrides` say otherwise.
 */
export function benchEnv(
  databaseUrl: string | undefined,
  overrides: Record<string, string | undefined> = {},
) {
  return loadEnv({
    NODE_ENV: 'production',
    DATABASE_URL: databaseUrl,
    ENCRYPTION_KEY,
    LOG_LEVEL: 'silent',
    SCHEDULER_ENABLED: 'false',
    WORKER_ENABLED: 'false',
    ...overrides,
  });
}

/** Runs a Node script in a child process and answers what it printed on stdout, parsed as JSON. */
export function childJson<T>(
  script: string,
  args: readonly string[],
  nodeFlags: readonly string[] = [],
): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...nodeFlags, script, ...args], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout?.setEncoding('utf8');
    child.stdout?.on('data', (chunk: string) => {
      out += chunk;
    });
    child.once('exit', (code) =>
      code === 0 ? resolve(JSON.parse(out) as T) : reject(new Error(`${script} exited with ${code}`)),
    );
  });
}

/** The simulator CLI in a child process (its CPU and memory are not the service's) with a scenario. */
export function startSimulator(scenario: string): Promise<{ url: string; child: ChildProcess }> {
  // the package's entry point is dist/index.js; its CLI sits beside it
  const cli = join(dirname(fileURLToPath(import.meta.resolve('@bridge/spectrum-simulator'))), 'cli.js');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, '--port', '0', '--scenario', scenario, '--control'], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout?.setEncoding('utf8');
    child.stdout?.on('data', (chunk: string) => {
      out += chunk;
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m?.[1]) resolve({ url: m[1], child });
    });
    child.once('exit', (code) => reject(new Error(`simulator exited (${code}): ${out}`)));
  });
}

export function migrate(databaseUrl: string): Promise<void> {
  const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, 'migrate'], {
      stdio: ['ignore', 'ignore', 'inherit'],
      env: { ...process.env, DATABASE_URL: databaseUrl, ENCRYPTION_KEY, LOG_LEVEL: 'silent' },
    });
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`migrate exited with ${code}`))));
  });
}

/**
 * The database a benchmark runs on: BENCH_DATABASE_URL as is, else a scratch database on the PostgreSQL server of
 * TEST_DATABASE_URL (dropped afterwards), else an embedded database in `dir`.
 */
export async function benchDatabase(dir: string): Promise<{ url: string; drop(): Promise<void> }> {
  if (process.env.BENCH_DATABASE_URL) return { url: process.env.BENCH_DATABASE_URL, drop: async () => {} };
  if (process.env.TEST_DATABASE_URL)
    return createThrowawayDatabase(process.env.TEST_DATABASE_URL, 'bridge_bench');
  return { url: `pglite://${join(dir, 'db')}`, drop: async () => {} };
}

/** What the figures of a run mean for the database it ran on (the targets are stated for PostgreSQL). */
export function embeddedNote(databaseUrl: string): string {
  return databaseUrl.startsWith('pglite://')
    ? 'database: embedded (PGlite in this process, on its thread): the targets are stated for PostgreSQL, the production database; set TEST_DATABASE_URL=postgresql://… to measure it (docs/decisions.md)'
    : 'database: PostgreSQL (the production database the targets are stated for)';
}

/** The node flags of this run beside the service's memory policy (a run without them measures another process). */
export function describeNodeFlags(): string {
  const missing = SERVICE_NODE_FLAGS.filter((f) => !process.execArgv.includes(f));
  return `node ${process.version} ${process.execArgv.join(' ')}${
    missing.length ? ` (WARNING: without the service's ${missing.join(' ')})` : ''
  }`;
}

/** Resident memory of this process by mapping (/proc/self/smaps, Linux), largest first: where RSS outside the JS heap lives. */
export function topMappings(n = 6): string {
  let text = '';
  try {
    text = readFileSync('/proc/self/smaps', 'utf8');
  } catch {
    return '(no /proc/self/smaps)';
  }
  const maps: { name: string; rssKb: number }[] = [];
  let cur: { name: string; rssKb: number } | null = null;
  for (const line of text.split('\n')) {
    const head = /^([0-9a-f]+)-([0-9a-f]+) \S+ \S+ \S+ \S+\s*(.*)$/.exec(line);
    if (head) {
      cur = { name: head[3] || '[anon]', rssKb: 0 };
      maps.push(cur);
    } else if (cur && line.startsWith('Rss:')) cur.rssKb = Number(/\d+/.exec(line)?.[0]);
  }
  const byName = new Map<string, { rssKb: number; count: number }>();
  for (const m of maps) {
    const name = m.name.split('/').pop() ?? m.name;
    const g = byName.get(name) ?? { rssKb: 0, count: 0 };
    g.rssKb += m.rssKb;
    g.count++;
    byName.set(name, g);
  }
  return [...byName]
    .sort((a, b) => b[1].rssKb - a[1].rssKb)
    .slice(0, n)
    .map(([name, g]) => `${name} ${Math.round(g.rssKb / 1024)} MB in ${g.count}`)
    .join('; ');
}

/**
 * Runs `work` under this process's CPU profiler when BENCH_PROFILE names a folder, and writes the profile there as
 * `<name>.cpuprofile` (for Chrome's DevTools, or `node scripts/profile-top.mjs <file>`: where the time went).
 */
export async function profiled<T>(name: string, work: () => Promise<T>): Promise<T> {
  const folder = process.env.BENCH_PROFILE;
  if (!folder) return work();
  mkdirSync(folder, { recursive: true });
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  try {
    return await work();
  } finally {
    const { profile } = await session.post('Profiler.stop');
    writeFileSync(join(folder, `${name.replace(/[^\w.-]+/g, '_')}.cpuprofile`), JSON.stringify(profile));
    session.disconnect();
  }
}
