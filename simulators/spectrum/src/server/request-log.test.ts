import { describe, expect, it } from 'vitest';
import { maskAuthorization, maskBody, maskSecret, RequestLog } from './request-log.js';

const entry = (service: string, body = '', response: string | Buffer = '') => ({
  time: '2026-01-01T00:00:00.000Z',
  startedAt: '2026-01-01T00:00:00.000Z',
  concurrent: 1,
  method: 'POST',
  path: `/ws/${service}`,
  service,
  status: 200,
  durationMs: 1,
  outcome: 'ok' as const,
  identity: '',
  request: { headers: {}, body },
  response: { contentType: 'text/xml', body: response },
});

describe('request log', () => {
  it('SIM-11: masks Authorization IDs with any prefix, Basic passwords, client secrets and tokens', () => {
    expect(maskSecret('BRIDGEDEMO')).toBe('BR…MO');
    expect(maskSecret('SHORT')).toBe('••••');
    expect(maskBody('<ns1:Authorization_ID xmlns:ns1="x">BRIDGEDEMO</ns1:Authorization_ID><GUID/>')).toBe(
      '<ns1:Authorization_ID xmlns:ns1="x">BR…MO</ns1:Authorization_ID><GUID/>',
    );
    expect(maskBody('<Authorization_ID></Authorization_ID>')).toBe('<Authorization_ID></Authorization_ID>');
    expect(maskBody('grant_type=client_credentials&client_id=a&client_secret=s3cret&scope=spectrumapi')).toBe(
      'grant_type=client_credentials&client_id=a&client_secret=••••&scope=spectrumapi',
    );
    expect(maskBody('{"access_token":"abc.def","Client_Secret":"x","token_type":"Bearer"}')).toBe(
      '{"access_token":"••••","Client_Secret":"••••","token_type":"Bearer"}',
    );
    expect(maskAuthorization(`Basic ${Buffer.from('ABC:BRIDGEDEMO').toString('base64')}`)).toBe(
      'Basic ABC:BR…MO',
    );
    expect(maskAuthorization('Bearer eyJhbGciOi')).toBe('Bearer ••••');
    expect(maskAuthorization('Basic bm9jb2xvbg==')).toBe('Basic ••••');
  });

  it('SIM-12: a ring of N: the oldest calls go, ids go on, and a smaller N keeps the newest', () => {
    const log = new RequestLog(3, 10);
    for (const s of ['A', 'B', 'C', 'D', 'E']) log.add(entry(s, 'x'.repeat(25), Buffer.from('y'.repeat(30))));
    expect(log.list().map((e) => [e.id, e.service])).toEqual([
      [3, 'C'],
      [4, 'D'],
      [5, 'E'],
    ]);
    expect(log.total).toBe(5);
    const detail = log.get(5);
    expect(detail?.request).toMatchObject({ body: 'x'.repeat(10), bytes: 25, truncated: true });
    expect(detail?.response).toMatchObject({ body: 'y'.repeat(10), bytes: 30, truncated: true });
    expect(log.bodyBytes()).toBe(3 * 20);
    expect(log.get(2)).toBeUndefined();
    log.resize(2);
    expect(log.list().map((e) => e.service)).toEqual(['D', 'E']);
    log.add(entry('F'));
    expect(log.list().map((e) => e.id)).toEqual([5, 6]);
    expect(log.list({ after: 5 }).map((e) => e.service)).toEqual(['F']);
    expect(log.list({ limit: 1 }).map((e) => e.service)).toEqual(['F']);
    log.clear();
    expect(log.list()).toEqual([]);
    expect(log.add(entry('G')).id).toBe(7);
  });
});
