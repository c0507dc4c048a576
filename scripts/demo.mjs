// The demo: a Spectrum simulator with the demo company (ABC) and the Spectrum Bridge service on an embedded
// database, connected to it, with every sync group run once. Prints the URLs and the demo users.
// Started by scripts/demo.sh (which builds first). Ctrl-C stops both processes.
//
// Options (env): DEMO_PORT (service, default 3000), DEMO_SIM_PORT (simulator, default 8482),
// DEMO_DATA (database directory, default .data/demo), DEMO_EXIT=1 (stop after the demo is ready: a smoke test).
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const servicePort = Number(process.env.DEMO_PORT ?? 3000);
const simPort = Number(process.env.DEMO_SIM_PORT ?? 8482);
const dataDir = path.resolve(root, process.env.DEMO_DATA ?? '.data/demo');
// A fixed key for the demo database only: the demo's secrets are the simulator's published demo credentials.
const DEMO_KEY = 'de'.repeat(32);
const ADMIN = 'demo-admin-token';

const children = [];
function start(name, args, env) {
  const child = spawn(process.execPath, args, { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  const lines = [];
  const keep = (chunk) => {
    for (const line of String(chunk).split('\n')) if (line.trim()) lines.push(line);
    if (lines.length > 200) lines.splice(0, lines.length - 200);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  child.on('exit', (code) => {
    if (!stopping) {
      console.error(`\n${name} stopped (exit ${code}). Last output:\n${lines.slice(-30).join('\n')}`);
      stop(1);
    }
  });
  return { child, lines };
}

let stopping = false;
function stop(code = 0) {
  stopping = true;
  for (const c of children) c.kill('SIGTERM');
  setTimeout(() => process.exit(code), 500).unref();
}
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));

async function waitFor(url, what, timeoutMs = 60_000) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    try {
      const r = await fetch(url);
      if (r.status < 500) return r;
    } catch {
      // not up yet
    }
    if (Date.now() > until) throw new Error(`${what} did not come up at ${url}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

const service = `http://127.0.0.1:${servicePort}`;
let operations;
/** Calls an API operation by its operationId (API-1), resolving method and path from the OpenAPI document. */
async function call(operationId, { params = {}, body, token = ADMIN, ok = [200, 201, 202] } = {}) {
  if (!operations) {
    const doc = await (await fetch(`${service}/api/openapi.json`)).json();
    operations = new Map();
    for (const [p, methods] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(methods)) operations.set(op.operationId, { method, path: p });
    }
  }
  const op = operations.get(operationId);
  if (!op) throw new Error(`the service has no operation ${operationId}`);
  const url = service + op.path.replace(/\{(\w+)\}/g, (_, k) => encodeURIComponent(params[k]));
  const res = await fetch(url, {
    method: op.method.toUpperCase(),
    headers: { Authorization: `Bearer ${token}`, ...(body ? { 'Content-Type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  const json = text ? JSON.parse(text) : null;
  if (!ok.includes(res.status)) throw new Error(`${operationId} answered ${res.status}: ${text}`);
  return json;
}

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
  await call('updateConnectionSettings', {
    body: { serviceUrl: simUrl, companyCode: 'ABC', authMode: 'basic', servicePassword: 'BRIDGEDEMO' },
  });
  const status = await call('testConnection');
  console.log(`  connection: ${status.status ?? status.connectionStatus}`);
  await call('updateVendorTypeFilter', { body: { types: ['SUB', 'SUPPL', 'SVC', 'EQUIP'] } });
  await call('updateGeneralSettings', {
    body: {
      templateJob: { jobNumber: '99-TPL', division: '1', costCenter: 'ADM', customerCode: 'OWNER1', taxable: false, priceMethodCode: 'F' },
    },
  });
  for (const group of ['cost_codes', 'vendors', 'jobs']) {
    const run = await call('startSync', { body: { group }, ok: [200, 201, 202, 409] });
    const id = run.id ?? run.runId;
    for (let i = 0; id && i < 600; i++) {
      const r = await call('getSyncRun', { params: { id } });
      if (r.status !== 'running') {
        const c = r.counts ?? r;
        console.log(`  ${group}: ${r.status} (read ${c.read}, created ${c.created}, updated ${c.updated}, unchanged ${c.unchanged})`);
        break;
      }
      await new Promise((res) => setTimeout(res, 250));
    }
  }

  console.log(`
Spectrum Bridge demo is ready.
  web app      ${service}/   (sign in as one of the demo users below with one click)
  service      ${service}
  API docs     ${service}/api/docs   (OpenAPI: ${service}/api/openapi.json)
  simulator    ${simUrl}   (console: ${simUrl}/__sim/)
  demo users   (in the web app, or with curl: "Authorization: Bearer <token>")
    demo-admin     admin                          demo-admin-token
    demo-approver  standard + push to accounting  demo-approver-token
    demo-pm        standard                       demo-pm-token
    demo-viewer    read only                      demo-viewer-token
  try: curl -H 'Authorization: Bearer demo-pm-token' '${service}/api/v1/importables?type=job'
Ctrl-C stops the demo. Its database stays in ${path.relative(root, dataDir)}/ (delete it to start over).`);
  if (process.env.DEMO_EXIT === '1') stop(0);
}

main().catch((err) => {
  console.error(`demo failed: ${err.message}`);
  stop(1);
});
