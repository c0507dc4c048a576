/**
 * The simulator's data model: one SQLite table per Spectrum entity, columns named as Spectrum names
 * them (Info-Link / SDX wire names). Decimals are stored as scaled integers (cents for money).
 */

export type ColumnType = 'text' | 'dec' | 'int' | 'date';

export interface ColumnDef {
  name: string;
  type: ColumnType;
  /** Max length (text). */
  max?: number;
  /** Decimal places (dec). */
  scale?: number;
  /** Allowed values (text). */
  values?: readonly string[];
}

export interface TableDef {
  /** SQL table name. */
  table: string;
  /** Control API collection name. */
  collection: string;
  key: readonly string[];
  columns: readonly ColumnDef[];
  /** Info-Link table this entity is served as, with its columns (in order). */
  infolink?: { table: string; columns: readonly string[] };
}

export type Value = string | number | null;
export type Row = Record<string, Value | undefined>;

const t = (name: string, max: number, values?: readonly string[]): ColumnDef =>
  values ? { name, type: 'text', max, values } : { name, type: 'text', max };
const d = (name: string, scale = 2): ColumnDef => ({ name, type: 'dec', scale });
const i = (name: string): ColumnDef => ({ name, type: 'int' });
const dt = (name: string): ColumnDef => ({ name, type: 'date' });

const YN = ['Y', 'N', ''] as const;
const AIC = ['A', 'I', 'C'] as const;

export const companies: TableDef = {
  table: 'companies',
  collection: 'companies',
  key: ['Company_Code'],
  columns: [t('Company_Code', 3), t('Company_Name', 30)],
};

export const authIds: TableDef = {
  table: 'auth_ids',
  collection: 'auth-ids',
  key: ['Authorization_ID'],
  columns: [
    t('Authorization_ID', 20),
    t('Company_Codes', 400),
    t('Services', 4000),
    t('Operator', 3),
    t('Client_ID', 40),
    t('Client_Secret', 80),
    t('Status_Code', 1, ['A', 'I']),
  ],
};

export const jobs: TableDef = {
  table: 'jobs',
  collection: 'jobs',
  key: ['Company_Code', 'Job_Number'],
  columns: [
    t('Company_Code', 3),
    t('Job_Number', 10),
    t('Master_Job', 10),
    t('Job_Description', 25),
    t('Division', 5),
    t('Address_1', 30),
    t('Address_2', 30),
    t('City', 25),
    t('State', 2),
    t('Zip_Code', 10),
    t('Phone', 14),
    t('Fax_Phone', 14),
    t('Job_Site_Phone', 14),
    t('Project_Manager', 15),
    t('Superintendent', 15),
    t('Estimator', 15),
    t('Certified_Flag', 1, YN),
    t('Status_Code', 1, AIC),
    t('Customer_Code', 10),
    t('Job_Type', 10),
    t('Contract_Number', 30),
    d('Original_Contract'),
    t('Taxable_Flag', 1, YN),
    t('Price_Method_Code', 1, ['F', 'T', 'C', 'U', '']),
    t('Phase_Display_Code', 20),
    t('Cost_Center', 10),
    t('Work_State_Tax_Code', 10),
    t('Tax_Class_Code', 15),
    t('Owner_Name', 50),
    t('WO_Site', 10),
    t('Comment', 250),
    t('Total_Units', 9),
    t('Unit_of_Measure', 5),
    t('Latitude', 11),
    t('Longitude', 11),
    t('Legal_Desc', 350),
    t('Bill_From_Master', 1, YN),
    t('Standard_Phase_Category', 10),
    dt('Create_Date'),
    dt('Start_Date'),
    dt('Complete_Date'),
    dt('Est_Start_Date'),
    dt('Est_Complete_Date'),
    dt('Projected_Complete_Date'),
  ],
  infolink: {
    table: 'JC_JOB_MASTER_MC',
    columns: [
      'Company_Code',
      'Job_Number',
      'Master_Job',
      'Job_Description',
      'Division',
      'Address_1',
      'Address_2',
      'City',
      'State',
      'Zip_Code',
      'Phone',
      'Project_Manager',
      'Superintendent',
      'Estimator',
      'Status_Code',
      'Customer_Code',
      'Job_Type',
      'Contract_Number',
      'Original_Contract',
      'Taxable_Flag',
      'Price_Method_Code',
      'Phase_Display_Code',
      'Cost_Center',
      'Create_Date',
      'Start_Date',
      'Complete_Date',
      'Est_Start_Date',
      'Est_Complete_Date',
    ],
  },
};

