import { type Action, type Actor, authorizeLevel } from '@bridge/rules';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashToken } from '../src/auth/tokens.js';
import { ADMIN, APPROVER, PM, startTestApp, type TestApp, VIEWER } from './support/app.js';

// Reasons that only a service can give (they depend on the item, not on the user's level alone).
const CONTEXT_CODES = new Set([
  'not-the-sender',
  'requires-prime-contracts-admin',
  'permission-from-template',
  'directory-admin-level-fixed',
]);
const NO_ACCESS = 'none-level-token';
const ID = '00000000-0000-7000-8000-000000000000';

/**
 * What each operation needs (PERM-1 … PERM-5): reads `view`; PM-side writes `pm.edit`; settings, schedule, vendor type
 * filter and the permissions table `admin` (PERM-3); budget (re-)import `standard` (PERM-4); accept/reject/retry/unlink
 * the approver privilege (PERM-2); prime contract re-import `admin` + the tool level (PERM-5).
 */
const EXPECTED: Record<string, Action> = {
  acceptExportRequest: 'accept',
  acceptExportRequests: 'accept',
  addBudgetLine: 'pm.edit',
  addProjectCostCode: 'pm.edit',
  removeProjectCostCode: 'pm.edit',
  createBudgetChange: 'pm.edit',
  createCommitmentChangeOrder: 'pm.edit',
  createCommitment: 'pm.edit',
  createCompany: 'pm.edit',
  createPrimeContractChangeOrder: 'pm.edit',
  createProject: 'pm.edit',
  createUser: 'permissions.update',
  deleteCommitmentChangeOrder: 'pm.edit',
  deleteCommitment: 'pm.edit',
  deletePrimeContractChangeOrder: 'pm.edit',
  getAccountantReport: 'report.view',
  getReconciliationReport: 'report.view',
  getBudgetChange: 'view',
  getBudget: 'view',
  getCommitmentChangeOrder: 'view',
  getCommitment: 'view',
  getCompany: 'view',
  getConnectionSettings: 'settings.view',
  getCurrentUser: 'view',
  getExportRequest: 'view',
  previewExport: 'view',
  verifyExportRequest: 'view',
  startVerificationRun: 'accept',
  listVerificationRuns: 'view',
  previewSync: 'sync.start',
  streamExportRequest: 'view',
  getGeneralSettings: 'settings.view',
  getImportable: 'view',
  getPermissionsTable: 'permissions.view',
  getPrimeContractChangeOrder: 'view',
  getPrimeContract: 'view',
  getProject: 'view',
  getSyncRun: 'view',
  streamSyncRun: 'view',
  getSyncSchedule: 'view',
  getVendorTypeFilter: 'settings.view',
  importBudget: 'budget.import',
  importJob: 'import',
  importPrimeContract: 'prime_contract.import',
  importVendor: 'import',
  linkVendor: 'link',
  listAuditEvents: 'settings.view',
  listCaughtMail: 'settings.view',
  getCaughtMail: 'settings.view',
  listBudgetChanges: 'view',
  listCommitments: 'view',
  listCompanies: 'view',
  listCostCodeLists: 'view',
  listCostCodes: 'view',
  listExportRequests: 'view',
  listImportables: 'view',
  listPrimeContracts: 'view',
  listProjects: 'view',
  listSyncRuns: 'view',
  listUsers: 'permissions.view',
  lockBudget: 'pm.edit',
  reimportBudget: 'budget.reimport',
  reimportPrimeContract: 'prime_contract.reimport',
  rejectExportRequest: 'reject',
  rejectExportRequests: 'reject',
  retrieveExportRequest: 'retrieve',
  retryExportRequest: 'retry',
  sendToErp: 'send',
  startSync: 'sync.start',
  testConnection: 'connection.test',
  diagnoseConnection: 'connection.test',
  unlink: 'unlink',
  unlockBudget: 'pm.edit',
  updateBudgetLine: 'pm.edit',
  updateCommitmentChangeOrder: 'pm.edit',
  updateCommitment: 'pm.edit',
  updateCompany: 'pm.edit',
  updateConnectionSettings: 'settings.update',
  updateGeneralSettings: 'settings.update',
  updatePrimeContractChangeOrder: 'pm.edit',
  updateProject: 'pm.edit',
  updateSyncSchedule: 'schedule.update',
  updateUserPermission: 'permissions.update',
  updateVendorTypeFilter: 'vendor_type_filter.update',
};

