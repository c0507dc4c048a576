import type { RowOf, RowSpec } from '../wire/row-spec.js';

/** Info-Link tables the integration reads (the `_MC` multi-company tables), with their key columns. */
export interface InfoLinkTableDef<S extends RowSpec = RowSpec> {
  readonly table: string;
  /** The primary key's columns in key order: rows come in this order and pages are keyed on it. */
  readonly key: readonly string[];
  readonly row: S;
  /**
   * A column the rows are ordered by before the primary key (the stand-in's `order` parameter); `key` then starts
   * with it after Company_Code, so the order and the pages follow it.
   */
  readonly orderedBy?: string;
}

export const JOB_MASTER = {
  table: 'JC_JOB_MASTER_MC',
  key: ['Company_Code', 'Job_Number'],
  row: {
    companyCode: ['Company_Code', 'text'],
    jobNumber: ['Job_Number', 'key'],
    masterJob: ['Master_Job', 'text'],
    jobDescription: ['Job_Description', 'text'],
    division: ['Division', 'text'],
    address1: ['Address_1', 'text'],
    address2: ['Address_2', 'text'],
    city: ['City', 'text'],
    state: ['State', 'text'],
    zipCode: ['Zip_Code', 'text'],
    phone: ['Phone', 'text'],
    projectManager: ['Project_Manager', 'text'],
    superintendent: ['Superintendent', 'text'],
    estimator: ['Estimator', 'text'],
    statusCode: ['Status_Code', 'text'],
    customerCode: ['Customer_Code', 'text'],
    jobType: ['Job_Type', 'text'],
    contractNumber: ['Contract_Number', 'text'],
    originalContractCents: ['Original_Contract', 'money'],
    taxableFlag: ['Taxable_Flag', 'text'],
    priceMethodCode: ['Price_Method_Code', 'text'],
    phaseDisplayCode: ['Phase_Display_Code', 'text'],
    costCenter: ['Cost_Center', 'text'],
    createDate: ['Create_Date', 'date'],
    startDate: ['Start_Date', 'date'],
    completeDate: ['Complete_Date', 'date'],
    estStartDate: ['Est_Start_Date', 'date'],
    estCompleteDate: ['Est_Complete_Date', 'date'],
  },
} as const satisfies InfoLinkTableDef;

export const PHASE_MASTER = {
  table: 'JC_PHASE_MASTER_MC',
  key: ['Company_Code', 'Job_Number', 'Phase_Code', 'Cost_Type'],
  row: {
    companyCode: ['Company_Code', 'text'],
    jobNumber: ['Job_Number', 'key'],
    phaseCode: ['Phase_Code', 'key'],
    costType: ['Cost_Type', 'key'],
    description: ['Description', 'text'],
    statusCode: ['Status_Code', 'text'],
    unitOfMeasure: ['Unit_of_Measure', 'text'],
    originalEstQuantity: ['Original_Est_Quantity', 'decimal'],
    originalEstHours: ['Original_Est_Hours', 'decimal'],
    originalEstCents: ['Original_Est_Cost', 'money'],
    currentEstimateCents: ['Current_Est_Cost', 'money'],
    jtdActualCents: ['JTD_Actual_Dollars', 'money'],
    projectedCents: ['Projected_Dollars', 'money'],
    bidItemNumber: ['Bid_Item_Number', 'text'],
    priceMethodCode: ['Price_Method_Code', 'text'],
    phaseCostCenter: ['Phase_Cost_Center', 'text'],
    startDate: ['Start_Date', 'date'],
    endDate: ['End_Date', 'date'],
    completeDate: ['Complete_Date', 'date'],
    comment: ['Comment', 'text'],
  },
} as const satisfies InfoLinkTableDef;

export const COST_TYPES = {
  table: 'JC_COST_TYPE_MASTER_MC',
  key: ['Company_Code', 'Cost_Type'],
  row: {
    companyCode: ['Company_Code', 'text'],
    costType: ['Cost_Type', 'key'],
    description: ['Description', 'text'],
    summaryName: ['Summary_Name', 'text'],
    glAccount: ['GL_Account', 'text'],
    detailPostingFlag: ['Detail_Posting_Flag', 'text'],
  },
} as const satisfies InfoLinkTableDef;

