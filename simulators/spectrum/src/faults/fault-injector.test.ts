import { request } from 'node:http';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type RunningSimulator, startSimulator } from '../simulator.js';
import * as T from '../store/table-defs.js';
import { asObject, callGet, callPut, envelope, getRows, putRows } from '../test-support/soap-test-client.js';
import { FaultInjector } from './fault-injector.js';

let sim: RunningSimulator;
beforeAll(async () => {
  sim = await startSimulator({ scenario: 'demo', control: true });
});
beforeEach(async () => {
  await fetch(`${sim.url}/__sim/reset`, { method: 'POST' });
});
afterAll(async () => {
  await sim.close();
});

const arm = async (spec: Record<string, unknown>) => {
  const res = await fetch(`${sim.url}/__sim/faults`, { method: 'POST', body: JSON.stringify(spec) });
  expect(res.status).toBe(201);
};

/** Raw POST that reports a dropped connection instead of throwing. */
function rawPost(
  path: string,
  body: string,
  timeoutMs = 2000,
): Promise<{ status: number; body: string } | 'dropped' | 'timeout'> {
  return new Promise((resolve) => {
    const url = new URL(path, sim.url);
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: 'POST',
        headers: { 'Content-Type': 'text/xml' },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => {
          text += c;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
        res.on('error', () => resolve('dropped'));
      },
    );
    req.setTimeout(timeoutMs, () => {
      req.destroy();
      resolve('timeout');
    });
    req.on('error', () => resolve('dropped'));
    req.end(body);
  });
}

const vendorXml = (code: string) =>
  envelope('AddVendor', {
    Authorization_ID: 'BRIDGEDEMO',
    GUID: '',
    Company_Code: 'ABC',
    Vendor_Code: code,
    Vendor_Name: 'Fault Test',
    Alpha_Sort: 'FAULT',
    Terms_Code: 'A',
    Terms_Days: '30',
    Terms_Disc_Code: 'A',
  });

