import { describe, expect, it } from 'vitest';
import { createSpectrumClient } from './client.js';
import { faultXml, putReplyXml } from './mocks/index.js';
import { type Step, scriptedFetch, xml } from './test-support/scripted-fetch.js';
import type { SpectrumCallEvent } from './transport/http-transport.js';

/** The `onCall` hook: one event per HTTP exchange, for the service's metrics (the client has no metrics library). */
function client(steps: Step[], onCall: (e: SpectrumCallEvent) => void, timeoutMs = 5000) {
  const scripted = scriptedFetch(steps);
  return createSpectrumClient({
    baseUrl: 'http://127.0.0.1:8482',
    companyCode: 'ABC',
    authorizationId: 'apxSECRET1',
    fetch: scripted.fetch,
    random: () => 0,
    retry: { attempts: 3, baseDelayMs: 1, maxDelayMs: 1, retryWrites: true },
    timeoutMs,
    onCall,
  });
}

const JOB = { jobNumber: '24-101', jobDescription: 'Tower', companyCode: 'ABC' };

describe('onCall: every exchange with Spectrum reported with its operation, outcome, status and duration', () => {
  it('OPS-7: each attempt of a call is one event (a Server fault then success: server_error, ok)', async () => {
    const events: SpectrumCallEvent[] = [];
    const c = client(
      [xml(faultXml('SOAP-ENV:Server', 'busy'), 500), xml(putReplyXml('UpdateJob', []))],
      (e) => events.push(e),
    );
    await c.updateJob(JOB as never);
    expect(events.map(({ operation, outcome, status }) => ({ operation, outcome, status }))).toEqual([
      { operation: 'UpdateJob', outcome: 'server_error', status: 500 },
      { operation: 'UpdateJob', outcome: 'ok', status: 200 },
    ]);
    for (const e of events) expect(e.durationMs).toBeGreaterThanOrEqual(0);
  });

  it('OPS-7: refused credentials, unreachable and timed-out calls have their own outcomes; a throwing hook changes nothing', async () => {
    const events: SpectrumCallEvent[] = [];
    await expect(
      client([new Response('no', { status: 401 })], (e) => events.push(e)).updateJob(JOB as never),
    ).rejects.toThrow();
    await expect(
      client([new TypeError('ECONNREFUSED')], (e) => events.push(e)).updateJob(JOB as never),
    ).rejects.toThrow();
    await expect(client(['hang'], (e) => events.push(e), 20).updateJob(JOB as never)).rejects.toThrow(
      /no answer/,
    );
    expect(events.map((e) => e.outcome)).toEqual([
      'auth_refused',
      'unreachable',
      'unreachable',
      'unreachable',
      'timeout',
      'timeout',
      'timeout',
    ]);
    const throwing = client([xml(putReplyXml('UpdateJob', []))], () => {
      throw new Error('metrics broke');
    });
    await expect(throwing.updateJob(JOB as never)).resolves.toMatchObject({ generated: {} });
  });
});
