import { SPECTRUM_LIMITS as L, SPECTRUM_NUMERIC_FORMATS as N } from '../formats/limits.js';
import {
  amount,
  code,
  companyCode,
  costType,
  date,
  decimal,
  digits,
  type FieldSpec,
  flag,
  int,
  jobNumber,
  numberKey,
  percent,
  phase,
  state,
  text,
  upper,
  exported as x,
  yesNo,
  zip,
} from './put-field-specs.js';

/**
 * THE table of Spectrum's Put services (docs/spectrum-wire.md §4.3, §6): every field the product can send, in the
 * documented wire order, with what Spectrum accepts in it. `Company_Code` comes first; the client always writes it
 * from its own configuration. Fields marked with `x(…)` are the ones the product's exports fill: the mappers'
 * payloads hold exactly those (`blankPayload`), and `validatePayload` checks them at accept. The client sends a
 * service's fields in this order (blank when not given) and refuses any field not listed here.
 */

const JOB_CORE = {
  Company_Code: companyCode(),
  Job_Number: jobNumber(),
  Taxable_Flag: yesNo(),
  Price_Method_Code: flag(['F', 'T', 'C', 'U']),
  Job_Description: text(L.jobDescription),
  Division: code(L.division, /^[A-Za-z0-9]+$/, 'letters and digits'),
  Address_1: text(L.address),
  Address_2: text(L.address),
  City: text(L.city),
  State: state(),
  Zip_Code: zip(),
  Phone: digits(L.phone),
  Fax_Phone: text(),
  Job_Site_Phone: text(),
  Superintendent: text(),
  Estimator: text(),
  Project_Manager: text(),
  Customer_Code: upper(L.customerCode),
  Contract_Number: text(),
  Job_Type: text(),
  Tax_Class_Code: text(),
  Total_Units: decimal(),
  Unit_of_Measure: text(),
  Certified_Flag: yesNo(),
  Work_Comp_Code: text(),
  Wage_Rate_Level: text(),
  Est_Start_Date: date(),
  Est_Complete_Date: date(),
  Start_Date: date(),
  Complete_Date: date(),
  Work_State_Tax_Code: text(),
  Work_County_Tax_Code: text(),
  Work_Local_Tax_Code: text(),
  Original_Contract: amount(N.contractAmount),
  WO_Site: text(),
  Latitude: text(),
  Longitude: text(),
  Track_Davis_Bacon: text(),
  Track_Prevailing_Wage: text(),
  Create_Date: date(),
  Cost_Center: code(L.costCenter, /^[A-Za-z0-9\-._/]+$/, 'letters, digits and - . _ /'),
  Master_Job: text(),
  Bill_From_Master: yesNo(),
  Standard_Phase_Category: text(),
  Phase_Display_Code: text(L.phaseMask),
  Major_Group_Start: text(),
  Major_Group_End: text(),
  Minor_Group_Start: text(),
  Minor_Group_End: text(),
  Status_Code: flag(['A', 'I', 'C']),
} as const;

const ADD_JOB = {
  ...JOB_CORE,
  Company_Code: x(JOB_CORE.Company_Code),
  Job_Number: x(JOB_CORE.Job_Number),
  Taxable_Flag: x(yesNo('spectrum')),
  Price_Method_Code: x(flag(['F', 'T', 'C', 'U'], 'spectrum')),
  Job_Description: x(JOB_CORE.Job_Description),
  Division: x(JOB_CORE.Division),
  Address_1: x(JOB_CORE.Address_1),
  Address_2: x(JOB_CORE.Address_2),
  City: x(JOB_CORE.City),
  State: x(JOB_CORE.State),
  Zip_Code: x(JOB_CORE.Zip_Code),
  Phone: x(JOB_CORE.Phone),
  Customer_Code: x(JOB_CORE.Customer_Code),
  Cost_Center: x(JOB_CORE.Cost_Center),
  Phase_Display_Code: x(JOB_CORE.Phase_Display_Code),
  Status_Code: x(JOB_CORE.Status_Code),
} as const;

