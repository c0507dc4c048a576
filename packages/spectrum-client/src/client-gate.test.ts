import { describe, expect, it } from 'vitest';
import { createSpectrumClient } from './client.js';
import { SpectrumCallLimitError } from './errors.js';
import { putReplyXml } from './mocks/index.js';
import { scriptedFetch, xml } from './test-support/scripted-fetch.js';
import type { CallGate } from './transport/http-transport.js';

const OK_PUT = xml(putReplyXml('UpdateJob', []));

function recordingGate(wait: () => Promise<void> = async () => {}) {
  const events: string[] = [];
  let held = 0;
  const gate: CallGate = {
    async acquire({ operation }) {
      events.push(`acquire ${operation}`);
      await wait();
      held++;
      events.push('granted');
      return () => {
        held--;
        events.push('released');
      };
    },
  };
  return { gate, events, held: () => held };
}

describe('call gate (OPS-12)', () => {
  it('OPS-12: every HTTP exchange asks the gate first and gives its slot back once the answer is read', async () => {
    const scripted = scriptedFetch([OK_PUT]);
    const g = recordingGate();
    const order: string[] = g.events;
    scripted.fetch.mockImplementation(async () => {
      order.push('sent');
      return OK_PUT.clone();
    });
    const c = createSpectrumClient({
      baseUrl: 'http://127.0.0.1:8482',
      companyCode: 'ABC',
      authorizationId: 'SECRET-ID',
      fetch: scripted.fetch,
      gate: g.gate,
    });
    await c.updateJob({ jobNumber: 'J' });
    await c.updateJob({ jobNumber: 'K' });
    expect(order).toEqual([
      'acquire UpdateJob',
      'granted',
      'sent',
      'released',
      'acquire UpdateJob',
      'granted',
      'sent',
      'released',
    ]);
    expect(g.held()).toBe(0);
  });

  it('OPS-12: waiting for a slot does not count against the call timeout', async () => {
    const scripted = scriptedFetch([OK_PUT]);
    const g = recordingGate(() => new Promise((r) => setTimeout(r, 120)));
    const c = createSpectrumClient({
      baseUrl: 'http://127.0.0.1:8482',
      companyCode: 'ABC',
      authorizationId: 'SECRET-ID',
      fetch: scripted.fetch,
      gate: g.gate,
      timeoutMs: 50,
      retry: { attempts: 1 },
    });
    await expect(c.updateJob({ jobNumber: 'J' })).resolves.toEqual({ generated: {} });
  });

  it('OPS-13: a gate that gives no slot means the call is not sent: a SpectrumCallLimitError in plain words, secrets removed', async () => {
    const scripted = scriptedFetch([OK_PUT]);
    const gate: CallGate = {
      acquire: async () => {
        throw new Error('waited 60 s for one of 4 slots (key SECRET-ID)');
      },
    };
    const c = createSpectrumClient({
      baseUrl: 'http://127.0.0.1:8482',
      companyCode: 'ABC',
      authorizationId: 'SECRET-ID',
      fetch: scripted.fetch,
      gate,
      retry: { attempts: 1 },
    });
    const error = await c.updateJob({ jobNumber: 'J' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SpectrumCallLimitError);
    expect((error as SpectrumCallLimitError).notSent).toBe(true);
    expect((error as Error).message).toMatch(/^UpdateJob: not sent, no Spectrum call slot was free/);
    expect((error as Error).message).not.toContain('SECRET-ID');
    expect(scripted.calls).toHaveLength(0);
  });

  it('OPS-13: a connection test that got no slot says so (notSent) instead of claiming the connection failed', async () => {
    const scripted = scriptedFetch([OK_PUT]);
    const c = createSpectrumClient({
      baseUrl: 'http://127.0.0.1:8482',
      companyCode: 'ABC',
      authorizationId: 'SECRET-ID',
      fetch: scripted.fetch,
      gate: { acquire: () => Promise.reject(new Error('waited 1 s')) },
    });
    expect(await c.testConnection()).toMatchObject({ connected: false, kind: 'transport', notSent: true });
    expect(scripted.calls).toHaveLength(0);
  });
});
