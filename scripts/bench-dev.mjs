// How long a saved change takes to be live in development mode: starts `scripts/dev.mjs` on scratch ports and
// data, then saves a change to a service source file and to a package the service uses (a comment appended, then
// removed) and measures the time until the service listens again. Prints one line per change.
// Run: ./scripts/pnpm.sh bench:dev
import { spawn } from 'node:child_process';
import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';

const root = path.resolve(import.meta.dirname, '..');
const data = mkdtempSync(path.join(tmpdir(), 'bridge-dev-bench-'));
const dev = spawn(process.execPath, ['scripts/dev.mjs'], {
  cwd: root,
  env: { ...process.env, DEV_PORT: '3911', DEV_SIM_PORT: '8911', DEV_WEB_PORT: '5911', DEV_DATA: data },
  stdio: ['ignore', 'pipe', 'inherit'],
});
let listening = 0;
let ready = false;
const waiters = [];
createInterface({ input: dev.stdout }).on('line', (line) => {
  if (line.includes('Spectrum Bridge is listening')) listening++;
  if (line.includes('is running in development mode')) ready = true;
  for (const w of waiters.splice(0)) w();
});
const until = (cond, what, ms = 180_000) =>
  new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), ms);
    const check = () => {
      if (cond()) {
        clearTimeout(timer);
        resolve();
      } else waiters.push(check);
    };
    check();
  });

async function change(file) {
  const full = path.join(root, file);
  const before = readFileSync(full, 'utf8');
  const seen = listening;
  const t0 = performance.now();
  appendFileSync(full, '\n// bench:dev\n');
  try {
    await until(() => listening > seen, `the service to restart after ${file} changed`);
    return performance.now() - t0;
  } finally {
    writeFileSync(full, before);
    const again = listening;
    await until(() => listening > again, 'the service to restart after the change was undone');
  }
}

try {
  await until(() => ready, 'development mode to be ready', 600_000);
  for (const file of ['apps/integration/src/health/health.controller.ts', 'packages/rules/src/index.ts']) {
    const times = [];
    for (let i = 0; i < 3; i++) times.push(await change(file));
    console.log(
      `saved change to ${file} → service listening again: ${times.map((t) => `${(t / 1000).toFixed(2)} s`).join(', ')}`,
    );
  }
} finally {
  dev.kill('SIGTERM');
  setTimeout(() => rmSync(data, { recursive: true, force: true }), 1000);
}
