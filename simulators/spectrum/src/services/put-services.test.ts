import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { type RunningSimulator, startSimulator } from '../simulator.js';
import * as T from '../store/table-defs.js';
import { callPut, putRows } from '../test-support/soap-test-client.js';

let sim: RunningSimulator;
beforeEach(async () => {
  if (!sim) sim = await startSimulator({ scenario: 'demo', clock: () => new Date('2025-01-14T12:00:00Z') });
  else sim.app.loadScenario('demo');
});
afterAll(async () => {
  await sim.close();
});

const put = async (service: string, fields: Record<string, string>, authId?: string) => {
  const reply = await callPut(sim.url, service, { Company_Code: 'ABC', ...fields }, authId);
  expect(reply.status).toBe(200);
  return { rows: putRows(reply.body), body: reply.body };
};
const row = (def: T.TableDef, key: T.Row) => sim.store.get(def, key);

describe('Put replies', () => {
  it('a clean success is a returnData with no response rows', async () => {
    const { rows, body } = await put('AddVendor', {
      Vendor_Code: 'NEWVEND',
      Vendor_Name: 'New Vendor LLC',
      Alpha_Sort: 'NEWVEN',
      Terms_Code: 'A',
      Terms_Days: '30',
      Terms_Disc_Code: 'A',
    });
    expect(rows).toEqual([]);
    expect(body).toContain(
      "<nis:AddVendorResponse xmlns:nis='http://www.northgate-is.com/proiv/webservices/types'><returnArray><returnData></returnData></returnArray></nis:AddVendorResponse>",
    );
  });

  it('reports every problem, one response row each, with lower-case error_code/desc/column', async () => {
    const { rows, body } = await put('AddVendor', {
      Vendor_Code: 'bad-code',
      Vendor_Name: 'X'.repeat(31),
      Alpha_Sort: '',
      Terms_Code: 'Z',
      Terms_Days: 'ten',
      Terms_Disc_Code: 'A',
      Phone: '217-555-1212',
    });
    expect(body).toContain('<response><error_code>I</error_code><desc>');
    expect(rows.map((r) => [r.code, r.column])).toEqual([
      ['I', 'Vendor_Code'],
      ['I', 'Vendor_Name'],
      ['M', 'Alpha_Sort'],
      ['I', 'Phone'],
      ['I', 'Terms_Code'],
      ['I', 'Terms_Days'],
    ]);
  });
});

describe('AddJob / UpdateJob', () => {
  const newJob = {
    Job_Number: '25-010',
    Job_Description: 'Bridge Test Job',
    Taxable_Flag: 'N',
    Price_Method_Code: 'F',
    Customer_Code: 'C100',
    Original_Contract: '150000.00',
    Est_Start_Date: '02/01/2025',
    Est_Complete_Date: '12/31/2025',
  };

  it('creates the job and its AR contract when a customer is given', async () => {
    expect((await put('AddJob', newJob)).rows).toEqual([]);
    const job = row(T.jobs, { Company_Code: 'ABC', Job_Number: '25-010' });
    expect(job).toMatchObject({ Status_Code: 'A', Est_Start_Date: '2025-02-01', Create_Date: '2025-01-14' });
    expect(
      row(T.contracts, { Company_Code: 'ABC', Job_Number: '25-010', Customer_Code: 'C100' }),
    ).toMatchObject({
      Original_Contract: 15000000,
      Approved_Flag: 'N',
    });
  });

  it('refuses duplicates, missing required fields, bad codes, dates and relations', async () => {
    expect((await put('AddJob', { ...newJob, Job_Number: '24-101' })).rows).toEqual([
      { code: 'I', desc: 'Job number already exists', column: 'Job_Number' },
    ]);
    const { rows } = await put('AddJob', {
      Job_Number: '25-011',
      Job_Description: 'Y'.repeat(26),
      Taxable_Flag: '',
      Price_Method_Code: 'X',
      State: 'il',
      Start_Date: '13/45/2025',
    });
    expect(rows.map((r) => [r.code, r.column])).toEqual([
      ['I', 'Job_Description'],
      ['I', 'State'],
      ['M', 'Taxable_Flag'],
      ['I', 'Price_Method_Code'],
      ['I', 'Start_Date'],
    ]);
    const rel = await put('AddJob', {
      ...newJob,
      Customer_Code: 'NOPE',
      Master_Job: '23-087',
      Est_Complete_Date: '01/01/2025',
    });
    expect(rel.rows.map((r) => r.column)).toEqual(['Master_Job', 'Customer_Code', 'Est_Complete_Date']);
    expect(row(T.jobs, { Company_Code: 'ABC', Job_Number: '25-010' })).toBeUndefined();
  });

  it('a sub job inherits customer and phase mask from its master', async () => {
    const { rows } = await put('AddJob', {
      Job_Number: '24-103E2',
      Taxable_Flag: 'N',
      Price_Method_Code: 'T',
      Master_Job: '24-103',
    });
    expect(rows).toEqual([]);
    expect(row(T.jobs, { Company_Code: 'ABC', Job_Number: '24-103E2' })).toMatchObject({
      Customer_Code: 'C300',
      Master_Job: '24-103',
      Phase_Display_Code: 'XXX-XXX',
    });
  });

  it('UpdateJob changes only the fields sent and never modifies an existing contract', async () => {
    const before = row(T.jobs, { Company_Code: 'ABC', Job_Number: '24-101' });
    expect(
      (await put('UpdateJob', { Job_Number: '24-101', City: 'Shelbyville', Original_Contract: '1.00' })).rows,
    ).toEqual([]);
    const after = row(T.jobs, { Company_Code: 'ABC', Job_Number: '24-101' });
    expect(after?.City).toBe('Shelbyville');
    expect(after?.Job_Description).toBe(before?.Job_Description);
    expect(
      row(T.contracts, { Company_Code: 'ABC', Job_Number: '24-101', Customer_Code: 'C100' })
        ?.Original_Contract,
    ).toBe(485000000);
    expect((await put('UpdateJob', { Job_Number: 'NOJOB' })).rows[0]?.column).toBe('Job_Number');
  });
});

