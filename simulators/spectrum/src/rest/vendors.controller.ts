import type { IncomingMessage, ServerResponse } from 'node:http';
import { compareCodes } from '../formats/spectrum-format.js';
import { sendJson } from '../server/http-helpers.js';
import type { SimulatorApp } from '../server/simulator-app.js';
import { compileSuperSelect } from '../services/superselect.js';
import type { Row } from '../store/table-defs.js';
import * as T from '../store/table-defs.js';

const s = (v: unknown): string => String(v ?? '').trim();

/** One vendor as the REST "Get Vendors" service returns it (documented field names). */
export function vendorJson(v: Row): Record<string, unknown> {
  return {
    Company_Code: s(v.Company_Code),
    Vendor_Code: s(v.Vendor_Code),
    Name: s(v.Vendor_Name),
    Address_1: s(v.Address_1),
    Address_2: s(v.Address_2),
    City: s(v.Address_3),
    State: s(v.State),
    Zip_Code: s(v.Zip_Code),
    First_Name: s(v.First_Name),
    Last_Name: s(v.Last_Name),
    Phone_Number: s(v.Phone),
    Email: s(v.Vendor_Email),
    Account_Reference: s(v.Our_Account_Number),
    Payment_Terms: s(v.Terms_Code),
    Payment_Term_Days: Number(v.Terms_Days ?? 0),
    Discount_Terms: s(v.Terms_Disc_Code),
    Discount_Term_Days: Number(v.Terms_Disc_Days ?? 0),
    Discount_Percent: Number(v.Terms_Disc_Percent ?? 0) / 100,
    Purchase_Location_Name: s(v.Vendor_Name),
    Purchase_Address_1: s(v.Address_1),
    Purchase_Address_2: s(v.Address_2),
    Purchase_City: s(v.Address_3),
    Purchase_State: s(v.State),
    Purchase_Zip: s(v.Zip_Code),
    Payment_Location_Name: s(v.Vendor_Name),
    Payment_Address_1: s(v.Address_1),
    Payment_Address_2: s(v.Address_2),
    Payment_City: s(v.Address_3),
    Payment_State: s(v.State),
    Payment_Zip: s(v.Zip_Code),
  };
}

/** `GET /vendors/{Company_Code}`: active vendors, filtered by pType, pCity, pState, pName, pCostCenter. */
export function handleVendors(
  app: SimulatorApp,
  req: IncomingMessage,
  res: ServerResponse,
  company: string,
  url: URL,
): void {
  if (!app.restAuth(req, res, company)) return;
  const q = url.searchParams;
  const costCenter = (q.get('pCostCenter') ?? '').trim();
  if ((q.get('pCity') || q.get('pState')) && costCenter === '') {
    sendJson(res, 400, { error: 'pCostCenter is required when filtering by pCity or pState' });
    return;
  }
  const filters: [string, ReturnType<typeof compileSuperSelect>][] = [
    ['Type', compileSuperSelect(q.get('pType') ?? '')],
    ['Address_3', compileSuperSelect(q.get('pCity') ?? '')],
    ['State', compileSuperSelect(q.get('pState') ?? '')],
    ['Vendor_Name', compileSuperSelect(q.get('pName') ?? '')],
  ];
  const rows = app.store
    .select(T.vendors, { Company_Code: company, Status: 'A' })
    .filter((v) => filters.every(([col, f]) => f.all || f.matches(s(v[col]))))
    .filter((v) => costCenter === '' || costCenter.toUpperCase() === 'ALL' || s(v.Cost_Center) === costCenter)
    .sort((a, b) => compareCodes(s(a.Vendor_Code), s(b.Vendor_Code)));
  sendJson(res, 200, rows.map(vendorJson));
}