export const phases: TableDef = {
  table: 'phases',
  collection: 'phases',
  key: ['Company_Code', 'Job_Number', 'Phase_Code', 'Cost_Type'],
  columns: [
    t('Company_Code', 3),
    t('Job_Number', 10),
    t('Phase_Code', 20),
    t('Cost_Type', 3),
    t('Description', 25),
    t('Status_Code', 1, AIC),
    t('Unit_of_Measure', 3),
    d('Original_Est_Quantity'),
    d('Original_Est_Hours'),
    d('Original_Est_Cost'),
    d('Current_Est_Quantity'),
    d('Current_Est_Hours'),
    d('Current_Est_Cost'),
    d('JTD_Quantity'),
    d('JTD_Hours'),
    d('JTD_Actual_Dollars'),
    d('Projected_Quantity'),
    d('Projected_Hours'),
    d('Projected_Dollars'),
    t('Bid_Item_Number', 10),
    t('Alt_Phase_Code', 20),
    t('Work_Comp_Code', 6),
    t('Price_Method_Code', 1, ['F', 'T', 'C', 'U', '']),
    t('Phase_Cost_Center', 10),
    dt('Start_Date'),
    dt('End_Date'),
    dt('Complete_Date'),
    t('Comment', 250),
  ],
  infolink: {
    table: 'JC_PHASE_MASTER_MC',
    columns: [
      'Company_Code',
      'Job_Number',
      'Phase_Code',
      'Cost_Type',
      'Description',
      'Status_Code',
      'Unit_of_Measure',
      'Original_Est_Quantity',
      'Original_Est_Hours',
      'Original_Est_Cost',
      'Current_Est_Cost',
      'JTD_Actual_Dollars',
      'Projected_Dollars',
      'Bid_Item_Number',
      'Price_Method_Code',
      'Phase_Cost_Center',
      'Start_Date',
      'End_Date',
      'Complete_Date',
      'Comment',
    ],
  },
};

export const costTypes: TableDef = {
  table: 'cost_types',
  collection: 'cost-types',
  key: ['Company_Code', 'Cost_Type'],
  columns: [
    t('Company_Code', 3),
    t('Cost_Type', 3),
    t('Description', 25),
    t('Summary_Name', 10),
    t('GL_Account', 12),
    t('Detail_Posting_Flag', 1, YN),
  ],
  infolink: {
    table: 'JC_COST_TYPE_MASTER_MC',
    columns: [
      'Company_Code',
      'Cost_Type',
      'Description',
      'Summary_Name',
      'GL_Account',
      'Detail_Posting_Flag',
    ],
  },
};

export const standardPhases: TableDef = {
  table: 'standard_phases',
  collection: 'standard-phases',
  key: ['Company_Code', 'Phase_Code'],
  columns: [t('Company_Code', 3), t('Phase_Code', 20), t('Description', 25), t('Phase_Category', 10)],
  infolink: {
    table: 'JC_STD_PHASE_DESCRIPTION_MC',
    columns: ['Company_Code', 'Phase_Code', 'Description', 'Phase_Category'],
  },
};

export const vendors: TableDef = {
  table: 'vendors',
  collection: 'vendors',
  key: ['Company_Code', 'Vendor_Code'],
  columns: [
    t('Company_Code', 3),
    t('Vendor_Code', 10),
    t('Vendor_Name', 30),
    t('Alpha_Sort', 6),
    t('Type', 6),
    t('Address_1', 30),
    t('Address_2', 30),
    t('Address_3', 25),
    t('State', 2),
    t('Zip_Code', 10),
    t('Addr_Country', 25),
    t('Phone', 14),
    t('Fax_Phone', 14),
    t('Contact_Name', 20),
    t('First_Name', 20),
    t('Last_Name', 30),
    t('Vendor_Email', 80),
    t('Web_Site', 80),
    t('Status', 1, ['A', 'I', 'N']),
    t('Terms_Code', 1, ['A', 'B', '']),
    i('Terms_Days'),
    t('Terms_Disc_Code', 1, ['A', 'B', '']),
    i('Terms_Disc_Days'),
    d('Terms_Disc_Percent'),
    t('Hold_Flag', 1, YN),
    t('Default_GL_Account', 12),
    t('Our_Account_Number', 25),
    t('Cost_Center', 10),
    t('Insurance_Cert_Flag', 1),
    dt('Insurance_Exp_Date'),
  ],
  infolink: {
    table: 'VN_VENDOR_MASTER_MC',
    columns: [
      'Company_Code',
      'Vendor_Code',
      'Vendor_Name',
      'Alpha_Sort',
      'Type',
      'Address_1',
      'Address_2',
      'Address_3',
      'State',
      'Zip_Code',
      'Phone',
      'Fax_Phone',
      'Contact_Name',
      'Vendor_Email',
      'Status',
      'Terms_Code',
      'Terms_Days',
      'Hold_Flag',
      'Default_GL_Account',
    ],
  },
};

