import { type Check, checkFrom, reason } from '../core/result.js';
import type { IsoDateTime, PrimeContract, PrimeContractChangeOrder, Project } from '../domain/types.js';
import { queueStateReason } from './common.js';
import {
  billingItemsOnContractReasons,
  linesOnJobReasons,
  type SpectrumPreflightFacts,
} from './spectrum-preflight.js';
import { customerExistsReason } from './template-job.js';

export interface StagedPrimeContractFacts {
  jobNumber: string;
  customerCode: string;
  unitPrice: boolean;
  /** The PM project linked to the contract's job, if any. */
  jobProjectId: string | null;
  /** Projects the contract was already imported into. */
  importedIntoProjectIds: readonly string[];
}

/** PC-1, PC-4, LIM-7: may this Spectrum prime contract be imported into this project? */
export function checkPrimeContractImport(contract: StagedPrimeContractFacts, targetProjectId: string): Check {
  const elsewhere = contract.importedIntoProjectIds.filter((id) => id !== targetProjectId);
  return checkFrom([
    contract.jobProjectId === null &&
      reason('job-not-linked', 'PC-1', `Job ${contract.jobNumber} is not linked to a PM project.`),
    contract.jobProjectId !== null &&
      contract.jobProjectId !== targetProjectId &&
      reason(
        'prime-contract-wrong-project',
        'PC-1',
        `The prime contract belongs to job ${contract.jobNumber}, which is linked to another project.`,
        'projectId',
      ),
    elsewhere.length > 0 &&
      reason(
        'prime-contract-already-imported',
        'PC-1',
        'The prime contract is already imported into another project.',
      ),
    contract.importedIntoProjectIds.includes(targetProjectId) &&
      reason(
        'prime-contract-already-imported',
        'PC-1',
        'The prime contract is already imported into this project.',
      ),
    contract.unitPrice &&
      reason(
        'unit-price-contract-not-supported',
        'PC-4',
        'Unit-price prime contracts are not supported (LIM-7).',
      ),
  ]);
}

export interface PrimeContractReimportFacts {
  approved: boolean;
  unitPrice: boolean;
  /** The contract's job is linked (synced) with a PM project. */
  jobSynced: boolean;
  /** How many PM projects the contract was added to. */
  projectCount: number;
  synced: boolean;
  /** Spectrum has line items (billing items) not yet brought over. */
  hasNewUnsyncedLineItems: boolean;
  /** PCCOs of this contract in status `approved`. */
  approvedChangeOrderCount: number;
}

/** PC-3, PC-4: is "Re-Import" available for this prime contract, and if not, why? */
export function checkPrimeContractReimport(c: PrimeContractReimportFacts): Check {
  return checkFrom([
    !c.approved && reason('prime-contract-not-approved', 'PC-3', 'The prime contract is not approved.'),
    !c.jobSynced && reason('job-not-synced', 'PC-3', 'The prime contract does not belong to a synced job.'),
    c.projectCount > 1 &&
      reason(
        'prime-contract-in-two-projects',
        'PC-3',
        'The prime contract was added to more than one project.',
      ),
    c.synced &&
      !c.hasNewUnsyncedLineItems &&
      reason(
        'prime-contract-up-to-date',
        'PC-3',
        'The prime contract is already synced and Spectrum has no new line items for it.',
      ),
    c.approvedChangeOrderCount > 0 &&
      reason(
        'prime-contract-has-approved-pccos',
        'PC-3',
        `The prime contract has ${c.approvedChangeOrderCount} approved change order(s); re-import would overwrite them.`,
      ),
    c.unitPrice &&
      reason(
        'unit-price-contract-not-supported',
        'PC-4',
        'Unit-price prime contracts are not supported (LIM-7).',
      ),
  ]);
}

