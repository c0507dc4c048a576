// bench:web — what a person waits for in the web app, against the real stack (simulator + service):
//   1. the initial JavaScript of the built app, gzip (target ≤ 250 KB);
//   2. with 10,000 requests waiting in the queue, navigation → first rows shown (target ≤ 1 s);
//   3. accept → Synced shown in the browser for 10-line commitments (target p95 ≤ 1.5 s).
// Database: PostgreSQL when BENCH_DATABASE_URL or TEST_DATABASE_URL names a server (a scratch database, dropped
// afterwards), else the embedded database. Options: BENCH_ACCEPTS (default 20), BENCH_WAITING (default 10000).
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from '@playwright/test';

const root = path.resolve(import.meta.dirname, '..');
const repo = path.resolve(root, '../..');
const integration = path.join(repo, 'apps/integration/dist');
const WAITING = Number(process.env.BENCH_WAITING ?? 10_000);
const ACCEPTS = Number(process.env.BENCH_ACCEPTS ?? 20);
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium-headless-shell';

const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};
const ms = (x) => `${Math.round(x)} ms`;

// 1. bundle
const html = readFileSync(path.join(root, 'dist/index.html'), 'utf8');
const assets = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.js)"/g)].map((m) => m[1]);
const gz = assets.reduce((sum, a) => sum + gzipSync(readFileSync(path.join(root, 'dist', a))).length, 0);
console.log(
  `initial JavaScript: ${(gz / 1024).toFixed(1)} KB gzip in ${assets.length} file(s) (target ≤ 250 KB)`,
);