export const customers: TableDef = {
  table: 'customers',
  collection: 'customers',
  key: ['Company_Code', 'Customer_Code'],
  columns: [
    t('Company_Code', 3),
    t('Customer_Code', 10),
    t('Name', 30),
    t('Alpha_Sort', 8),
    t('Type', 10),
    t('Address_1', 30),
    t('Address_2', 30),
    t('City', 25),
    t('State', 2),
    t('Zip_Code', 10),
    t('First_Name', 20),
    t('Last_Name', 30),
    t('Phone_Number', 14),
    t('Fax_Phone', 14),
    t('Email1', 80),
    t('Contact_1', 20),
    t('Contact_2', 20),
    t('Contact_3', 20),
    t('Terms_Code', 1),
    t('Sales_Tax_Code', 15),
    t('Taxable_Flag', 1, YN),
    t('Price_Level_Material', 1, ['1', '2', '3', '4', '5', '']),
    t('Status', 1, ['A', 'I', 'N']),
  ],
};

export const subcontracts: TableDef = {
  table: 'subcontracts',
  collection: 'subcontracts',
  key: ['Company_Code', 'Vendor_Code', 'Subcontract_Number'],
  columns: [
    t('Company_Code', 3),
    t('Vendor_Code', 10),
    t('Subcontract_Number', 10),
    t('Job_Number', 10),
    t('Contract_Type', 15),
    t('Status_Code', 1, AIC),
    dt('Date_Issued'),
    dt('Sent_Date'),
    t('Default_Phase_Code', 20),
    t('Default_Cost_Type', 3),
    t('GL_Account', 12),
    d('Retention_Percent'),
    d('Original_Amount'),
    t('Comment_1', 60),
    t('Comment_2', 60),
    t('Insurance_Cert_Flag', 1, ['Y', 'N', 'A', '']),
    t('Contact_Person', 20),
    t('Unit_Price_Flag', 1, YN),
  ],
  infolink: {
    table: 'VN_SUBCONTRACT_MC',
    columns: [
      'Company_Code',
      'Vendor_Code',
      'Subcontract_Number',
      'Job_Number',
      'Contract_Type',
      'Status_Code',
      'Date_Issued',
      'Default_Phase_Code',
      'Default_Cost_Type',
      'GL_Account',
      'Retention_Percent',
      'Original_Amount',
      'Comment_1',
      'Comment_2',
    ],
  },
};

export const subcontractLines: TableDef = {
  table: 'subcontract_lines',
  collection: 'subcontract-lines',
  key: ['Company_Code', 'Vendor_Code', 'Subcontract_Number', 'Phase_Code', 'Cost_Type', 'Bid_Item_Number'],
  columns: [
    t('Company_Code', 3),
    t('Vendor_Code', 10),
    t('Subcontract_Number', 10),
    t('Phase_Code', 20),
    t('Cost_Type', 3),
    t('Bid_Item_Number', 10),
    t('Job_Number', 10),
    t('Bill_Description', 25),
    t('Unit_Of_Measure', 3),
    t('Retention_Flag', 1, YN),
    d('Unit_Price', 4),
    d('Original_Contract_Quantity'),
    d('Original_Contract_Amount'),
  ],
  infolink: {
    table: 'VN_SUBCONTRACT_PHASE_MC',
    columns: [
      'Company_Code',
      'Vendor_Code',
      'Subcontract_Number',
      'Phase_Code',
      'Cost_Type',
      'Bid_Item_Number',
      'Job_Number',
      'Bill_Description',
      'Unit_Of_Measure',
      'Retention_Flag',
      'Unit_Price',
      'Original_Contract_Quantity',
      'Original_Contract_Amount',
    ],
  },
};

export const contracts: TableDef = {
  table: 'contracts',
  collection: 'contracts',
  key: ['Company_Code', 'Job_Number', 'Customer_Code'],
  columns: [
    t('Company_Code', 3),
    t('Job_Number', 10),
    t('Customer_Code', 10),
    t('Contract_Description', 30),
    t('Contract_Number', 30),
    d('Original_Contract'),
    t('Price_Method_Code', 1, ['F', 'T', 'C', 'U', '']),
    t('Status_Code', 1, AIC),
    t('Approved_Flag', 1, ['Y', 'N']),
  ],
  infolink: {
    table: 'CR_CONTRACT_MASTER_MC',
    columns: [
      'Company_Code',
      'Job_Number',
      'Customer_Code',
      'Contract_Description',
      'Contract_Number',
      'Original_Contract',
      'Price_Method_Code',
      'Status_Code',
      'Approved_Flag',
    ],
  },
};