describe('fault injection', () => {
  it('server-fault answers the SOAP Server fault "Error executing Web Service" for the next N calls', async () => {
    await arm({ service: 'GetJob', kind: 'server-fault', times: 2 });
    for (let i = 0; i < 2; i++) {
      const r = await callGet(sim.url, 'GetJob');
      expect(r.status).toBe(500);
      expect(r.body).toContain(
        '<faultcode>SOAP-ENV:Server</faultcode><faultstring>Error executing Web Service</faultstring>',
      );
    }
    expect((await callGet(sim.url, 'GetJob')).status).toBe(200);
    expect((await callGet(sim.url, 'GetPhase')).status).toBe(200);
  });

  it('client-fault answers the SOAP Client fault of a Spectrum release without that web service', async () => {
    await arm({ service: 'GetPhaseEnhanced', kind: 'client-fault', times: 1 });
    const r = await callGet(sim.url, 'GetPhaseEnhanced');
    expect(r.status).toBe(500);
    expect(r.body).toContain('<faultcode>SOAP-ENV:Client</faultcode>');
    expect(r.body).toContain('Could not find WebService named: GetPhaseEnhanced');
    expect((await callGet(sim.url, 'GetPhaseEnhanced')).status).toBe(200);
  });

  it('http-500 and http-503 answer bare HTTP errors', async () => {
    await arm({ service: '*', kind: 'http-503', times: 1 });
    expect((await callGet(sim.url, 'GetPhase')).status).toBe(503);
    await arm({ service: 'GetPhase', kind: 'http-500', times: 1 });
    expect((await callGet(sim.url, 'GetPhase')).status).toBe(500);
  });

  it('skip lets the first N matching calls pass, then the fault fires on the next one only', async () => {
    await arm({ service: 'GetPhase', kind: 'http-500', skip: 2, times: 1 });
    expect((await callGet(sim.url, 'GetPhase')).status).toBe(200);
    expect((await callGet(sim.url, 'GetJob')).status).toBe(200); // another service is not counted
    expect((await callGet(sim.url, 'GetPhase')).status).toBe(200);
    expect((await callGet(sim.url, 'GetPhase')).status).toBe(500);
    expect((await callGet(sim.url, 'GetPhase')).status).toBe(200);
  });

  it('drop-connection before the write leaves no data; after the write the data is there', async () => {
    await arm({ service: 'AddVendor', kind: 'drop-connection', times: 1 });
    expect(await rawPost('/ws/AddVendor', vendorXml('DROPBFR'))).toBe('dropped');
    expect(sim.store.get(T.vendors, { Company_Code: 'ABC', Vendor_Code: 'DROPBFR' })).toBeUndefined();
    await arm({ service: 'AddVendor', kind: 'drop-connection', when: 'after', times: 1 });
    expect(await rawPost('/ws/AddVendor', vendorXml('DROPAFT'))).toBe('dropped');
    expect(sim.store.get(T.vendors, { Company_Code: 'ABC', Vendor_Code: 'DROPAFT' })).toBeDefined();
    // A retry of the same add now reports the duplicate, as real Spectrum would.
    expect(
      putRows(
        (
          await callPut(sim.url, 'AddVendor', {
            Company_Code: 'ABC',
            Vendor_Code: 'DROPAFT',
            Vendor_Name: 'x',
            Alpha_Sort: 'X',
            Terms_Code: 'A',
            Terms_Days: '1',
            Terms_Disc_Code: 'A',
          })
        ).body,
      )[0]?.desc,
    ).toBe('Vendor already exists');
  });

  it('timeout holds the request until the client gives up', async () => {
    await arm({ service: 'GetJob', kind: 'timeout', times: 1 });
    expect(await rawPost('/ws/GetJob', envelope('GetJob', { Authorization_ID: 'BRIDGEDEMO' }), 300)).toBe(
      'timeout',
    );
  });

  it('truncate cuts the closing tags of the envelope', async () => {
    await arm({ service: 'GetJob', kind: 'truncate', times: 1 });
    const r = await callGet(sim.url, 'GetJob');
    expect(r.status).toBe(200);
    expect(r.body).toContain('</response>');
    expect(r.body).not.toContain('</SOAP-ENV:Envelope>');
  });

  it('latency delays the reply', async () => {
    await arm({ service: 'GetCustomers', kind: 'latency', ms: 150, times: 1 });
    const t0 = performance.now();
    expect((await callGet(sim.url, 'GetCustomers')).status).toBe(200);
    expect(performance.now() - t0).toBeGreaterThanOrEqual(140);
  });

  it('auth-failure and guid-timeout force the matching reply rows', async () => {
    await arm({ service: 'GetJob', kind: 'auth-failure', times: 1 });
    expect(asObject(getRows((await callGet(sim.url, 'GetJob')).body).rows[0] ?? []).Error_Column).toBe(
      'Authorization_ID',
    );
    await arm({ service: 'AddCustomer', kind: 'guid-timeout', times: 1 });
    expect(putRows((await callPut(sim.url, 'AddCustomer', { Customer_Code: 'X1' })).body)).toEqual([
      { code: 'A', desc: 'Time out has occurred', column: 'GUID' },
    ]);
  });

  it('a crash in the middle of a write rolls the whole call back: never half a subcontract', async () => {
    const key = { Company_Code: 'ABC', Vendor_Code: 'ACMEEL', Subcontract_Number: '24101-01' };
    const before = sim.store.get(T.subcontracts, key)?.Original_Amount;
    await arm({ service: 'UpdateSubcontractPhases', kind: 'crash', afterWrites: 1, times: 1 });
    const r = await callPut(sim.url, 'UpdateSubcontractPhases', {
      ...key,
      Phase_Code: '031000',
      Cost_Type: 'S',
      Original_Contract_Amount: '5000.00',
    });
    expect(r.status).toBe(500);
    expect(r.body).toContain('SOAP-ENV:Server');
    expect(sim.store.select(T.subcontractLines, key)).toHaveLength(2);
    expect(sim.store.get(T.subcontracts, key)?.Original_Amount).toBe(before);
    // The same call without the fault applies line and header total together.
    await callPut(sim.url, 'UpdateSubcontractPhases', {
      ...key,
      Phase_Code: '031000',
      Cost_Type: 'S',
      Original_Contract_Amount: '5000.00',
    });
    expect(sim.store.select(T.subcontractLines, key)).toHaveLength(3);
    expect(sim.store.get(T.subcontracts, key)?.Original_Amount).toBe(Number(before) + 500000);
  });

  it('the request log records method, path, service, status, duration and the fault', async () => {
    await arm({ service: 'GetJob', kind: 'server-fault', times: 1 });
    await callGet(sim.url, 'GetJob');
    await callGet(sim.url, 'GetJob');
    const log = (await (await fetch(`${sim.url}/__sim/requests`)).json()) as Record<string, unknown>[];
    expect(log.slice(-2).map((e) => [e.method, e.path, e.service, e.status, e.fault])).toEqual([
      ['POST', '/ws/GetJob', 'GetJob', 500, 'server-fault'],
      ['POST', '/ws/GetJob', 'GetJob', 200, undefined],
    ]);
    expect(typeof log[0]?.durationMs).toBe('number');
  });
});