describe('AddPhase', () => {
  const base = {
    Job_Number: '24-101',
    Phase_Code: '033500',
    Cost_Type: 'L',
    Description: 'Concrete Finishing',
    Price_Method_Code: 'J',
  };

  it('creates a phase with current estimate defaulted from the original', async () => {
    expect(
      (await put('AddPhase', { ...base, Original_Est_Cost: '12500.50', Original_Est_Hours: '100' })).rows,
    ).toEqual([]);
    expect(
      row(T.phases, { Company_Code: 'ABC', Job_Number: '24-101', Phase_Code: '033500', Cost_Type: 'L' }),
    ).toMatchObject({
      Current_Est_Cost: 1250050,
      Original_Est_Cost: 1250050,
      Current_Est_Hours: 10000,
      Price_Method_Code: 'F',
      Status_Code: 'A',
    });
  });

  it('upserts: a second call updates only what was sent', async () => {
    await put('AddPhase', { ...base, Original_Est_Cost: '100.00' });
    expect(
      (
        await put('AddPhase', {
          Job_Number: '24-101',
          Phase_Code: '033500',
          Cost_Type: 'L',
          Current_Est_Cost: '250.00',
        })
      ).rows,
    ).toEqual([]);
    expect(
      row(T.phases, { Company_Code: 'ABC', Job_Number: '24-101', Phase_Code: '033500', Cost_Type: 'L' }),
    ).toMatchObject({
      Original_Est_Cost: 10000,
      Current_Est_Cost: 25000,
      Description: 'Concrete Finishing',
    });
  });

  it('keeps one description per phase: first wins on add, an update rewrites all cost types', async () => {
    await put('AddPhase', base);
    await put('AddPhase', { ...base, Cost_Type: 'M', Description: 'Other words' });
    const key = { Company_Code: 'ABC', Job_Number: '24-101', Phase_Code: '033500' };
    expect(row(T.phases, { ...key, Cost_Type: 'M' })?.Description).toBe('Concrete Finishing');
    await put('AddPhase', {
      Job_Number: '24-101',
      Phase_Code: '033500',
      Cost_Type: 'M',
      Description: 'Flatwork',
    });
    expect(row(T.phases, { ...key, Cost_Type: 'L' })?.Description).toBe('Flatwork');
  });

  it('refuses dashes, mask overflow, unknown cost types, Complete jobs and missing new-phase fields', async () => {
    expect((await put('AddPhase', { ...base, Phase_Code: '033-500' })).rows).toEqual([
      { code: 'I', desc: 'Phase_Code must be entered without dashes', column: 'Phase_Code' },
    ]);
    const r = await put('AddPhase', { Job_Number: '24-101', Phase_Code: '0335001', Cost_Type: 'Q' });
    expect(r.rows.map((x) => [x.code, x.column])).toEqual([
      ['I', 'Phase_Code'],
      ['I', 'Cost_Type'],
      ['M', 'Description'],
      ['M', 'Price_Method_Code'],
    ]);
    expect((await put('AddPhase', { ...base, Job_Number: '23-087' })).rows[0]?.desc).toContain(
      'Complete job',
    );
    expect((await put('AddPhase', { ...base, Original_Est_Cost: '12.345' })).rows[0]?.column).toBe(
      'Original_Est_Cost',
    );
  });
});

