import { SPECTRUM_LIMITS as L, SPECTRUM_NUMERIC_FORMATS as N } from '../formats/limits.js';

/**
 * The fields of each Spectrum Put service the product writes, in wire order (docs/spectrum-wire.md §6), with
 * what Spectrum accepts in each. Every value travels as text; `''` means "leave unchanged" (§4.3) and is allowed
 * wherever a field is not `required`.
 */
export type FieldSpec =
  | { readonly kind: 'text'; readonly max: number; readonly required?: boolean }
  | {
      readonly kind: 'code';
      readonly max: number;
      readonly pattern: RegExp;
      readonly expected: string;
      readonly required?: boolean;
    }
  | { readonly kind: 'flag'; readonly values: readonly string[]; readonly required?: boolean }
  | { readonly kind: 'date'; readonly required?: boolean }
  | { readonly kind: 'amount'; readonly format: string; readonly required?: boolean }
  | { readonly kind: 'digits'; readonly max: number; readonly required?: boolean }
  | { readonly kind: 'percent'; readonly required?: boolean };

const text = (max: number, required = false): FieldSpec => ({ kind: 'text', max, required });
const code = (max: number, pattern: RegExp, expected: string, required = false): FieldSpec => ({
  kind: 'code',
  max,
  pattern,
  expected,
  required,
});
const upper = (max: number, required = false) =>
  code(max, /^[A-Z0-9]+$/, 'uppercase letters and digits', required);
const numberKey = (max: number, required = false) =>
  code(max, /^[A-Z0-9][A-Z0-9-]*$/, 'uppercase letters, digits and dashes', required);
const jobNumber = (required = true) =>
  code(L.jobNumber, /^[A-Za-z0-9\-._/]+$/, 'letters, digits and - . _ /', required);
const phase = (required = false) =>
  code(L.phaseCode, /^[A-Z0-9]+$/, 'uppercase letters and digits, no dashes', required);
const costType = (required = false) => upper(L.costType, required);
const flag = (values: readonly string[], required = false): FieldSpec => ({ kind: 'flag', values, required });
const date = (required = false): FieldSpec => ({ kind: 'date', required });
const amount = (format: string, required = false): FieldSpec => ({ kind: 'amount', format, required });
const digits = (max: number, required = false): FieldSpec => ({ kind: 'digits', max, required });
const companyCode = upper(L.companyCode, true);

export const ADD_JOB_FIELDS = {
  Company_Code: companyCode,
  Job_Number: jobNumber(),
  Job_Description: text(L.jobDescription),
  Division: code(L.division, /^[A-Za-z0-9]+$/, 'letters and digits'),
  Address_1: text(L.address),
  Address_2: text(L.address),
  City: text(L.city),
  State: code(L.state, /^[A-Z]{2}$/, 'a two-letter state code'),
  Zip_Code: code(L.zip, /^[A-Za-z0-9 -]+$/, 'letters, digits, spaces and dashes'),
  Phone: digits(L.phone),
  Customer_Code: upper(L.customerCode),
  Taxable_Flag: flag(['Y', 'N'], true),
  Price_Method_Code: flag(['F', 'T', 'C', 'U'], true),
  Cost_Center: code(L.costCenter, /^[A-Za-z0-9\-._/]+$/, 'letters, digits and - . _ /'),
  Phase_Display_Code: text(L.phaseMask),
  Status_Code: flag(['A', 'I', 'C']),
} as const satisfies Record<string, FieldSpec>;

export const ADD_VENDOR_FIELDS = {
  Company_Code: companyCode,
  Vendor_Code: upper(L.vendorCode, true),
  Vendor_Name: text(L.vendorName, true),
  Alpha_Sort: upper(L.alphaSortVendor, true),
  Terms_Code: flag(['A', 'B'], true),
  Terms_Days: digits(3, true),
  Terms_Disc_Code: flag(['A', 'B'], true),
  Type: text(L.vendorType),
  Address_1: text(L.address),
  Address_2: text(L.address),
  Address_3: text(L.city),
  State: code(L.state, /^[A-Z]{2}$/, 'a two-letter state code'),
  Zip_Code: code(L.zip, /^[A-Za-z0-9 -]+$/, 'letters, digits, spaces and dashes'),
  Phone: digits(L.phone),
  Fax_Phone: digits(L.phone),
  Contact_Name: text(L.contactName),
  Vendor_Email: text(L.email),
} as const satisfies Record<string, FieldSpec>;

export const UPDATE_SUBCONTRACT_FIELDS = {
  Company_Code: companyCode,
  Vendor_Code: upper(L.vendorCode, true),
  Subcontract_Number: numberKey(L.subcontractNumber, true),
  Job_Number: jobNumber(),
  GL_Account: code(L.glAccount, /^[0-9][0-9.-]*$/, "digits (with the G/L mask's dashes or dots)", true),
  Default_Phase_Code: phase(),
  Default_Cost_Type: costType(),
  Status_Code: flag(['A', 'I', 'C']),
  Contract_Type: text(L.contractType),
  Date_Issued: date(),
  Contact_Person: text(L.contactName),
  Comment: text(L.subcontractComment),
  Retention_Percent: { kind: 'percent' },
} as const satisfies Record<string, FieldSpec>;

