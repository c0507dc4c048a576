import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type RunningSimulator, startSimulator } from '../simulator.js';
import { asObject, callGet, getRows } from '../test-support/soap-test-client.js';

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

const call = async (method: string, path: string, body?: unknown) => {
  const res = await fetch(`${sim.url}/__sim${path}`, {
    method,
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return {
    status: res.status,
    body: text ? (JSON.parse(text) as Record<string, unknown> & unknown[]) : null,
  };
};

describe('control API', () => {
  it('is absent unless enabled', async () => {
    const plain = await startSimulator({ scenario: 'demo' });
    try {
      expect((await fetch(`${plain.url}/__sim/state`)).status).toBe(404);
    } finally {
      await plain.close();
    }
  });

  it('summarises the state and lists a collection in external form', async () => {
    const state = await call('GET', '/state');
    expect(state.body).toMatchObject({ scenario: 'demo' });
    expect((state.body as unknown as { counts: Record<string, number> }).counts.vendors).toBe(30);
    const vendors = await call('GET', '/state/vendors?Type=EQUIP&Status=I');
    expect(vendors.body).toEqual([
      expect.objectContaining({ Vendor_Code: 'ALLSITE', Terms_Disc_Percent: '0.00' }),
    ]);
  });

  it('creates, patches and deletes entities, validating input with 400 naming the field', async () => {
    const created = await call('POST', '/state/vendors', {
      Company_Code: 'ABC',
      Vendor_Code: 'CTRL1',
      Vendor_Name: 'Control Vendor',
      Status: 'A',
      Type: 'SUB',
    });
    expect(created.status).toBe(201);
    expect((await call('POST', '/state/vendors', { Company_Code: 'ABC', Vendor_Code: 'CTRL1' })).status).toBe(
      409,
    );
    const patched = await call('PATCH', '/state/vendors', {
      key: { Company_Code: 'ABC', Vendor_Code: 'CTRL1' },
      set: { Status: 'I', Fax_Phone: '2175550000' },
    });
    expect(patched.body).toMatchObject({
      Status: 'I',
      Fax_Phone: '2175550000',
      Vendor_Name: 'Control Vendor',
    });
    const bad = await call('PATCH', '/state/vendors', {
      key: { Company_Code: 'ABC', Vendor_Code: 'CTRL1' },
      set: { Status: 'Q' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ errors: [{ field: 'Status' }] });
    expect(
      (await call('POST', '/state/vendors', { Company_Code: 'ABC', Vendor_Code: 'X', Bogus: 1 })).body,
    ).toMatchObject({
      errors: [{ field: 'Bogus' }],
    });
    expect(
      (await call('PATCH', '/state/vendors', { key: { Company_Code: 'ABC', Vendor_Code: 'NONE' }, set: {} }))
        .status,
    ).toBe(404);
    expect(
      (await call('DELETE', '/state/vendors', { key: { Company_Code: 'ABC', Vendor_Code: 'CTRL1' } })).status,
    ).toBe(200);
    expect(
      (await call('DELETE', '/state/vendors', { key: { Company_Code: 'ABC', Vendor_Code: 'CTRL1' } })).status,
    ).toBe(404);
    expect((await call('GET', '/state/nope')).status).toBe(404);
  });

  it('approves a prime contract by patching it', async () => {
    const key = { Company_Code: 'ABC', Job_Number: '24-103', Customer_Code: 'C300' };
    expect(
      (await call('PATCH', '/state/contracts', { key, set: { Approved_Flag: 'Y' } })).body,
    ).toMatchObject({ Approved_Flag: 'Y' });
  });

  it('posting a job cost adds to the phase job-to-date values that GetPhase returns', async () => {
    const phase = async () =>
      asObject(
        getRows((await callGet(sim.url, 'GetPhase', { pJob_Number: '25-001', pCost_Type: 'L' })).body)
          .rows[0] ?? [],
      );
    expect((await phase()).JTD_Actual_Dollars).toBe('.00');
    const posted = await call('POST', '/job-costs', {
      Company_Code: 'ABC',
      Job_Number: '25-001',
      Phase_Code: '010000',
      Cost_Type: 'L',
      Tran_Amount: '1234.56',
      Total_Hours: '20.00',
      Tran_Type_Code: 'PR',
    });
    expect(posted.status).toBe(201);
    expect(posted.body).toMatchObject({ Tran_Amount: '1234.56' });
    expect((posted.body as unknown as { Transaction_Number: number }).Transaction_Number).toBeGreaterThan(1);
    const after = await phase();
    expect(after.JTD_Actual_Dollars).toBe('1234.56');
    expect(after.JTD_Hours).toBe('20.00');
    expect(
      (
        await call('POST', '/job-costs', {
          Company_Code: 'ABC',
          Job_Number: '25-001',
          Phase_Code: '999999',
          Cost_Type: 'L',
        })
      ).body,
    ).toMatchObject({
      errors: [{ field: 'Phase_Code' }],
    });
  });

  it('loads a scenario by name or by spec, and reset goes back to the start scenario', async () => {
    const spec = {
      name: 'tiny',
      data: {
        companies: [{ Company_Code: 'TNY', Company_Name: 'Tiny Co' }],
        'auth-ids': [{ Authorization_ID: 'TINY', Company_Codes: 'TNY', Services: '*', Status_Code: 'A' }],
        jobs: [{ Company_Code: 'TNY', Job_Number: '1', Job_Description: 'Only job', Status_Code: 'A' }],
      },
    };
    expect((await call('POST', '/scenario', { spec })).body).toEqual({ scenario: 'tiny' });
    const rows = getRows((await callGet(sim.url, 'GetJob', { pCompany_Code: 'TNY' }, 'TINY')).body).rows;
    expect(rows.map((r) => asObject(r).Job_Number)).toEqual(['1']);
    expect(
      (await call('POST', '/scenario', { spec: { name: 'x', data: { jobs: [{ Job_Number: 'Q' }] } } })).body,
    ).toMatchObject({
      errors: [{ field: 'jobs[0].Company_Code' }],
    });
    expect((await call('POST', '/scenario', { name: 'nope' })).status).toBe(400);
    expect((await call('POST', '/reset')).body).toEqual({ scenario: 'demo' });
    expect((await call('POST', '/scenario', { name: 'demo' })).body).toEqual({ scenario: 'demo' });
  });

  it('validates fault specs and lists and clears them', async () => {
    expect((await call('POST', '/faults', { service: 'GetJob', kind: 'explode' })).body).toMatchObject({
      errors: [{ field: 'kind' }],
    });
    expect((await call('POST', '/faults', { service: 'GetJob', kind: 'latency' })).body).toMatchObject({
      errors: [{ field: 'ms' }],
    });
    expect(
      (await call('POST', '/faults', { service: 'GetJob', kind: 'http-500', rate: 2 })).body,
    ).toMatchObject({
      errors: [{ field: 'rate' }],
    });
    expect((await call('POST', '/faults', { service: 'GetJob', kind: 'http-500', times: 3 })).status).toBe(
      201,
    );
    expect((await call('GET', '/faults')).body).toEqual([
      expect.objectContaining({ kind: 'http-500', times: 3, fired: 0 }),
    ]);
    await call('DELETE', '/faults');
    expect((await call('GET', '/faults')).body).toEqual([]);
  });

  it('OPS-14: reports the most requests answered at once and per second, and logs each arrival with its concurrency', async () => {
    await call('POST', '/faults', { service: 'GetJob', kind: 'latency', ms: 150 });
    await Promise.all([callGet(sim.url, 'GetJob'), callGet(sim.url, 'GetJob'), callGet(sim.url, 'GetJob')]);
    await callGet(sim.url, 'GetJob');
    const traffic = (await call('GET', '/traffic')).body as unknown as Record<string, unknown>;
    expect(traffic).toMatchObject({ total: 4, inFlight: 0, maxConcurrent: 3, maxPerSecond: 4 });
    const log = (await call('GET', '/requests')).body as unknown as {
      concurrent: number;
      startedAt: string;
      time: string;
    }[];
    expect(log.map((e) => e.concurrent).sort()).toEqual([1, 1, 2, 3]);
    for (const e of log) expect(Date.parse(e.startedAt)).toBeLessThanOrEqual(Date.parse(e.time));
    expect((await call('DELETE', '/traffic')).body).toMatchObject({
      total: 0,
      maxConcurrent: 0,
      maxPerSecond: 0,
    });
    await callGet(sim.url, 'GetJob');
    expect((await call('GET', '/traffic')).body).toMatchObject({
      total: 1,
      maxConcurrent: 1,
      maxPerSecond: 1,
    });
    await call('POST', '/reset');
    expect((await call('GET', '/traffic')).body).toMatchObject({ total: 0 });
  });
});