describe('JobCostProjections', () => {
  it('sets projected values at completion and keeps a history entry', async () => {
    const { rows } = await put('JobCostProjections', {
      Job_Number: '24-101',
      Phase_Code: '010000',
      Cost_Type: 'L',
      Transaction_Date: '01/14/2025',
      Amount: '55000.00',
      Projected_Hours: '',
      Note: 'Forecast',
    });
    expect(rows).toEqual([]);
    expect(
      row(T.phases, { Company_Code: 'ABC', Job_Number: '24-101', Phase_Code: '010000', Cost_Type: 'L' }),
    ).toMatchObject({
      Projected_Dollars: 5500000,
      Projected_Hours: 0,
    });
    expect(sim.store.count(T.projections)).toBe(1);
  });

  it('needs a date, an existing phase and at least one value', async () => {
    const { rows } = await put('JobCostProjections', {
      Job_Number: '24-101',
      Phase_Code: '999999',
      Cost_Type: 'L',
    });
    expect(rows.map((r) => [r.code, r.column])).toEqual([['M', 'Transaction_Date']]);
    const r2 = await put('JobCostProjections', {
      Job_Number: '24-101',
      Phase_Code: '999999',
      Cost_Type: 'L',
      Transaction_Date: '01/14/2025',
    });
    expect(r2.rows.map((r) => [r.code, r.column])).toEqual([
      ['I', 'Phase_Code'],
      ['M', 'Amount'],
    ]);
  });
});

describe('AddVendor / UpdateVendor', () => {
  it('refuses a duplicate vendor and updates only sent fields, City mapping to Address_3', async () => {
    const dup = await put('AddVendor', {
      Vendor_Code: 'ACMEEL',
      Vendor_Name: 'Dup',
      Alpha_Sort: 'DUP',
      Terms_Code: 'A',
      Terms_Days: '30',
      Terms_Disc_Code: 'A',
    });
    expect(dup.rows).toEqual([{ code: 'I', desc: 'Vendor already exists', column: 'Vendor_Code' }]);
    expect(
      (await put('UpdateVendor', { Vendor_Code: 'ACMEEL', City: 'Capital City', Status: 'I' })).rows,
    ).toEqual([]);
    expect(row(T.vendors, { Company_Code: 'ABC', Vendor_Code: 'ACMEEL' })).toMatchObject({
      Address_3: 'Capital City',
      Status: 'I',
      Vendor_Name: 'Acme Electric Inc',
    });
    expect((await put('UpdateVendor', { Vendor_Code: 'NOPE' })).rows[0]?.desc).toBe('Vendor does not exist');
    expect((await put('UpdateVendor', { Vendor_Code: 'ACMEEL', Status: 'X' })).rows[0]?.column).toBe(
      'Status',
    );
  });
});

