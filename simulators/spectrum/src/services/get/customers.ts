import { compareCodes } from '../../formats/spectrum-format.js';
import * as T from '../../store/table-defs.js';
import type { GetResult, GetServiceDef } from '../service-types.js';
import { str } from './common.js';

/** GetCustomers: the AR customers. */

const CUSTOMER_STATUS_WORDS: Record<string, string> = { A: 'Active', I: 'Inactive', N: 'Not Used' };

export const getCustomers: GetServiceDef = {
  kind: 'get',
  name: 'GetCustomers',
  params: ['pCompany_Code', 'pStatus'],
  fields: [
    { name: 'Company_Code', max: 3 },
    { name: 'Customer_Code', max: 10 },
    { name: 'Name', max: 30 },
    { name: 'Address_1', max: 30 },
    { name: 'Address_2', max: 30 },
    { name: 'City', max: 25 },
    { name: 'State', max: 2 },
    { name: 'Zip_Code', max: 10 },
    { name: 'First_Name', max: 20 },
    { name: 'Last_Name', max: 30 },
    { name: 'Phone_Number', max: 14 },
    { name: 'Email1', max: 80 },
    { name: 'Price_Level_Material', max: 1 },
    { name: 'Taxable_Flag', max: 1 },
    { name: 'Status', max: 10 },
  ],
  blankErrorStyle: 'self',
  blankDateStyle: 'self',
  run(ctx, p, limit): GetResult {
    const s = (p.pStatus ?? '').toUpperCase();
    let statuses: ReadonlySet<string>;
    if (s === '') statuses = new Set(['A']);
    else if (s === 'I') statuses = new Set(['A', 'I']);
    else if (s === 'ALL') statuses = new Set(['A', 'I', 'N']);
    else return { error: { description: 'Invalid Status', column: 'pStatus' } };
    const rows = ctx.store
      .select(T.customers, { Company_Code: ctx.company })
      .filter((c) => statuses.has(str(c.Status)))
      .sort((a, b) => compareCodes(str(a.Customer_Code), str(b.Customer_Code)));
    return {
      more: rows.length > limit,
      rows: rows
        .slice(0, limit)
        .map((c) => [
          str(c.Company_Code),
          str(c.Customer_Code),
          str(c.Name),
          str(c.Address_1),
          str(c.Address_2),
          str(c.City),
          str(c.State),
          str(c.Zip_Code),
          str(c.First_Name),
          str(c.Last_Name),
          str(c.Phone_Number),
          str(c.Email1),
          str(c.Price_Level_Material),
          str(c.Taxable_Flag),
          CUSTOMER_STATUS_WORDS[str(c.Status)] ?? '',
        ]),
    };
  },
};