const UPDATE_JOB = {
  ...JOB_CORE,
  Owner_Name: text(),
  Comment: text(),
  Legal_Desc: text(),
} as const;

const ADD_PHASE = {
  Company_Code: x(companyCode()),
  Job_Number: x(jobNumber()),
  Phase_Code: x(phase('spectrum')),
  Cost_Type: x(costType('spectrum')),
  Description: x(text(L.phaseDescription)),
  Price_Method_Code: x(flag(['F', 'T', 'C', 'U', 'J'])),
  Original_Est_Quantity: decimal(),
  Unit_of_Measure: text(),
  Original_Est_Cost: x(amount(N.estimateCost)),
  Original_Est_Hours: decimal(),
  Bid_Item_Number: text(),
  Alt_Phase_Code: text(),
  Work_Comp_Code: text(),
  Phase_Cost_Center: text(),
  Current_Est_Hours: decimal(),
  Current_Est_Quantity: decimal(),
  Current_Est_Cost: amount(N.estimateCost),
  Status_Code: text(),
} as const;

const JOB_COST_PROJECTIONS = {
  Company_Code: x(companyCode()),
  Job_Number: x(jobNumber()),
  Phase_Code: x(phase('spectrum')),
  Cost_Type: x(costType('spectrum')),
  Transaction_Date: x(date('spectrum')),
  Amount: x(amount(N.amount, 'export')),
  Projected_Hours: decimal(),
  Projected_Quantity: decimal(),
  Note: x(text(L.projectionNote)),
  Operator: text(),
} as const;

const VENDOR_HEAD = {
  Company_Code: companyCode(),
  Vendor_Code: upper(L.vendorCode, 'spectrum'),
  Vendor_Name: text(L.vendorName),
  Alpha_Sort: text(),
  Terms_Code: text(),
  Terms_Days: int(3),
  Terms_Disc_Code: text(),
  Type: text(L.vendorType),
  Address_1: text(L.address),
  Address_2: text(L.address),
} as const;

const VENDOR_TAIL = {
  State: state(),
  Zip_Code: zip(),
  Phone: digits(L.phone),
  Fax_Phone: digits(L.phone),
  Contact_Name: text(L.contactName),
  Our_Account_Number: text(),
  Terms_Disc_Days: int(),
  Terms_Disc_Percent: decimal(),
  Insurance_Cert_Flag: text(),
  Insurance_Exp_Date: date(),
  Hold_Flag: yesNo(),
  Default_GL_Account: text(),
  Use_Tax_Code: text(),
  Vendor_Email: text(L.email),
  Contact_Phone: text(),
} as const;

const ADD_VENDOR = {
  ...VENDOR_HEAD,
  Company_Code: x(VENDOR_HEAD.Company_Code),
  Vendor_Code: x(VENDOR_HEAD.Vendor_Code),
  Vendor_Name: x(text(L.vendorName, 'spectrum')),
  Alpha_Sort: x(upper(L.alphaSortVendor, 'spectrum')),
  Terms_Code: x(flag(['A', 'B'], 'spectrum')),
  Terms_Days: x(int(3, 'spectrum')),
  Terms_Disc_Code: x(flag(['A', 'B'], 'spectrum')),
  Type: x(VENDOR_HEAD.Type),
  Address_1: x(VENDOR_HEAD.Address_1),
  Address_2: x(VENDOR_HEAD.Address_2),
  // AddVendor carries the city in Address_3; UpdateVendor calls it City.
  Address_3: x(text(L.city)),
  ...VENDOR_TAIL,
  State: x(VENDOR_TAIL.State),
  Zip_Code: x(VENDOR_TAIL.Zip_Code),
  Phone: x(VENDOR_TAIL.Phone),
  Fax_Phone: x(VENDOR_TAIL.Fax_Phone),
  Contact_Name: x(VENDOR_TAIL.Contact_Name),
  Vendor_Email: x(VENDOR_TAIL.Vendor_Email),
} as const;

