import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningSimulator, startSimulator } from '../simulator.js';
import {
  asObject,
  callGet,
  callPut,
  envelope,
  getRows,
  post,
  putRows,
} from '../test-support/soap-test-client.js';

let now = new Date('2025-01-14T12:00:00Z');
let sim: RunningSimulator;
beforeAll(async () => {
  sim = await startSimulator({ scenario: 'demo', control: true, clock: () => now });
});
afterAll(async () => {
  await sim.close();
});

const basic = (company: string, authId: string) =>
  `Basic ${Buffer.from(`${company}:${authId}`).toString('base64')}`;

async function token(clientId = 'bridge-demo', secret = 'bridge-demo-secret', scope = 'spectrumapi') {
  const res = await fetch(`${sim.url}/connect/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: clientId,
      client_secret: secret,
      scope,
    }),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe('Authorization IDs', () => {
  it('an unknown Authorization ID gets the E row on Authorization_ID (Get) and the A row (Put)', async () => {
    const get = asObject(getRows((await callGet(sim.url, 'GetJob', {}, 'NOSUCHID')).body).rows[0] ?? []);
    expect(get).toMatchObject({
      Error_Code: 'E',
      Error_Description: 'The web service is not Authorized',
      Error_Column: 'Authorization_ID',
    });
    const put = putRows((await callPut(sim.url, 'AddCustomer', { Customer_Code: 'X' }, 'NOSUCHID')).body);
    expect(put).toEqual([
      {
        code: 'A',
        desc: 'The Web Service is not authorized. Authorization ID is not setup in the system.',
        column: 'Authorization_ID',
      },
    ]);
  });

  it('an ID without the service or the company is refused', async () => {
    const put = putRows((await callPut(sim.url, 'AddCustomer', { Customer_Code: 'X' }, 'READONLY')).body);
    expect(put[0]).toMatchObject({ code: 'A', column: 'Authorization_ID' });
    const get = asObject(
      getRows((await callGet(sim.url, 'GetJob', { pCompany_Code: 'XYZ' })).body).rows[0] ?? [],
    );
    expect(get.Error_Code).toBe('E');
    expect(getRows((await callGet(sim.url, 'GetJob', {}, 'READONLY')).body).rows.length).toBe(9);
  });
});

describe('HTTP Basic and OAuth2', () => {
  it('accepts Basic Company_Code:Authorization_ID on SOAP and refuses unknown credentials with 401', async () => {
    const xml = envelope('GetCustomers', {
      Authorization_ID: 'BRIDGEDEMO',
      GUID: '',
      pCompany_Code: 'ABC',
      pStatus: '',
    });
    expect(
      (await post(`${sim.url}/ws/GetCustomers`, xml, { Authorization: basic('ABC', 'BRIDGEDEMO') })).status,
    ).toBe(200);
    expect(
      (await post(`${sim.url}/ws/GetCustomers`, xml, { Authorization: basic('ABC', 'WRONG') })).status,
    ).toBe(401);
  });

  it('issues client-credentials tokens for scope spectrumapi and refuses bad clients', async () => {
    const ok = await token();
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ token_type: 'Bearer', scope: 'spectrumapi', expires_in: 3600 });
    expect(typeof ok.body.access_token).toBe('string');
    expect(await token('bridge-demo', 'wrong')).toEqual({ status: 400, body: { error: 'invalid_client' } });
    expect((await token('bridge-demo', 'bridge-demo-secret', 'other')).body).toEqual({
      error: 'invalid_scope',
    });
  });

  it('enhanced mode requires a valid bearer token on SOAP, REST and Info-Link', async () => {
    await fetch(`${sim.url}/__sim/settings`, {
      method: 'PATCH',
      body: JSON.stringify({ enhancedAuth: true }),
    });
    try {
      expect((await callGet(sim.url, 'GetJob')).status).toBe(401);
      const rest = await fetch(`${sim.url}/vendors/ABC`, {
        headers: { Authorization: basic('ABC', 'BRIDGEDEMO') },
      });
      expect(rest.status).toBe(401);
      const t = String((await token()).body.access_token);
      const xml = envelope('GetCustomers', {
        Authorization_ID: 'BRIDGEDEMO',
        GUID: '',
        pCompany_Code: 'ABC',
        pStatus: '',
      });
      const r = await post(`${sim.url}/ws`, xml, {
        Authorization: `Bearer ${t}`,
        SOAPAction: `${sim.url}/ws/GetCustomers`,
      });
      expect(r.status).toBe(200);
      expect(getRows(r.body).rows).toHaveLength(3);
      const info = await fetch(`${sim.url}/infolink/JC_COST_TYPE_MASTER_MC?Company_Code=ABC`, {
        headers: { Authorization: `Bearer ${t}` },
      });
      expect(info.status).toBe(200);
      now = new Date(now.getTime() + 3601_000);
      expect((await post(`${sim.url}/ws/GetCustomers`, xml, { Authorization: `Bearer ${t}` })).status).toBe(
        401,
      );
    } finally {
      await fetch(`${sim.url}/__sim/settings`, {
        method: 'PATCH',
        body: JSON.stringify({ enhancedAuth: false }),
      });
    }
  });
});

describe('GUID expiry emulation', () => {
  it('a GUID idle longer than the time-out answers "Time out has occurred" on column GUID', async () => {
    await fetch(`${sim.url}/__sim/settings`, {
      method: 'PATCH',
      body: JSON.stringify({ guidTimeoutHours: 24 }),
    });
    try {
      const guid = '0b6c5a52-3c1e-4b7c-9d0e-1f2a3b4c5d6e';
      expect(getRows((await callGet(sim.url, 'GetJob', {}, 'BRIDGEDEMO', guid)).body).rows).toHaveLength(9);
      now = new Date(now.getTime() + 25 * 3600_000);
      const row = asObject(
        getRows((await callGet(sim.url, 'GetJob', {}, 'BRIDGEDEMO', guid)).body).rows[0] ?? [],
      );
      expect(row).toMatchObject({
        Error_Code: 'E',
        Error_Description: 'Time out has occurred',
        Error_Column: 'GUID',
      });
      const put = await post(
        `${sim.url}/ws/AddCustomer`,
        envelope('AddCustomer', { Authorization_ID: 'BRIDGEDEMO', GUID: guid, Customer_Code: 'Z1' }),
      );
      // A different method keeps its own GUID clock: the call gets past the GUID check to validation.
      expect(putRows(put.body).map((r) => r.code)).toEqual(['M', 'M', 'M']);
      now = new Date(now.getTime() + 25 * 3600_000);
      const put2 = await post(
        `${sim.url}/ws/AddCustomer`,
        envelope('AddCustomer', { Authorization_ID: 'BRIDGEDEMO', GUID: guid, Customer_Code: 'Z1' }),
      );
      expect(putRows(put2.body)).toEqual([{ code: 'A', desc: 'Time out has occurred', column: 'GUID' }]);
      // A fresh GUID works; an empty GUID always works.
      expect(
        getRows((await callGet(sim.url, 'GetJob', {}, 'BRIDGEDEMO', 'fresh-guid')).body).rows,
      ).toHaveLength(9);
      expect(getRows((await callGet(sim.url, 'GetJob')).body).rows).toHaveLength(9);
    } finally {
      await fetch(`${sim.url}/__sim/settings`, {
        method: 'PATCH',
        body: JSON.stringify({ guidTimeoutHours: null }),
      });
    }
  });
});
