import { describe, expect, it } from 'vitest';
import { codesOf, reasonsOf } from '../core/result.js';
import { pcco, primeContract, project } from '../test-support/fixtures.js';
import {
  checkPrimeContractChangeOrderExport,
  checkPrimeContractEdit,
  checkPrimeContractImport,
  checkPrimeContractReimport,
} from './prime-contracts.js';

const staged = {
  jobNumber: '24-101',
  customerCode: 'OWNER1',
  unitPrice: false,
  jobProjectId: 'p1',
  importedIntoProjectIds: [] as string[],
};

describe('prime contract import', () => {
  it('PC-1: imports into the project linked to its job, once', () => {
    expect(checkPrimeContractImport(staged, 'p1').ok).toBe(true);
    expect(codesOf(checkPrimeContractImport(staged, 'p2'))).toEqual(['prime-contract-wrong-project']);
    expect(codesOf(checkPrimeContractImport({ ...staged, importedIntoProjectIds: ['p1'] }, 'p1'))).toEqual([
      'prime-contract-already-imported',
    ]);
    expect(codesOf(checkPrimeContractImport({ ...staged, importedIntoProjectIds: ['p7'] }, 'p1'))).toEqual([
      'prime-contract-already-imported',
    ]);
    expect(codesOf(checkPrimeContractImport({ ...staged, jobProjectId: null }, 'p1'))).toEqual([
      'job-not-linked',
    ]);
  });

  it('PC-4 / LIM-7: unit-price prime contracts are refused', () => {
    expect(reasonsOf(checkPrimeContractImport({ ...staged, unitPrice: true }, 'p1'))).toEqual([
      expect.objectContaining({ code: 'unit-price-contract-not-supported', rule: 'PC-4' }),
    ]);
  });
});

describe('prime contract re-import', () => {
  const ok = {
    approved: true,
    unitPrice: false,
    jobSynced: true,
    projectCount: 1,
    synced: true,
    hasNewUnsyncedLineItems: true,
    approvedChangeOrderCount: 0,
  };

  it('PC-3: available for an approved contract of a synced job with new line items', () => {
    expect(checkPrimeContractReimport(ok).ok).toBe(true);
    expect(checkPrimeContractReimport({ ...ok, synced: false, hasNewUnsyncedLineItems: false }).ok).toBe(
      true,
    );
  });

  it('PC-3: every reason "Re-Import" is greyed out, at once', () => {
    const c = checkPrimeContractReimport({
      approved: false,
      unitPrice: true,
      jobSynced: false,
      projectCount: 2,
      synced: true,
      hasNewUnsyncedLineItems: false,
      approvedChangeOrderCount: 2,
    });
    expect(codesOf(c)).toEqual([
      'prime-contract-not-approved',
      'job-not-synced',
      'prime-contract-in-two-projects',
      'prime-contract-up-to-date',
      'prime-contract-has-approved-pccos',
      'unit-price-contract-not-supported',
    ]);
    expect(reasonsOf(c).filter((r) => r.rule === 'PC-3')).toHaveLength(5);
  });

  it('PC-2: a synced prime contract is one-way; its value changes only by re-import', () => {
    expect(reasonsOf(checkPrimeContractEdit({ syncState: 'synced' }, ['value', 'description']))).toEqual([
      expect.objectContaining({ code: 'prime-contract-read-only', rule: 'PC-2', field: 'value' }),
    ]);
    expect(checkPrimeContractEdit({ syncState: null }, ['value']).ok).toBe(true);
  });
});

describe('PCCO export', () => {
  const facts = { integrationConnected: true, spectrumContractChangedAt: '2026-02-01T00:00:00.000Z' };

  it('PCCO-1: an approved PCCO on an up-to-date contract passes', () => {
    expect(checkPrimeContractChangeOrderExport(pcco(), primeContract(), project(), facts)).toEqual({
      ok: true,
    });
  });

  it('PCCO-1: integration, tool, title, status and freshness are all reported', () => {
    const c = checkPrimeContractChangeOrderExport(
      pcco({ title: 'x'.repeat(256), status: 'pending' }),
      primeContract({ lastImportedAt: '2026-01-01T00:00:00.000Z' }),
      project({ tools: { budget: true, primeContracts: false } }),
      { integrationConnected: false, spectrumContractChangedAt: '2026-02-01T00:00:00.000Z' },
    );
    expect(codesOf(c)).toEqual([
      'integration-not-connected',
      'prime-contracts-tool-disabled',
      'pcco-title-too-long',
      'change-order-not-approved',
      'prime-contract-out-of-date',
    ]);
    expect(reasonsOf(c).every((r) => r.rule === 'PCCO-1')).toBe(true);
    // PC-2: the reason says how to get out of the loop (an approved change order blocks the re-import it asks for)
    expect(reasonsOf(c).find((r) => r.code === 'prime-contract-out-of-date')?.message).toMatch(
      /set this change order back to pending, re-import the contract, then approve it again/,
    );
    expect(
      codesOf(
        checkPrimeContractChangeOrderExport(
          pcco(),
          primeContract({ lastImportedAt: null }),
          project(),
          facts,
        ),
      ),
    ).toEqual(['prime-contract-out-of-date']);
  });

  it('PCCO-2: unit-price PCCOs, empty ones and billing item codes over 10 characters are refused', () => {
    expect(
      codesOf(
        checkPrimeContractChangeOrderExport(pcco({ unitPrice: true }), primeContract(), project(), facts),
      ),
    ).toEqual(['unit-price-pcco-not-supported']);
    expect(
      codesOf(checkPrimeContractChangeOrderExport(pcco({ lines: [] }), primeContract(), project(), facts)),
    ).toEqual(['pcco-empty']);
    const c = checkPrimeContractChangeOrderExport(
      pcco({
        lines: [
          { billingItemCode: 'ITEM-0000001', amount: 1 },
          { billingItemCode: ' ', amount: 1 },
        ],
      }),
      primeContract(),
      project(),
      facts,
    );
    expect(reasonsOf(c).map((r) => [r.code, r.field])).toEqual([
      ['billing-item-code-too-long', 'lines[0].billingItemCode'],
      ['billing-item-code-required', 'lines[1].billingItemCode'],
    ]);
  });
});