const UPDATE_VENDOR = {
  ...VENDOR_HEAD,
  City: text(L.city),
  ...VENDOR_TAIL,
  Addr_Country: text(),
  Web_Site: text(),
  /** A active, I inactive, N not used. */
  Status: text(),
} as const;

const UPDATE_SUBCONTRACT = {
  Company_Code: x(companyCode()),
  Vendor_Code: x(upper(L.vendorCode, 'spectrum')),
  Subcontract_Number: x(numberKey(L.subcontractNumber, 'spectrum')),
  Job_Number: x(jobNumber('export')),
  GL_Account: x(
    code(L.glAccount, /^[0-9][0-9.-]*$/, "digits (with the G/L mask's dashes or dots)", 'export'),
  ),
  Default_Phase_Code: x(phase()),
  Default_Cost_Type: x(costType()),
  Status_Code: x(flag(['A', 'I', 'C'])),
  Contract_Type: x(text(L.contractType)),
  Insurance_Cert_Flag: text(),
  Sent_Date: date(),
  Date_Issued: x(date()),
  Contact_Person: x(text(L.contactName)),
  Unit_Price_Flag: text(),
  Comment: x(text(L.subcontractComment)),
  Retention_Percent: x(percent()),
  Pay_When_Paid: text(),
  Cost_Center_Override: text(),
} as const;

const UPDATE_SUBCONTRACT_PHASES = {
  Company_Code: x(companyCode()),
  Vendor_Code: x(upper(L.vendorCode, 'spectrum')),
  Subcontract_Number: x(numberKey(L.subcontractNumber, 'spectrum')),
  Phase_Code: x(phase('export')),
  Cost_Type: x(costType('export')),
  Bid_Item_Number: x(text(L.bidItemNumber)),
  Bill_Description: x(text(L.billDescription)),
  Unit_Of_Measure: text(),
  Retention_Flag: yesNo(),
  Unit_Price: decimal(),
  Original_Contract_Quantity: decimal(),
  Original_Contract_Amount: x(amount(N.subcontractLineAmount, 'export')),
} as const;

const AR_CHANGE_REQUEST = {
  Company_Code: x(companyCode()),
  Job_Number: x(jobNumber()),
  Customer_Code: x(upper(L.customerCode, 'spectrum')),
  // blank: Spectrum assigns the next number (returned in a G row); the product always derives one
  Change_Request_Number: x(numberKey(L.changeRequestNumber, 'export')),
  CR_Description: x(text(L.changeRequestDescription)),
  CR_Status: x(upper(2)),
  Cost_Reimbursable_Flag: x(yesNo()),
  Origination_Date: x(date()),
  Approved_Date: x(date()),
  Fee_Percent: decimal(),
  Fee_Amount: amount(N.amount),
  CR_Phase_Code: x(phase()),
  CR_Cost_Type: x(costType()),
  Change_Request_Quantity: decimal(),
  Change_Request_Hours: decimal(),
  Change_Request_Amount: x(amount(N.amount)),
  Subcontractor_Code: x(upper(L.vendorCode)),
  Subcontract_Number: x(numberKey(L.subcontractNumber)),
  Sub_Amount: x(amount(N.amount)),
  Sub_Bid_Group_Item_Code: text(),
  Sub_Bid_Item_Code: text(),
  /** P proposed, E executed, R rejected. */
  Sub_Status: x(flag(['P', 'E', 'R'])),
  Sub_Change_Order_Number: x(numberKey(L.changeOrderNumber)),
  Sub_Change_Order_Date: x(date()),
  Sub_Signed_Date: date(),
  Sub_Description: x(text(L.subChangeOrderDescription)),
  Sub_Type: text(),
  Sub_Proposal_Date: date(),
  Sub_Sent_Date: date(),
  Sub_Due_Date: date(),
  Sub_Comments: text(),
  Markup_Cost_Type: text(),
  Markup_Percent: decimal(),
  Markup_Amount: amount(N.amount),
  CR_Billing_Group_Code: text(),
  CR_Billing_Item_Code: x(
    code(L.billingItemCode, /^[A-Za-z0-9\-._/ ]+$/, 'letters, digits, spaces and - . _ /'),
  ),
  CR_Billing_Item_Description: x(text(L.billingItemDescription)),
  CR_Additional_Description: text(L.billingAdditionalDescription),
  CR_Unit_Price: decimal(),
  CR_Quantity: decimal(),
  CR_Revenue: x(amount(N.amount)),
  Default_Billing_Total: yesNo(),
} as const;

