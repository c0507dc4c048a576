import type { PutField, PutFieldTable, PutServiceName } from '@bridge/rules';

/**
 * The typed Put methods (`addJob`, `upsertSubcontractLine`, …): for each service, the camelCase name a caller
 * uses for each wire field. Which fields exist, their order, their kinds and which ones Spectrum requires all come
 * from the rules' Put field table (`PUT_FIELDS` in `@bridge/rules`); this file only names them. A typed call is
 * formatted to wire text once (`put-input.ts`) and sent through the same path as a wire Put (`put-wire.ts`).
 */
type Names<S extends PutServiceName> = Readonly<Record<string, Exclude<PutField<S>, 'Company_Code'>>>;

export interface TypedPutDef<S extends PutServiceName = PutServiceName, N extends Names<S> = Names<S>> {
  readonly service: S;
  readonly names: N;
}

const def = <S extends PutServiceName, const N extends Names<S>>(
  service: S,
  names: N,
): TypedPutDef<S, N> => ({
  service,
  names,
});

type Spec<S extends PutServiceName, W> = W extends keyof PutFieldTable[S] ? PutFieldTable[S][W] : never;
/** What a caller passes for a field of this kind: integer cents, a boolean flag, a number, text or an ISO date. */
type ValueOf<F> = F extends { kind: 'amount' } | { kind: 'int' }
  ? number
  : F extends { kind: 'yesNo' }
    ? boolean
    : string;
type Required<F> = F extends { required: 'spectrum' } ? true : false;

/** The typed input of a Put method: required where Spectrum requires the field, optional otherwise. */
export type PutInput<D extends { readonly service: PutServiceName; readonly names: object }> = InputOf<
  D['service'],
  D['names']
>;
type InputOf<S extends PutServiceName, N> = {
  -readonly [K in keyof N as Required<Spec<S, N[K]>> extends true ? K : never]: ValueOf<Spec<S, N[K]>>;
} & {
  -readonly [K in keyof N as Required<Spec<S, N[K]>> extends true ? never : K]?:
    | ValueOf<Spec<S, N[K]>>
    | undefined;
};

const JOB_NAMES = {
  jobNumber: 'Job_Number',
  taxable: 'Taxable_Flag',
  priceMethodCode: 'Price_Method_Code',
  jobDescription: 'Job_Description',
  division: 'Division',
  address1: 'Address_1',
  address2: 'Address_2',
  city: 'City',
  state: 'State',
  zipCode: 'Zip_Code',
  phone: 'Phone',
  faxPhone: 'Fax_Phone',
  jobSitePhone: 'Job_Site_Phone',
  superintendent: 'Superintendent',
  estimator: 'Estimator',
  projectManager: 'Project_Manager',
  customerCode: 'Customer_Code',
  contractNumber: 'Contract_Number',
  jobType: 'Job_Type',
  taxClassCode: 'Tax_Class_Code',
  totalUnits: 'Total_Units',
  unitOfMeasure: 'Unit_of_Measure',
  certified: 'Certified_Flag',
  workCompCode: 'Work_Comp_Code',
  wageRateLevel: 'Wage_Rate_Level',
  estStartDate: 'Est_Start_Date',
  estCompleteDate: 'Est_Complete_Date',
  startDate: 'Start_Date',
  completeDate: 'Complete_Date',
  workStateTaxCode: 'Work_State_Tax_Code',
  workCountyTaxCode: 'Work_County_Tax_Code',
  workLocalTaxCode: 'Work_Local_Tax_Code',
  originalContractCents: 'Original_Contract',
  woSite: 'WO_Site',
  latitude: 'Latitude',
  longitude: 'Longitude',
  trackDavisBacon: 'Track_Davis_Bacon',
  trackPrevailingWage: 'Track_Prevailing_Wage',
  createDate: 'Create_Date',
  costCenter: 'Cost_Center',
  masterJob: 'Master_Job',
  billFromMaster: 'Bill_From_Master',
  standardPhaseCategory: 'Standard_Phase_Category',
  phaseDisplayCode: 'Phase_Display_Code',
  majorGroupStart: 'Major_Group_Start',
  majorGroupEnd: 'Major_Group_End',
  minorGroupStart: 'Minor_Group_Start',
  minorGroupEnd: 'Minor_Group_End',
  statusCode: 'Status_Code',
} as const;

export const ADD_JOB = def('AddJob', JOB_NAMES);

export const UPDATE_JOB = def('UpdateJob', {
  ...JOB_NAMES,
  ownerName: 'Owner_Name',
  comment: 'Comment',
  legalDesc: 'Legal_Desc',
});