describe('UpdateSubcontract / UpdateSubcontractPhases', () => {
  const header = {
    Vendor_Code: 'CITYCON',
    Subcontract_Number: '24101-02',
    Job_Number: '24-101',
    GL_Account: '5200',
    Default_Phase_Code: '033000',
    Default_Cost_Type: 'S',
    Retention_Percent: '10.00',
    Comment: 'C'.repeat(70),
  };

  it('creates a header keyed by vendor + number, then upserts it without changing the job', async () => {
    expect((await put('UpdateSubcontract', header)).rows).toEqual([]);
    const key = { Company_Code: 'ABC', Vendor_Code: 'CITYCON', Subcontract_Number: '24101-02' };
    expect(row(T.subcontracts, key)).toMatchObject({
      Status_Code: 'A',
      Date_Issued: '2025-01-14',
      Retention_Percent: 1000,
      Comment_1: 'C'.repeat(60),
      Comment_2: 'C'.repeat(10),
    });
    expect(
      (
        await put('UpdateSubcontract', {
          Vendor_Code: 'CITYCON',
          Subcontract_Number: '24101-02',
          Status_Code: 'I',
        })
      ).rows,
    ).toEqual([]);
    expect(row(T.subcontracts, key)?.Status_Code).toBe('I');
    expect(
      (
        await put('UpdateSubcontract', {
          Vendor_Code: 'CITYCON',
          Subcontract_Number: '24101-02',
          Job_Number: '24-102',
        })
      ).rows[0]?.column,
    ).toBe('Job_Number');
  });

  it('refuses unknown/inactive vendors, missing job and GL, Complete jobs, unknown default phases', async () => {
    expect((await put('UpdateSubcontract', { ...header, Vendor_Code: 'NOPE' })).rows[0]?.desc).toBe(
      'Vendor does not exist',
    );
    expect((await put('UpdateSubcontract', { ...header, Vendor_Code: 'HILLDRY' })).rows[0]?.desc).toBe(
      'Vendor is not active',
    );
    const r = await put('UpdateSubcontract', { Vendor_Code: 'CITYCON', Subcontract_Number: 'X1' });
    expect(r.rows.map((x) => [x.code, x.column])).toEqual([
      ['M', 'Job_Number'],
      ['M', 'GL_Account'],
    ]);
    expect(
      (await put('UpdateSubcontract', { ...header, Job_Number: '23-087', Default_Phase_Code: '' })).rows[0]
        ?.desc,
    ).toBe('Job is Complete');
    expect(
      (await put('UpdateSubcontract', { ...header, Default_Phase_Code: '999999' })).rows[0]?.column,
    ).toBe('Default_Phase_Code');
    expect(
      (await put('UpdateSubcontract', { ...header, Subcontract_Number: 'ABCDEFGHIJK' })).rows[0]?.column,
    ).toBe('Subcontract_Number');
  });

  it('upserts lines, defaults phase/cost type from the header and keeps the header total', async () => {
    await put('UpdateSubcontract', header);
    const line = { Vendor_Code: 'CITYCON', Subcontract_Number: '24101-02' };
    expect(
      (
        await put('UpdateSubcontractPhases', {
          ...line,
          Bill_Description: 'Footings',
          Original_Contract_Amount: '1000.00',
        })
      ).rows,
    ).toEqual([]);
    expect(
      (
        await put('UpdateSubcontractPhases', {
          ...line,
          Phase_Code: '031000',
          Cost_Type: 'S',
          Unit_Price: '12.5',
          Original_Contract_Quantity: '10',
        })
      ).rows,
    ).toEqual([]);
    await put('UpdateSubcontractPhases', { ...line, Original_Contract_Amount: '1500.00' });
    const key = { Company_Code: 'ABC', ...line };
    const lines = sim.store.select(T.subcontractLines, key);
    expect(lines.map((l) => [l.Phase_Code, l.Original_Contract_Amount, l.Bill_Description])).toEqual([
      ['031000', 12500, ''],
      ['033000', 150000, 'Footings'],
    ]);
    expect(row(T.subcontracts, key)?.Original_Amount).toBe(162500);
  });

  it('refuses lines on an unknown subcontract or a phase not on the job', async () => {
    expect(
      (await put('UpdateSubcontractPhases', { Vendor_Code: 'CITYCON', Subcontract_Number: 'NOPE' })).rows[0]
        ?.desc,
    ).toBe('Subcontract does not exist');
    expect(
      (
        await put('UpdateSubcontractPhases', {
          Vendor_Code: 'ACMEEL',
          Subcontract_Number: '24101-01',
          Phase_Code: '999999',
          Cost_Type: 'S',
        })
      ).rows[0]?.column,
    ).toBe('Phase_Code');
    expect(
      (
        await put('UpdateSubcontractPhases', {
          Vendor_Code: 'ACMEEL',
          Subcontract_Number: '24101-01',
          Unit_Price: '1234567.1',
        })
      ).rows[0]?.column,
    ).toBe('Unit_Price');
  });
});