interface Operation {
  operationId: string;
  method: string;
  path: string;
  permission: Action | undefined;
}

describe('the whole permission matrix over HTTP (PERM-1 … PERM-6)', () => {
  let t: TestApp;
  let operations: Operation[];
  const actors: { token: string; actor: Actor }[] = [];

  beforeAll(async () => {
    t = await startTestApp();
    await t.prisma.user.create({
      data: {
        name: 'no-access',
        email: 'no-access@example.com',
        level: 'none',
        tokens: { create: { tokenHash: hashToken(NO_ACCESS), label: 'test' } },
      },
    });
    const users = await t.prisma.user.findMany();
    const byName = new Map(users.map((u) => [u.name, u]));
    for (const [name, token] of [
      ['no-access', NO_ACCESS],
      ['demo-viewer', VIEWER],
      ['demo-pm', PM],
      ['demo-approver', APPROVER],
      ['demo-admin', ADMIN],
    ] as const) {
      const u = byName.get(name)!;
      // the prime contracts tool level is the user's own: the gate names it too (PERM-5, PERM-6)
      actors.push({
        token,
        actor: {
          id: u.id,
          level: u.level,
          canPushToAccounting: u.canPushToAccounting,
          primeContractsLevel: u.primeContractsLevel,
        },
      });
    }
    const doc = (await request(t.http).get('/api/openapi.json').expect(200)).body as {
      paths: Record<string, Record<string, { operationId: string; 'x-required-permission'?: Action }>>;
    };
    operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, op]) => ({
        operationId: op.operationId,
        method,
        path,
        permission: op['x-required-permission'],
      })),
    );
  });
  afterAll(async () => {
    await t?.close();
  });

  it('API-1: every operation but health declares the permission it needs', () => {
    expect(operations.length).toBeGreaterThan(40);
    // health and the browser sign-in (WEB-1: there is no user yet when signing in)
    expect(
      operations
        .filter((o) => !o.permission)
        .map((o) => o.operationId)
        .sort(),
    ).toEqual(['getHealth', 'getLiveness', 'getReadiness', 'getSignInOptions', 'signIn', 'signOut']);
  });

  it('PERM-1 … PERM-5: every operation declares exactly the permission the matrix gives it', () => {
    const declared = Object.fromEntries(
      operations.filter((o) => o.permission).map((o) => [o.operationId, o.permission]),
    );
    expect(declared).toEqual(EXPECTED);
  });

  it('PERM-1 … PERM-5 / PERM-6: each user gets 403 naming the missing permission exactly where their level refuses', async () => {
    const mismatches: string[] = [];
    let refusals = 0;
    for (const op of operations) {
      if (!op.permission) continue;
      const url = op.path.replace(/\{[^}]+\}/g, ID);
      for (const { token, actor } of actors) {
        const expected = authorizeLevel(actor, op.permission);
        const res = await request(t.http)
          [op.method as 'get'](url)
          .set('Authorization', `Bearer ${token}`)
          .send(op.method === 'get' || op.method === 'delete' ? undefined : {});
        const codes: string[] = (res.body?.errors ?? []).map((e: { code: string }) => e.code);
        if (!expected.ok) {
          refusals++;
          const want = expected.reasons.map((r) => r.code);
          if (res.status !== 403 || JSON.stringify(codes) !== JSON.stringify(want)) {
            mismatches.push(
              `${op.operationId} as ${actor.level}${actor.canPushToAccounting ? '+approver' : ''}: ${res.status} ${codes} (want 403 ${want})`,
            );
          }
        } else if (res.status === 403 && !codes.every((c) => CONTEXT_CODES.has(c))) {
          mismatches.push(
            `${op.operationId} as ${actor.level}: refused with ${codes} although the level allows it`,
          );
        }
      }
    }
    expect(mismatches).toEqual([]);
    expect(refusals).toBeGreaterThan(50);
  });
});
