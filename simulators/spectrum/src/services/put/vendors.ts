import type { PutReplyRow } from '../../soap/soap-envelope.writer.js';
import * as T from '../../store/table-defs.js';
import type { PutFieldDef, PutServiceDef } from '../service-types.js';
import { bad, code, date, digits, int, missing, num, oneOf, sentColumns, text, upper, YN } from './common.js';

// ---- AddVendor / UpdateVendor ---------------------------------------------------------------

const VENDOR_COMMON: PutFieldDef[] = [text('Address_1', 30), text('Address_2', 30)];

export const addVendor: PutServiceDef = {
  kind: 'put',
  name: 'AddVendor',
  fields: [
    upper('Company_Code', 3),
    upper('Vendor_Code', 10, true),
    text('Vendor_Name', 30, true),
    code('Alpha_Sort', 6, true),
    code('Type', 6),
    ...VENDOR_COMMON,
    text('Address_3', 25),
    code('State', 2),
    text('Zip_Code', 10),
    digits('Phone', 14),
    digits('Fax_Phone', 14),
    text('Contact_Name', 20),
    text('Our_Account_Number', 25),
    oneOf('Terms_Code', ['A', 'B'], true),
    { ...int('Terms_Days', 3), required: true },
    oneOf('Terms_Disc_Code', ['A', 'B'], true),
    int('Terms_Disc_Days', 3),
    num('Terms_Disc_Percent', '3.2'),
    oneOf('Insurance_Cert_Flag', YN),
    date('Insurance_Exp_Date'),
    oneOf('Hold_Flag', YN),
    digits('Default_GL_Account', 12),
    text('Vendor_Email', 80),
    digits('Contact_Phone', 14),
  ],
  execute(ctx) {
    const key = { Company_Code: ctx.company, Vendor_Code: ctx.str('Vendor_Code') };
    if (ctx.store.get(T.vendors, key)) return [bad('Vendor already exists', 'Vendor_Code')];
    const row = sentColumns(
      ctx,
      T.vendors,
      this.fields.map((f) => f.name),
    );
    ctx.store.insert(T.vendors, { ...row, ...key, Status: 'A', Hold_Flag: ctx.str('Hold_Flag') || 'N' });
    return [];
  },
};

export const updateVendor: PutServiceDef = {
  kind: 'put',
  name: 'UpdateVendor',
  fields: [
    upper('Company_Code', 3),
    upper('Vendor_Code', 10, true),
    text('Vendor_Name', 30),
    code('Alpha_Sort', 6),
    code('Type', 6),
    ...VENDOR_COMMON,
    text('City', 25),
    code('State', 2),
    text('Zip_Code', 10),
    text('Addr_Country', 25),
    digits('Phone', 14),
    digits('Fax_Phone', 14),
    text('Contact_Name', 20),
    oneOf('Terms_Code', ['A', 'B']),
    int('Terms_Days', 3),
    oneOf('Terms_Disc_Code', ['A', 'B']),
    int('Terms_Disc_Days', 3),
    num('Terms_Disc_Percent', '3.2'),
    oneOf('Hold_Flag', YN),
    digits('Default_GL_Account', 12),
    text('Vendor_Email', 80),
    text('Web_Site', 80),
    oneOf('Status', ['A', 'I', 'N']),
  ],
  execute(ctx) {
    const key = { Company_Code: ctx.company, Vendor_Code: ctx.str('Vendor_Code') };
    const current = ctx.store.get(T.vendors, key);
    if (!current) return [bad('Vendor does not exist', 'Vendor_Code')];
    const changes = sentColumns(
      ctx,
      T.vendors,
      this.fields.map((f) => f.name),
      { City: 'Address_3' },
    );
    ctx.store.update(T.vendors, key, changes);
    return [];
  },
};

// ---- AddCustomer ----------------------------------------------------------------------------

export const addCustomer: PutServiceDef = {
  kind: 'put',
  name: 'AddCustomer',
  fields: [
    upper('Company_Code', 3),
    upper('Customer_Code', 10, true),
    text('Name', 30),
    code('Terms_Code', 1),
    code('Sales_Tax_Code', 15),
    code('Alpha_Sort', 8),
    code('Type', 10),
    text('Address_1', 30),
    text('Address_2', 30),
    text('City', 25),
    code('State', 2),
    text('Zip_Code', 10),
    digits('Phone', 14),
    digits('Fax_Phone', 14),
    text('Contact_1', 20),
    text('Contact_2', 20),
    text('Contact_3', 20),
    oneOf('Taxable_Flag', YN),
    oneOf('Price_Level_Material', ['1', '2', '3', '4', '5']),
    text('Customer_Email', 70),
    oneOf('Status', ['A', 'I', 'N']),
  ],
  execute(ctx) {
    const key = { Company_Code: ctx.company, Customer_Code: ctx.str('Customer_Code') };
    const existing = ctx.store.get(T.customers, key);
    const changes = sentColumns(
      ctx,
      T.customers,
      this.fields.map((f) => f.name),
      { Phone: 'Phone_Number', Customer_Email: 'Email1' },
    );
    if (existing) {
      ctx.store.update(T.customers, key, changes);
      return [];
    }
    const errors: PutReplyRow[] = [];
    for (const required of ['Name', 'Terms_Code', 'Sales_Tax_Code'])
      if (!ctx.has(required)) errors.push(missing(required));
    if (errors.length) return errors;
    ctx.store.insert(T.customers, { ...changes, ...key, Status: ctx.str('Status') || 'A' });
    return [];
  },
};