export const STANDARD_PHASES = {
  table: 'JC_STD_PHASE_DESCRIPTION_MC',
  key: ['Company_Code', 'Phase_Code'],
  row: {
    companyCode: ['Company_Code', 'text'],
    phaseCode: ['Phase_Code', 'key'],
    description: ['Description', 'text'],
    phaseCategory: ['Phase_Category', 'text'],
  },
} as const satisfies InfoLinkTableDef;

export const VENDOR_MASTER = {
  table: 'VN_VENDOR_MASTER_MC',
  key: ['Company_Code', 'Vendor_Code'],
  row: {
    companyCode: ['Company_Code', 'text'],
    vendorCode: ['Vendor_Code', 'key'],
    vendorName: ['Vendor_Name', 'text'],
    alphaSort: ['Alpha_Sort', 'text'],
    type: ['Type', 'text'],
    address1: ['Address_1', 'text'],
    address2: ['Address_2', 'text'],
    city: ['Address_3', 'text'],
    state: ['State', 'text'],
    zipCode: ['Zip_Code', 'text'],
    phone: ['Phone', 'text'],
    faxPhone: ['Fax_Phone', 'text'],
    contactName: ['Contact_Name', 'text'],
    email: ['Vendor_Email', 'text'],
    status: ['Status', 'text'],
    termsCode: ['Terms_Code', 'text'],
    termsDays: ['Terms_Days', 'int'],
    holdFlag: ['Hold_Flag', 'text'],
    defaultGlAccount: ['Default_GL_Account', 'text'],
  },
} as const satisfies InfoLinkTableDef;

export const SUBCONTRACTS = {
  table: 'VN_SUBCONTRACT_MC',
  key: ['Company_Code', 'Vendor_Code', 'Subcontract_Number'],
  row: {
    companyCode: ['Company_Code', 'text'],
    vendorCode: ['Vendor_Code', 'key'],
    subcontractNumber: ['Subcontract_Number', 'key'],
    jobNumber: ['Job_Number', 'text'],
    contractType: ['Contract_Type', 'text'],
    statusCode: ['Status_Code', 'text'],
    dateIssued: ['Date_Issued', 'date'],
    defaultPhaseCode: ['Default_Phase_Code', 'text'],
    defaultCostType: ['Default_Cost_Type', 'text'],
    glAccount: ['GL_Account', 'text'],
    retentionPercent: ['Retention_Percent', 'decimal'],
    originalAmountCents: ['Original_Amount', 'money'],
    comment1: ['Comment_1', 'text'],
    comment2: ['Comment_2', 'text'],
  },
} as const satisfies InfoLinkTableDef;

export const SUBCONTRACT_LINES = {
  table: 'VN_SUBCONTRACT_PHASE_MC',
  key: ['Company_Code', 'Vendor_Code', 'Subcontract_Number', 'Phase_Code', 'Cost_Type', 'Bid_Item_Number'],
  row: {
    companyCode: ['Company_Code', 'text'],
    vendorCode: ['Vendor_Code', 'key'],
    subcontractNumber: ['Subcontract_Number', 'key'],
    phaseCode: ['Phase_Code', 'text'],
    costType: ['Cost_Type', 'text'],
    bidItemNumber: ['Bid_Item_Number', 'text'],
    jobNumber: ['Job_Number', 'text'],
    billDescription: ['Bill_Description', 'text'],
    unitOfMeasure: ['Unit_Of_Measure', 'text'],
    retentionFlag: ['Retention_Flag', 'text'],
    unitPrice: ['Unit_Price', 'decimal'],
    originalContractQuantity: ['Original_Contract_Quantity', 'decimal'],
    originalContractCents: ['Original_Contract_Amount', 'money'],
  },
} as const satisfies InfoLinkTableDef;

/**
 * The same tables in job order (Job_Number, then the primary key), for reading a whole company job by job in one
 * pass: a job's subcontracts come together although the table's key starts with the vendor.
 */
