import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type RunningSimulator, startSimulator } from '../simulator.js';
import { callGet, callPut, envelope, post, putRows } from '../test-support/soap-test-client.js';

let sim: RunningSimulator;
let consoleDir: string;
beforeAll(async () => {
  consoleDir = mkdtempSync(join(tmpdir(), 'sim-console-'));
  mkdirSync(join(consoleDir, 'assets'));
  writeFileSync(join(consoleDir, 'index.html'), '<!doctype html><title>console</title>');
  writeFileSync(join(consoleDir, 'assets', 'main-abc123.js'), 'console.log(1)');
  sim = await startSimulator({ scenario: 'demo', control: true, consoleDir, logSize: 50 });
});
beforeEach(async () => {
  await fetch(`${sim.url}/__sim/reset`, { method: 'POST' });
});
afterAll(async () => {
  await sim.close();
  rmSync(consoleDir, { recursive: true, force: true });
});

type Json = Record<string, unknown>;
const call = async <T = Json>(
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: T }> => {
  const res = await fetch(`${sim.url}/__sim${path}`, {
    method,
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : null) as T };
};

const LINE_KEY = {
  Company_Code: 'ABC',
  Vendor_Code: 'ACMEEL',
  Subcontract_Number: '24101-01',
  Phase_Code: '013100',
  Cost_Type: 'S',
  Bid_Item_Number: '',
};

async function infolink(table: string, query: string): Promise<Json[]> {
  const res = await fetch(`${sim.url}/infolink/${table}?Company_Code=ABC&${query}`, {
    headers: { Authorization: `Basic ${Buffer.from('ABC:BRIDGEDEMO').toString('base64')}` },
  });
  return ((await res.json()) as { rows: Json[] }).rows;
}

describe('the simulator stands alone', () => {
  it('SIM-1: imports nothing of the service, the client, the rules or the web app', () => {
    const root = join(import.meta.dirname, '..', '..');
    const files: string[] = [];
    const walk = (dir: string): void => {
      for (const name of readdirSync(dir)) {
        if (['node_modules', 'dist', 'reports', 'test-results'].includes(name)) continue;
        const path = join(dir, name);
        if (statSync(path).isDirectory()) walk(path);
        else if (/\.(ts|tsx|mjs)$/.test(name)) files.push(path);
      }
    };
    walk(root);
    expect(files.length).toBeGreaterThan(40);
    const offenders = files.filter((f) =>
      /from\s+['"](@bridge\/(?!spectrum-simulator)|(\.\.\/)+(apps|packages|contracts)\/)/.test(
        readFileSync(f, 'utf8'),
      ),
    );
    expect(offenders.map((f) => relative(root, f))).toEqual([]);
  });
});