async function freePort() {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

function start(args, env) {
  const child = spawn(process.execPath, args, {
    cwd: repo,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const log = [];
  child.stdout.on('data', (c) => log.push(String(c)));
  child.stderr.on('data', (c) => log.push(String(c)));
  return { child, log };
}

async function waitFor(url, proc) {
  for (let i = 0; i < 600; i++) {
    if (proc.child.exitCode !== null) throw new Error(`stopped:\n${proc.log.join('')}`);
    try {
      if ((await fetch(url)).status < 500) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${url} did not come up`);
}

const serverUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
const { createThrowawayDatabase } = await import(path.join(integration, 'platform/db/adapters.js'));
const { connectDatabase } = await import(path.join(integration, 'platform/db/prisma.service.js'));
const dataDir = mkdtempSync(path.join(tmpdir(), 'bridge-bench-web-'));
const scratch = serverUrl ? await createThrowawayDatabase(serverUrl, 'bench_web') : null;
const databaseUrl = scratch?.url ?? `pglite://${dataDir}`;
console.log(`database: ${scratch ? 'PostgreSQL (scratch database)' : 'embedded (PGlite)'}`);

// 2a. seed the waiting requests directly (the queue's read path is what is measured, not 10,000 sends)
{
  const db = await connectDatabase(databaseUrl, { migrate: true });
  const t0 = Date.now();
  for (let i = 0; i < WAITING; i += 1000) {
    await db.prisma.exportRequest.createMany({
      data: Array.from({ length: Math.min(1000, WAITING - i) }, (_, k) => ({
        type: 'commitment',
        itemId: `bench-${i + k}`,
        sentById: 'bench-sender',
        payload: {
          item: { number: `SC-B${i + k}`, title: 'Bench commitment', lines: [] },
          linkType: 'commitment',
          previousLinkState: null,
        },
      })),
    });
  }
  console.log(`seeded ${WAITING} waiting export requests in ${Date.now() - t0} ms`);
  await db.close();
}

const [simPort, port] = [await freePort(), await freePort()];
const sim = start(
  ['simulators/spectrum/dist/cli.js', '--scenario', 'demo', '--port', String(simPort), '--control'],
  {},
);
const simUrl = `http://127.0.0.1:${simPort}`;
await waitFor(`${simUrl}/wsdls/GetJob.jws`, sim);
const service = start(
  ['--max-semi-space-size=32', '--heap-growing-percent=75', 'apps/integration/dist/main.js'],
  {
    NODE_ENV: 'development',
    PORT: String(port),
    DATABASE_URL: databaseUrl,
    ENCRYPTION_KEY: 'be'.repeat(32),
    DEMO_MODE: 'true',
    LOG_LEVEL: 'warn',
    WEB_DIST_DIR: path.join(root, 'dist'),
  },
);
const base = `http://127.0.0.1:${port}`;
let browser;
try {
  await waitFor(`${base}/health`, service);
  const call = async (method, p, body, token = 'demo-admin-token') => {
    const r = await fetch(`${base}/api/v1${p}`, {
      method,
      headers: { Authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await r.text();
    if (!r.ok) throw new Error(`${method} ${p}: ${r.status} ${text}`);
    return text ? JSON.parse(text) : null;
  };
  await call('PATCH', '/settings/connection', {
    serviceUrl: simUrl,
    companyCode: 'ABC',
    authMode: 'basic',
    servicePassword: 'BRIDGEDEMO',
  });
  await call('POST', '/settings/connection/test');
  await call('PUT', '/settings/vendor-type-filter', { types: ['SUB', 'SUPPL', 'SVC', 'EQUIP'] });
  for (const group of ['cost_codes', 'vendors', 'jobs']) {
    const run = await call('POST', '/sync/runs', { group });
    while ((await call('GET', `/sync/runs/${run.id}`)).status === 'running')
      await new Promise((r) => setTimeout(r, 100));
  }
  const staged = async (type, key) => {
    for (let cursor = null; ; ) {
      const page = await call(
        'GET',
        `/importables?type=${type}&limit=200${cursor ? `&cursor=${cursor}` : ''}`,
      );
      const hit = page.items.find((i) => i.spectrumKey === key);
      if (hit) return hit;
      cursor = page.nextCursor;
      if (!cursor) throw new Error(`no ${type} ${key}`);
    }
  };
  const project = await call('POST', `/importables/${(await staged('job', '24-101')).id}/import-job`, {});
  const company = await call(
    'POST',
    `/importables/${(await staged('vendor', 'BAYPLB')).id}/import-vendor`,
    {},
  );
  const codes = (await call('GET', `/cost-codes?projectId=${project.pmId}&limit=500`)).items
    .filter((c) => c.costTypes.some((t) => t.costType === 'S' && t.syncedWithSpectrum))
    .slice(0, 10)
    .map((c) => c.code);
  if (codes.length < 10) throw new Error(`job 24-101 has only ${codes.length} S cost codes`);
  const requestIds = [];
  for (let i = 0; i < ACCEPTS; i++) {
    const c = await call(
      'POST',
      '/commitments',
      {
        projectId: project.pmId,
        companyId: company.pmId,
        kind: 'subcontract',
        number: `SC-W${i}`,
        title: 'Bench subcontract',
        status: 'approved',
        lines: codes.map((code, n) => ({ costCode: code, costType: 'S', amountCents: 10_000 + n })),
      },
      'demo-pm-token',
    );
    requestIds.push(
      (await call('POST', '/exports/send', { type: 'commitment', id: c.id }, 'demo-pm-token')).id,
    );
  }

  browser = await chromium.launch({
    executablePath,
    args: [
      '--no-sandbox',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-component-update',
    ],
  });
  const context = await browser.newContext({ baseURL: base });
  const signedIn = await context.request.post('/api/v1/session', { data: { demoUser: 'demo-approver' } });
  if (!signedIn.ok()) throw new Error(`sign-in: ${signedIn.status()}`);
  const page = await context.newPage();

  // 2b. first rows of a queue with WAITING + ACCEPTS requests waiting
  const firstRows = [];
  for (let i = 0; i < 6; i++) {
    const t0 = performance.now();
    await page.goto('/queue?state=ready_to_export');
    await page.locator('table.data tbody tr').first().waitFor();
    if (i > 0) firstRows.push(performance.now() - t0); // the first navigation warms the caches
  }
  console.log(
    `queue with ${WAITING + ACCEPTS} waiting: navigation → first rows p50 ${ms(pct(firstRows, 50))}, max ${ms(Math.max(...firstRows))} (target ≤ 1 s)`,
  );

  // 3. accept → Synced for 10-line commitments
  const accepts = [];
  for (const id of requestIds) {
    await page.goto(`/queue/${id}`);
    await page.getByRole('button', { name: 'Accept' }).first().click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Spectrum ID').waitFor();
    await page.waitForFunction(
      () => (document.querySelector('[role=dialog] input[name=spectrumId]')?.value ?? '') !== '',
    );
    const t0 = performance.now();
    await dialog.getByRole('button', { name: 'Accept and export' }).click();
    await page.getByRole('definition').getByText('Synced', { exact: true }).waitFor({ timeout: 30_000 });
    accepts.push(performance.now() - t0);
  }
  console.log(
    `accept → Synced shown (10 lines, ${accepts.length} commitments): p50 ${ms(pct(accepts, 50))}, p95 ${ms(pct(accepts, 95))}, max ${ms(Math.max(...accepts))} (target p95 ≤ 1.5 s)`,
  );
} finally {
  await browser?.close();
  for (const p of [service, sim]) p.child.kill('SIGTERM');
  await Promise.all(
    [service, sim].map((p) =>
      p.child.exitCode === null ? new Promise((r) => p.child.once('exit', r)) : null,
    ),
  );
  await scratch?.drop();
  rmSync(dataDir, { recursive: true, force: true });
}
