import { describe, expect, it } from 'vitest';
import { codesOf, reasonsOf } from '../core/result.js';
import {
  budget,
  cco,
  commitment,
  company,
  pcco,
  primeContract,
  project,
  SPECTRUM_CODES,
} from '../test-support/fixtures.js';
import { checkBudgetChangeExport, checkBudgetExport } from './budgets.js';
import { checkCommitmentChangeOrderExport, checkCommitmentExport } from './commitments.js';
import { checkForecastExport } from './job-costs.js';
import { checkPrimeContractChangeOrderExport } from './prime-contracts.js';
import {
  billingItemKey,
  changeRequestContractReason,
  linesOnJobReasons,
  phaseCostTypeKey,
  vendorActiveReason,
} from './spectrum-preflight.js';

const JOB_101 = new Set([phaseCostTypeKey('013100', 'S'), phaseCostTypeKey('033000', 'S')]);
const connected = { integrationConnected: true, spectrumContractChangedAt: null };

describe('PRE-1: the pre-flight answers what Spectrum would refuse, with every reason', () => {
  it('PRE-1: phase keys compare without dashes, blanks or case', () => {
    expect(phaseCostTypeKey('01-3100', ' s ')).toBe(phaseCostTypeKey('013100', 'S'));
    expect(billingItemKey(' 090 ')).toBe('090');
  });

  it('PRE-1 COM-1: a commitment on a project with no Spectrum job is not sendable (job-not-linked)', () => {
    const c = checkCommitmentExport(commitment(), company(), SPECTRUM_CODES, { jobNumber: null });
    expect(codesOf(c)).toEqual(['job-not-linked']);
    expect(reasonsOf(c)[0]).toMatchObject({ rule: 'COM-1', field: 'projectId' });
  });

  it('PRE-1: a line on a standard phase the job does not have is refused, naming the line, phase and job', () => {
    const c = checkCommitmentExport(
      commitment({
        lines: [
          { costCode: '01-3100', costType: 'S', amount: 100 },
          { costCode: '09-2900', costType: 'S', amount: 100 },
        ],
      }),
      company(),
      SPECTRUM_CODES,
      { jobNumber: '24-101', jobPhases: JOB_101 },
    );
    expect(codesOf(c)).toEqual(['phase-not-on-job']);
    expect(reasonsOf(c)[0]).toMatchObject({ rule: 'PRE-1', field: 'lines[1].costCode' });
    expect(reasonsOf(c)[0]?.message).toMatch(
      /Line 2: phase 09-2900 with cost type S does not exist on Spectrum job 24-101/,
    );
  });

  it('PRE-1: unknown phases (never read) say nothing; a combination the same export creates is accepted', () => {
    expect(linesOnJobReasons([{ costCode: '092900', costType: 'S' }], '24-101', null)).toEqual([]);
    expect(
      linesOnJobReasons([{ costCode: '092900', costType: 'S' }], '24-101', JOB_101, {
        created: new Set([phaseCostTypeKey('09-2900', 'S')]),
      }),
    ).toEqual([]);
  });

  it('PRE-1 VEN-4: an inactive Spectrum vendor blocks the commitment; a vanished one says so; unknown says nothing', () => {
    const inactive = checkCommitmentExport(commitment(), company(), SPECTRUM_CODES, {
      jobNumber: '24-101',
      vendorStatus: 'I',
    });
    expect(codesOf(inactive)).toEqual(['vendor-not-active']);
    expect(reasonsOf(inactive)[0]?.message).toMatch(/is not active \(status I\)/);
    expect(vendorActiveReason('GONE', '')?.code).toBe('vendor-not-in-spectrum');
    expect(vendorActiveReason('ACME', null)).toBeNull();
    expect(vendorActiveReason('ACME', 'A')).toBeNull();
  });

  it('PRE-1 CCO-1: a change order needs a linked job and lines on the job', () => {
    const base = { syncState: 'synced' as const, spectrumKey: 'ACME/SC-1' };
    expect(
      codesOf(checkCommitmentChangeOrderExport(cco(), base, company(), SPECTRUM_CODES, { jobNumber: null })),
    ).toEqual(['job-not-linked']);
    expect(
      codesOf(
        checkCommitmentChangeOrderExport(
          cco({ lines: [{ costCode: '03-3000', costType: 'M', amount: 1 }] }),
          base,
          company(),
          SPECTRUM_CODES,
          { jobNumber: '24-101', jobPhases: JOB_101 },
        ),
      ),
    ).toEqual(['phase-not-on-job']);
  });

  it('PRE-1 PCCO-2: a billing item that is not on the contract is refused; cost lines must be on the job', () => {
    const c = checkPrimeContractChangeOrderExport(
      pcco({
        lines: [
          { billingItemCode: '010', amount: 100 },
          { billingItemCode: '999', amount: 100, costCode: '09-2900', costType: 'S', costAmount: 90 },
        ],
      }),
      primeContract(),
      project(),
      connected,
      { contractItems: new Set(['010', '020']), jobPhases: JOB_101 },
    );
    expect(codesOf(c)).toEqual(['billing-item-not-on-contract', 'phase-not-on-job']);
    expect(reasonsOf(c)[0]).toMatchObject({ field: 'lines[1].billingItemCode', rule: 'PRE-1' });
    expect(reasonsOf(c)[0]?.message).toMatch(/billing item 999 is not on the prime contract 24-101\/OWNER1/);
  });

  it('PRE-1 FC-1: a forecast whose cost codes are not synced with Spectrum is refused, as the budget export is', () => {
    const p = project({
      jobNumber: '24-101',
      costCodes: [
        { code: '26-0000', description: 'Electrical', costTypes: ['E'], syncedWithSpectrum: false },
      ],
    });
    expect(codesOf(checkForecastExport(p, budget()))).toEqual(['cost-code-not-synced']);
    expect(codesOf(checkBudgetExport(p, budget()))).toEqual(['cost-code-not-synced']);
    expect(reasonsOf(checkForecastExport(p, budget()))[0]?.rule).toBe('FC-1');
  });

  it('PRE-1 FC-1: a forecast line on a phase the job lacks is named by its budget line', () => {
    const p = project({ jobNumber: '24-101' });
    const c = checkForecastExport(p, budget(), { jobPhases: JOB_101 });
    expect(codesOf(c)).toEqual(['phase-not-on-job']);
    expect(reasonsOf(c)[0]?.field).toBe('budgetLines[0].costCode');
  });

  it('PRE-1 BUD-5: budget lines whose cost type Spectrum does not have are refused', () => {
    const c = checkBudgetExport(project({ jobNumber: '24-101' }), budget(), {
      costTypes: new Set(['L', 'S']),
    });
    expect(codesOf(c)).toEqual(['cost-type-not-in-spectrum']);
    expect(reasonsOf(c)[0]?.field).toBe('lines[1].costType');
  });

  it('PRE-1 BCH-1: a budget change line on a phase the job lacks is refused', () => {
    const p = project({ jobNumber: '24-101' });
    const change = {
      id: 'bc1',
      number: 'BC-1',
      title: 'More concrete',
      projectId: 'p1',
      lines: [{ costCode: '03-3000', costType: 'M', amount: 100 }],
      syncState: null,
      spectrumKey: null,
    };
    const c = checkBudgetChangeExport(p, budget({ everExported: true }), change, { jobPhases: JOB_101 });
    expect(codesOf(c)).toEqual(['phase-not-on-job']);
  });
});

describe('changeRequestContractReason', () => {
  it("PRE-4: a change request needs the job's contract with its customer in Spectrum; unknown says nothing", () => {
    expect(changeRequestContractReason(null)).toBeNull();
    expect(
      changeRequestContractReason({ jobNumber: '25-001', customerCode: 'C200', exists: true }),
    ).toBeNull();
    expect(
      changeRequestContractReason({ jobNumber: '25-001', customerCode: 'C200', exists: null }),
    ).toBeNull();
    expect(changeRequestContractReason({ jobNumber: '25-001', customerCode: ' ', exists: false })).toBeNull();
    expect(
      changeRequestContractReason({ jobNumber: '25-001', customerCode: 'C200', exists: false }),
    ).toMatchObject({
      code: 'job-contract-missing',
      rule: 'PRE-4',
      message: expect.stringContaining('Spectrum job 25-001 has no contract for customer C200'),
    });
  });
});