export const contractItems: TableDef = {
  table: 'contract_items',
  collection: 'contract-items',
  key: ['Company_Code', 'Job_Number', 'Customer_Code', 'Billing_Item'],
  columns: [
    t('Company_Code', 3),
    t('Job_Number', 10),
    t('Customer_Code', 10),
    t('Billing_Item', 10),
    t('Billing_Description', 30),
    t('Additional_Billing_Description', 40),
    t('GL_Account', 12),
    t('Taxable', 1, YN),
    d('Original_Contract'),
    d('Projected_Revenue'),
    t('Unit_Price_Flag', 1, ['Y', 'N']),
  ],
  infolink: {
    table: 'CR_BID_ITEM_DES_MC',
    columns: [
      'Company_Code',
      'Job_Number',
      'Customer_Code',
      'Billing_Item',
      'Billing_Description',
      'Additional_Billing_Description',
      'GL_Account',
      'Taxable',
      'Original_Contract',
      'Projected_Revenue',
      'Unit_Price_Flag',
    ],
  },
};

export const changeRequestStatuses: TableDef = {
  table: 'change_request_statuses',
  collection: 'change-request-statuses',
  key: ['Company_Code', 'Status_Code'],
  columns: [
    t('Company_Code', 3),
    t('Status_Code', 2),
    t('Description', 25),
    i('Action_Type'),
    t('Approved_Flag', 1, YN),
  ],
};

export const changeRequests: TableDef = {
  table: 'change_requests',
  collection: 'change-requests',
  key: ['Company_Code', 'Job_Number', 'Customer_Code', 'Change_Request_Number'],
  columns: [
    t('Company_Code', 3),
    t('Job_Number', 10),
    t('Customer_Code', 10),
    t('Change_Request_Number', 8),
    t('CR_Description', 250),
    t('CR_Status', 2),
    t('Change_Order_Number', 8),
    dt('Origination_Date'),
    dt('Approved_Date'),
    t('Cost_Reimbursable_Flag', 1, YN),
    d('Fee_Percent'),
    d('Fee_Amount'),
  ],
  infolink: {
    table: 'CR_CHNG_REQ_HDR_MC',
    columns: [
      'Company_Code',
      'Job_Number',
      'Customer_Code',
      'Change_Request_Number',
      'CR_Description',
      'CR_Status',
      'Change_Order_Number',
      'Origination_Date',
      'Approved_Date',
      'Cost_Reimbursable_Flag',
    ],
  },
};

export const changeRequestCostLines: TableDef = {
  table: 'change_request_cost_lines',
  collection: 'change-request-cost-lines',
  key: ['Company_Code', 'Job_Number', 'Customer_Code', 'Change_Request_Number', 'Line_Number'],
  columns: [
    t('Company_Code', 3),
    t('Job_Number', 10),
    t('Customer_Code', 10),
    t('Change_Request_Number', 8),
    i('Line_Number'),
    t('Phase_Code', 20),
    t('Cost_Type', 3),
    d('Change_Request_Quantity'),
    d('Change_Request_Hours'),
    d('Change_Request_Amount'),
    t('Subcontractor_Code', 10),
    t('Subcontract_Number', 10),
    d('Sub_Amount'),
    t('Sub_Status', 1, ['P', 'E', 'R', '']),
    t('Sub_Change_Order_Number', 8),
    t('Sub_Description', 30),
  ],
  infolink: {
    table: 'CR_CHNG_REQ_CON_DET_MC',
    columns: [
      'Company_Code',
      'Job_Number',
      'Customer_Code',
      'Change_Request_Number',
      'Line_Number',
      'Phase_Code',
      'Cost_Type',
      'Change_Request_Quantity',
      'Change_Request_Hours',
      'Change_Request_Amount',
      'Subcontractor_Code',
      'Subcontract_Number',
      'Sub_Amount',
      'Sub_Status',
      'Sub_Change_Order_Number',
      'Sub_Description',
    ],
  },
};

