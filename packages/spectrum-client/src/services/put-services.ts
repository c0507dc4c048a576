import type { FieldKind, KindInput } from '../wire/row-spec.js';

/**
 * Put services: domain name -> [wire name, kind, required?], in the order the fields are sent
 * (Spectrum's documented field order, docs/spectrum-wire.md §4.3 and §6; Company_Code first, filled from the client's company).
 */
export type PutFieldSpec = readonly [wire: string, kind: FieldKind, required?: true];
export type PutSpec = Readonly<Record<string, PutFieldSpec>>;

type RequiredKeys<S extends PutSpec> = { [K in keyof S]: S[K][2] extends true ? K : never }[keyof S];
type OptionalKeys<S extends PutSpec> = Exclude<keyof S, RequiredKeys<S>>;
export type PutInput<S extends PutSpec> = { [K in RequiredKeys<S>]: KindInput[S[K][1]] } & {
  [K in OptionalKeys<S>]?: KindInput[S[K][1]] | undefined;
};

export interface PutServiceDef<S extends PutSpec = PutSpec> {
  readonly name: string;
  readonly fields: S;
}

const JOB_CORE = {
  jobNumber: ['Job_Number', 'key', true],
  taxable: ['Taxable_Flag', 'flag'],
  priceMethodCode: ['Price_Method_Code', 'text'],
  jobDescription: ['Job_Description', 'text'],
  division: ['Division', 'text'],
  address1: ['Address_1', 'text'],
  address2: ['Address_2', 'text'],
  city: ['City', 'text'],
  state: ['State', 'text'],
  zipCode: ['Zip_Code', 'text'],
  phone: ['Phone', 'text'],
  faxPhone: ['Fax_Phone', 'text'],
  jobSitePhone: ['Job_Site_Phone', 'text'],
  superintendent: ['Superintendent', 'text'],
  estimator: ['Estimator', 'text'],
  projectManager: ['Project_Manager', 'text'],
  customerCode: ['Customer_Code', 'text'],
  contractNumber: ['Contract_Number', 'text'],
  jobType: ['Job_Type', 'text'],
  taxClassCode: ['Tax_Class_Code', 'text'],
  totalUnits: ['Total_Units', 'decimal'],
  unitOfMeasure: ['Unit_of_Measure', 'text'],
  certified: ['Certified_Flag', 'flag'],
  workCompCode: ['Work_Comp_Code', 'text'],
  wageRateLevel: ['Wage_Rate_Level', 'text'],
  estStartDate: ['Est_Start_Date', 'date'],
  estCompleteDate: ['Est_Complete_Date', 'date'],
  startDate: ['Start_Date', 'date'],
  completeDate: ['Complete_Date', 'date'],
  workStateTaxCode: ['Work_State_Tax_Code', 'text'],
  workCountyTaxCode: ['Work_County_Tax_Code', 'text'],
  workLocalTaxCode: ['Work_Local_Tax_Code', 'text'],
  originalContractCents: ['Original_Contract', 'money'],
  woSite: ['WO_Site', 'text'],
  latitude: ['Latitude', 'text'],
  longitude: ['Longitude', 'text'],
  trackDavisBacon: ['Track_Davis_Bacon', 'text'],
  trackPrevailingWage: ['Track_Prevailing_Wage', 'text'],
  createDate: ['Create_Date', 'date'],
  costCenter: ['Cost_Center', 'text'],
  masterJob: ['Master_Job', 'text'],
  billFromMaster: ['Bill_From_Master', 'flag'],
  standardPhaseCategory: ['Standard_Phase_Category', 'text'],
  phaseDisplayCode: ['Phase_Display_Code', 'text'],
  majorGroupStart: ['Major_Group_Start', 'text'],
  majorGroupEnd: ['Major_Group_End', 'text'],
  minorGroupStart: ['Minor_Group_Start', 'text'],
  minorGroupEnd: ['Minor_Group_End', 'text'],
  statusCode: ['Status_Code', 'text'],
} as const satisfies PutSpec;

export const ADD_JOB = {
  name: 'AddJob',
  fields: {
    ...JOB_CORE,
    taxable: ['Taxable_Flag', 'flag', true],
    priceMethodCode: ['Price_Method_Code', 'text', true],
  },
} as const satisfies PutServiceDef;

