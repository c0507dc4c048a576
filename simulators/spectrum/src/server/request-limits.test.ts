import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningSimulator, startSimulator } from '../simulator.js';
import { envelope, getRows, post } from '../test-support/soap-test-client.js';
import { DEFAULT_MAX_REQUEST_BYTES } from './http-helpers.js';

const LIMIT = 64 * 1024;
let sim: RunningSimulator;
beforeAll(async () => {
  sim = await startSimulator({ scenario: 'demo', control: true, maxRequestBytes: LIMIT });
});
afterAll(async () => {
  await sim.close();
});

const faultOf = (xml: string) => ({
  code: /<faultcode>([^<]*)<\/faultcode>/.exec(xml)?.[1],
  text: /<faultstring>([^<]*)<\/faultstring>/.exec(xml)?.[1] ?? '',
});

describe('request hygiene at the SOAP endpoint', () => {
  it('a NUL character inside the envelope is a SOAP Client fault, and nothing runs', async () => {
    const res = await post(
      `${sim.url}/ws/GetJob`,
      envelope('GetJob', { Authorization_ID: 'BRIDGEDEMO', GUID: '', pJob: 'a\u0000b' }),
    );
    expect(res.status).toBe(500);
    expect(faultOf(res.body)).toMatchObject({ code: 'SOAP-ENV:Client' });
    expect(faultOf(res.body).text).toMatch(/U\+0000/);
    expect(getRows(res.body).rows).toEqual([]);
  });

  it('an envelope over the configured size limit is a 413 with a SOAP Client fault, and the server keeps serving', async () => {
    const huge = envelope('GetJob', {
      Authorization_ID: 'BRIDGEDEMO',
      GUID: '',
      pJob: 'x'.repeat(LIMIT + 1),
    });
    const res = await post(`${sim.url}/ws/GetJob`, huge);
    expect(res.status).toBe(413);
    expect(faultOf(res.body)).toEqual({
      code: 'SOAP-ENV:Client',
      text: `Request body exceeds the limit of ${LIMIT} bytes`,
    });
    // Without a Content-Length (chunked), the body is counted as it arrives.
    const chunked = await fetch(`${sim.url}/ws/GetJob`, {
      method: 'POST',
      headers: { 'Content-Type': 'text/xml; charset=utf-8' },
      body: new Blob([huge]).stream(),
      duplex: 'half',
    } as RequestInit);
    expect(chunked.status).toBe(413);
    expect(faultOf(await chunked.text()).code).toBe('SOAP-ENV:Client');
    const small = await post(
      `${sim.url}/ws/GetJob`,
      envelope('GetJob', { Authorization_ID: 'BRIDGEDEMO', GUID: '', pJob: '' }),
    );
    expect(small.status).toBe(200);
  });

  it('the control API has the same limit (a JSON 413)', async () => {
    const res = await fetch(`${sim.url}/__sim/faults`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ pad: 'x'.repeat(LIMIT + 1) }),
    });
    expect(res.status).toBe(413);
    expect(await res.json()).toEqual({ error: `Request body exceeds the limit of ${LIMIT} bytes` });
  });

  it('without a configured limit, 5 MB is the most a request may carry', async () => {
    const plain = await startSimulator({ scenario: 'demo' });
    try {
      const over = await post(`${plain.url}/ws/GetJob`, 'x'.repeat(DEFAULT_MAX_REQUEST_BYTES + 1));
      expect(over.status).toBe(413);
      const at = await post(`${plain.url}/ws/GetJob`, 'x'.repeat(DEFAULT_MAX_REQUEST_BYTES));
      expect(at.status).toBe(500);
      expect(faultOf(at.body).text).toMatch(/Malformed XML/);
    } finally {
      await plain.close();
    }
  });
});
