import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

async function waitFor(url: string, child: ChildProcess, log: string[]): Promise<void> {
  const until = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null)
      throw new Error(`the simulator stopped (exit ${child.exitCode}):\n${log.join('')}`);
    try {
      if ((await fetch(url)).status < 500) return;
    } catch {
      // not up yet
    }
    if (Date.now() > until) throw new Error(`the simulator did not come up at ${url}:\n${log.join('')}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Starts the built simulator (demo company, control API and console on) on a free port; stops it afterwards. */
export default async function globalSetup() {
  const port = await freePort();
  const log: string[] = [];
  const child = spawn(
    process.execPath,
    ['dist/cli.js', '--scenario', 'demo', '--port', String(port), '--control', '--log-size', '500'],
    { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  child.stdout?.on('data', (c) => log.push(String(c)));
  child.stderr?.on('data', (c) => log.push(String(c)));
  const url = `http://127.0.0.1:${port}`;
  await waitFor(`${url}/wsdls/GetJob.jws`, child, log);
  process.env.E2E_SIM_URL = url;
  return async () => {
    child.kill('SIGTERM');
    if (child.exitCode === null) await new Promise((r) => child.once('exit', r));
  };
}
