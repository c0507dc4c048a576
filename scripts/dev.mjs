// Development mode: the simulator and the service run from their TypeScript sources (the packages they import are
// read from source through the `source` export condition) and pick up a saved change: the simulator restarts (tsx
// watch), the service starts its application again in the same process, evaluating only what the change touched
// (scripts/dev-service.mjs); the web app runs on Vite's dev server with hot reload, its API calls proxied to the
// service.
// Started by `./scripts/pnpm.sh dev`. Ctrl-C stops everything. The first start connects the service to the
// simulator and runs the first syncs, as the demo does; the database stays in .data/dev/ between starts.
//
// Options (env): DEV_PORT (service, default 3000), DEV_SIM_PORT (simulator, default 8482),
// DEV_WEB_PORT (web app, default 5173), DEV_DATA (database directory, default .data/dev), DEV_EXIT=1 (stop once
// everything answered: a smoke test).
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { DEMO_KEY, DEMO_USERS, operationCaller, prepareDemo, processGroup, waitFor } from './stack.mjs';

const root = path.resolve(import.meta.dirname, '..');
const servicePort = Number(process.env.DEV_PORT ?? 3000);
const simPort = Number(process.env.DEV_SIM_PORT ?? 8482);
const webPort = Number(process.env.DEV_WEB_PORT ?? 5173);
const dataDir = path.resolve(root, process.env.DEV_DATA ?? '.data/dev');
const tsx = path.join(root, 'node_modules', '.bin', 'tsx');
const { start, stop } = processGroup(root);
const service = `http://127.0.0.1:${servicePort}`;
const simUrl = `http://127.0.0.1:${simPort}`;
// every @bridge/* package is read from its TypeScript source, so a change to the rules or the client is picked up too
const fromSource = { NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --conditions=source`.trim() };

async function main() {
  mkdirSync(dataDir, { recursive: true });
  console.log('› simulator (watching its sources)…');
  start(
    'simulator',
    [
      'watch',
      '--clear-screen=false',
      'src/cli.ts',
      '--scenario',
      'demo',
      '--port',
      String(simPort),
      '--control',
    ],
    fromSource,
    { command: tsx, cwd: path.join(root, 'simulators/spectrum') },
  );
  await waitFor(`${simUrl}/wsdls/GetJob.jws`, 'the simulator');

  console.log('› service (watching its sources and the packages it uses)…');
  // the service's V8 memory flags (apps/integration/src/platform/runtime/memory-policy.ts), as node arguments: Node
  // refuses --heap-growing-percent in NODE_OPTIONS
  const memoryFlags = ['--max-semi-space-size=32', '--heap-growing-percent=75'];
  // scripts/dev-service.mjs keeps one process and the database up, and evaluates again only what a saved change
  // touched (Vite's module runner): a change is live in well under 2 s (bench:dev)
  start(
    'service',
    [...memoryFlags, path.join(root, 'scripts/dev-service.mjs')],
    {
      ...fromSource,
      NODE_ENV: 'development',
      PORT: String(servicePort),
      DATABASE_URL: `pglite://${dataDir}`,
      ENCRYPTION_KEY: DEMO_KEY,
      DEMO_MODE: 'true',
      LOG_LEVEL: process.env.LOG_LEVEL ?? 'info',
      WEB_DIST_DIR: 'none', // the web app comes from Vite's dev server
    },
    { cwd: path.join(root, 'apps/integration'), echo: true },
  );
  await waitFor(`${service}/health`, 'the service', 120_000);
  console.log('service ready');

  const connection = await operationCaller(service)('getConnectionSettings');
  if (connection.connectionStatus !== 'connected') {
    console.log('› first start: connecting to the simulator and syncing…');
    await prepareDemo(service, simUrl);
  }

  console.log('› web app (Vite, hot reload)…');
  start(
    'web',
    ['--port', String(webPort), '--strictPort', '--host', '127.0.0.1'],
    { BRIDGE_API_URL: service },
    { command: path.join(root, 'apps/web/node_modules/.bin/vite'), cwd: path.join(root, 'apps/web') },
  );
  await waitFor(`http://127.0.0.1:${webPort}/`, 'the web app');

  console.log(`
Spectrum Bridge is running in development mode (sources are watched).
  web app      http://127.0.0.1:${webPort}/   (hot reload; API calls go to the service)
  service      ${service}   (restarts when a file of apps/integration/src or a package it uses changes)
  API docs     ${service}/api/docs
  simulator    ${simUrl}   (restarts on change; its data starts over from the demo scenario)
${DEMO_USERS}
Ctrl-C stops everything. The database stays in ${path.relative(root, dataDir)}/ (delete it to start over).`);
  if (process.env.DEV_EXIT === '1') stop(0);
}

main().catch((err) => {
  console.error(`development mode failed: ${err.message}`);
  stop(1);
});
