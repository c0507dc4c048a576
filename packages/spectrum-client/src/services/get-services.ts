import type { RowOf, RowSpec } from '../wire/row-spec.js';

/** A SOAP Get service: its parameters in WSDL order and the fields of each `<response>` row. */
export interface GetServiceDef<S extends RowSpec = RowSpec> {
  readonly name: string;
  /** lowerCamel wrapper element inside `returnData` (`getJob`). */
  readonly wrapper: string;
  /** WSDL parameter order after Authorization_ID and GUID; values come from the filter. */
  readonly params: readonly (readonly [wire: string, filterKey: string])[];
  readonly row: S;
  key(row: RowOf<S>): string;
}

const JOB_FAMILY_PARAMS = [
  ['pCompany_Code', 'companyCode'],
  ['pDivision', 'division'],
  ['pStatus_Code', 'statusCode'],
  ['pProject_Manager', 'projectManager'],
  ['pSuperintendent', 'superintendent'],
  ['pEstimator', 'estimator'],
  ['pCustomer_Code', 'customerCode'],
  ['pCost_Center', 'costCenter'],
  ['pSort_By', 'sortBy'],
] as const;

export const JOB_ROW = {
  companyCode: ['Company_Code', 'text'],
  jobNumber: ['Job_Number', 'key'],
  jobDescription: ['Job_Description', 'text'],
  division: ['Division', 'text'],
  address1: ['Address_1', 'text'],
  address2: ['Address_2', 'text'],
  city: ['City', 'text'],
  state: ['State', 'text'],
  zipCode: ['Zip_Code', 'text'],
  projectManager: ['Project_Manager', 'text'],
  superintendent: ['Superintendent', 'text'],
  estimator: ['Estimator', 'text'],
  certifiedFlag: ['Certified_Flag', 'text'],
  customerCode: ['Customer_Code', 'text'],
  statusCode: ['Status_Code', 'text'],
  workStateTaxCode: ['Work_State_Tax_Code', 'text'],
  contractNumber: ['Contract_Number', 'text'],
  costCenter: ['Cost_Center', 'text'],
} as const satisfies RowSpec;

export const JOB_MAIN_ROW = {
  companyCode: ['Company_Code', 'text'],
  jobNumber: ['Job_Number', 'key'],
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
  customerCode: ['Customer_Code', 'text'],
  customerName: ['Customer_Name', 'text'],
  originalContractCents: ['Original_Contract', 'money'],
  contractNumber: ['Contract_Number', 'text'],
  ownerName: ['Owner_Name', 'text'],
  woSite: ['WO_Site', 'text'],
  comment: ['Comment', 'text'],
  priceMethodCode: ['Price_Method_Code', 'text'],
  totalUnits: ['Total_Units', 'decimal'],
  unitOfMeasure: ['Unit_of_Measure', 'text'],
  statusCode: ['Status_Code', 'text'],
  latitude: ['Latitude', 'text'],
  longitude: ['Longitude', 'text'],
  legalDesc: ['Legal_Desc', 'text'],
  costCenter: ['Cost_Center', 'text'],
} as const satisfies RowSpec;

export const JOB_DATES_ROW = {
  companyCode: ['Company_Code', 'text'],
  jobNumber: ['Job_Number', 'key'],
  jobDescription: ['Job_Description', 'text'],
  estStartDate: ['Est_Start_Date', 'date'],
  estCompleteDate: ['Est_Complete_Date', 'date'],
  projectedCompleteDate: ['Projected_Complete_Date', 'date'],
  createDate: ['Create_Date', 'date'],
  startDate: ['Start_Date', 'date'],
  completeDate: ['Complete_Date', 'date'],
} as const satisfies RowSpec;

export const PHASE_ROW = {
  companyCode: ['Company_Code', 'text'],
  jobNumber: ['Job_Number', 'key'],
  phaseCode: ['Phase_Code', 'key'],
  costType: ['Cost_Type', 'key'],
  description: ['Description', 'text'],
  statusCode: ['Status_Code', 'text'],
  unitOfMeasure: ['Unit_of_Measure', 'text'],
  jtdQuantity: ['JTD_Quantity', 'decimal'],
  jtdHours: ['JTD_Hours', 'decimal'],
  jtdActualCents: ['JTD_Actual_Dollars', 'money'],
  projectedQuantity: ['Projected_Quantity', 'decimal'],
  projectedHours: ['Projected_Hours', 'decimal'],
  projectedCents: ['Projected_Dollars', 'money'],
  estimatedQuantity: ['Estimated_Quantity', 'decimal'],
  estimatedHours: ['Estimated_Hours', 'decimal'],
  currentEstimateCents: ['Current_Estimate_Dollars', 'money'],
  costCenter: ['Cost_Center', 'text'],
} as const satisfies RowSpec;

export const PHASE_ENHANCED_ROW = {
  ...PHASE_ROW,
  priceMethodCode: ['Price_Method_Code', 'text'],
  completeDate: ['Complete_Date', 'date'],
  startDate: ['Start_Date', 'date'],
  endDate: ['End_Date', 'date'],
  comment: ['Comment', 'text'],
} as const satisfies RowSpec;