export const UPDATE_JOB = {
  name: 'UpdateJob',
  fields: {
    ...JOB_CORE,
    ownerName: ['Owner_Name', 'text'],
    comment: ['Comment', 'text'],
    legalDesc: ['Legal_Desc', 'text'],
  },
} as const satisfies PutServiceDef;

export const ADD_PHASE = {
  name: 'AddPhase',
  fields: {
    jobNumber: ['Job_Number', 'key', true],
    phaseCode: ['Phase_Code', 'key', true],
    costType: ['Cost_Type', 'key', true],
    description: ['Description', 'text'],
    priceMethodCode: ['Price_Method_Code', 'text'],
    originalEstQuantity: ['Original_Est_Quantity', 'decimal'],
    unitOfMeasure: ['Unit_of_Measure', 'text'],
    originalEstCents: ['Original_Est_Cost', 'money'],
    originalEstHours: ['Original_Est_Hours', 'decimal'],
    bidItemNumber: ['Bid_Item_Number', 'text'],
    altPhaseCode: ['Alt_Phase_Code', 'text'],
    workCompCode: ['Work_Comp_Code', 'text'],
    phaseCostCenter: ['Phase_Cost_Center', 'text'],
    currentEstHours: ['Current_Est_Hours', 'decimal'],
    currentEstQuantity: ['Current_Est_Quantity', 'decimal'],
    currentEstCents: ['Current_Est_Cost', 'money'],
    statusCode: ['Status_Code', 'text'],
  },
} as const satisfies PutServiceDef;

export const JOB_COST_PROJECTIONS = {
  name: 'JobCostProjections',
  fields: {
    jobNumber: ['Job_Number', 'key', true],
    phaseCode: ['Phase_Code', 'key', true],
    costType: ['Cost_Type', 'key', true],
    transactionDate: ['Transaction_Date', 'date', true],
    amountCents: ['Amount', 'money'],
    projectedHours: ['Projected_Hours', 'decimal'],
    projectedQuantity: ['Projected_Quantity', 'decimal'],
    note: ['Note', 'text'],
    operator: ['Operator', 'text'],
  },
} as const satisfies PutServiceDef;

const VENDOR_CORE = {
  vendorCode: ['Vendor_Code', 'key', true],
  vendorName: ['Vendor_Name', 'text'],
  alphaSort: ['Alpha_Sort', 'text'],
  termsCode: ['Terms_Code', 'text'],
  termsDays: ['Terms_Days', 'int'],
  termsDiscCode: ['Terms_Disc_Code', 'text'],
  type: ['Type', 'text'],
  address1: ['Address_1', 'text'],
  address2: ['Address_2', 'text'],
} as const satisfies PutSpec;

const VENDOR_TAIL = {
  state: ['State', 'text'],
  zipCode: ['Zip_Code', 'text'],
  phone: ['Phone', 'text'],
  faxPhone: ['Fax_Phone', 'text'],
  contactName: ['Contact_Name', 'text'],
  ourAccountNumber: ['Our_Account_Number', 'text'],
  termsDiscDays: ['Terms_Disc_Days', 'int'],
  termsDiscPercent: ['Terms_Disc_Percent', 'decimal'],
  insuranceCertFlag: ['Insurance_Cert_Flag', 'text'],
  insuranceExpDate: ['Insurance_Exp_Date', 'date'],
  hold: ['Hold_Flag', 'flag'],
  defaultGlAccount: ['Default_GL_Account', 'text'],
  useTaxCode: ['Use_Tax_Code', 'text'],
  vendorEmail: ['Vendor_Email', 'text'],
  contactPhone: ['Contact_Phone', 'text'],
} as const satisfies PutSpec;

export const ADD_VENDOR = {
  name: 'AddVendor',
  fields: {
    ...VENDOR_CORE,
    vendorName: ['Vendor_Name', 'text', true],
    alphaSort: ['Alpha_Sort', 'text', true],
    termsCode: ['Terms_Code', 'text', true],
    termsDays: ['Terms_Days', 'int', true],
    termsDiscCode: ['Terms_Disc_Code', 'text', true],
    // AddVendor carries the city in Address_3; UpdateVendor calls it City.
    city: ['Address_3', 'text'],
    ...VENDOR_TAIL,
  },
} as const satisfies PutServiceDef;

export const UPDATE_VENDOR = {
  name: 'UpdateVendor',
  fields: {
    ...VENDOR_CORE,
    city: ['City', 'text'],
    ...VENDOR_TAIL,
    country: ['Addr_Country', 'text'],
    webSite: ['Web_Site', 'text'],
    /** A active, I inactive, N not used. */
    status: ['Status', 'text'],
  },
} as const satisfies PutServiceDef;

