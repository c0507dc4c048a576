// The demo: a Spectrum simulator with the demo company (ABC) and the Spectrum Bridge service on an embedded
// database, connected to it, with every sync group run once. Prints the URLs and the demo users.
// Started by scripts/demo.sh (which builds first). Ctrl-C stops both processes.
//
// Options (env): DEMO_PORT (service, default 3000), DEMO_SIM_PORT (simulator, default 8482),
// DEMO_DATA (database directory, default .data/demo), DEMO_EXIT=1 (stop after the demo is ready: a smoke test).
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { DEMO_KEY, DEMO_USERS, prepareDemo, processGroup, waitFor } from './stack.mjs';

const root = path.resolve(import.meta.dirname, '..');
const servicePort = Number(process.env.DEMO_PORT ?? 3000);
const simPort = Number(process.env.DEMO_SIM_PORT ?? 8482);
const dataDir = path.resolve(root, process.env.DEMO_DATA ?? '.data/demo');
const { start, stop } = processGroup(root);
const service = `http://127.0.0.1:${servicePort}`;

async function main() {
  mkdirSync(dataDir, { recursive: true });
  console.log('› starting the Spectrum simulator (demo company ABC)…');
  start('simulator', ['simulators/spectrum/dist/cli.js', '--scenario', 'demo', '--port', String(simPort), '--control'], {});
  const simUrl = `http://127.0.0.1:${simPort}`;
  await waitFor(`${simUrl}/wsdls/GetJob.jws`, 'the simulator');

  console.log('› starting Spectrum Bridge on the embedded database…');
  // the service's V8 memory flags (apps/integration/src/platform/runtime/memory-policy.ts)
  start('service', ['--max-semi-space-size=32', '--heap-growing-percent=75', 'apps/integration/dist/main.js'], {
    NODE_ENV: 'development',
    PORT: String(servicePort),
    DATABASE_URL: `pglite://${dataDir}`,
    ENCRYPTION_KEY: DEMO_KEY,
    DEMO_MODE: 'true',
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
    SPECTRUM_URL: simUrl,
    SPECTRUM_COMPANY_CODE: 'ABC',
  });
  await waitFor(`${service}/health`, 'the service', 120_000);

  console.log('› connecting to the simulator and syncing…');
  await prepareDemo(service, simUrl);

  console.log(`
Spectrum Bridge demo is ready.
  web app      ${service}/   (sign in as one of the demo users below with one click)
  service      ${service}
  API docs     ${service}/api/docs   (OpenAPI: ${service}/api/openapi.json)
  simulator    ${simUrl}   (console: ${simUrl}/__sim/)
  mail         ${service}/admin/mail   (as demo-admin: the mail the service sent, caught in its own process)
${DEMO_USERS}
  try: curl -H 'Authorization: Bearer demo-pm-token' '${service}/api/v1/importables?type=job'
Ctrl-C stops the demo. Its database stays in ${path.relative(root, dataDir)}/ (delete it to start over).`);
  if (process.env.DEMO_EXIT === '1') stop(0);
}

main().catch((err) => {
  console.error(`demo failed: ${err.message}`);
  stop(1);
});