export const UPDATE_SUBCONTRACT_PHASES_FIELDS = {
  Company_Code: companyCode,
  Vendor_Code: upper(L.vendorCode, true),
  Subcontract_Number: numberKey(L.subcontractNumber, true),
  Phase_Code: phase(true),
  Cost_Type: costType(true),
  Bid_Item_Number: text(L.bidItemNumber),
  Bill_Description: text(L.billDescription),
  Original_Contract_Amount: amount(N.subcontractLineAmount, true),
} as const satisfies Record<string, FieldSpec>;

export const AR_CHANGE_REQUEST_FIELDS = {
  Company_Code: companyCode,
  Job_Number: jobNumber(),
  Customer_Code: upper(L.customerCode, true),
  Change_Request_Number: numberKey(L.changeRequestNumber, true),
  CR_Description: text(L.changeRequestDescription),
  CR_Status: upper(2),
  Cost_Reimbursable_Flag: flag(['Y', 'N']),
  Origination_Date: date(),
  Approved_Date: date(),
  CR_Phase_Code: phase(),
  CR_Cost_Type: costType(),
  Change_Request_Amount: amount(N.amount),
  Subcontractor_Code: upper(L.vendorCode),
  Subcontract_Number: numberKey(L.subcontractNumber),
  Sub_Amount: amount(N.amount),
  Sub_Status: flag(['P', 'E', 'R']),
  Sub_Change_Order_Number: numberKey(L.changeOrderNumber),
  Sub_Change_Order_Date: date(),
  Sub_Description: text(L.subChangeOrderDescription),
  CR_Billing_Item_Code: code(
    L.billingItemCode,
    /^[A-Za-z0-9\-._/ ]+$/,
    'letters, digits, spaces and - . _ /',
  ),
  CR_Billing_Item_Description: text(L.billingItemDescription),
  CR_Revenue: amount(N.amount),
} as const satisfies Record<string, FieldSpec>;

export const ADD_PHASE_FIELDS = {
  Company_Code: companyCode,
  Job_Number: jobNumber(),
  Phase_Code: phase(true),
  Cost_Type: costType(true),
  Description: text(L.phaseDescription),
  Price_Method_Code: flag(['F', 'T', 'C', 'U', 'J']),
  Original_Est_Cost: amount(N.estimateCost),
} as const satisfies Record<string, FieldSpec>;

export const JOB_COST_PROJECTIONS_FIELDS = {
  Company_Code: companyCode,
  Job_Number: jobNumber(),
  Phase_Code: phase(true),
  Cost_Type: costType(true),
  Transaction_Date: date(true),
  Amount: amount(N.amount, true),
  Note: text(L.projectionNote),
} as const satisfies Record<string, FieldSpec>;

/** The Spectrum write services the product maps records to, with their fields. */
export const SERVICE_FIELDS = {
  AddJob: ADD_JOB_FIELDS,
  AddVendor: ADD_VENDOR_FIELDS,
  UpdateSubcontract: UPDATE_SUBCONTRACT_FIELDS,
  UpdateSubcontractPhases: UPDATE_SUBCONTRACT_PHASES_FIELDS,
  ARChangeRequest: AR_CHANGE_REQUEST_FIELDS,
  AddPhase: ADD_PHASE_FIELDS,
  JobCostProjections: JOB_COST_PROJECTIONS_FIELDS,
} as const;

export type SpectrumWriteService = keyof typeof SERVICE_FIELDS;
export const SPECTRUM_WRITE_SERVICES = Object.keys(SERVICE_FIELDS) as SpectrumWriteService[];

type Wire<F> = { [K in keyof F]: string };

/** AddJob (§6.1): a new Spectrum job from a PM project. */
export type AddJobPayload = Wire<typeof ADD_JOB_FIELDS>;
/** AddVendor (§6.3): a new Spectrum vendor from a directory company. */
export type AddVendorPayload = Wire<typeof ADD_VENDOR_FIELDS>;
/** UpdateSubcontract (§6.4): the subcontract header (an upsert keyed by company + vendor + number). */
export type UpdateSubcontractPayload = Wire<typeof UPDATE_SUBCONTRACT_FIELDS>;
/** UpdateSubcontractPhases (§6.5): one subcontract line (keyed by phase + cost type + bid item). */
export type UpdateSubcontractPhasesPayload = Wire<typeof UPDATE_SUBCONTRACT_PHASES_FIELDS>;
/** ARChangeRequest (§6.7): one line of a change request, header fields repeated. */
export type ARChangeRequestPayload = Wire<typeof AR_CHANGE_REQUEST_FIELDS>;
/** AddPhase (§6.2): one phase × cost type with its original estimate (amounts only, LIM-8). */
export type AddPhasePayload = Wire<typeof ADD_PHASE_FIELDS>;
/** JobCostProjections (§6.6): projected cost at completion of one phase × cost type. */
export type JobCostProjectionsPayload = Wire<typeof JOB_COST_PROJECTIONS_FIELDS>;

export interface PayloadFor {
  AddJob: AddJobPayload;
  AddVendor: AddVendorPayload;
  UpdateSubcontract: UpdateSubcontractPayload;
  UpdateSubcontractPhases: UpdateSubcontractPhasesPayload;
  ARChangeRequest: ARChangeRequestPayload;
  AddPhase: AddPhasePayload;
  JobCostProjections: JobCostProjectionsPayload;
}

/** A payload with every field blank, in wire order: mappers fill in what they know. */
export function blankPayload<S extends SpectrumWriteService>(service: S): PayloadFor[S] {
  const out: Record<string, string> = {};
  for (const field of Object.keys(SERVICE_FIELDS[service])) out[field] = '';
  return out as unknown as PayloadFor[S];
}