export const UPDATE_SUBCONTRACT = {
  name: 'UpdateSubcontract',
  fields: {
    vendorCode: ['Vendor_Code', 'key', true],
    subcontractNumber: ['Subcontract_Number', 'key', true],
    jobNumber: ['Job_Number', 'text'],
    glAccount: ['GL_Account', 'text'],
    defaultPhaseCode: ['Default_Phase_Code', 'text'],
    defaultCostType: ['Default_Cost_Type', 'text'],
    statusCode: ['Status_Code', 'text'],
    contractType: ['Contract_Type', 'text'],
    insuranceCertFlag: ['Insurance_Cert_Flag', 'text'],
    sentDate: ['Sent_Date', 'date'],
    dateIssued: ['Date_Issued', 'date'],
    contactPerson: ['Contact_Person', 'text'],
    unitPriceFlag: ['Unit_Price_Flag', 'text'],
    comment: ['Comment', 'text'],
    retentionPercent: ['Retention_Percent', 'decimal'],
    payWhenPaid: ['Pay_When_Paid', 'text'],
    costCenterOverride: ['Cost_Center_Override', 'text'],
  },
} as const satisfies PutServiceDef;

export const UPDATE_SUBCONTRACT_PHASES = {
  name: 'UpdateSubcontractPhases',
  fields: {
    vendorCode: ['Vendor_Code', 'key', true],
    subcontractNumber: ['Subcontract_Number', 'key', true],
    phaseCode: ['Phase_Code', 'text'],
    costType: ['Cost_Type', 'text'],
    bidItemNumber: ['Bid_Item_Number', 'text'],
    billDescription: ['Bill_Description', 'text'],
    unitOfMeasure: ['Unit_Of_Measure', 'text'],
    retention: ['Retention_Flag', 'flag'],
    unitPrice: ['Unit_Price', 'decimal'],
    originalContractQuantity: ['Original_Contract_Quantity', 'decimal'],
    originalContractCents: ['Original_Contract_Amount', 'money'],
  },
} as const satisfies PutServiceDef;

export const AR_CHANGE_REQUEST = {
  name: 'ARChangeRequest',
  fields: {
    jobNumber: ['Job_Number', 'key', true],
    customerCode: ['Customer_Code', 'key', true],
    changeRequestNumber: ['Change_Request_Number', 'text'],
    description: ['CR_Description', 'text'],
    status: ['CR_Status', 'text'],
    costReimbursable: ['Cost_Reimbursable_Flag', 'flag'],
    originationDate: ['Origination_Date', 'date'],
    approvedDate: ['Approved_Date', 'date'],
    feePercent: ['Fee_Percent', 'decimal'],
    feeCents: ['Fee_Amount', 'money'],
    phaseCode: ['CR_Phase_Code', 'text'],
    costType: ['CR_Cost_Type', 'text'],
    quantity: ['Change_Request_Quantity', 'decimal'],
    hours: ['Change_Request_Hours', 'decimal'],
    amountCents: ['Change_Request_Amount', 'money'],
    subcontractorCode: ['Subcontractor_Code', 'text'],
    subcontractNumber: ['Subcontract_Number', 'text'],
    subAmountCents: ['Sub_Amount', 'money'],
    subBidGroupItemCode: ['Sub_Bid_Group_Item_Code', 'text'],
    subBidItemCode: ['Sub_Bid_Item_Code', 'text'],
    /** P proposed, E executed, R rejected. */
    subStatus: ['Sub_Status', 'text'],
    subChangeOrderNumber: ['Sub_Change_Order_Number', 'text'],
    subChangeOrderDate: ['Sub_Change_Order_Date', 'date'],
    subSignedDate: ['Sub_Signed_Date', 'date'],
    subDescription: ['Sub_Description', 'text'],
    subType: ['Sub_Type', 'text'],
    subProposalDate: ['Sub_Proposal_Date', 'date'],
    subSentDate: ['Sub_Sent_Date', 'date'],
    subDueDate: ['Sub_Due_Date', 'date'],
    subComments: ['Sub_Comments', 'text'],
    markupCostType: ['Markup_Cost_Type', 'text'],
    markupPercent: ['Markup_Percent', 'decimal'],
    markupCents: ['Markup_Amount', 'money'],
    billingGroupCode: ['CR_Billing_Group_Code', 'text'],
    billingItemCode: ['CR_Billing_Item_Code', 'text'],
    billingItemDescription: ['CR_Billing_Item_Description', 'text'],
    additionalDescription: ['CR_Additional_Description', 'text'],
    unitPrice: ['CR_Unit_Price', 'decimal'],
    billingQuantity: ['CR_Quantity', 'decimal'],
    revenueCents: ['CR_Revenue', 'money'],
    defaultBillingTotal: ['Default_Billing_Total', 'flag'],
  },
} as const satisfies PutServiceDef;

