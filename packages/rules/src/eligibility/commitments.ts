import { type Check, checkFrom, type Reason, reason } from '../core/result.js';
import type { Commitment, CommitmentChangeOrder, Company, SovLine } from '../domain/types.js';
import { queueStateReason, sovLineReasons } from './common.js';
import {
  changeRequestContractReason,
  linesOnJobReasons,
  type SpectrumPreflightFacts,
  vendorActiveReason,
} from './spectrum-preflight.js';

/** What a commitment's or change order's pre-flight knows of Spectrum (PRE-1): its project's job and that job. */
export interface CommitmentSpectrumFacts extends SpectrumPreflightFacts {
  /** The Spectrum job of the commitment's project (null: the project is not linked to a job). */
  jobNumber: string | null;
}

function jobLinkReason(jobNumber: string | null, rule: string): Reason | null {
  return jobNumber === null || jobNumber.trim() === ''
    ? reason(
        'job-not-linked',
        rule,
        "The commitment's project is not linked to a Spectrum job; import the job or export the project first.",
        'projectId',
      )
    : null;
}

function vendorLinkReason(company: Pick<Company, 'name' | 'vendorCode'>): Reason | null {
  return company.vendorCode === null
    ? reason(
        'vendor-not-linked',
        'VEN-4',
        `${company.name} is not linked to a Spectrum vendor; link it from the Ready to Import list first.`,
        'companyId',
      )
    : null;
}

/**
 * COM-1, VEN-4, LIM-4, PRE-1: may this commitment (subcontract or purchase order) be sent to the ERP? The same
 * check runs for `blockedBy`, at send (last synced Spectrum data) and at accept (fresh Spectrum data).
 */
export function checkCommitmentExport(
  commitment: Commitment,
  company: Pick<Company, 'name' | 'vendorCode'>,
  spectrumCostCodes: ReadonlySet<string>,
  spectrum: CommitmentSpectrumFacts,
): Check {
  return checkFrom([
    vendorLinkReason(company),
    jobLinkReason(spectrum.jobNumber, 'COM-1'),
    vendorActiveReason(company.vendorCode, spectrum.vendorStatus),
    commitment.status !== 'approved' &&
      commitment.status !== 'complete' &&
      reason(
        'commitment-not-approved',
        'COM-1',
        `The commitment is ${commitment.status.replace(/_/g, ' ')}; only approved or complete commitments can be sent.`,
        'status',
      ),
    commitment.number.trim() === '' &&
      reason('commitment-number-required', 'COM-1', 'The commitment needs a number.', 'number'),
    ...sovLineReasons(commitment.lines, spectrumCostCodes, 'COM-1'),
    ...linesOnJobReasons(commitment.lines, spectrum.jobNumber, spectrum.jobPhases),
    queueStateReason(commitment.syncState, 'commitment'),
    commitment.syncState === 'synced' &&
      reason('commitment-already-synced', 'COM-4', 'The commitment is already synced with Spectrum.'),
  ]);
}

/** Fields of a commitment that become read-only once it is synced (COM-4). */
export const COMMITMENT_LOCKED_FIELDS = ['companyId', 'status', 'lines'] as const;

/** COM-4, APP-1: may these fields of the commitment be edited? */
export function checkCommitmentEdit(
  commitment: Pick<Commitment, 'syncState'>,
  changedFields: readonly (keyof Commitment | string)[],
): Check {
  const reasons: Reason[] = [];
  if (commitment.syncState === 'ready_to_export' || commitment.syncState === 'exporting') {
    reasons.push(
      reason(
        'commitment-awaiting-export',
        'APP-1',
        'The commitment is in the export queue and read-only; retrieve it first to edit it.',
      ),
    );
  } else if (commitment.syncState === 'synced') {
    for (const f of changedFields) {
      if ((COMMITMENT_LOCKED_FIELDS as readonly string[]).includes(f)) {
        reasons.push(
          reason(
            'commitment-synced-read-only',
            'COM-4',
            `The commitment is synced with Spectrum; its ${f === 'lines' ? 'schedule of values' : f === 'companyId' ? 'company' : f} can no longer be changed.`,
            f,
          ),
        );
      }
    }
  }
  return checkFrom(reasons);
}

