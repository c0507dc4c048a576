import type {
  BudgetChange,
  Commitment,
  CommitmentChangeOrder,
  Company,
  PrimeContract,
  PrimeContractChangeOrder,
} from '../domain/types.js';
import { sumCents } from '../formats/amounts.js';
import { SPECTRUM_LIMITS as L } from '../formats/limits.js';
import { type ARChangeRequestPayload, blankPayload } from './payload-fields.js';
import { mergeByPhaseAndCostType, wireAmount, wireCode, wireDate, wireText, yesNo } from './wire-values.js';

interface ChangeRequestHeader {
  companyCode: string;
  jobNumber: string;
  customerCode: string;
  changeRequestNumber: string;
  /** Spectrum's change request status code (user-defined, ≤ 2 characters), from the integration's configuration. */
  status: string;
}

function header(
  o: ChangeRequestHeader,
  description: string,
  originationDate: string | null | undefined,
  approvedDate: string | null | undefined,
): ARChangeRequestPayload {
  return {
    ...blankPayload('ARChangeRequest'),
    Company_Code: wireCode(o.companyCode),
    Job_Number: o.jobNumber.trim(),
    Customer_Code: wireCode(o.customerCode),
    Change_Request_Number: o.changeRequestNumber.trim(),
    CR_Description: wireText(description, L.changeRequestDescription),
    CR_Status: wireCode(o.status),
    Origination_Date: wireDate(originationDate),
    Approved_Date: wireDate(approvedDate),
  };
}

/** `VENDOR/SUBNUMBER`, the link key of a synced commitment. */
export function parseSubcontractKey(
  spectrumKey: string | null,
): { vendorCode: string; subcontractNumber: string } | null {
  const parts = (spectrumKey ?? '').split('/');
  if (parts.length !== 2 || !parts[0]?.trim() || !parts[1]?.trim()) return null;
  return { vendorCode: parts[0].trim(), subcontractNumber: parts[1].trim() };
}

/**
 * A commitment change order as a Spectrum change request against its subcontract (CCO-2): one ARChangeRequest
 * call per phase + cost type (lines with the same pair are summed, since Spectrum would update the first instead
 * of adding a second), each repeating the header. Each carries the cost line (`CR_Phase_Code`, `CR_Cost_Type`,
 * `Change_Request_Amount`) and the subcontract part (`Subcontractor_Code`, `Subcontract_Number`, `Sub_Amount`).
 * An approved CCO is Executed (`Sub_Status` E) with `Sub_Change_Order_Number` = the change request number and its
 * date as approval date; otherwise Proposed (P). The subcontract comes from the commitment's link (`VENDOR/NUMBER`)
 * unless given. Throws when neither names it (the commitment must be synced first).
 */
export function mapCommitmentChangeOrderToChangeRequest(
  cco: CommitmentChangeOrder,
  commitment: Commitment,
  company: Company,
  options: ChangeRequestHeader & { vendorCode?: string; subcontractNumber?: string },
): ARChangeRequestPayload[] {
  const link = parseSubcontractKey(commitment.spectrumKey);
  const vendorCode = options.vendorCode ?? link?.vendorCode ?? company.vendorCode;
  const subcontractNumber = options.subcontractNumber ?? link?.subcontractNumber;
  if (!vendorCode || !subcontractNumber) {
    throw new RangeError(`commitment ${commitment.id} is not linked to a Spectrum subcontract`);
  }
  const approved = cco.status === 'approved';
  const head = header(options, cco.title, cco.date, approved ? cco.date : null);
  return mergeByPhaseAndCostType(cco.lines, (l) => l).map((m) => ({
    ...head,
    CR_Phase_Code: m.phaseCode,
    CR_Cost_Type: m.costType,
    Change_Request_Amount: wireAmount(m.amount),
    Subcontractor_Code: wireCode(vendorCode),
    Subcontract_Number: subcontractNumber.trim(),
    Sub_Amount: wireAmount(m.amount),
    Sub_Status: approved ? 'E' : 'P',
    Sub_Change_Order_Number: approved ? head.Change_Request_Number : '',
    Sub_Change_Order_Date: approved ? wireDate(cco.date) : '',
    Sub_Description: wireText(m.first.description || cco.title, L.subChangeOrderDescription),
  }));
}

/**
 * A PCCO as a Spectrum change request on the prime contract (PCCO-2): first one billing line per billing item
 * (`CR_Billing_Item_Code`, description ≤ 30, `CR_Revenue`; the same item twice is summed), then one cost line per
 * phase + cost type for PCCO lines that carry `costCode`, `costType` and `costAmount` (summed the same way). Job
 * and customer come from the prime contract. `Cost_Reimbursable_Flag` is N unless told otherwise; `Approved_Date`
 * is set when the PCCO is approved. Unit-price PCCOs are refused earlier (LIM-7), so no billing group is sent.
 */
export function mapPrimeContractChangeOrderToChangeRequest(
  pcco: PrimeContractChangeOrder,
  primeContract: PrimeContract,
  options: { companyCode: string; changeRequestNumber: string; status: string; costReimbursable?: boolean },
): ARChangeRequestPayload[] {
  const approved = pcco.status === 'approved';
  const head: ARChangeRequestPayload = {
    ...header(
      { ...options, jobNumber: primeContract.jobNumber, customerCode: primeContract.customerCode },
      pcco.title,
      null,
      approved ? pcco.approvedDate : null,
    ),
    Cost_Reimbursable_Flag: yesNo(options.costReimbursable ?? false),
  };
  const billing = new Map<string, { description: string; amounts: number[] }>();
  for (const line of pcco.lines) {
    const code = line.billingItemCode.trim();
    const entry = billing.get(code.toUpperCase());
    if (entry) entry.amounts.push(line.amount);
    else
      billing.set(code.toUpperCase(), {
        description: line.description || pcco.title,
        amounts: [line.amount],
      });
  }
  const billingLines = [...billing.entries()].map(([code, b]) => ({
    ...head,
    CR_Billing_Item_Code: code,
    CR_Billing_Item_Description: wireText(b.description, L.billingItemDescription),
    CR_Revenue: wireAmount(sumCents(b.amounts)),
  }));
  const costed = pcco.lines.filter(
    (l) =>
      (l.costCode ?? '').trim() !== '' &&
      (l.costType ?? '').trim() !== '' &&
      typeof l.costAmount === 'number',
  );
  const costLines = mergeByPhaseAndCostType(costed, (l) => ({
    costCode: l.costCode as string,
    costType: l.costType as string,
    amount: l.costAmount as number,
  })).map((m) => ({
    ...head,
    CR_Phase_Code: m.phaseCode,
    CR_Cost_Type: m.costType,
    Change_Request_Amount: wireAmount(m.amount),
  }));
  return [...billingLines, ...costLines];
}

/**
 * A budget change as a Spectrum change request (BCH-1): one cost line per phase + cost type (summed), header
 * repeated on each; `Approved_Date` (the change's date) only when `approved` is set.
 */
export function mapBudgetChangeToChangeRequest(
  change: BudgetChange,
  options: ChangeRequestHeader & { approved?: boolean },
): ARChangeRequestPayload[] {
  const head = header(options, change.title, change.date, options.approved ? change.date : null);
  return mergeByPhaseAndCostType(change.lines, (l) => l).map((m) => ({
    ...head,
    CR_Phase_Code: m.phaseCode,
    CR_Cost_Type: m.costType,
    Change_Request_Amount: wireAmount(m.amount),
  }));
}