export const changeRequestRevenueLines: TableDef = {
  table: 'change_request_revenue_lines',
  collection: 'change-request-revenue-lines',
  key: ['Company_Code', 'Job_Number', 'Customer_Code', 'Change_Request_Number', 'Line_Number'],
  columns: [
    t('Company_Code', 3),
    t('Job_Number', 10),
    t('Customer_Code', 10),
    t('Change_Request_Number', 8),
    i('Line_Number'),
    t('Billing_Group_Code', 2),
    t('Billing_Item_Code', 11),
    t('Billing_Item_Description', 30),
    t('Additional_Description', 40),
    d('Unit_Price', 4),
    d('Quantity'),
    d('Revenue'),
  ],
  infolink: {
    table: 'CR_CHNG_REQ_REV_MC',
    columns: [
      'Company_Code',
      'Job_Number',
      'Customer_Code',
      'Change_Request_Number',
      'Line_Number',
      'Billing_Group_Code',
      'Billing_Item_Code',
      'Billing_Item_Description',
      'Additional_Description',
      'Unit_Price',
      'Quantity',
      'Revenue',
    ],
  },
};

export const changeOrders: TableDef = {
  table: 'change_orders',
  collection: 'change-orders',
  key: ['Company_Code', 'Job_Number', 'Customer_Code', 'Change_Order_Number'],
  columns: [
    t('Company_Code', 3),
    t('Job_Number', 10),
    t('Customer_Code', 10),
    t('Change_Order_Number', 8),
    t('Description', 250),
    t('Status_Code', 2),
    dt('Change_Order_Date'),
    dt('Approved_Date'),
    i('Approved_Days'),
    d('Fee_Percent'),
    d('Fee_Amount'),
  ],
};

export const changeOrderLines: TableDef = {
  table: 'change_order_lines',
  collection: 'change-order-lines',
  key: ['Company_Code', 'Job_Number', 'Customer_Code', 'Change_Order_Number', 'Line_Number'],
  columns: [
    t('Company_Code', 3),
    t('Job_Number', 10),
    t('Customer_Code', 10),
    t('Change_Order_Number', 8),
    i('Line_Number'),
    t('Billing_Group_Code', 2),
    t('Billing_Item_Code', 10),
    t('Additional_Description', 40),
    d('Unit_Price', 4),
    d('Quantity'),
    d('Revenue'),
  ],
};

export const jobCosts: TableDef = {
  table: 'job_costs',
  collection: 'job-costs',
  key: ['Company_Code', 'Transaction_Number'],
  columns: [
    t('Company_Code', 3),
    i('Transaction_Number'),
    t('Job_Number', 10),
    t('Phase_Code', 20),
    t('Cost_Type', 3),
    dt('Tran_Date'),
    t('Tran_Type_Code', 2),
    t('Reference_1', 30),
    t('Reference_2', 30),
    t('Vendor_Code', 10),
    t('Invoice_Number', 15),
    d('Tran_Amount'),
    d('Total_Hours'),
    d('Quantity'),
  ],
  infolink: {
    table: 'JC_TRANSACTION_HISTORY_MC',
    columns: [
      'Company_Code',
      'Transaction_Number',
      'Job_Number',
      'Phase_Code',
      'Cost_Type',
      'Tran_Date',
      'Tran_Type_Code',
      'Reference_1',
      'Reference_2',
      'Vendor_Code',
      'Invoice_Number',
      'Tran_Amount',
      'Total_Hours',
      'Quantity',
    ],
  },
};

export const projections: TableDef = {
  table: 'projections',
  collection: 'projections',
  key: ['Company_Code', 'Projection_Number'],
  columns: [
    t('Company_Code', 3),
    i('Projection_Number'),
    t('Job_Number', 10),
    t('Phase_Code', 20),
    t('Cost_Type', 3),
    dt('Transaction_Date'),
    d('Amount'),
    d('Projected_Hours'),
    d('Projected_Quantity'),
    t('Note', 80),
    t('Operator', 3),
  ],
};

export const ALL_TABLES: readonly TableDef[] = [
  companies,
  authIds,
  jobs,
  phases,
  costTypes,
  standardPhases,
  vendors,
  customers,
  subcontracts,
  subcontractLines,
  contracts,
  contractItems,
  changeRequestStatuses,
  changeRequests,
  changeRequestCostLines,
  changeRequestRevenueLines,
  changeOrders,
  changeOrderLines,
  jobCosts,
  projections,
];

export const TABLES_BY_COLLECTION: ReadonlyMap<string, TableDef> = new Map(
  ALL_TABLES.map((def) => [def.collection, def]),
);

export const TABLES_BY_INFOLINK: ReadonlyMap<string, TableDef> = new Map(
  ALL_TABLES.filter((def) => def.infolink).map((def) => [def.infolink?.table ?? '', def]),
);

export function columnOf(def: TableDef, name: string): ColumnDef | undefined {
  return def.columns.find((c) => c.name === name);
}