/** COM-5: a synced commitment can be deleted only after it is unlinked from its Spectrum subcontract. */
export function checkCommitmentDelete(commitment: Pick<Commitment, 'syncState' | 'spectrumKey'>): Check {
  return checkFrom([
    commitment.spectrumKey !== null &&
      reason(
        'commitment-linked',
        'COM-5',
        `The commitment is linked to Spectrum subcontract ${commitment.spectrumKey}; unlink it before deleting.`,
      ),
    (commitment.syncState === 'ready_to_export' || commitment.syncState === 'exporting') &&
      reason(
        'commitment-awaiting-export',
        'COM-5',
        'The commitment is in the export queue; retrieve it first.',
      ),
  ]);
}

/** LIM-4: every commitment, purchase orders included, goes to Spectrum as a subcontract. */
export function spectrumCommitmentKind(_kind: Commitment['kind']): 'subcontract' {
  return 'subcontract';
}

/** COM-6, LIM-8: tax codes never leave the product with a commitment. */
export function withoutTaxCodes(lines: readonly SovLine[]): SovLine[] {
  return lines.map(({ taxCode: _t, ...rest }) => ({ ...rest }));
}

/** CCO-1, CCO-2, VEN-4, PRE-1: may this commitment change order be sent to the ERP? */
export function checkCommitmentChangeOrderExport(
  cco: CommitmentChangeOrder,
  commitment: Pick<Commitment, 'syncState' | 'spectrumKey'>,
  company: Pick<Company, 'name' | 'vendorCode'>,
  spectrumCostCodes: ReadonlySet<string>,
  spectrum: CommitmentSpectrumFacts,
): Check {
  return checkFrom([
    vendorLinkReason(company),
    jobLinkReason(spectrum.jobNumber, 'CCO-1'),
    cco.status !== 'approved' &&
      reason(
        'change-order-not-approved',
        'CCO-1',
        `The change order is ${cco.status}; only approved ones can be sent.`,
        'status',
      ),
    ...sovLineReasons(cco.lines, spectrumCostCodes, 'CCO-1'),
    ...linesOnJobReasons(cco.lines, spectrum.jobNumber, spectrum.jobPhases),
    changeRequestContractReason(spectrum.changeRequestContract),
    (commitment.syncState !== 'synced' || commitment.spectrumKey === null) &&
      reason(
        'commitment-not-synced',
        'CCO-2',
        'The commitment must be synced with a Spectrum subcontract before its change orders can be sent.',
      ),
    queueStateReason(cco.syncState, 'change order'),
    cco.syncState === 'synced' &&
      reason('change-order-already-synced', 'CCO-2', 'The change order is already in Spectrum.'),
  ]);
}

/** CCO-3: an approved CCO cannot be deleted; a synced one must be unlinked first. */
export function checkCommitmentChangeOrderDelete(
  cco: Pick<CommitmentChangeOrder, 'status' | 'spectrumKey' | 'syncState'>,
): Check {
  return checkFrom([
    cco.status === 'approved' &&
      reason(
        'change-order-approved',
        'CCO-3',
        'An approved change order cannot be deleted; change its status first.',
        'status',
      ),
    cco.spectrumKey !== null &&
      reason(
        'change-order-linked',
        'CCO-3',
        `The change order is linked to Spectrum change request ${cco.spectrumKey}; unlink it before deleting.`,
      ),
    (cco.syncState === 'ready_to_export' || cco.syncState === 'exporting') &&
      reason(
        'change-order-awaiting-export',
        'CCO-3',
        'The change order is in the export queue; retrieve it first.',
      ),
  ]);
}
