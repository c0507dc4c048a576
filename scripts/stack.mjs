// Starting the simulator and the service as child processes, and the demo set-up (connection, settings, first
// syncs) through the API's operations. Used by the demo (scripts/demo.mjs) and development mode (scripts/dev.mjs).
import { spawn } from 'node:child_process';

export const DEMO_USERS = `  demo users   (in the web app, or with curl: "Authorization: Bearer <token>")
    demo-admin     admin                          demo-admin-token
    demo-approver  standard + push to accounting  demo-approver-token
    demo-pm        standard                       demo-pm-token
    demo-viewer    read only                      demo-viewer-token`;

/** A fixed key for local demo and development databases only: their secrets are the simulator's demo credentials. */
export const DEMO_KEY = 'de'.repeat(32);
const ADMIN = 'demo-admin-token';

/** Child processes that stop together: when one exits on its own, the others are stopped too. */
export function processGroup(root) {
  const children = [];
  let stopping = false;
  const stop = (code = 0) => {
    stopping = true;
    for (const c of children) c.kill('SIGTERM');
    setTimeout(() => process.exit(code), 500).unref();
  };
  process.on('SIGINT', () => stop(0));
  process.on('SIGTERM', () => stop(0));

  /** Starts `command args` (node by default); `echo` passes its output through, else the last lines are kept. */
  const start = (name, args, env, { command = process.execPath, echo = false, cwd = root } = {}) => {
    const child = spawn(command, args, {
      cwd,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(child);
    const lines = [];
    const keep = (chunk) => {
      if (echo) for (const line of String(chunk).split('\n')) if (line.trim()) console.log(`[${name}] ${line}`);
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
  };
  return { start, stop };
}

/** Resolves once `url` answers below 500. */
export async function waitFor(url, what, timeoutMs = 60_000) {
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

/** Calls API operations by operationId (API-1), resolving method and path from the service's OpenAPI document. */
export function operationCaller(service) {
  let operations;
  return async function call(operationId, { params = {}, body, token = ADMIN, ok = [200, 201, 202] } = {}) {
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
  };
}

/** Connects the service to the simulator's demo company, sets the demo settings and runs every sync group once. */
export async function prepareDemo(service, simUrl) {
  const call = operationCaller(service);
  await call('updateConnectionSettings', {
    body: { serviceUrl: simUrl, companyCode: 'ABC', authMode: 'basic', servicePassword: 'BRIDGEDEMO' },
  });
  const status = await call('testConnection');
  console.log(`  connection: ${status.status ?? status.connectionStatus}`);
  await call('updateVendorTypeFilter', { body: { types: ['SUB', 'SUPPL', 'SVC', 'EQUIP'] } });
  await call('updateGeneralSettings', {
    body: {
      // the values of the Spectrum template job 99-TPL of the demo company
      templateJob: { jobNumber: '99-TPL', division: '1', costCenter: 'NOR', customerCode: 'C100', taxable: false, priceMethodCode: 'F' },
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
}
