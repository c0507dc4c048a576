import { type Reason, reason } from '../core/result.js';
import { costCodeKey } from './common.js';

/**
 * PRE-1: what the service knows of Spectrum for one item's pre-flight. At send time (and in `blockedBy`) these
 * come from the last synced Spectrum data; at accept they are read fresh from Spectrum for that item only. A fact
 * left `null` or absent is not known (never read), and its checks are left to the accept-time pre-flight.
 */
export interface SpectrumPreflightFacts {
  /** Phase × cost type combinations of the item's job, as `phaseCostTypeKey` values. */
  jobPhases?: ReadonlySet<string> | null;
  /** Status of the linked Spectrum vendor (`A` is active); `''` when the vendor is not in Spectrum. */
  vendorStatus?: string | null;
  /** Billing items of the prime contract, as `billingItemKey` values. */
  contractItems?: ReadonlySet<string> | null;
  /** The Spectrum company's cost types (uppercase). */
  costTypes?: ReadonlySet<string> | null;
  /** PRE-3: the customer the export writes and whether Spectrum has it (`exists: null` when not known). */
  customer?: { code: string; exists: boolean | null } | null;
  /**
   * PRE-4: the job's contract a change request is written on (the job and the customer the export uses) and whether
   * Spectrum has it (`exists: null` when not known).
   */
  changeRequestContract?: { jobNumber: string; customerCode: string; exists: boolean | null } | null;
}

/** `013100/S`: a phase × cost type combination, compared without dashes and case. */
export function phaseCostTypeKey(phaseCode: string, costType: string): string {
  return `${costCodeKey(phaseCode)}/${costType.trim().toUpperCase()}`;
}

/** A billing item compared without surrounding blanks or case. */
export function billingItemKey(item: string): string {
  return item.trim().toUpperCase();
}

interface CostLine {
  costCode?: string | null;
  costType?: string | null;
}

/**
 * PRE-1: every line's phase × cost type exists on the job in Spectrum, or is among `created` (combinations the same
 * export adds before it writes the lines). Nothing is said when the job's phases are not known.
 */
export function linesOnJobReasons(
  lines: readonly CostLine[],
  jobNumber: string | null,
  jobPhases: ReadonlySet<string> | null | undefined,
  options: { field?: string; created?: ReadonlySet<string> } = {},
): Reason[] {
  if (!jobNumber || !jobPhases) return [];
  const field = options.field ?? 'lines';
  const out: Reason[] = [];
  lines.forEach((l, i) => {
    const code = (l.costCode ?? '').trim();
    const type = (l.costType ?? '').trim();
    if (code === '' || type === '') return;
    const key = phaseCostTypeKey(code, type);
    if (jobPhases.has(key) || options.created?.has(key)) return;
    out.push(
      reason(
        'phase-not-on-job',
        'PRE-1',
        `Line ${i + 1}: phase ${code} with cost type ${type.toUpperCase()} does not exist on Spectrum job ${jobNumber}; use a phase and cost type the job has, or have it added to the job in Spectrum.`,
        `${field}[${i}].costCode`,
      ),
    );
  });
  return out;
}

/** PRE-1: the linked vendor is active in Spectrum (Spectrum refuses subcontracts to inactive vendors). */
export function vendorActiveReason(
  vendorCode: string | null,
  status: string | null | undefined,
  field = 'companyId',
): Reason | null {
  if (!vendorCode || status === null || status === undefined) return null;
  const s = status.trim().toUpperCase();
  if (s === 'A') return null;
  return reason(
    s === '' ? 'vendor-not-in-spectrum' : 'vendor-not-active',
    'PRE-1',
    s === ''
      ? `Spectrum vendor ${vendorCode} no longer exists; link the company to an existing vendor.`
      : `Spectrum vendor ${vendorCode} is not active (status ${s}); Spectrum takes no subcontract for it until it is made active in Spectrum.`,
    field,
  );
}

/** PRE-1: every line's billing item is on the prime contract in Spectrum. */
export function billingItemsOnContractReasons(
  lines: readonly { billingItemCode: string }[],
  contractItems: ReadonlySet<string> | null | undefined,
  contract: string,
): Reason[] {
  if (!contractItems) return [];
  const out: Reason[] = [];
  lines.forEach((l, i) => {
    const item = l.billingItemCode.trim();
    if (item === '' || contractItems.has(billingItemKey(item))) return;
    out.push(
      reason(
        'billing-item-not-on-contract',
        'PRE-1',
        `Line ${i + 1}: billing item ${item} is not on the prime contract ${contract} in Spectrum; use one of its billing items.`,
        `lines[${i}].billingItemCode`,
      ),
    );
  });
  return out;
}

/** PRE-1: every line's cost type is one of the Spectrum company's cost types. */
export function costTypesKnownReasons(
  lines: readonly CostLine[],
  costTypes: ReadonlySet<string> | null | undefined,
  field = 'lines',
): Reason[] {
  if (!costTypes) return [];
  const out: Reason[] = [];
  lines.forEach((l, i) => {
    const type = (l.costType ?? '').trim().toUpperCase();
    if (type === '' || costTypes.has(type)) return;
    out.push(
      reason(
        'cost-type-not-in-spectrum',
        'PRE-1',
        `Line ${i + 1}: cost type ${type} is not one of Spectrum's cost types (${[...costTypes].sort().join(', ')}).`,
        `${field}[${i}].costType`,
      ),
    );
  });
  return out;
}

/**
 * PRE-4: Spectrum keeps a change request on the job's contract with its customer; without that contract it refuses
 * every line ("No contract exists for this job and customer"). Nothing is said when it is not known.
 */
export function changeRequestContractReason(
  contract: SpectrumPreflightFacts['changeRequestContract'],
): Reason | null {
  if (contract?.exists !== false || contract.customerCode.trim() === '') return null;
  return reason(
    'job-contract-missing',
    'PRE-4',
    `Spectrum job ${contract.jobNumber} has no contract for customer ${contract.customerCode.trim()}; Spectrum writes change requests on the job's contract, so it would refuse this one ("No contract exists for this job and customer"). The contract must be set up in Spectrum first.`,
  );
}