export const AR_CHANGE_ORDER = {
  name: 'ARChangeOrder',
  fields: {
    jobNumber: ['Job_Number', 'key', true],
    customerCode: ['Customer_Code', 'key', true],
    changeOrderNumber: ['Change_Order_Number', 'text'],
    description: ['Description', 'text'],
    statusCode: ['Status_Code', 'text'],
    changeOrderDate: ['Change_Order_Date', 'date'],
    approvedDate: ['Approved_Date', 'date'],
    approvedDays: ['Approved_Days', 'int'],
    feePercent: ['Fee_Percent', 'decimal'],
    feeCents: ['Fee_Amount', 'money'],
    changeRequestNumber: ['Change_Request_Number', 'text'],
    billingGroupCode: ['CO_Billing_Group_Code', 'text'],
    billingItemCode: ['CO_Billing_Item_Code', 'text'],
    additionalDescription: ['Additional_Description', 'text'],
    unitPrice: ['Unit_Price', 'decimal'],
    quantity: ['Quantity', 'decimal'],
    revenueCents: ['Revenue', 'money'],
  },
} as const satisfies PutServiceDef;

export const ADD_CUSTOMER = {
  name: 'AddCustomer',
  fields: {
    customerCode: ['Customer_Code', 'key', true],
    name: ['Name', 'text', true],
    termsCode: ['Terms_Code', 'text', true],
    salesTaxCode: ['Sales_Tax_Code', 'text', true],
    alphaSort: ['Alpha_Sort', 'text'],
    type: ['Type', 'text'],
    address1: ['Address_1', 'text'],
    address2: ['Address_2', 'text'],
    city: ['City', 'text'],
    state: ['State', 'text'],
    zipCode: ['Zip_Code', 'text'],
    phone: ['Phone', 'text'],
    faxPhone: ['Fax_Phone', 'text'],
    contact1: ['Contact_1', 'text'],
    contact2: ['Contact_2', 'text'],
    contact3: ['Contact_3', 'text'],
    salesperson: ['Salesperson', 'text'],
    standardRetentionPercent: ['Standard_Retention_Percent', 'decimal'],
    taxable: ['Taxable_Flag', 'flag'],
    priceLevelMaterial: ['Price_Level_Material', 'text'],
    priceLevelLabor: ['Price_Level_Labor', 'text'],
    creditLimitCents: ['Credit_Limit', 'money'],
    dateCreated: ['Date_Created', 'date'],
    customerEmail: ['Customer_Email', 'text'],
  },
} as const satisfies PutServiceDef;

export const PUT_SERVICES = [
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

export type AddJobInput = PutInput<typeof ADD_JOB.fields>;
export type UpdateJobInput = PutInput<typeof UPDATE_JOB.fields>;
export type AddPhaseInput = PutInput<typeof ADD_PHASE.fields>;
export type JobCostProjectionInput = PutInput<typeof JOB_COST_PROJECTIONS.fields>;
export type AddVendorInput = PutInput<typeof ADD_VENDOR.fields>;
export type UpdateVendorInput = PutInput<typeof UPDATE_VENDOR.fields>;
export type SubcontractInput = PutInput<typeof UPDATE_SUBCONTRACT.fields>;
export type SubcontractLineInput = PutInput<typeof UPDATE_SUBCONTRACT_PHASES.fields>;
export type ChangeRequestLineInput = PutInput<typeof AR_CHANGE_REQUEST.fields>;
export type ChangeOrderLineInput = PutInput<typeof AR_CHANGE_ORDER.fields>;
export type AddCustomerInput = PutInput<typeof ADD_CUSTOMER.fields>;

/** Result of a Put: values Spectrum generated (`G` rows), keyed by the column it named. */
export interface PutResult {
  generated: Record<string, string>;
}
