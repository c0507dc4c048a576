import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, bearer, startTestApp, type TestApp } from './support/app.js';
import { seedVolume, type Volume } from './support/volume.js';

let t: TestApp;
let v: Volume;
let statements = 0;
let seen: string[] | null = null;

beforeAll(async () => {
  t = await startTestApp({
    onStatement: (sql) => {
      // what the page reads: not the request's snapshot nor its token's user (kept per snapshot, API-9)
      if (/pg_current_snapshot|FROM "public"\."ApiToken"/.test(sql)) return;
      statements++;
      seen?.push(sql);
    },
  });
  const admin = await t.prisma.user.findFirstOrThrow({ where: { name: 'demo-admin' } });
  v = await seedVolume(t.prisma, admin.id, {
    projects: 20,
    companies: 60,
    commitments: 400,
    linesPerCommitment: 3,
    exportRequests: 600,
    staged: 120,
    auditEvents: 120,
    syncRuns: 60,
    primeContracts: 20,
  });
  await t.prisma.user.createMany({
    data: Array.from({ length: 10 }, (_, i) => ({ name: `user ${i}`, email: `user${i}@example.com` })),
  });
  await t.prisma.budgetChange.createMany({
    data: Array.from({ length: 60 }, (_, i) => ({
      projectId: v.projectId,
      number: `EXTRA-${i}`,
      title: 'Extra',
    })),
  });
}, 120_000);
afterAll(async () => {
  await t?.close();
});

/** Every list operation of the API, with a filter where the list needs one. */
const LISTS = (): [string, string][] => [
  ['listExportRequests', '/api/v1/export-requests'],
  ['listExportRequests by state', '/api/v1/export-requests?state=synced'],
  ['listCommitments', '/api/v1/commitments'],
  ['listCommitments by project', `/api/v1/commitments?projectId=${v.projectId}`],
  ['listCommitments by state', '/api/v1/commitments?state=synced'],
  ['listProjects', '/api/v1/projects'],
  ['listProjects by state', '/api/v1/projects?state=synced'],
  ['listCompanies', '/api/v1/companies'],
  ['listImportables of jobs', '/api/v1/importables?type=job'],
  ['listImportables of staged vendors', '/api/v1/importables?type=vendor&state=ready_to_import'],
  ['listPrimeContracts', '/api/v1/prime-contracts'],
  ['listBudgetChanges', `/api/v1/projects/${v.projectId}/budget-changes`],
  ['listCostCodes', `/api/v1/cost-codes?listId=${v.costCodeListId}`],
  ['listSyncRuns', '/api/v1/sync/runs'],
  ['listAuditEvents', '/api/v1/audit-events'],
  ['listUsers', '/api/v1/users'],
];

async function counted(path: string, limit: number) {
  const s0 = statements;
  const res = await request(t.http)
    .get(`${path}${path.includes('?') ? '&' : '?'}limit=${limit}`)
    .set(bearer(ADMIN))
    // the page computed, not an answer kept from an earlier read (platform/http/read-cache.ts)
    .set('Cache-Control', 'no-cache');
  expect(res.status, `${path}: ${JSON.stringify(res.body).slice(0, 300)}`).toBe(200);
  return { statements: statements - s0, items: (res.body.items as unknown[]).length };
}

describe('API-8: a list page costs the same number of SQL statements whatever its size (no N+1)', () => {
  it('API-8: each list answers 5 rows and 50 rows with the same statement count', async () => {
    const found: string[] = [];
    for (const [name, path] of LISTS()) {
      // a few rows (a page of mixed importables holds both jobs and vendors) against many
      const few = await counted(path, 5);
      const many = await counted(path, 50);
      expect(few.items, name).toBeGreaterThanOrEqual(Math.min(5, many.items));
      // more rows than the small page, so that a statement per row would show
      expect(many.items, name).toBeGreaterThan(5);
      if (few.statements !== many.statements)
        found.push(
          `${name}: ${few.statements} statements for ${few.items} rows, ${many.statements} for ${many.items}`,
        );
    }
    expect(found).toEqual([]);
  });

  it('API-8: the importables of every type together: a page reads what each kind of row needs once, not per row', async () => {
    // a page of jobs only reads job records; one that also holds vendors reads vendor records too (once): the
    // difference is bounded by the kinds of rows, not by their number
    const few = await counted('/api/v1/importables', 5);
    const many = await counted('/api/v1/importables', 50);
    expect(many.items).toBe(50);
    expect(many.statements - few.statements).toBeLessThanOrEqual(2);
    const all = await counted('/api/v1/importables', 200);
    expect(all.items).toBeGreaterThan(150);
    expect(all.statements - many.statements).toBeLessThanOrEqual(2);
  });

  it("API-8: a commitments page reads the links it needs (its items', their companies' and projects', own or imported) in one statement", async () => {
    seen = [];
    const res = await request(t.http)
      .get('/api/v1/commitments?limit=50')
      .set(bearer(ADMIN))
      .set('Cache-Control', 'no-cache');
    const sql = seen;
    seen = null;
    expect(res.status).toBe(200);
    expect(res.body.items.length).toBe(50);
    // commitment, company, vendor, project and job links together; the change orders' links need the change orders
    // the first round read, so they are a second statement (one per link read before: six)
    expect(sql.filter((s) => /FROM "public"\."SyncLink"/.test(s))).toHaveLength(2);
  });
});