const AR_CHANGE_ORDER = {
  Company_Code: companyCode(),
  Job_Number: jobNumber(),
  Customer_Code: upper(L.customerCode, 'spectrum'),
  Change_Order_Number: text(L.changeOrderNumber),
  Description: text(),
  Status_Code: text(),
  Change_Order_Date: date(),
  Approved_Date: date(),
  Approved_Days: int(),
  Fee_Percent: decimal(),
  Fee_Amount: amount(N.amount),
  Change_Request_Number: text(L.changeRequestNumber),
  CO_Billing_Group_Code: text(),
  CO_Billing_Item_Code: text(),
  Additional_Description: text(),
  Unit_Price: decimal(),
  Quantity: decimal(),
  Revenue: amount(N.amount),
} as const;

const ADD_CUSTOMER = {
  Company_Code: companyCode(),
  Customer_Code: upper(L.customerCode, 'spectrum'),
  Name: text(L.customerName, 'spectrum'),
  Terms_Code: text(undefined, 'spectrum'),
  Sales_Tax_Code: text(15, 'spectrum'),
  Alpha_Sort: text(),
  Type: text(),
  Address_1: text(L.address),
  Address_2: text(L.address),
  City: text(L.city),
  State: state(),
  Zip_Code: zip(),
  Phone: text(),
  Fax_Phone: text(),
  Contact_1: text(),
  Contact_2: text(),
  Contact_3: text(),
  Salesperson: text(),
  Standard_Retention_Percent: decimal(),
  Taxable_Flag: yesNo(),
  Price_Level_Material: text(),
  Price_Level_Labor: text(),
  Credit_Limit: amount(),
  Date_Created: date(),
  Customer_Email: text(L.email),
} as const;

/** Every Spectrum Put service the product or the client calls, with its fields in wire order. */
export const PUT_FIELDS = {
  AddJob: ADD_JOB,
  UpdateJob: UPDATE_JOB,
  AddPhase: ADD_PHASE,
  JobCostProjections: JOB_COST_PROJECTIONS,
  AddVendor: ADD_VENDOR,
  UpdateVendor: UPDATE_VENDOR,
  UpdateSubcontract: UPDATE_SUBCONTRACT,
  UpdateSubcontractPhases: UPDATE_SUBCONTRACT_PHASES,
  ARChangeRequest: AR_CHANGE_REQUEST,
  ARChangeOrder: AR_CHANGE_ORDER,
  AddCustomer: ADD_CUSTOMER,
} as const satisfies Record<string, Readonly<Record<string, FieldSpec>>>;

export type PutFieldTable = typeof PUT_FIELDS;
/** `AddJob`, `UpdateSubcontract`, …: a Spectrum Put service in the table. */
export type PutServiceName = keyof PutFieldTable;
/** A wire field of one service (`Job_Number`, `Original_Est_Cost`, …). */
export type PutField<S extends PutServiceName> = keyof PutFieldTable[S] & string;
/**
 * What a Put of service `S` carries on the wire: Spectrum field names, text values, any field may be left out
 * (sent blank = "leave unchanged"). An export mapper's payload for `S` is one.
 */
export type PutWire<S extends PutServiceName> = { readonly [K in PutField<S>]?: string };

export const PUT_SERVICE_NAMES = Object.keys(PUT_FIELDS) as PutServiceName[];

export function isPutServiceName(name: string): name is PutServiceName {
  return Object.hasOwn(PUT_FIELDS, name);
}

/** The fields of a service in wire order, with their specs. */
export function putFieldsOf(service: PutServiceName): readonly (readonly [string, FieldSpec])[] {
  return Object.entries(PUT_FIELDS[service] as Readonly<Record<string, FieldSpec>>);
}