export const ADD_PHASE = def('AddPhase', {
  jobNumber: 'Job_Number',
  phaseCode: 'Phase_Code',
  costType: 'Cost_Type',
  description: 'Description',
  priceMethodCode: 'Price_Method_Code',
  originalEstQuantity: 'Original_Est_Quantity',
  unitOfMeasure: 'Unit_of_Measure',
  originalEstCents: 'Original_Est_Cost',
  originalEstHours: 'Original_Est_Hours',
  bidItemNumber: 'Bid_Item_Number',
  altPhaseCode: 'Alt_Phase_Code',
  workCompCode: 'Work_Comp_Code',
  phaseCostCenter: 'Phase_Cost_Center',
  currentEstHours: 'Current_Est_Hours',
  currentEstQuantity: 'Current_Est_Quantity',
  currentEstCents: 'Current_Est_Cost',
  statusCode: 'Status_Code',
});

export const JOB_COST_PROJECTIONS = def('JobCostProjections', {
  jobNumber: 'Job_Number',
  phaseCode: 'Phase_Code',
  costType: 'Cost_Type',
  transactionDate: 'Transaction_Date',
  amountCents: 'Amount',
  projectedHours: 'Projected_Hours',
  projectedQuantity: 'Projected_Quantity',
  note: 'Note',
  operator: 'Operator',
});

const VENDOR_NAMES = {
  vendorCode: 'Vendor_Code',
  vendorName: 'Vendor_Name',
  alphaSort: 'Alpha_Sort',
  termsCode: 'Terms_Code',
  termsDays: 'Terms_Days',
  termsDiscCode: 'Terms_Disc_Code',
  type: 'Type',
  address1: 'Address_1',
  address2: 'Address_2',
  state: 'State',
  zipCode: 'Zip_Code',
  phone: 'Phone',
  faxPhone: 'Fax_Phone',
  contactName: 'Contact_Name',
  ourAccountNumber: 'Our_Account_Number',
  termsDiscDays: 'Terms_Disc_Days',
  termsDiscPercent: 'Terms_Disc_Percent',
  insuranceCertFlag: 'Insurance_Cert_Flag',
  insuranceExpDate: 'Insurance_Exp_Date',
  hold: 'Hold_Flag',
  defaultGlAccount: 'Default_GL_Account',
  useTaxCode: 'Use_Tax_Code',
  vendorEmail: 'Vendor_Email',
  contactPhone: 'Contact_Phone',
} as const;

/** AddVendor carries the city in Address_3; UpdateVendor calls it City. */
export const ADD_VENDOR = def('AddVendor', { ...VENDOR_NAMES, city: 'Address_3' });

export const UPDATE_VENDOR = def('UpdateVendor', {
  ...VENDOR_NAMES,
  city: 'City',
  country: 'Addr_Country',
  webSite: 'Web_Site',
  /** A active, I inactive, N not used. */
  status: 'Status',
});

export const UPDATE_SUBCONTRACT = def('UpdateSubcontract', {
  vendorCode: 'Vendor_Code',
  subcontractNumber: 'Subcontract_Number',
  jobNumber: 'Job_Number',
  glAccount: 'GL_Account',
  defaultPhaseCode: 'Default_Phase_Code',
  defaultCostType: 'Default_Cost_Type',
  statusCode: 'Status_Code',
  contractType: 'Contract_Type',
  insuranceCertFlag: 'Insurance_Cert_Flag',
  sentDate: 'Sent_Date',
  dateIssued: 'Date_Issued',
  contactPerson: 'Contact_Person',
  unitPriceFlag: 'Unit_Price_Flag',
  comment: 'Comment',
  retentionPercent: 'Retention_Percent',
  payWhenPaid: 'Pay_When_Paid',
  costCenterOverride: 'Cost_Center_Override',
});

export const UPDATE_SUBCONTRACT_PHASES = def('UpdateSubcontractPhases', {
  vendorCode: 'Vendor_Code',
  subcontractNumber: 'Subcontract_Number',
  phaseCode: 'Phase_Code',
  costType: 'Cost_Type',
  bidItemNumber: 'Bid_Item_Number',
  billDescription: 'Bill_Description',
  unitOfMeasure: 'Unit_Of_Measure',
  retention: 'Retention_Flag',
  unitPrice: 'Unit_Price',
  originalContractQuantity: 'Original_Contract_Quantity',
  originalContractCents: 'Original_Contract_Amount',
});