describe('console', () => {
  it('SIM-2: the console is served at /__sim/ with its assets, only when the control API is on', async () => {
    const page = await fetch(`${sim.url}/__sim/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(await page.text()).toContain('<title>console</title>');
    const asset = await fetch(`${sim.url}/__sim/assets/main-abc123.js`);
    expect(asset.headers.get('content-type')).toContain('text/javascript');
    expect(asset.headers.get('cache-control')).toContain('immutable');
    expect((await fetch(`${sim.url}/__sim/assets/..%2Fintex.html`)).status).toBe(404);
    const plain = await startSimulator({ scenario: 'demo', consoleDir });
    try {
      expect((await fetch(`${plain.url}/__sim/`)).status).toBe(404);
    } finally {
      await plain.close();
    }
  });
});

describe('tables', () => {
  it('SIM-3: every modelled table is listed with its columns, key, count and editor', async () => {
    const { body } = await call<Json[]>('GET', '/tables');
    const names = body.map((t) => t.collection);
    for (const c of [
      'jobs',
      'phases',
      'vendors',
      'customers',
      'subcontracts',
      'subcontract-lines',
      'contracts',
      'change-requests',
      'change-orders',
      'cost-types',
      'job-costs',
    ])
      expect(names).toContain(c);
    const vendors = body.find((t) => t.collection === 'vendors') as Json;
    expect(vendors).toMatchObject({ label: 'Vendors', count: 30, key: ['Company_Code', 'Vendor_Code'] });
    expect(vendors.editor).toMatchObject({ addService: 'AddVendor', changeService: 'UpdateVendor' });
  });

  it('SIM-3: pages a table both ways in key order, with filters, a search and the total', async () => {
    const first = await call<Json>('GET', '/tables/vendors?limit=12');
    expect(first.body).toMatchObject({ total: 30, totalIsExact: true, prevCursor: null });
    const rows1 = first.body.rows as Json[];
    expect(rows1).toHaveLength(12);
    const second = await call<Json>('GET', `/tables/vendors?limit=12&after=${first.body.nextCursor}`);
    const rows2 = second.body.rows as Json[];
    expect(String(rows2[0]?.Vendor_Code) > String(rows1[11]?.Vendor_Code)).toBe(true);
    const back = await call<Json>('GET', `/tables/vendors?limit=12&before=${second.body.prevCursor}`);
    expect(back.body.rows).toEqual(rows1);
    expect(back.body.prevCursor).toBeNull();
    const third = await call<Json>('GET', `/tables/vendors?limit=12&after=${second.body.nextCursor}`);
    expect(third.body.rows).toHaveLength(6);
    expect(third.body.nextCursor).toBeNull();

    const search = await call<Json>('GET', '/tables/vendors?q=acme');
    expect((search.body.rows as Json[]).map((r) => r.Vendor_Code)).toContain('ACMEEL');
    expect(search.body.total).toBe((search.body.rows as Json[]).length);
    const filtered = await call<Json>('GET', '/tables/vendors?Type=EQUIP&Status=I');
    expect((filtered.body.rows as Json[]).map((r) => r.Vendor_Code)).toEqual(['ALLSITE']);
    const literal = await call<Json>('GET', '/tables/vendors?q=%25');
    expect(literal.body.total).toBe(0);

    expect((await call('GET', '/tables/vendors?limit=0')).status).toBe(400);
    const badCursor = await call<Json>('GET', '/tables/vendors?after=nonsense');
    expect(badCursor.status).toBe(400);
    expect(badCursor.body.errors).toEqual([expect.objectContaining({ field: 'after' })]);
    expect((await call('GET', '/tables/vendors?Nope=1')).status).toBe(400);
    expect((await call('GET', '/tables/nothing')).status).toBe(404);
  });

  it("SIM-4: opens a record with its related records: a job's phases, subcontracts, change requests", async () => {
    const { status, body } = await call<Json>(
      'GET',
      '/tables/jobs/record?Company_Code=ABC&Job_Number=24-101',
    );
    expect(status).toBe(200);
    expect(body.row).toMatchObject({ Job_Number: '24-101' });
    const related = body.related as { collection: string; relation: string; total: number; rows: Json[] }[];
    const by = (c: string) => related.find((g) => g.collection === c && g.relation === 'child');
    expect(by('phases')?.total).toBeGreaterThan(0);
    expect(by('subcontracts')?.rows).toEqual([expect.objectContaining({ Subcontract_Number: '24101-01' })]);
    expect(by('change-requests')?.rows).toEqual([expect.objectContaining({ Change_Request_Number: '1' })]);
    const line = await call<Json>(
      'GET',
      `/tables/subcontract-lines/record?${new URLSearchParams(LINE_KEY as Record<string, string>)}`,
    );
    const parents = (line.body.related as { collection: string; relation: string }[]).filter(
      (g) => g.relation === 'parent',
    );
    expect(parents.map((g) => g.collection).sort()).toEqual(['phases', 'subcontracts']);
    expect(line.body.form).toMatchObject({ Original_Contract_Amount: '65000.00', Phase_Code: '013100' });
    expect((await call('GET', '/tables/jobs/record?Company_Code=ABC&Job_Number=NOPE')).status).toBe(404);
  });
});

describe('edit like Spectrum', () => {
  it('SIM-5: a subcontract line change goes through UpdateSubcontractPhases and shows on Info-Link', async () => {
    const changed = await call<Json>('PATCH', '/records/subcontract-lines', {
      key: LINE_KEY,
      values: { Original_Contract_Amount: '70250.50' },
    });
    expect(changed.status).toBe(200);
    expect(changed.body.row).toMatchObject({ Original_Contract_Amount: '70250.50' });
    const lines = await infolink('VN_SUBCONTRACT_PHASE_MC', 'Vendor_Code=ACMEEL&Phase_Code=013100');
    expect(lines[0]?.Original_Contract_Amount).toBe('70250.50');
    // the service's own consequence: the subcontract's total follows its lines
    const sub = await infolink('VN_SUBCONTRACT_MC', 'Vendor_Code=ACMEEL');
    expect(sub[0]?.Original_Amount).toBe('190250.50');
  });

  it('SIM-5: refuses what the Put service refuses, naming the field, and changes nothing', async () => {
    const tooBig = await call<Json>('PATCH', '/records/subcontract-lines', {
      key: LINE_KEY,
      values: { Original_Contract_Amount: '1234567890.00', Bill_Description: 'x'.repeat(26) },
    });
    expect(tooBig.status).toBe(400);
    expect(tooBig.body.errors).toEqual([
      expect.objectContaining({ field: 'Bill_Description', rule: 'invalid' }),
      expect.objectContaining({ field: 'Original_Contract_Amount', rule: 'invalid' }),
    ]);
    // the same values through the SOAP service give the same rows
    const soap = putRows(
      (
        await callPut(sim.url, 'UpdateSubcontractPhases', {
          Company_Code: 'ABC',
          Vendor_Code: 'ACMEEL',
          Subcontract_Number: '24101-01',
          Phase_Code: '013100',
          Cost_Type: 'S',
          Original_Contract_Amount: '1234567890.00',
          Bill_Description: 'x'.repeat(26),
        })
      ).body,
    );
    expect(soap.map((r) => r.desc)).toEqual((tooBig.body.errors as Json[]).map((e) => e.message));
    const lines = await infolink('VN_SUBCONTRACT_PHASE_MC', 'Vendor_Code=ACMEEL&Phase_Code=013100');
    expect(lines[0]?.Original_Contract_Amount).toBe('65000.00');

    const closedJob = await call<Json>('PATCH', '/records/jobs', {
      key: { Company_Code: 'ABC', Job_Number: '24-101' },
      values: { Status_Code: 'X' },
    });
    expect(closedJob.body.errors).toEqual([expect.objectContaining({ field: 'Status_Code' })]);
    const keyChange = await call<Json>('PATCH', '/records/jobs', {
      key: { Company_Code: 'ABC', Job_Number: '24-101' },
      values: { Job_Number: '24-999' },
    });
    expect(keyChange.body.errors).toEqual([
      expect.objectContaining({ field: 'values.Job_Number', rule: 'key' }),
    ]);
    const unknown = await call<Json>('PATCH', '/records/vendors', {
      key: { Company_Code: 'ABC', Vendor_Code: 'ACMEEL' },
      values: { Shoe_Size: '9' },
    });
    expect(unknown.body.errors).toEqual([
      expect.objectContaining({ field: 'values.Shoe_Size', rule: 'unknown-field' }),
    ]);
  });

  it('SIM-5: closes a job, puts a vendor on hold and adds a vendor as Spectrum would', async () => {
    expect(
      (
        await call('PATCH', '/records/jobs', {
          key: { Company_Code: 'ABC', Job_Number: '24-106' },
          values: { Status_Code: 'C', Complete_Date: '06/30/2025' },
        })
      ).status,
    ).toBe(200);
    const job = await infolink('JC_JOB_MASTER_MC', 'Job_Number=24-106');
    expect(job[0]).toMatchObject({ Status_Code: 'C', Complete_Date: '2025-06-30' });
    await call('PATCH', '/records/vendors', {
      key: { Company_Code: 'ABC', Vendor_Code: 'ACMEEL' },
      values: { Hold_Flag: 'Y' },
    });
    expect((await infolink('VN_VENDOR_MASTER_MC', 'Vendor_Code=ACMEEL'))[0]?.Hold_Flag).toBe('Y');

    const missing = await call<Json>('POST', '/records/vendors', {
      values: { Company_Code: 'ABC', Vendor_Code: 'NEWV1', Vendor_Name: 'New Vendor' },
    });
    expect(missing.status).toBe(400);
    expect((missing.body.errors as Json[]).map((e) => [e.field, e.rule])).toEqual([
      ['Alpha_Sort', 'required'],
      ['Terms_Code', 'required'],
      ['Terms_Days', 'required'],
      ['Terms_Disc_Code', 'required'],
    ]);
    const added = await call<Json>('POST', '/records/vendors', {
      values: {
        Company_Code: 'ABC',
        Vendor_Code: 'NEWV1',
        Vendor_Name: 'New Vendor',
        Alpha_Sort: 'NEWV',
        Terms_Code: 'A',
        Terms_Days: '30',
        Terms_Disc_Code: 'A',
      },
    });
    expect(added.status).toBe(201);
    expect(added.body.row).toMatchObject({ Vendor_Code: 'NEWV1', Status: 'A', Hold_Flag: 'N' });
    const again = await call<Json>('POST', '/records/vendors', {
      values: {
        Company_Code: 'ABC',
        Vendor_Code: 'NEWV1',
        Vendor_Name: 'New Vendor',
        Alpha_Sort: 'NEWV',
        Terms_Code: 'A',
        Terms_Days: '30',
        Terms_Disc_Code: 'A',
      },
    });
    expect(again.body.errors).toEqual([
      expect.objectContaining({ field: 'Vendor_Code', message: 'Vendor already exists' }),
    ]);
    const noCompany = await call<Json>('POST', '/records/vendors', { values: { Company_Code: 'ZZZ' } });
    expect(noCompany.body.errors).toEqual([expect.objectContaining({ field: 'Company_Code' })]);
  });

  it('SIM-6: a table without a Put service is edited with checks from its columns, in Spectrum formats', async () => {
    const key = { Company_Code: 'ABC', Job_Number: '24-103', Customer_Code: 'C100' };
    const contracts = (await call<Json[]>('GET', '/state/contracts?Job_Number=24-103')).body;
    const contractKey = { ...key, Customer_Code: String(contracts[0]?.Customer_Code) };
    const bad = await call<Json>('PATCH', '/records/contracts', {
      key: contractKey,
      values: { Approved_Flag: 'Q', Original_Contract: '12,5' },
    });
    expect(bad.status).toBe(400);
    expect((bad.body.errors as Json[]).map((e) => e.field)).toEqual(['Original_Contract', 'Approved_Flag']);
    const ok = await call<Json>('PATCH', '/records/contracts', {
      key: contractKey,
      values: { Approved_Flag: 'Y' },
    });
    expect(ok.body.row).toMatchObject({ Approved_Flag: 'Y' });
    const cost = await call<Json>('POST', '/records/cost-types', {
      values: { Company_Code: 'ABC', Cost_Type: 'X', Description: 'Extra', Detail_Posting_Flag: 'Y' },
    });
    expect(cost.status).toBe(201);
    const date = await call<Json>('POST', '/records/job-costs', {
      values: { Company_Code: 'ABC', Transaction_Number: '99001', Tran_Date: '2025-01-14' },
    });
    expect(date.body.errors).toEqual([
      expect.objectContaining({ field: 'Tran_Date', message: 'Tran_Date is not a valid date (MM/DD/YYYY)' }),
    ]);
  });

  it('SIM-7: a record others depend on is not deleted; a free one is', async () => {
    const inUse = await call<Json>('DELETE', '/records/vendors', {
      key: { Company_Code: 'ABC', Vendor_Code: 'ACMEEL' },
    });
    expect(inUse.status).toBe(409);
    expect(inUse.body.errors).toEqual([expect.objectContaining({ field: 'subcontracts', rule: 'in-use' })]);
    const line = await call<Json>('DELETE', '/records/subcontract-lines', { key: LINE_KEY });
    expect(line.status).toBe(200);
    expect(await infolink('VN_SUBCONTRACT_PHASE_MC', 'Vendor_Code=ACMEEL&Phase_Code=013100')).toEqual([]);
    expect((await call('DELETE', '/records/subcontract-lines', { key: LINE_KEY })).status).toBe(404);
  });
});

describe('faults', () => {
  it('SIM-8: arms every option, clears one fault by id and arms a preset in one call', async () => {
    const armed = await call<Json[]>('POST', '/faults', [
      { service: 'GetJob', kind: 'latency', ms: 5, times: 2, skip: 1 },
      { service: '*', kind: 'server-fault', rate: 0.5, seed: 3 },
      { service: 'AddPhase', kind: 'drop-connection', when: 'after' },
      { service: 'AddJob', kind: 'crash', afterWrites: 2 },
    ]);
    expect(armed.status).toBe(201);
    const ids = armed.body.map((f) => f.id as number);
    expect((await call('DELETE', `/faults/${ids[1]}`)).status).toBe(200);
    expect((await call<Json[]>('GET', '/faults')).body.map((f) => f.id)).toEqual([ids[0], ids[2], ids[3]]);
    expect((await call('DELETE', `/faults/${ids[1]}`)).status).toBe(404);
    const presets = await call<Json[]>('GET', '/fault-presets');
    expect(presets.body.map((p) => p.name)).toEqual(
      expect.arrayContaining(['spectrum-down', 'slow-spectrum', 'session-expiry', 'refuse-line-2']),
    );
    await call('DELETE', '/faults');
    expect((await call('POST', '/fault-presets/spectrum-down')).status).toBe(201);
    expect((await callGet(sim.url, 'GetJob')).status).toBe(503);
    expect((await call('POST', '/fault-presets/nope')).status).toBe(404);
    const bad = await call<Json>('POST', '/faults', { service: 'GetJob', kind: 'refuse', message: '' });
    expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'message' })]);
  });

  it('SIM-9: a refuse fault answers a Put with an I row, a Get with an E row and REST with a 400', async () => {
    await call('POST', '/fault-presets/refuse-line-2');
    const line = (phase: string) =>
      callPut(sim.url, 'UpdateSubcontractPhases', {
        Company_Code: 'ABC',
        Vendor_Code: 'ACMEEL',
        Subcontract_Number: '24101-01',
        Phase_Code: phase,
        Cost_Type: 'S',
        Original_Contract_Amount: '1.00',
      });
    expect(putRows((await line('010000')).body)).toEqual([]);
    expect((await line('013100')).body).toContain(
      '<response><error_code>I</error_code><desc>Line 2 refused by Spectrum (simulator fault preset)</desc><column/></response>',
    );
    expect(putRows((await line('013100')).body)).toEqual([]);
    await call('POST', '/faults', [
      { service: 'GetJob', kind: 'refuse', message: 'Closed for audit' },
      { service: 'infolink', kind: 'refuse' },
    ]);
    expect((await callGet(sim.url, 'GetJob')).body).toContain('Closed for audit');
    const res = await fetch(`${sim.url}/infolink/JC_JOB_MASTER_MC?Company_Code=ABC`);
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: 'Refused by a simulator fault rule' });
  });
});

describe('request log', () => {
  it('SIM-10: records each Spectrum call with service, identity, status, outcome, rows read and rows touched', async () => {
    await callGet(sim.url, 'GetJob');
    await callPut(sim.url, 'UpdateSubcontractPhases', {
      Company_Code: 'ABC',
      Vendor_Code: 'ACMEEL',
      Subcontract_Number: '24101-01',
      Phase_Code: '013100',
      Cost_Type: 'S',
      Original_Contract_Amount: '1.00',
    });
    await callPut(sim.url, 'AddJob', {
      Company_Code: 'ABC',
      Job_Number: '24-101',
      Taxable_Flag: 'N',
      Price_Method_Code: 'F',
    });
    await infolink('VN_VENDOR_MASTER_MC', 'limit=5');
    await call('POST', '/faults', { service: 'GetPhase', kind: 'http-500', times: 1 });
    await callGet(sim.url, 'GetPhase', { pJob_Number: '24-101' });
    await post(
      `${sim.url}/connect/token`,
      'grant_type=client_credentials&client_id=bridge-demo&client_secret=bridge-demo-secret&scope=spectrumapi',
      {
        'Content-Type': 'application/x-www-form-urlencoded',
      },
    );
    const { body } = await call<Json[]>('GET', '/requests');
    expect(body.map((e) => [e.service, e.outcome, e.status])).toEqual([
      ['GetJob', 'ok', 200],
      ['UpdateSubcontractPhases', 'ok', 200],
      ['AddJob', 'refused', 200],
      ['infolink', 'ok', 200],
      ['GetPhase', 'fault', 500],
      ['token', 'ok', 200],
    ]);
    expect(body[0]).toMatchObject({ identity: 'auth ID BR…MO', rows: 9 });
    expect(body[1]).toMatchObject({
      touchedCount: 2,
      touched: [
        {
          collection: 'subcontract-lines',
          op: 'update',
          key: expect.objectContaining({ Phase_Code: '013100' }),
        },
        {
          collection: 'subcontracts',
          op: 'update',
          key: expect.objectContaining({ Subcontract_Number: '24101-01' }),
        },
      ],
    });
    expect(body[2]).toMatchObject({ refused: 'I Job_Number: Job number already exists' });
    expect(body[2]?.touched).toBeUndefined();
    expect(body[3]).toMatchObject({ identity: 'basic ABC:BR…MO', rows: 5 });
    expect(body[4]).toMatchObject({ fault: 'http-500' });
    expect(body[5]).toMatchObject({ identity: 'client bridge-demo' });
    expect(body.every((e) => typeof e.durationMs === 'number' && !String(e.path).startsWith('/__sim'))).toBe(
      true,
    );
  });

  it('SIM-11: shows each request and response body with every secret masked', async () => {
    await callGet(sim.url, 'GetJob');
    await post(
      `${sim.url}/connect/token`,
      'grant_type=client_credentials&client_id=bridge-demo&client_secret=bridge-demo-secret&scope=spectrumapi',
      {
        'Content-Type': 'application/x-www-form-urlencoded',
      },
    );
    const [get, token] = (await call<Json[]>('GET', '/requests')).body;
    const detail = (await call<Json>('GET', `/requests/${get?.id}`)).body;
    const request = detail.request as Json;
    const response = detail.response as Json;
    expect(request.body).toContain('<Authorization_ID>BR…MO</Authorization_ID>');
    expect(response.body).toContain('Riverside Medical Office');
    const tokenDetail = JSON.stringify((await call<Json>('GET', `/requests/${token?.id}`)).body);
    expect(tokenDetail).toContain('client_secret=••••');
    expect(tokenDetail).toContain('"access_token\\":\\"••••\\"');
    const everything = await (await fetch(`${sim.url}/__sim/requests/download`)).text();
    for (const secret of ['BRIDGEDEMO', 'bridge-demo-secret']) expect(everything).not.toContain(secret);
    expect((await call('GET', '/requests/999999')).status).toBe(404);
  });

  it('SIM-11: masks a secret that the body limit cuts in two', async () => {
    const body = envelope('GetCustomers', {
      Authorization_ID: 'BRIDGEDEMO',
      GUID: '',
      pCompany_Code: 'ABC',
      pStatus: '',
    });
    const cutAt = body.indexOf('BRIDGEDEMO') + 6; // "BRIDGE" kept, "DEMO" cut off
    await call('PATCH', '/settings', { logBodyBytes: cutAt });
    try {
      await post(`${sim.url}/ws/GetCustomers`, body);
      const [entry] = (await call<Json[]>('GET', '/requests')).body;
      const request = (await call<Json>('GET', `/requests/${entry?.id}`)).body.request as Json;
      expect(request).toMatchObject({ truncated: true, bytes: Buffer.byteLength(body) });
      expect(String(request.body).endsWith('<Authorization_ID>••••')).toBe(true);
      expect(request.body).not.toContain('BRIDGE<');
    } finally {
      await call('PATCH', '/settings', { logBodyBytes: 16384 });
    }
  });

  it('SIM-12: keeps the last N calls and cuts bodies at the limit (N and the limit set at run time)', async () => {
    expect((await call<Json>('GET', '/settings')).body).toMatchObject({ logSize: 50, logBodyBytes: 16384 });
    expect((await call<Json>('PATCH', '/settings', { logSize: 3, logBodyBytes: 100 })).body).toMatchObject({
      logSize: 3,
      logBodyBytes: 100,
    });
    try {
      for (let i = 0; i < 5; i++) await callGet(sim.url, 'GetPhase', { pJob_Number: '24-105' });
      const entries = (await call<Json[]>('GET', '/requests')).body;
      expect(entries).toHaveLength(3);
      const summary = (await call<Json>('GET', '/requests/summary')).body;
      expect(summary).toMatchObject({ capacity: 3, size: 3, bodyLimit: 100 });
      const detail = (await call<Json>('GET', `/requests/${entries[2]?.id}`)).body;
      const response = detail.response as { body: string; bytes: number; truncated: boolean };
      expect(Buffer.byteLength(response.body)).toBeLessThanOrEqual(100);
      expect(response.bytes).toBeGreaterThan(300_000);
      expect(response.truncated).toBe(true);
      expect((await call('PATCH', '/settings', { logSize: 0 })).status).toBe(400);
    } finally {
      await call('PATCH', '/settings', { logSize: 50, logBodyBytes: 16384 });
    }
  });

  it('SIM-13: filters by service and outcome, tails after an id and downloads as NDJSON', async () => {
    await callGet(sim.url, 'GetJob');
    await call('POST', '/faults', { service: 'GetCustomers', kind: 'http-503', times: 1 });
    await callGet(sim.url, 'GetCustomers');
    await callGet(sim.url, 'GetCustomers');
    const faults = (await call<Json[]>('GET', '/requests?outcome=fault')).body;
    expect(faults.map((e) => e.service)).toEqual(['GetCustomers']);
    const customers = (await call<Json[]>('GET', '/requests?service=GetCustomers&outcome=ok')).body;
    expect(customers).toHaveLength(1);
    const all = (await call<Json[]>('GET', '/requests')).body;
    const tail = (await call<Json[]>('GET', `/requests?after=${all[0]?.id}`)).body;
    expect(tail).toHaveLength(2);
    expect((await call('GET', '/requests?outcome=weird')).status).toBe(400);
    const res = await fetch(`${sim.url}/__sim/requests/download?service=GetCustomers`);
    expect(res.headers.get('content-disposition')).toContain('attachment');
    const lines = (await res.text())
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Json);
    expect(lines.map((l) => l.outcome)).toEqual(['fault', 'ok']);
    expect(lines[1]).toHaveProperty('response.body');
    expect((await call<Json>('GET', '/requests/summary')).body.services).toEqual(['GetCustomers', 'GetJob']);
  });
});

describe('scenarios', () => {
  it('SIM-14: lists, switches, generates and resets scenarios', async () => {
    const list = (await call<Json>('GET', '/scenarios')).body;
    expect(list).toMatchObject({ current: 'demo', start: 'demo' });
    expect((list.available as Json[]).map((s) => s.name)).toEqual(
      expect.arrayContaining(['demo', 'medium', 'large']),
    );
    const generated = await call<Json>('POST', '/scenario', {
      generator: { seed: 5, phaseRows: 400, jobs: 4, vendors: 12, company: 'QA' },
    });
    expect(generated.body).toEqual({ scenario: 'generated:5:400' });
    const counts = ((await call<Json>('GET', '/state')).body.counts ?? {}) as Record<string, number>;
    expect(counts).toMatchObject({ phases: 400, jobs: 4, vendors: 12 });
    const bad = await call<Json>('POST', '/scenario', { generator: { seed: 1, phaseRows: 0 } });
    expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'generator.phaseRows' })]);
    await call('POST', '/reset');
    expect((await call<Json>('GET', '/state')).body.scenario).toBe('demo');
  });

  it('SIM-14: downloads the store and loads the file back to the same data', async () => {
    await call('PATCH', '/records/vendors', {
      key: { Company_Code: 'ABC', Vendor_Code: 'ACMEEL' },
      values: { Hold_Flag: 'Y' },
    });
    const res = await fetch(`${sim.url}/__sim/store`);
    expect(res.headers.get('content-disposition')).toContain('attachment; filename="demo.json"');
    const file = await res.text();
    const before = (await call<Json>('GET', '/state')).body.counts;
    await call('POST', '/reset');
    expect((await infolink('VN_VENDOR_MASTER_MC', 'Vendor_Code=ACMEEL'))[0]?.Hold_Flag).toBe('N');
    const loaded = await fetch(`${sim.url}/__sim/store`, { method: 'PUT', body: file });
    expect(loaded.status).toBe(200);
    expect((await call<Json>('GET', '/state')).body.counts).toEqual(before);
    expect((await infolink('VN_VENDOR_MASTER_MC', 'Vendor_Code=ACMEEL'))[0]?.Hold_Flag).toBe('Y');
    expect(await (await fetch(`${sim.url}/__sim/store`)).text()).toBe(file);
    const broken = await fetch(`${sim.url}/__sim/store`, {
      method: 'PUT',
      body: '{"name":"x","data":{"vendors":[{"Vendor_Code":1}]}}',
    });
    expect(broken.status).toBe(400);
  });
});
