import type { Json, TableInfo } from './api';

/** The columns a table page shows beside the key (the record shows them all). */
const SHOWN: Record<string, string[]> = {
  jobs: ['Job_Description', 'Status_Code', 'Customer_Code', 'Price_Method_Code', 'Master_Job'],
  phases: ['Description', 'Status_Code', 'Original_Est_Cost', 'Current_Est_Cost', 'JTD_Actual_Dollars'],
  vendors: ['Vendor_Name', 'Type', 'Status', 'Hold_Flag'],
  customers: ['Name', 'Status', 'City', 'State'],
  subcontracts: ['Job_Number', 'Status_Code', 'Original_Amount', 'Comment_1'],
  'subcontract-lines': ['Job_Number', 'Bill_Description', 'Original_Contract_Amount'],
  contracts: ['Contract_Description', 'Original_Contract', 'Status_Code', 'Approved_Flag'],
  'change-requests': ['CR_Description', 'CR_Status', 'Change_Order_Number'],
  'job-costs': ['Job_Number', 'Phase_Code', 'Cost_Type', 'Tran_Date', 'Tran_Amount'],
};

/** The non-key columns a table shows after the record's key (the record shows them all). */
export function shownColumns(info: TableInfo, extra = 5): string[] {
  const rest = SHOWN[info.collection] ?? info.columns.map((c) => c.name).filter((n) => !info.key.includes(n));
  return rest.filter((n) => !info.key.includes(n)).slice(0, extra);
}

/** The key's column names as a header (`Vendor Code · Subcontract Number`). */
export function keyHeader(info: TableInfo): string {
  const names = info.key.filter((k) => k !== 'Company_Code' || info.key.length === 1);
  return names.map((n) => n.replace(/_/g, ' ')).join(' · ');
}

/** The text that names a row: its key without the company (`ACMEEL · 24101-01`). */
export function keyText(info: TableInfo, row: Json): string {
  const parts = info.key
    .filter((k) => k !== 'Company_Code' || info.key.length === 1)
    .map((k) => String(row[k] ?? ''))
    .filter((v) => v !== '');
  return parts.join(' · ') || '(blank key)';
}

export function keyOf(info: TableInfo, row: Json): Json {
  return Object.fromEntries(info.key.map((k) => [k, row[k] ?? '']));
}