describe('FaultInjector', () => {
  it('rate faults fire deterministically from their seed', () => {
    const count = (seed: number) => {
      const f = new FaultInjector();
      f.add({ service: '*', kind: 'server-fault', rate: 0.3, seed });
      let n = 0;
      for (let i = 0; i < 1000; i++) n += f.pick('GetJob').length;
      return n;
    };
    expect(count(5)).toBe(count(5));
    expect(count(5)).toBeGreaterThan(250);
    expect(count(5)).toBeLessThan(350);
  });

  it('matches by service and orders latency before the answering fault', () => {
    const f = new FaultInjector();
    f.add({ service: 'GetJob', kind: 'http-500' });
    f.add({ service: '*', kind: 'latency', ms: 5 });
    expect(f.pick('GetPhase').map((x) => x.kind)).toEqual(['latency']);
    expect(f.pick('GetJob').map((x) => x.kind)).toEqual(['latency', 'http-500']);
  });
});

describe('faults on the REST and Info-Link paths', () => {
  const AUTH = { Authorization: `Basic ${Buffer.from('ABC:BRIDGEDEMO').toString('base64')}` };
  const sov = JSON.stringify({
    contracts: [
      {
        Company_Code: 'ABC',
        Customer_Code: 'C300',
        Job_Number: '24-103',
        Schedule_Of_Values_Fixed: [
          { Billing_Item: '777', Billing_Description: 'Dropped reply', Original_Contract: 10 },
        ],
      },
    ],
  });

  it('drop-connection after the write applies the schedule of values, then drops the reply', async () => {
    await arm({ service: 'scheduleofvalues', kind: 'drop-connection', when: 'after', times: 1 });
    const outcome = await new Promise<string>((resolve) => {
      const url = new URL('/contract/scheduleofvalues', sim.url);
      const req = request(
        {
          host: url.hostname,
          port: url.port,
          path: url.pathname,
          method: 'POST',
          headers: { ...AUTH, 'Content-Type': 'application/json' },
        },
        (res) => {
          res.resume();
          res.on('end', () => resolve(`status ${res.statusCode}`));
          res.on('error', () => resolve('dropped'));
        },
      );
      req.on('error', () => resolve('dropped'));
      req.end(sov);
    });
    expect(outcome).toBe('dropped');
    expect(
      sim.store.get(T.contractItems, {
        Company_Code: 'ABC',
        Job_Number: '24-103',
        Customer_Code: 'C300',
        Billing_Item: '777',
      }),
    ).toBeDefined();
  });

  it('http-503 on Info-Link and vendors, then normal service', async () => {
    await arm({ service: 'infolink', kind: 'http-503', times: 1 });
    const path = `${sim.url}/infolink/JC_COST_TYPE_MASTER_MC?Company_Code=ABC`;
    expect((await fetch(path, { headers: AUTH })).status).toBe(503);
    expect((await fetch(path, { headers: AUTH })).status).toBe(200);
    await arm({ service: 'vendors', kind: 'server-fault', times: 1 });
    expect((await fetch(`${sim.url}/vendors/ABC`, { headers: AUTH })).status).toBe(500);
  });
});