export const SUBCONTRACTS_BY_JOB = {
  ...SUBCONTRACTS,
  key: ['Company_Code', 'Job_Number', 'Vendor_Code', 'Subcontract_Number'],
  orderedBy: 'Job_Number',
} as const satisfies InfoLinkTableDef;

export const SUBCONTRACT_LINES_BY_JOB = {
  ...SUBCONTRACT_LINES,
  key: [
    'Company_Code',
    'Job_Number',
    'Vendor_Code',
    'Subcontract_Number',
    'Phase_Code',
    'Cost_Type',
    'Bid_Item_Number',
  ],
  orderedBy: 'Job_Number',
} as const satisfies InfoLinkTableDef;

export const CONTRACTS = {
  table: 'CR_CONTRACT_MASTER_MC',
  key: ['Company_Code', 'Job_Number', 'Customer_Code'],
  row: {
    companyCode: ['Company_Code', 'text'],
    jobNumber: ['Job_Number', 'key'],
    customerCode: ['Customer_Code', 'key'],
    contractDescription: ['Contract_Description', 'text'],
    contractNumber: ['Contract_Number', 'text'],
    originalContractCents: ['Original_Contract', 'money'],
    priceMethodCode: ['Price_Method_Code', 'text'],
    statusCode: ['Status_Code', 'text'],
    approved: ['Approved_Flag', 'flag'],
  },
} as const satisfies InfoLinkTableDef;

export const CONTRACT_ITEMS = {
  table: 'CR_BID_ITEM_DES_MC',
  key: ['Company_Code', 'Job_Number', 'Customer_Code', 'Billing_Item'],
  row: {
    companyCode: ['Company_Code', 'text'],
    jobNumber: ['Job_Number', 'key'],
    customerCode: ['Customer_Code', 'key'],
    billingItem: ['Billing_Item', 'key'],
    billingDescription: ['Billing_Description', 'text'],
    additionalBillingDescription: ['Additional_Billing_Description', 'text'],
    glAccount: ['GL_Account', 'text'],
    taxable: ['Taxable', 'text'],
    originalContractCents: ['Original_Contract', 'money'],
    projectedRevenueCents: ['Projected_Revenue', 'money'],
    unitPrice: ['Unit_Price_Flag', 'flag'],
  },
} as const satisfies InfoLinkTableDef;

export const CHANGE_REQUESTS = {
  table: 'CR_CHNG_REQ_HDR_MC',
  key: ['Company_Code', 'Job_Number', 'Customer_Code', 'Change_Request_Number'],
  row: {
    companyCode: ['Company_Code', 'text'],
    jobNumber: ['Job_Number', 'key'],
    customerCode: ['Customer_Code', 'key'],
    changeRequestNumber: ['Change_Request_Number', 'key'],
    description: ['CR_Description', 'text'],
    status: ['CR_Status', 'text'],
    changeOrderNumber: ['Change_Order_Number', 'text'],
    originationDate: ['Origination_Date', 'date'],
    approvedDate: ['Approved_Date', 'date'],
    costReimbursableFlag: ['Cost_Reimbursable_Flag', 'text'],
  },
} as const satisfies InfoLinkTableDef;

export const CHANGE_REQUEST_COST_LINES = {
  table: 'CR_CHNG_REQ_CON_DET_MC',
  key: ['Company_Code', 'Job_Number', 'Customer_Code', 'Change_Request_Number', 'Line_Number'],
  row: {
    companyCode: ['Company_Code', 'text'],
    jobNumber: ['Job_Number', 'key'],
    customerCode: ['Customer_Code', 'key'],
    changeRequestNumber: ['Change_Request_Number', 'key'],
    lineNumber: ['Line_Number', 'int'],
    phaseCode: ['Phase_Code', 'text'],
    costType: ['Cost_Type', 'text'],
    quantity: ['Change_Request_Quantity', 'decimal'],
    hours: ['Change_Request_Hours', 'decimal'],
    amountCents: ['Change_Request_Amount', 'money'],
    subcontractorCode: ['Subcontractor_Code', 'text'],
    subcontractNumber: ['Subcontract_Number', 'text'],
    subAmountCents: ['Sub_Amount', 'money'],
    subStatus: ['Sub_Status', 'text'],
    subChangeOrderNumber: ['Sub_Change_Order_Number', 'text'],
    subDescription: ['Sub_Description', 'text'],
  },
} as const satisfies InfoLinkTableDef;

