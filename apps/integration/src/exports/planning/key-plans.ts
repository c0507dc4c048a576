import {
  allOf,
  checkFrom,
  counterCandidates,
  deriveChangeRequestNumber,
  explainChangeRequestNumber,
  firstFreeWithCounter,
  type Reason,
  reason,
  upperSet,
  validateApproverKey,
} from '@bridge/rules';
import type { BridgeSpectrumClient } from '../../spectrum/spectrum-client.factory.js';
import type { PlanContext, PlannedStep, Prepared } from '../exporter.js';

/**
 * The planning helpers the exporters share, one per Spectrum key kind (docs/decisions.md → Exports): how free keys
 * are looked up in Spectrum, and how a change request (the record three item types write) is planned.
 */

/**
 * Spectrum change request status codes the exports write [I]: the codes are user-defined per Spectrum company
 * (the demo company has `OP PE RJ AP EX`); approved items go over as `AP` (an approving status, so that
 * `Approved_Date` is accepted), others as `OP`.
 */
export const CHANGE_REQUEST_STATUS = Object.freeze({ approved: 'AP', open: 'OP' });

/** `24-101/C100/PCO003`: a change request's link key (job, customer, number). */
export const changeRequestKey = (job: string, customer: string, number: string) =>
  `${job}/${customer}/${number}`;

/** How many free candidate keys a job or vendor accept looks for in Spectrum (other accepts may hold some). */
const FREE_CANDIDATES = 4;

/**
 * The candidate keys Spectrum already has, asked one key at a time (never its whole job or vendor list): candidates
 * in order until `FREE_CANDIDATES` free ones were seen, and the approver's typed key. `probed` lists every key asked
 * about, so a pre-fill is only ever a key Spectrum was asked about.
 */
async function takenAmong(
  candidates: Iterable<string>,
  exists: (key: string) => Promise<boolean>,
  typed: string | undefined,
): Promise<{ taken: string[]; probed: Set<string> }> {
  const taken: string[] = [];
  const probed = new Set<string>();
  const ask = async (key: string) => {
    probed.add(key.toUpperCase());
    if (await exists(key)) taken.push(key);
    else return true;
    return false;
  };
  let free = 0;
  for (const c of candidates) {
    if (free >= FREE_CANDIDATES) break;
    if (await ask(c)) free++;
  }
  if (typed && !probed.has(typed)) await ask(typed);
  return { taken, probed };
}

/**
 * A company-wide key (job number, vendor code) derived from `base` with a counter: Spectrum is asked about the
 * candidates only, and the pre-fill is the first free one it was asked about (GEN-4).
 */
export async function companyWideKey(
  base: string,
  maxLength: number,
  exists: (key: string) => Promise<boolean>,
  typed: string | undefined,
): Promise<Pick<Prepared, 'spectrumTaken' | 'candidates' | 'derive'>> {
  const { taken, probed } = await takenAmong(
    base === '' ? [] : counterCandidates(base, maxLength),
    exists,
    typed,
  );
  return {
    spectrumTaken: taken,
    candidates: [...probed],
    derive: (reserved) => {
      if (base === '') return null;
      const key = firstFreeWithCounter(base, maxLength, upperSet(reserved));
      return key !== null && probed.has(key.toUpperCase()) ? key : null;
    },
  };
}

/** Named steps of one Put service, one per payload. */
export function stepsOf(
  service: string,
  payloads: readonly object[],
  name: (p: Record<string, string>, i: number) => string,
): PlannedStep[] {
  return payloads.map((p, i) => ({
    name: name(p as Record<string, string>, i),
    service,
    input: p as Record<string, string>,
  }));
}

/** A change request an item writes: the job and customer it belongs to, the numbers its key derives from, and the lines. */
export interface ChangeRequestTarget {
  jobNumber: string;
  customerCode: string;
  pmNumber: string;
  parentNumber: string | null;
  blockers: Reason[];
  /** The rule that names the key (CCO-2, PCCO-2, BCH-1). */
  rule: string;
  /** Which item the number derives from (the rules' `deriveChangeRequestNumber` source). */
  source: 'commitment_change_order' | 'prime_contract_change_order' | 'budget_change';
  map(companyCode: string, changeRequestNumber: string): readonly object[];
}

/**
 * The customer a job's change requests are written for: the project's own prime contract's customer, else the one
 * Spectrum has on the job.
 */
export async function jobCustomer(
  contractCustomer: string | null,
  jobNumber: string,
  client: BridgeSpectrumClient,
): Promise<string> {
  if (contractCustomer) return contractCustomer;
  if (!jobNumber) return '';
  const [job] = await client.listJobs({ jobNumber }).toArray();
  return job?.customerCode.trim() ?? '';
}

/** The reasons a change request cannot be written: no job, or no customer on it. */
export function changeRequestBlockers(jobNumber: string, customerCode: string, rule: string): Reason[] {
  const out: Reason[] = [];
  if (!jobNumber) out.push(reason('job-not-linked', rule, 'The project is not linked to a Spectrum job.'));
  if (!customerCode)
    out.push(
      reason('customer-unknown', rule, 'The Spectrum job has no customer to write the change request for.'),
    );
  return out;
}

/** The plan of a change request export (CCO-2, PCCO-2, BCH-1): its number in the job and customer's scope. */
export async function changeRequestPlan(target: ChangeRequestTarget, ctx: PlanContext): Promise<Prepared> {
  const { jobNumber, customerCode } = target;
  const usePmNumber = ctx.facts.settings.usePmChangeOrderNumber;
  const existing =
    jobNumber && customerCode
      ? await ctx.client.listChangeRequests({ jobNumber, customerCode }).toArray()
      : [];
  const numbers = { pmNumber: target.pmNumber, parentNumber: target.parentNumber, usePmNumber };
  return {
    kind: 'change_request',
    scope: { jobNumber, customerCode },
    spectrumTaken: existing.map((r) => r.changeRequestNumber),
    blockers: target.blockers,
    derive: (taken) => {
      const d = deriveChangeRequestNumber({ ...numbers, taken, source: target.source });
      return d.ok ? d.value : null;
    },
    explain: (value) => explainChangeRequestNumber({ ...numbers, source: target.source }, value),
    validate: (value, taken) =>
      validateApproverKey({ value, kind: 'change_request', taken, rule: target.rule }),
    build: (changeRequestNumber) => {
      const payloads = target.map(ctx.companyCode, changeRequestNumber);
      return {
        spectrumKey: changeRequestKey(jobNumber, customerCode, changeRequestNumber),
        keyFields: { jobNumber, customerCode, changeRequestNumber },
        steps: stepsOf('ARChangeRequest', payloads, (p, i) => {
          const what = p.CR_Billing_Item_Code
            ? `billing item ${p.CR_Billing_Item_Code}`
            : `${p.CR_Phase_Code} ${p.CR_Cost_Type}`;
          return `change request line ${i + 1} of ${payloads.length} (${what})`;
        }),
      };
    },
  };
}

/** A key that must be free in Spectrum and among other accepts (JOB-4, VEN-2), after its own format check. */
export function freeKeyCheck(
  format: ReturnType<typeof checkFrom>,
  value: string,
  taken: ReadonlySet<string>,
  rule: string,
  what: string,
) {
  return allOf(
    format,
    checkFrom([
      upperSet(taken).has(value.toUpperCase()) &&
        reason(
          'spectrum-key-taken',
          rule,
          `${what} ${value} already exists in Spectrum; choose another.`,
          'spectrumId',
        ),
    ]),
  );
}
