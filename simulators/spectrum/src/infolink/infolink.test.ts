import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningSimulator, startSimulator } from '../simulator.js';
import { TABLES_BY_INFOLINK } from '../store/table-defs.js';

let sim: RunningSimulator;
beforeAll(async () => {
  sim = await startSimulator({ scenario: 'demo', control: true });
});
afterAll(async () => {
  await sim.close();
});

const AUTH = { Authorization: `Basic ${Buffer.from('ABC:BRIDGEDEMO').toString('base64')}` };

async function get(path: string, headers: Record<string, string> = AUTH) {
  const res = await fetch(`${sim.url}${path}`, { headers });
  return {
    status: res.status,
    header: res.headers.get('x-spectrum-simulator'),
    body: (await res.json()) as Record<string, unknown>,
  };
}

const INFOLINK_COLUMNS: Record<string, string[]> = {
  VN_VENDOR_MASTER_MC: [
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
  VN_SUBCONTRACT_PHASE_MC: [
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
};

describe('Info-Link stand-in', () => {
  it('serves every agreed table', () => {
    expect([...TABLES_BY_INFOLINK.keys()].sort()).toEqual(
      [
        'JC_JOB_MASTER_MC',
        'JC_PHASE_MASTER_MC',
        'JC_COST_TYPE_MASTER_MC',
        'JC_STD_PHASE_DESCRIPTION_MC',
        'VN_VENDOR_MASTER_MC',
        'VN_SUBCONTRACT_MC',
        'VN_SUBCONTRACT_PHASE_MC',
        'CR_CONTRACT_MASTER_MC',
        'CR_BID_ITEM_DES_MC',
        'CR_CHNG_REQ_HDR_MC',
        'CR_CHNG_REQ_CON_DET_MC',
        'CR_CHNG_REQ_REV_MC',
        'JC_TRANSACTION_HISTORY_MC',
      ].sort(),
    );
  });

  it('returns every column in agreed order with agreed value types and the stand-in header', async () => {
    const r = await get('/infolink/VN_VENDOR_MASTER_MC?Company_Code=ABC&Vendor_Code=ACMEEL');
    expect(r.status).toBe(200);
    expect(r.header).toBe('info-link-stand-in');
    const rows = r.body.rows as Record<string, unknown>[];
    expect(Object.keys(rows[0] ?? {})).toEqual(INFOLINK_COLUMNS.VN_VENDOR_MASTER_MC);
    expect(rows[0]).toMatchObject({ Type: 'SUB', Status: 'A', Terms_Days: 30, Fax_Phone: '2175561000' });
    const lines = await get('/infolink/VN_SUBCONTRACT_PHASE_MC?Company_Code=ABC');
    const line = (lines.body.rows as Record<string, unknown>[])[0] ?? {};
    expect(Object.keys(line)).toEqual(INFOLINK_COLUMNS.VN_SUBCONTRACT_PHASE_MC);
    expect(line).toMatchObject({
      Unit_Price: '0.0000',
      Original_Contract_Amount: '120000.00',
      Bid_Item_Number: '',
    });
    const job = (
      (await get('/infolink/JC_JOB_MASTER_MC?Company_Code=ABC&Job_Number=24-103E1')).body.rows as Record<
        string,
        unknown
      >[]
    )[0];
    expect(job).toMatchObject({
      Master_Job: '24-103',
      Original_Contract: '0.00',
      Start_Date: null,
      Create_Date: '2024-01-02',
    });
    const cr = (
      (await get('/infolink/CR_CHNG_REQ_CON_DET_MC?Company_Code=ABC')).body.rows as Record<string, unknown>[]
    )[0];
    expect(cr).toMatchObject({ Line_Number: 1, Sub_Amount: '8500.00', Sub_Status: 'E' });
  });

  it('pages by key without skipping or repeating rows, even when rows are added between pages', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let first = true;
    do {
      const q: string = `/infolink/VN_VENDOR_MASTER_MC?Company_Code=ABC&limit=7${cursor ? `&after=${cursor}` : ''}`;
      const page = await get(q);
      seen.push(...(page.body.rows as { Vendor_Code: string }[]).map((v) => v.Vendor_Code));
      cursor = page.body.nextCursor as string | null;
      if (first) {
        first = false;
        await fetch(`${sim.url}/__sim/state/vendors`, {
          method: 'POST',
          body: JSON.stringify({
            Company_Code: 'ABC',
            Vendor_Code: 'ZZLATE',
            Vendor_Name: 'Late',
            Status: 'A',
          }),
        });
      }
    } while (cursor);
    expect(seen).toHaveLength(31);
    expect(new Set(seen).size).toBe(31);
    expect(seen).toEqual([...seen].sort());
  });

  it('orders by a column first with order=<column> (then the primary key), paging on both', async () => {
    const all = (await get('/infolink/VN_SUBCONTRACT_PHASE_MC?Company_Code=ABC&limit=5000')).body
      .rows as Record<string, string>[];
    const seen: Record<string, string>[] = [];
    let cursor: string | null = null;
    do {
      const q: string = `/infolink/VN_SUBCONTRACT_PHASE_MC?Company_Code=ABC&order=Job_Number&limit=2${cursor ? `&after=${cursor}` : ''}`;
      const page = await get(q);
      expect(page.status).toBe(200);
      seen.push(...(page.body.rows as Record<string, string>[]));
      cursor = page.body.nextCursor as string | null;
    } while (cursor);
    expect(seen).toHaveLength(all.length);
    const jobs = seen.map((r) => r.Job_Number as string);
    expect(jobs).toEqual([...jobs].sort());
    const key = (r: Record<string, string>) =>
      [r.Vendor_Code, r.Subcontract_Number, r.Phase_Code, r.Cost_Type, r.Bid_Item_Number].join('/');
    expect(new Set(seen.map(key)).size).toBe(all.length);
    expect((await get('/infolink/VN_SUBCONTRACT_MC?Company_Code=ABC&order=Nope')).status).toBe(400);
  });

  it('filters on columns and refuses unknown columns, bad limits, missing company, bad auth', async () => {
    const inactive = await get('/infolink/VN_VENDOR_MASTER_MC?Company_Code=ABC&Status=I');
    expect((inactive.body.rows as unknown[]).length).toBe(3);
    const byAmount = await get(
      '/infolink/JC_TRANSACTION_HISTORY_MC?Company_Code=ABC&Job_Number=24-101&Phase_Code=010000&Cost_Type=L',
    );
    expect((byAmount.body.rows as unknown[]).length).toBe(2);
    expect((await get('/infolink/VN_VENDOR_MASTER_MC?Company_Code=ABC&Nope=1')).status).toBe(400);
    expect((await get('/infolink/VN_VENDOR_MASTER_MC?Company_Code=ABC&limit=0')).status).toBe(400);
    expect((await get('/infolink/VN_VENDOR_MASTER_MC?Company_Code=ABC&after=garbage')).status).toBe(400);
    const noCompany = await get('/infolink/VN_VENDOR_MASTER_MC');
    expect(noCompany.status).toBe(400);
    expect(noCompany.header).toBe('info-link-stand-in');
    expect((await get('/infolink/VN_VENDOR_MASTER_MC?Company_Code=ABC', {})).status).toBe(401);
    expect((await get('/infolink/VN_VENDOR_MASTER_MC?Company_Code=XYZ')).status).toBe(403);
    expect((await get('/infolink/NOT_A_TABLE?Company_Code=ABC')).status).toBe(404);
  });
});

describe('REST services', () => {
  it('GET /vendors/{company} returns active vendors with the documented fields', async () => {
    const r = await fetch(`${sim.url}/vendors/ABC`, { headers: AUTH });
    expect(r.status).toBe(200);
    const vendors = (await r.json()) as Record<string, unknown>[];
    expect(vendors.length).toBeGreaterThan(20);
    expect(
      vendors.every((v) => !['HILLDRY', 'OAKHARD', 'ALLSITE', 'UNIQCLN'].includes(String(v.Vendor_Code))),
    ).toBe(true);
    const acme = vendors.find((v) => v.Vendor_Code === 'ACMEEL');
    expect(acme).toMatchObject({
      Name: 'Acme Electric Inc',
      City: 'Springfield',
      Payment_Term_Days: 30,
      Discount_Percent: 2,
    });
    const subs = (await (
      await fetch(`${sim.url}/vendors/ABC?pType=SUB`, { headers: AUTH })
    ).json()) as unknown[];
    expect(subs.length).toBe(11);
    expect((await fetch(`${sim.url}/vendors/ABC?pState=IL`, { headers: AUTH })).status).toBe(400);
    expect((await fetch(`${sim.url}/vendors/ABC`)).status).toBe(401);
  });

  it('POST /contract/scheduleofvalues applies each contract atomically and answers per item', async () => {
    const body = {
      contracts: [
        {
          Company_Code: 'ABC',
          Customer_Code: 'C300',
          Job_Number: '24-103',
          Schedule_Of_Values_Fixed: [
            {
              Billing_Item: '100',
              Billing_Description: 'Mobilization',
              Original_Contract: 12500.5,
              Taxable: 'N',
            },
            { Billing_Item: '200', Billing_Description: 'Building shell', Original_Contract: 400000 },
          ],
        },
        {
          Company_Code: 'ABC',
          Customer_Code: 'C300',
          Job_Number: '24-103',
          Schedule_Of_Values_Fixed: [
            { Billing_Item: '300', Original_Contract: 1 },
            { Billing_Item: 'X'.repeat(11), Original_Contract: 1.001 },
          ],
        },
        {
          Company_Code: 'ABC',
          Customer_Code: 'C200',
          Job_Number: '24-102',
          Schedule_Of_Values_Fixed: [{ Billing_Item: '1' }],
        },
      ],
    };
    const r = await fetch(`${sim.url}/contract/scheduleofvalues`, {
      method: 'POST',
      headers: { ...AUTH, 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    expect(r.status).toBe(200);
    const results = (await r.json()) as {
      index: number;
      key: string;
      status: string;
      errors: { column: string }[];
    }[];
    expect(results.map((x) => [x.index, x.key, x.status])).toEqual([
      [0, '24-103/C300', 'S'],
      [1, '24-103/C300', 'I'],
      [2, '24-102/C200', 'I'],
    ]);
    expect(results[1]?.errors.map((e) => e.column)).toEqual(['Billing_Item', 'Original_Contract']);
    const items = await get('/infolink/CR_BID_ITEM_DES_MC?Company_Code=ABC&Job_Number=24-103');
    expect(
      (items.body.rows as { Billing_Item: string; Original_Contract: string }[]).map((i) => [
        i.Billing_Item,
        i.Original_Contract,
      ]),
    ).toEqual([
      ['100', '12500.50'],
      ['200', '400000.00'],
    ]);
    const contract = await get('/infolink/CR_CONTRACT_MASTER_MC?Company_Code=ABC&Job_Number=24-103');
    expect((contract.body.rows as { Original_Contract: string }[])[0]?.Original_Contract).toBe('412500.50');
  });
});