/** PC-2: prime contracts are one-way; the contract value changes in Spectrum and comes over by re-import. */
export function checkPrimeContractEdit(
  contract: Pick<PrimeContract, 'syncState'>,
  changedFields: readonly string[],
): Check {
  const locked = ['title', 'lines', 'originalContract', 'status', 'value'];
  return checkFrom(
    contract.syncState === 'synced'
      ? changedFields
          .filter((f) => locked.includes(f))
          .map((f) =>
            reason(
              'prime-contract-read-only',
              'PC-2',
              'Prime contracts come from Spectrum; change the contract in Spectrum and re-import it.',
              f,
            ),
          )
      : [],
  );
}

/** The longest PCCO title and billing item code the export accepts (PCCO-1; docs/spectrum-wire.md §7). */
export const PCCO_TITLE_MAX = 255;
export const PCCO_BILLING_ITEM_MAX = 10;

/** PCCO-1, PCCO-2, LIM-7: may this prime contract change order be sent to the ERP? */
export function checkPrimeContractChangeOrderExport(
  pcco: PrimeContractChangeOrder,
  contract: PrimeContract,
  project: Pick<Project, 'tools'>,
  facts: { integrationConnected: boolean; spectrumContractChangedAt: IsoDateTime | null },
  spectrum: SpectrumPreflightFacts = {},
): Check {
  const outOfDate =
    contract.lastImportedAt === null ||
    (facts.spectrumContractChangedAt !== null &&
      Date.parse(facts.spectrumContractChangedAt) > Date.parse(contract.lastImportedAt));
  return checkFrom([
    !facts.integrationConnected &&
      reason('integration-not-connected', 'PCCO-1', 'The company is not connected to Spectrum.'),
    !project.tools.primeContracts &&
      reason(
        'prime-contracts-tool-disabled',
        'PCCO-1',
        'The prime contracts tool is not active on the project.',
      ),
    pcco.title.trim().length > PCCO_TITLE_MAX &&
      reason(
        'pcco-title-too-long',
        'PCCO-1',
        `The title has more than ${PCCO_TITLE_MAX} characters.`,
        'title',
      ),
    pcco.status !== 'approved' &&
      reason(
        'change-order-not-approved',
        'PCCO-1',
        `The change order is ${pcco.status}; only approved ones can be sent.`,
        'status',
      ),
    outOfDate &&
      reason(
        'prime-contract-out-of-date',
        'PCCO-1',
        'The prime contract changed in Spectrum since it was last imported: re-import it first (a contract with approved change orders cannot be re-imported, so set this change order back to pending, re-import the contract, then approve it again).',
      ),
    (pcco.unitPrice || contract.unitPrice) &&
      reason(
        'unit-price-pcco-not-supported',
        'PCCO-2',
        'Unit-price change orders are not supported (LIM-7).',
      ),
    pcco.lines.length === 0 && reason('pcco-empty', 'PCCO-2', 'The change order has no lines.', 'lines'),
    ...pcco.lines.map(
      (l, i) =>
        l.billingItemCode.trim().length > PCCO_BILLING_ITEM_MAX &&
        reason(
          'billing-item-code-too-long',
          'PCCO-2',
          `Line ${i + 1}: billing item code has more than ${PCCO_BILLING_ITEM_MAX} characters.`,
          `lines[${i}].billingItemCode`,
        ),
    ),
    ...pcco.lines.map(
      (l, i) =>
        l.billingItemCode.trim() === '' &&
        reason(
          'billing-item-code-required',
          'PCCO-2',
          `Line ${i + 1} needs a billing item code.`,
          `lines[${i}].billingItemCode`,
        ),
    ),
    queueStateReason(pcco.syncState, 'change order'),
    customerExistsReason(spectrum.customer, `the prime contract's customer`),
    ...billingItemsOnContractReasons(
      pcco.lines,
      spectrum.contractItems,
      `${contract.jobNumber}/${contract.customerCode}`,
    ),
    ...linesOnJobReasons(pcco.lines, contract.jobNumber, spectrum.jobPhases),
  ]);
}