export const AR_CHANGE_REQUEST = def('ARChangeRequest', {
  jobNumber: 'Job_Number',
  customerCode: 'Customer_Code',
  changeRequestNumber: 'Change_Request_Number',
  description: 'CR_Description',
  status: 'CR_Status',
  costReimbursable: 'Cost_Reimbursable_Flag',
  originationDate: 'Origination_Date',
  approvedDate: 'Approved_Date',
  feePercent: 'Fee_Percent',
  feeCents: 'Fee_Amount',
  phaseCode: 'CR_Phase_Code',
  costType: 'CR_Cost_Type',
  quantity: 'Change_Request_Quantity',
  hours: 'Change_Request_Hours',
  amountCents: 'Change_Request_Amount',
  subcontractorCode: 'Subcontractor_Code',
  subcontractNumber: 'Subcontract_Number',
  subAmountCents: 'Sub_Amount',
  subBidGroupItemCode: 'Sub_Bid_Group_Item_Code',
  subBidItemCode: 'Sub_Bid_Item_Code',
  /** P proposed, E executed, R rejected. */
  subStatus: 'Sub_Status',
  subChangeOrderNumber: 'Sub_Change_Order_Number',
  subChangeOrderDate: 'Sub_Change_Order_Date',
  subSignedDate: 'Sub_Signed_Date',
  subDescription: 'Sub_Description',
  subType: 'Sub_Type',
  subProposalDate: 'Sub_Proposal_Date',
  subSentDate: 'Sub_Sent_Date',
  subDueDate: 'Sub_Due_Date',
  subComments: 'Sub_Comments',
  markupCostType: 'Markup_Cost_Type',
  markupPercent: 'Markup_Percent',
  markupCents: 'Markup_Amount',
  billingGroupCode: 'CR_Billing_Group_Code',
  billingItemCode: 'CR_Billing_Item_Code',
  billingItemDescription: 'CR_Billing_Item_Description',
  additionalDescription: 'CR_Additional_Description',
  unitPrice: 'CR_Unit_Price',
  billingQuantity: 'CR_Quantity',
  revenueCents: 'CR_Revenue',
  defaultBillingTotal: 'Default_Billing_Total',
});

export const AR_CHANGE_ORDER = def('ARChangeOrder', {
  jobNumber: 'Job_Number',
  customerCode: 'Customer_Code',
  changeOrderNumber: 'Change_Order_Number',
  description: 'Description',
  statusCode: 'Status_Code',
  changeOrderDate: 'Change_Order_Date',
  approvedDate: 'Approved_Date',
  approvedDays: 'Approved_Days',
  feePercent: 'Fee_Percent',
  feeCents: 'Fee_Amount',
  changeRequestNumber: 'Change_Request_Number',
  billingGroupCode: 'CO_Billing_Group_Code',
  billingItemCode: 'CO_Billing_Item_Code',
  additionalDescription: 'Additional_Description',
  unitPrice: 'Unit_Price',
  quantity: 'Quantity',
  revenueCents: 'Revenue',
});

export const ADD_CUSTOMER = def('AddCustomer', {
  customerCode: 'Customer_Code',
  name: 'Name',
  termsCode: 'Terms_Code',
  salesTaxCode: 'Sales_Tax_Code',
  alphaSort: 'Alpha_Sort',
  type: 'Type',
  address1: 'Address_1',
  address2: 'Address_2',
  city: 'City',
  state: 'State',
  zipCode: 'Zip_Code',
  phone: 'Phone',
  faxPhone: 'Fax_Phone',
  contact1: 'Contact_1',
  contact2: 'Contact_2',
  contact3: 'Contact_3',
  salesperson: 'Salesperson',
  standardRetentionPercent: 'Standard_Retention_Percent',
  taxable: 'Taxable_Flag',
  priceLevelMaterial: 'Price_Level_Material',
  priceLevelLabor: 'Price_Level_Labor',
  creditLimitCents: 'Credit_Limit',
  dateCreated: 'Date_Created',
  customerEmail: 'Customer_Email',
});

export const TYPED_PUTS = [
  ADD_JOB,
  UPDATE_JOB,
  ADD_PHASE,
  JOB_COST_PROJECTIONS,
  ADD_VENDOR,
  UPDATE_VENDOR,
  UPDATE_SUBCONTRACT,
  UPDATE_SUBCONTRACT_PHASES,
  AR_CHANGE_REQUEST,
  AR_CHANGE_ORDER,
  ADD_CUSTOMER,
] as const;

export type AddJobInput = PutInput<typeof ADD_JOB>;
export type UpdateJobInput = PutInput<typeof UPDATE_JOB>;
export type AddPhaseInput = PutInput<typeof ADD_PHASE>;
export type JobCostProjectionInput = PutInput<typeof JOB_COST_PROJECTIONS>;
export type AddVendorInput = PutInput<typeof ADD_VENDOR>;
export type UpdateVendorInput = PutInput<typeof UPDATE_VENDOR>;
export type SubcontractInput = PutInput<typeof UPDATE_SUBCONTRACT>;
export type SubcontractLineInput = PutInput<typeof UPDATE_SUBCONTRACT_PHASES>;
export type ChangeRequestLineInput = PutInput<typeof AR_CHANGE_REQUEST>;
export type ChangeOrderLineInput = PutInput<typeof AR_CHANGE_ORDER>;
export type AddCustomerInput = PutInput<typeof ADD_CUSTOMER>;

/** Result of a Put: values Spectrum generated (`G` rows), keyed by the column it named. */
export interface PutResult {
  generated: Record<string, string>;
}
