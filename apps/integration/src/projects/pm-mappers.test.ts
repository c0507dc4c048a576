import { checkCommitmentExport, checkProjectExport, DEFAULT_GENERAL_SETTINGS } from '@bridge/rules';
import { describe, expect, it } from 'vitest';
import { budgetToDomain } from '../budgets/budgets.repository.js';
import { commitmentToDomain } from '../commitments/commitments.repository.js';
import { companyToDomain } from '../companies/companies.repository.js';
import type { LinkView } from '../links/links.repository.js';
import { projectToDomain } from './projects.repository.js';

const link = (over: Partial<LinkView>): LinkView => ({
  id: 'l1',
  type: 'project',
  pmId: 'p1',
  spectrumKey: null,
  state: 'synced',
  lastSyncedHash: null,
  lastSyncedValues: null,
  lastError: null,
  lastSyncedAt: null,
  ...over,
});

const project = {
  id: 'p1',
  name: 'Clinic',
  number: null,
  status: 'active',
  address1: null,
  address2: null,
  city: null,
  state: null,
  zip: null,
  phone: null,
  costCodeListId: 'list',
  isSubJob: false,
  budgetToolEnabled: true,
  primeContractsToolEnabled: false,
  forecastExportEnabled: false,
  createdAt: new Date('2026-03-01T00:00:00Z'),
  updatedAt: new Date('2026-03-01T00:00:00Z'),
  costCodes: [
    { id: 'c1', code: '013100', description: 'PM', costTypes: [] },
    {
      id: 'c2',
      code: '033000',
      description: 'Concrete',
      costTypes: [
        { costType: 'L', syncedWithSpectrum: true },
        { costType: 'M', syncedWithSpectrum: false },
      ],
    },
    {
      id: 'c3',
      code: '092900',
      description: 'Drywall',
      costTypes: [{ costType: 'L', syncedWithSpectrum: true }],
    },
  ],
};

describe('storage → @bridge/rules mappers', () => {
  it('BUD-5: a project cost code counts as synced only when it has cost types and all of them are synced', () => {
    const d = projectToDomain(project, null);
    expect(d.costCodes.map((c) => c.syncedWithSpectrum)).toEqual([false, false, true]);
    expect(d.tools).toEqual({ budget: true, primeContracts: false });
    expect(d.createdAt).toBe('2026-03-01T00:00:00.000Z');
  });

  it('JOB-4: the job number is the Spectrum key of a live link; an unlinked one names no job', () => {
    expect(projectToDomain(project, link({ spectrumKey: 'J1' })).jobNumber).toBe('J1');
    expect(projectToDomain(project, link({ spectrumKey: 'J1', state: 'unlinked' })).jobNumber).toBeNull();
    const facts = {
      connectedAt: '2026-01-01T00:00:00.000Z',
      connected: true,
      standardCostCodeListId: 'list',
      templateJob: null,
      settings: DEFAULT_GENERAL_SETTINGS,
    };
    const check = checkProjectExport(projectToDomain(project, link({ spectrumKey: 'J1' })), facts);
    expect(check.ok ? [] : check.reasons.map((r) => r.code)).toEqual([
      'cost-code-without-cost-type',
      'template-job-missing',
      'project-already-linked',
    ]);
  });

  it('VEN-4: a company linked through its vendor link carries the vendor code', () => {
    const company = {
      id: 'co',
      name: 'Acme',
      address1: null,
      address2: null,
      city: null,
      state: null,
      zip: null,
      phone: null,
      fax: null,
      email: null,
      contactName: null,
      vendorType: null,
      isCustomer: false,
      createdAt: new Date(),
      updatedAt: new Date(),
    };
    expect(companyToDomain(company, link({ type: 'vendor', spectrumKey: 'ACME' })).vendorCode).toBe('ACME');
    expect(companyToDomain(company, null).vendorCode).toBeNull();
  });

  it('BUD-6: a budget whose link waits in the export queue is in flight', () => {
    const b = {
      id: 'b',
      projectId: 'p1',
      locked: true,
      everExported: false,
      exportInFlight: false,
      importedAt: null,
      updatedAt: new Date(),
      lines: [],
    };
    expect(budgetToDomain(b, null).exportInFlight).toBe(false);
    expect(budgetToDomain(b, link({ type: 'budget', state: 'ready_to_export' })).exportInFlight).toBe(true);
    expect(budgetToDomain({ ...b, exportInFlight: true }, null).exportInFlight).toBe(true);
  });

  it('COM-1: a mapped commitment feeds the check with its SOV (cents, cost types)', () => {
    const c = commitmentToDomain(
      {
        id: 'c',
        projectId: 'p1',
        companyId: 'co',
        kind: 'purchase_order',
        number: 'PO-1',
        title: 'Board',
        description: null,
        status: 'approved',
        contractDate: null,
        createdById: null,
        createdAt: new Date(),
        updatedAt: new Date(),
        lines: [{ costCode: '092900', costType: 'S', description: null, amountCents: 5, taxCode: 'TX' }],
      },
      null,
    );
    expect(c.lines).toEqual([
      { costCode: '092900', costType: 'S', description: null, amount: 5, taxCode: 'TX' },
    ]);
    expect(
      checkCommitmentExport(c, { name: 'Acme', vendorCode: 'ACME' }, new Set(['092900']), {
        jobNumber: 'J1',
      }),
    ).toEqual({ ok: true });
  });
});
