import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

export const baseUrl = () => process.env.E2E_BASE_URL as string;
export const simUrl = () => process.env.E2E_SIM_URL as string;

export const TOKENS = {
  admin: 'demo-admin-token',
  approver: 'demo-approver-token',
  pm: 'demo-pm-token',
  viewer: 'demo-viewer-token',
} as const;

/** An API call for a test's set-up or check (the screens under test never use this). */
export async function api<T = unknown>(
  token: keyof typeof TOKENS,
  method: string,
  path: string,
  body?: unknown,
): Promise<T> {
  const res = await fetch(`${baseUrl()}/api/v1${path}`, {
    method,
    headers: {
      Authorization: `Bearer ${TOKENS[token]}`,
      ...(body ? { 'Content-Type': 'application/json' } : {}),
    },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
  return (text ? JSON.parse(text) : null) as T;
}

/** The simulator's control API (the Spectrum side, as a tester sees it). */
export async function sim<T = unknown>(method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${simUrl()}/__sim${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
  return (text ? JSON.parse(text) : null) as T;
}

export const rowsOf = <T>(r: unknown): T[] => (Array.isArray(r) ? r : ((r as { rows?: T[] }).rows ?? []));

/** Signs in through the sign-in page as one of the demo users, with the keyboard. */
export async function signInAs(page: Page, user: 'demo-admin' | 'demo-approver' | 'demo-pm' | 'demo-viewer') {
  await page.goto(`${baseUrl()}/sign-in`);
  await page.getByRole('button', { name: new RegExp(`^Sign in as ${user}\\b`) }).press('Enter');
  await expect(page.getByText(`Signed in as ${user}`)).toBeVisible();
}

/** axe (WCAG 2.1 A and AA) finds nothing on the page as it is now. */
export async function expectAccessible(page: Page) {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  expect(
    results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
  ).toEqual([]);
}

interface SyncRun {
  id: string;
  status: string;
}

/** Runs one sync group now and waits for it to end. */
export async function syncGroup(group: string) {
  const run = await api<SyncRun>('admin', 'POST', '/sync/runs', { group });
  for (let i = 0; i < 600; i++) {
    const r = await api<SyncRun>('admin', 'GET', `/sync/runs/${run.id}`);
    if (r.status !== 'running') return;
    await new Promise((res) => setTimeout(res, 100));
  }
  throw new Error(`sync ${group} did not finish`);
}

/**
 * The service connected to the simulator with its settings and the three groups synced (what the admin spec does
 * through the screens; later specs need it whether or not that one ran first).
 */
export async function ensureConnectedAndSynced() {
  const c = await api<{ connectionStatus: string }>('admin', 'GET', '/settings/connection');
  if (c.connectionStatus !== 'connected') {
    await api('admin', 'PATCH', '/settings/connection', {
      serviceUrl: simUrl(),
      companyCode: 'ABC',
      authMode: 'basic',
      servicePassword: 'BRIDGEDEMO',
    });
    await api('admin', 'POST', '/settings/connection/test');
  }
  await api('admin', 'PUT', '/settings/vendor-type-filter', { types: ['SUB', 'SUPPL', 'SVC', 'EQUIP'] });
  await api('admin', 'PATCH', '/settings/general', {
    templateJob: {
      jobNumber: '99-TPL',
      division: '1',
      costCenter: 'NOR',
      customerCode: 'C100',
      taxable: false,
      priceMethodCode: 'F',
    },
  });
  const runs = await api<{ items: { group: string; status: string }[] }>(
    'admin',
    'GET',
    '/sync/runs?limit=50',
  );
  for (const group of ['cost_codes', 'vendors', 'jobs']) {
    if (!runs.items.some((r) => r.group === group && r.status === 'succeeded')) await syncGroup(group);
  }
}

interface Importable {
  id: string;
  spectrumKey: string;
  state: string;
  pmId: string | null;
}

/** The PM record made from a staged Spectrum job or vendor, importing it first when needed. */
export async function imported(type: 'job' | 'vendor', key: string): Promise<string> {
  let cursor: string | null = null;
  do {
    const page: { items: Importable[]; nextCursor: string | null } = await api(
      'admin',
      'GET',
      `/importables?type=${type}&limit=200${cursor ? `&cursor=${cursor}` : ''}`,
    );
    const hit = page.items.find((i) => i.spectrumKey === key);
    if (hit) {
      if (hit.pmId) return hit.pmId;
      const r = await api<{ pmId: string }>(
        'admin',
        'POST',
        `/importables/${hit.id}/${type === 'job' ? 'import-job' : 'import-vendor'}`,
        {},
      );
      return r.pmId;
    }
    cursor = page.nextCursor;
  } while (cursor);
  throw new Error(`no staged ${type} ${key}`);
}

/** With SCREENSHOTS=1 (`./scripts/pnpm.sh --filter @bridge/web screenshots`), keeps a picture for docs/screenshots/. */
export async function snap(page: Page, name: string) {
  if (process.env.SCREENSHOTS !== '1') return;
  await page.screenshot({ path: new URL(`../../../docs/screenshots/${name}.png`, import.meta.url).pathname });
}

/**
 * A PM's approved subcontract on an imported job for an imported vendor, sent to the ERP: it waits for an approver.
 * Returns the commitment's id.
 */
export async function sentCommitment(
  job: string,
  vendor: string,
  commitment: {
    number: string;
    title: string;
    lines: { costCode: string; costType: string; description?: string; amountCents: number }[];
  },
): Promise<string> {
  await ensureConnectedAndSynced();
  const [projectId, companyId] = [await imported('job', job), await imported('vendor', vendor)];
  const c = await api<{ id: string }>('pm', 'POST', '/commitments', {
    projectId,
    companyId,
    kind: 'subcontract',
    status: 'approved',
    ...commitment,
  });
  await api('pm', 'POST', '/exports/send', { type: 'commitment', id: c.id });
  return c.id;
}

interface RequestRow {
  id: string;
  itemId: string;
  state: string;
  lastError: string | null;
}

/** Accepts the waiting export request of an item through the API and waits for it to end Synced. */
export async function acceptedAndSynced(type: string, itemId: string, body: Record<string, unknown> = {}) {
  const page = await api<{ items: RequestRow[] }>(
    'approver',
    'GET',
    `/export-requests?type=${type}&state=ready_to_export&limit=500`,
  );
  const request = page.items.find((r) => r.itemId === itemId);
  if (!request) throw new Error(`no waiting ${type} request for ${itemId}`);
  await api('approver', 'POST', `/export-requests/${request.id}/accept`, body);
  for (let i = 0; i < 600; i++) {
    const r = await api<RequestRow>('approver', 'GET', `/export-requests/${request.id}`);
    if (r.state === 'synced') return;
    if (r.state === 'failed') throw new Error(`${type} ${itemId} failed: ${r.lastError}`);
    await new Promise((res) => setTimeout(res, 100));
  }
  throw new Error(`${type} ${itemId} did not reach Synced`);
}

/** The waiting export request of an item, if any (what the approver's queue holds for it). */
export async function waitingRequest(type: string, itemId: string) {
  const page = await api<{ items: RequestRow[] }>(
    'approver',
    'GET',
    `/export-requests?type=${type}&state=ready_to_export&limit=500`,
  );
  return page.items.find((r) => r.itemId === itemId) ?? null;
}
