import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../../..');

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

async function waitFor(url: string, what: string, child: ChildProcess, log: string[]): Promise<void> {
  const until = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null)
      throw new Error(`${what} stopped (exit ${child.exitCode}):\n${log.slice(-30).join('')}`);
    try {
      const r = await fetch(url);
      if (r.status < 500) return;
    } catch {
      // not up yet
    }
    if (Date.now() > until) throw new Error(`${what} did not come up at ${url}:\n${log.slice(-30).join('')}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

function start(what: string, args: string[], env: Record<string, string>) {
  const log: string[] = [];
  const child = spawn(process.execPath, args, {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (c) => log.push(String(c)));
  child.stderr?.on('data', (c) => log.push(String(c)));
  return { child, log, what };
}

/** Starts the simulator (demo company ABC) and the service on a fresh embedded database; stops both afterwards. */
export default async function globalSetup() {
  const [simPort, servicePort] = [await freePort(), await freePort()];
  const dataDir = mkdtempSync(path.join(tmpdir(), 'bridge-e2e-'));
  const sim = start(
    'the simulator',
    ['simulators/spectrum/dist/cli.js', '--scenario', 'demo', '--port', String(simPort), '--control'],
    {},
  );
  const simUrl = `http://127.0.0.1:${simPort}`;
  await waitFor(`${simUrl}/wsdls/GetJob.jws`, sim.what, sim.child, sim.log);
  const service = start(
    'the service',
    ['--max-semi-space-size=32', '--heap-growing-percent=75', 'apps/integration/dist/main.js'],
    {
      NODE_ENV: 'development',
      PORT: String(servicePort),
      DATABASE_URL: `pglite://${dataDir}`,
      ENCRYPTION_KEY: 'e2'.repeat(32),
      DEMO_MODE: 'true',
      LOG_LEVEL: 'warn',
      WEB_DIST_DIR: path.join(root, 'apps/web/dist'),
    },
  );
  const baseUrl = `http://127.0.0.1:${servicePort}`;
  await waitFor(`${baseUrl}/health`, service.what, service.child, service.log);
  process.env.E2E_BASE_URL = baseUrl;
  process.env.E2E_SIM_URL = simUrl;
  return async () => {
    for (const p of [service, sim]) p.child.kill('SIGTERM');
    await Promise.all(
      [service, sim].map((p) =>
        p.child.exitCode === null ? new Promise((r) => p.child.once('exit', r)) : null,
      ),
    );
    rmSync(dataDir, { recursive: true, force: true });
  };
}
