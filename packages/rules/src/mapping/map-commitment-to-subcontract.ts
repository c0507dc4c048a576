import type { Commitment, Company } from '../domain/types.js';
import { SPECTRUM_LIMITS as L } from '../formats/limits.js';
import {
  blankPayload,
  type UpdateSubcontractPayload,
  type UpdateSubcontractPhasesPayload,
} from './payload-fields.js';
import { mergeByPhaseAndCostType, wireAmount, wireCode, wireDate, wireText } from './wire-values.js';

/** `Contract_Type` of the Spectrum subcontract, saying which PM tool it came from (LIM-4: POs become subcontracts). */
// Spectrum codes are uppercase (its Put services refuse lowercase codes).
export const CONTRACT_TYPE = Object.freeze({ subcontract: 'SUBCONTRACT', purchase_order: 'PURCHASE ORDER' });

export interface SubcontractPayloads {
  header: UpdateSubcontractPayload;
  lines: UpdateSubcontractPhasesPayload[];
}

/**
 * A commitment as a Spectrum subcontract (COM-2, LIM-4): one UpdateSubcontract header and one
 * UpdateSubcontractPhases call per phase + cost type. SOV lines with the same phase and cost type are merged into
 * one line with the summed amount and the first line's description (Spectrum keys lines by phase + cost type +
 * bid item, and the product sends no bid items). `Default_Cost_Type` is the cost type all lines share (COM-1).
 * No tax code is sent anywhere (LIM-8, COM-6), nor units or quantities: commitments go over as amounts.
 * Throws when the commitment has no lines or mixed cost types: run the COM-1 eligibility check first.
 */
export function mapCommitmentToSubcontract(
  commitment: Commitment,
  company: Company,
  options: {
    companyCode: string;
    jobNumber: string;
    vendorCode: string;
    subcontractNumber: string;
    glAccount: string;
  },
): SubcontractPayloads {
  const merged = mergeByPhaseAndCostType(commitment.lines, (l) => l);
  const costTypes = new Set(merged.map((m) => m.costType));
  if (costTypes.size !== 1) {
    throw new RangeError(
      `commitment ${commitment.id} needs lines of exactly one cost type (COM-1), found ${costTypes.size}`,
    );
  }
  const key = {
    Company_Code: wireCode(options.companyCode),
    Vendor_Code: wireCode(options.vendorCode),
    Subcontract_Number: options.subcontractNumber.trim(),
  };
  const header: UpdateSubcontractPayload = {
    ...blankPayload('UpdateSubcontract'),
    ...key,
    Job_Number: options.jobNumber.trim(),
    GL_Account: options.glAccount.trim(),
    Default_Cost_Type: [...costTypes][0] as string,
    Status_Code: 'A',
    Contract_Type: CONTRACT_TYPE[commitment.kind],
    Date_Issued: wireDate(commitment.contractDate),
    Contact_Person: wireText(company.contactName, L.contactName),
    Comment: wireText(commitment.title, L.subcontractComment),
    Retention_Percent: (commitment.retentionPercent ?? '').trim(),
  };
  const lines = merged.map(
    (m): UpdateSubcontractPhasesPayload => ({
      ...blankPayload('UpdateSubcontractPhases'),
      ...key,
      Phase_Code: m.phaseCode,
      Cost_Type: m.costType,
      Bill_Description: wireText(m.first.description || commitment.title, L.billDescription),
      Original_Contract_Amount: wireAmount(m.amount),
    }),
  );
  return { header, lines };
}