describe('ARChangeRequest / ARChangeOrder', () => {
  const cr = { Job_Number: '24-101', Customer_Code: 'C100' };

  it('generates a number when blank and returns it in a G row', async () => {
    const { rows } = await put('ARChangeRequest', {
      ...cr,
      Change_Request_Number: '',
      CR_Description: 'Add canopy',
      CR_Status: 'OP',
      CR_Phase_Code: '061000',
      CR_Cost_Type: 'M',
      Change_Request_Amount: '2500.00',
    });
    expect(rows).toEqual([{ code: 'G', desc: '2', column: 'Change_Request_Number' }]);
    const lines = sim.store.select(T.changeRequestCostLines, {
      Company_Code: 'ABC',
      ...cr,
      Change_Request_Number: '2',
    });
    expect(lines).toHaveLength(1);
    expect(lines[0]?.Change_Request_Amount).toBe(250000);
  });

  it('one call per line: cost, subcontract change order and billing lines accumulate on the header', async () => {
    const h = {
      ...cr,
      Change_Request_Number: 'PCO7',
      CR_Description: 'Upgrade lighting',
      CR_Status: 'AP',
      Approved_Date: '01/10/2025',
    };
    expect(
      (
        await put('ARChangeRequest', {
          ...h,
          CR_Phase_Code: '010000',
          CR_Cost_Type: 'S',
          Change_Request_Amount: '4000.00',
          Subcontractor_Code: 'ACMEEL',
          Subcontract_Number: '24101-01',
          Sub_Amount: '4000.00',
          Sub_Status: 'E',
          Sub_Change_Order_Number: '002',
        })
      ).rows,
    ).toEqual([]);
    expect(
      (await put('ARChangeRequest', { ...h, CR_Billing_Item_Code: '090', CR_Revenue: '4600.00' })).rows,
    ).toEqual([]);
    expect(
      (
        await put('ARChangeRequest', {
          ...h,
          CR_Phase_Code: '010000',
          CR_Cost_Type: 'S',
          Change_Request_Amount: '4100.00',
        })
      ).rows,
    ).toEqual([]);
    const key = { Company_Code: 'ABC', ...cr, Change_Request_Number: 'PCO7' };
    const cost = sim.store.select(T.changeRequestCostLines, key);
    expect(cost.map((l) => [l.Line_Number, l.Change_Request_Amount, l.Sub_Change_Order_Number])).toEqual([
      [1, 410000, '002'],
    ]);
    expect(sim.store.select(T.changeRequestRevenueLines, key).map((l) => l.Revenue)).toEqual([460000]);
    expect(row(T.changeRequests, key)).toMatchObject({ CR_Status: 'AP', Approved_Date: '2025-01-10' });
  });

  it('refuses what Spectrum refuses on a change request', async () => {
    const h = { ...cr, Change_Request_Number: 'PCO8' };
    const check = async (fields: Record<string, string>) =>
      (await put('ARChangeRequest', { ...h, ...fields })).rows;
    expect((await check({ CR_Status: 'ZZ' }))[0]?.column).toBe('CR_Status');
    expect((await check({ CR_Status: 'OP', Approved_Date: '01/10/2025' }))[0]?.column).toBe('Approved_Date');
    expect((await check({ CR_Phase_Code: '999999', CR_Cost_Type: 'L' }))[0]?.column).toBe('CR_Phase_Code');
    expect((await check({ CR_Phase_Code: '010000' }))[0]).toMatchObject({
      code: 'M',
      column: 'CR_Cost_Type',
    });
    expect((await check({ Subcontractor_Code: 'ACMEEL', Subcontract_Number: '24101-01' }))[0]?.column).toBe(
      'CR_Phase_Code',
    );
    expect(
      (
        await check({
          CR_Phase_Code: '010000',
          CR_Cost_Type: 'S',
          Subcontractor_Code: 'ACMEEL',
          Subcontract_Number: '24101-01',
          Sub_Status: 'E',
        })
      )[0]?.column,
    ).toBe('Sub_Change_Order_Number');
    expect((await check({ CR_Billing_Item_Code: '999' }))[0]?.column).toBe('CR_Billing_Item_Code');
    expect((await check({ Change_Request_Number: '123456789' }))[0]?.column).toBe('Change_Request_Number');
    expect(
      (await put('ARChangeRequest', { Job_Number: '24-104', Customer_Code: 'C300' })).rows[0]?.column,
    ).toBe('Customer_Code');
    expect(sim.store.count(T.changeRequests, { Change_Request_Number: 'PCO8' })).toBe(0);
  });

  it('refuses a second subcontract on the same phase/cost type of one change request', async () => {
    await put('UpdateSubcontract', {
      Vendor_Code: 'CITYCON',
      Subcontract_Number: 'S2',
      Job_Number: '24-101',
      GL_Account: '5200',
    });
    const h = { ...cr, Change_Request_Number: 'PCO9', CR_Phase_Code: '010000', CR_Cost_Type: 'S' };
    expect(
      (await put('ARChangeRequest', { ...h, Subcontractor_Code: 'ACMEEL', Subcontract_Number: '24101-01' }))
        .rows,
    ).toEqual([]);
    expect(
      (await put('ARChangeRequest', { ...h, Subcontractor_Code: 'CITYCON', Subcontract_Number: 'S2' }))
        .rows[0]?.desc,
    ).toBe('Duplicate phase/cost type on the change request');
  });

  it('ARChangeOrder attaches change requests, refuses duplicate phase/cost types and unknown billing items', async () => {
    await put('ARChangeRequest', {
      ...cr,
      Change_Request_Number: 'A1',
      CR_Phase_Code: '010000',
      CR_Cost_Type: 'L',
    });
    await put('ARChangeRequest', {
      ...cr,
      Change_Request_Number: 'A2',
      CR_Phase_Code: '010000',
      CR_Cost_Type: 'L',
    });
    const co = { ...cr, Change_Order_Number: 'CO1', Description: 'Change order 1', Status_Code: 'AP' };
    expect((await put('ARChangeOrder', { ...co, Change_Request_Number: 'A1' })).rows).toEqual([]);
    expect(
      row(T.changeRequests, { Company_Code: 'ABC', ...cr, Change_Request_Number: 'A1' })?.Change_Order_Number,
    ).toBe('CO1');
    expect((await put('ARChangeOrder', { ...co, Change_Request_Number: 'A2' })).rows[0]?.desc).toBe(
      'Duplicate phase/cost type on the change order',
    );
    expect(
      (await put('ARChangeOrder', { ...co, Change_Order_Number: 'CO2', Change_Request_Number: 'A1' })).rows[0]
        ?.desc,
    ).toBe('Change request is already on change order CO1');
    expect(
      (await put('ARChangeOrder', { ...co, CO_Billing_Item_Code: '999', Revenue: '10.00' })).rows[0]?.column,
    ).toBe('CO_Billing_Item_Code');
    expect(
      (await put('ARChangeOrder', { ...co, CO_Billing_Item_Code: '090', Revenue: '10.00' })).rows,
    ).toEqual([]);
    expect((await put('ARChangeOrder', { ...cr, Change_Order_Number: '' })).rows[0]).toMatchObject({
      code: 'M',
    });
  });

  it('unit-price contracts bill to group + item', async () => {
    const u = { Job_Number: '24-102', Customer_Code: 'C200', Change_Order_Number: 'U1' };
    expect(
      (
        await put('ARChangeOrder', {
          ...u,
          CO_Billing_Group_Code: '01',
          CO_Billing_Item_Code: '002',
          Unit_Price: '12.5',
          Quantity: '4',
        })
      ).rows,
    ).toEqual([]);
    const lines = sim.store.select(T.changeOrderLines, { Company_Code: 'ABC', ...u });
    expect(lines[0]?.Revenue).toBe(5000);
    expect((await put('ARChangeOrder', { ...u, CO_Billing_Item_Code: '01002' })).rows[0]?.column).toBe(
      'CO_Billing_Group_Code',
    );
  });
});

describe('AddCustomer', () => {
  it('creates with required fields, updates only sent fields, refuses bad codes', async () => {
    expect((await put('AddCustomer', { Customer_Code: 'C900' })).rows.map((r) => r.column)).toEqual([
      'Name',
      'Terms_Code',
      'Sales_Tax_Code',
    ]);
    expect(
      (
        await put('AddCustomer', {
          Customer_Code: 'C900',
          Name: 'New Owner',
          Terms_Code: 'A',
          Sales_Tax_Code: 'IL',
        })
      ).rows,
    ).toEqual([]);
    expect((await put('AddCustomer', { Customer_Code: 'C900', City: 'Ogden' })).rows).toEqual([]);
    expect(row(T.customers, { Company_Code: 'ABC', Customer_Code: 'C900' })).toMatchObject({
      Name: 'New Owner',
      City: 'Ogden',
      Status: 'A',
    });
    expect((await put('AddCustomer', { Customer_Code: 'c-1' })).rows[0]?.column).toBe('Customer_Code');
  });
});