export const CHANGE_REQUEST_REVENUE_LINES = {
  table: 'CR_CHNG_REQ_REV_MC',
  key: ['Company_Code', 'Job_Number', 'Customer_Code', 'Change_Request_Number', 'Line_Number'],
  row: {
    companyCode: ['Company_Code', 'text'],
    jobNumber: ['Job_Number', 'key'],
    customerCode: ['Customer_Code', 'key'],
    changeRequestNumber: ['Change_Request_Number', 'key'],
    lineNumber: ['Line_Number', 'int'],
    billingGroupCode: ['Billing_Group_Code', 'text'],
    billingItemCode: ['Billing_Item_Code', 'text'],
    billingItemDescription: ['Billing_Item_Description', 'text'],
    additionalDescription: ['Additional_Description', 'text'],
    unitPrice: ['Unit_Price', 'decimal'],
    quantity: ['Quantity', 'decimal'],
    revenueCents: ['Revenue', 'money'],
  },
} as const satisfies InfoLinkTableDef;

export const JOB_COST_HISTORY = {
  table: 'JC_TRANSACTION_HISTORY_MC',
  key: ['Company_Code', 'Transaction_Number'],
  row: {
    companyCode: ['Company_Code', 'text'],
    transactionNumber: ['Transaction_Number', 'int'],
    jobNumber: ['Job_Number', 'text'],
    phaseCode: ['Phase_Code', 'text'],
    costType: ['Cost_Type', 'text'],
    tranDate: ['Tran_Date', 'date'],
    tranTypeCode: ['Tran_Type_Code', 'text'],
    reference1: ['Reference_1', 'text'],
    reference2: ['Reference_2', 'text'],
    vendorCode: ['Vendor_Code', 'text'],
    invoiceNumber: ['Invoice_Number', 'text'],
    amountCents: ['Tran_Amount', 'money'],
    totalHours: ['Total_Hours', 'decimal'],
    quantity: ['Quantity', 'decimal'],
  },
} as const satisfies InfoLinkTableDef;

export const INFOLINK_TABLES = [
  JOB_MASTER,
  PHASE_MASTER,
  COST_TYPES,
  STANDARD_PHASES,
  VENDOR_MASTER,
  SUBCONTRACTS,
  SUBCONTRACT_LINES,
  CONTRACTS,
  CONTRACT_ITEMS,
  CHANGE_REQUESTS,
  CHANGE_REQUEST_COST_LINES,
  CHANGE_REQUEST_REVENUE_LINES,
  JOB_COST_HISTORY,
] as const;

export type InfoLinkJob = RowOf<typeof JOB_MASTER.row>;
export type PhaseMasterRow = RowOf<typeof PHASE_MASTER.row>;
export type CostType = RowOf<typeof COST_TYPES.row>;
export type StandardPhase = RowOf<typeof STANDARD_PHASES.row>;
export type VendorMasterRow = RowOf<typeof VENDOR_MASTER.row>;
export type Subcontract = RowOf<typeof SUBCONTRACTS.row>;
export type SubcontractLine = RowOf<typeof SUBCONTRACT_LINES.row>;
export type Contract = RowOf<typeof CONTRACTS.row>;
export type ContractItem = RowOf<typeof CONTRACT_ITEMS.row>;
export type ChangeRequest = RowOf<typeof CHANGE_REQUESTS.row>;
export type ChangeRequestCostLine = RowOf<typeof CHANGE_REQUEST_COST_LINES.row>;
export type ChangeRequestRevenueLine = RowOf<typeof CHANGE_REQUEST_REVENUE_LINES.row>;
export type JobCostTransaction = RowOf<typeof JOB_COST_HISTORY.row>;

/** Equality filters on a table, by domain name (mapped to the table's column). */
export type InfoLinkFilter<S extends RowSpec> = { [K in keyof S]?: string };