export const CUSTOMER_ROW = {
  companyCode: ['Company_Code', 'text'],
  customerCode: ['Customer_Code', 'key'],
  name: ['Name', 'text'],
  address1: ['Address_1', 'text'],
  address2: ['Address_2', 'text'],
  city: ['City', 'text'],
  state: ['State', 'text'],
  zipCode: ['Zip_Code', 'text'],
  firstName: ['First_Name', 'text'],
  lastName: ['Last_Name', 'text'],
  phoneNumber: ['Phone_Number', 'text'],
  email: ['Email1', 'text'],
  priceLevelMaterial: ['Price_Level_Material', 'text'],
  taxableFlag: ['Taxable_Flag', 'text'],
  status: ['Status', 'text'],
} as const satisfies RowSpec;

export type Job = RowOf<typeof JOB_ROW>;
export type JobMain = RowOf<typeof JOB_MAIN_ROW>;
export type JobDates = RowOf<typeof JOB_DATES_ROW>;
export type Phase = RowOf<typeof PHASE_ROW>;
export type PhaseEnhanced = RowOf<typeof PHASE_ENHANCED_ROW>;
export type Customer = RowOf<typeof CUSTOMER_ROW>;

const jobKey = (r: { jobNumber: string }) => r.jobNumber;
const phaseKey = (r: { jobNumber: string; phaseCode: string; costType: string }) =>
  `${r.jobNumber}\u0000${r.phaseCode}\u0000${r.costType}`;

const PHASE_PARAMS = [
  ['pCompany_Code', 'companyCode'],
  ['pCost_Type', 'costType'],
  ['pJob_Number', 'jobNumber'],
  ['pStatus_Code', 'statusCode'],
  ['pCost_Center', 'costCenter'],
  ['pSort_By', 'sortBy'],
] as const;

export const GET_JOB: GetServiceDef<typeof JOB_ROW> = {
  name: 'GetJob',
  wrapper: 'getJob',
  params: JOB_FAMILY_PARAMS,
  row: JOB_ROW,
  key: jobKey,
};
export const GET_JOB_MAIN: GetServiceDef<typeof JOB_MAIN_ROW> = {
  name: 'GetJobMain',
  wrapper: 'getJobMain',
  params: JOB_FAMILY_PARAMS,
  row: JOB_MAIN_ROW,
  key: jobKey,
};
export const GET_JOB_DATES: GetServiceDef<typeof JOB_DATES_ROW> = {
  name: 'GetJobDates',
  wrapper: 'getJobDates',
  params: JOB_FAMILY_PARAMS,
  row: JOB_DATES_ROW,
  key: jobKey,
};
export const GET_PHASE: GetServiceDef<typeof PHASE_ROW> = {
  name: 'GetPhase',
  wrapper: 'getPhase',
  params: PHASE_PARAMS,
  row: PHASE_ROW,
  key: phaseKey,
};
export const GET_PHASE_ENHANCED: GetServiceDef<typeof PHASE_ENHANCED_ROW> = {
  name: 'GetPhaseEnhanced',
  wrapper: 'getPhaseEnhanced',
  params: PHASE_PARAMS,
  row: PHASE_ENHANCED_ROW,
  key: phaseKey,
};
export const GET_CUSTOMERS: GetServiceDef<typeof CUSTOMER_ROW> = {
  name: 'GetCustomers',
  wrapper: 'getCustomers',
  params: [
    ['pCompany_Code', 'companyCode'],
    ['pStatus', 'status'],
  ],
  row: CUSTOMER_ROW,
  key: (r) => r.customerCode,
};

export const GET_SERVICES = [
  GET_JOB,
  GET_JOB_MAIN,
  GET_JOB_DATES,
  GET_PHASE,
  GET_PHASE_ENHANCED,
  GET_CUSTOMERS,
];

/** Filters in domain terms. Values may use Spectrum SuperSelect syntax where the service allows it. */
export interface JobFilter {
  division?: string;
  /** Blank = Active + Inactive (Spectrum's default); `A`, `I` or `C` for one status. */
  statusCode?: '' | 'A' | 'I' | 'C';
  projectManager?: string;
  superintendent?: string;
  estimator?: string;
  customerCode?: string;
  costCenter?: string;
  sortBy?: '' | 'D' | 'P' | 'S' | 'E' | 'C';
}

export interface PhaseFilter {
  jobNumber?: string;
  costType?: string;
  statusCode?: '' | 'A' | 'I' | 'C';
  costCenter?: string;
  sortBy?: '' | 'C';
  /** Use GetPhaseEnhanced (adds price method, dates and comment). */
  enhanced?: boolean;
}

export interface CustomerFilter {
  /** Blank = Active only, `I` = Active + Inactive, `ALL` = all. */
  status?: '' | 'I' | 'ALL';
}
