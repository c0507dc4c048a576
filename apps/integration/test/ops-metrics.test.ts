import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SyncService } from '../src/sync/sync.service.js';
import { ADMIN, APPROVER, bearer, startTestApp, TEST_KEY } from './support/app.js';
import { type ExportEnv, startExportEnv } from './support/exports.js';

/** OPS-5 … OPS-9: Prometheus metrics at /metrics, readable only with METRICS_TOKEN. */

const TOKEN = 'scrape-9f8e7d6c5b4a39281706f5e4d3c2b1a0';

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** The samples of a Prometheus text exposition. */
function parse(text: string): Sample[] {
  const out: Sample[] = [];
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const m = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m?.[1] || m[3] === undefined) throw new Error(`not a sample line: ${line}`);
    const labels: Record<string, string> = {};
    for (const l of (m[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g))
      labels[l[1] as string] = l[2] as string;
    out.push({ name: m[1], labels, value: Number(m[3]) });
  }
  return out;
}

const pick = (samples: Sample[], name: string, labels: Record<string, string> = {}) =>
  samples.filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v));
const value = (samples: Sample[], name: string, labels: Record<string, string> = {}) => {
  const found = pick(samples, name, labels);
  if (found.length !== 1) throw new Error(`${name} ${JSON.stringify(labels)}: ${found.length} samples`);
  return (found[0] as Sample).value;
};

describe('metrics (OPS-5 … OPS-9)', () => {
  let e: ExportEnv;
  const scrape = async () => {
    const res = await e.http().get('/metrics').set('Authorization', `Bearer ${TOKEN}`).expect(200);
    return { text: res.text, samples: parse(res.text), type: res.headers['content-type'] };
  };

  beforeAll(async () => {
    e = await startExportEnv({ env: { METRICS_TOKEN: TOKEN } });
  });
  afterAll(async () => {
    await e?.close();
  });

  it('OPS-5: /metrics is off without METRICS_TOKEN (404), and needs the token when it is set (401 otherwise); no secret in it', async () => {
    const off = await startTestApp();
    try {
      const res = await request(off.http).get('/metrics').set('Authorization', `Bearer ${TOKEN}`);
      expect(res.status).toBe(404);
      expect(res.headers['content-type']).toContain('application/problem+json');
    } finally {
      await off.close();
    }
    for (const auth of [undefined, 'Bearer wrong-token', `Basic ${TOKEN}`, `Bearer ${TOKEN}x`, ADMIN]) {
      const req = e.http().get('/metrics');
      const res = await (auth ? req.set('Authorization', auth) : req);
      expect(res.status).toBe(401);
      expect(res.headers['www-authenticate']).toBe('Bearer realm="metrics"');
      expect(res.body).toMatchObject({ status: 401, errors: [{ rule: 'OPS-5', code: 'metrics-token' }] });
      expect(JSON.stringify(res.body)).not.toContain(TOKEN);
    }
    const { text, type } = await scrape();
    expect(type).toMatch(/^text\/plain; version=0\.0\.4/);
    for (const secret of [TOKEN, TEST_KEY, 'BRIDGEDEMO']) expect(text).not.toContain(secret);
    expect(text).toContain('process_resident_memory_bytes');
  });

  it('OPS-6, OPS-7: queue depth by state, the oldest waiting request, export and step durations, Spectrum calls by service and outcome', async () => {
    const projectId = await e.linkedProject('24-101');
    const companyId = await e.linkedCompany('BAYPLB');
    const first = await e.send('commitment', await e.commitment(projectId, companyId, { number: 'MET-1' }));
    e.clock.advance(30_000);
    await e.send('commitment', await e.commitment(projectId, companyId, { number: 'MET-2' }));
    e.clock.advance(90_000);
    let { samples } = await scrape();
    expect(value(samples, 'bridge_export_queue_requests', { state: 'ready_to_export' })).toBe(2);
    expect(value(samples, 'bridge_export_queue_requests', { state: 'synced' })).toBe(0);
    expect(value(samples, 'bridge_export_oldest_waiting_seconds', { state: 'ready_to_export' })).toBe(120);
    expect(value(samples, 'bridge_export_oldest_waiting_seconds', { state: 'exporting' })).toBe(0);

    expect((await e.accept(first)).status).toBe(200);
    e.clock.advance(15_000);
    ({ samples } = await scrape());
    expect(value(samples, 'bridge_export_queue_requests', { state: 'exporting' })).toBe(1);
    expect(value(samples, 'bridge_export_oldest_waiting_seconds', { state: 'exporting' })).toBe(15);
    expect(value(samples, 'bridge_export_oldest_waiting_seconds', { state: 'ready_to_export' })).toBe(105);

    // the header's Put fails once with a Server fault (retried by the worker), then everything goes through
    await e.sim$('POST', '/faults', { service: 'UpdateSubcontract', kind: 'server-fault', times: 1 });
    await e.drain();
    ({ samples } = await scrape());
    expect(value(samples, 'bridge_export_queue_requests', { state: 'synced' })).toBe(1);
    expect(value(samples, 'bridge_export_queue_requests', { state: 'exporting' })).toBe(0);
    const synced = { type: 'commitment', outcome: 'synced' };
    expect(value(samples, 'bridge_export_duration_seconds_count', synced)).toBe(1);
    // accepted, 15 s, then a retry after the fake clock's backoff: the duration is measured on the service clock
    expect(value(samples, 'bridge_export_duration_seconds_sum', synced)).toBeGreaterThan(15);
    expect(
      value(samples, 'bridge_export_run_duration_seconds_count', { type: 'commitment', outcome: 'retry' }),
    ).toBe(1);
    expect(value(samples, 'bridge_export_run_duration_seconds_count', synced)).toBe(1);
    const steps = (service: string, outcome: string) =>
      value(samples, 'bridge_export_step_duration_seconds_count', { service, outcome });
    expect([steps('UpdateSubcontract', 'error'), steps('UpdateSubcontract', 'ok')]).toEqual([1, 1]);
    expect(steps('UpdateSubcontractPhases', 'ok')).toBe(3);
    const calls = (operation: string, outcome: string) =>
      value(samples, 'bridge_spectrum_call_duration_seconds_count', { operation, outcome });
    expect([calls('UpdateSubcontract', 'server_error'), calls('UpdateSubcontract', 'ok')]).toEqual([1, 1]);
    expect(calls('UpdateSubcontractPhases', 'ok')).toBe(3);
    expect(
      value(samples, 'bridge_spectrum_call_duration_seconds_bucket', {
        operation: 'UpdateSubcontract',
        outcome: 'ok',
        le: '+Inf',
      }),
    ).toBe(1);
  });

  it('OPS-8: HTTP latency is labelled by operationId, never by raw path: many ids, one series per status', async () => {
    for (let i = 0; i < 12; i++)
      await e.http().get(`/api/v1/projects/no-such-${i}`).set(bearer(ADMIN)).expect(404);
    await e.http().get('/api/v1/projects').set(bearer(ADMIN)).expect(200);
    await e.http().get('/api/v2/projects').set(bearer(ADMIN)).expect(404);
    await e.http().get('/api/v1/export-requests').set(bearer(APPROVER)).expect(200);
    await e.http().get('/api/v1/export-requests').expect(401);
    const { samples } = await scrape();
    const series = pick(samples, 'bridge_http_request_duration_seconds_count');
    expect(
      value(samples, 'bridge_http_request_duration_seconds_count', {
        operation: 'getProject',
        status: '404',
      }),
    ).toBe(12);
    expect(
      value(samples, 'bridge_http_request_duration_seconds_count', {
        operation: 'listProjects',
        status: '200',
      }),
    ).toBeGreaterThanOrEqual(1);
    expect(
      value(samples, 'bridge_http_request_duration_seconds_count', {
        operation: 'listExportRequests',
        status: '401',
      }),
    ).toBe(1);
    expect(
      pick(samples, 'bridge_http_request_duration_seconds_count', { operation: 'unmatched', status: '404' }),
    ).toHaveLength(1);
    // no label holds a path or an id
    for (const s of series) {
      expect(s.labels.operation).toMatch(/^[a-zA-Z]+$/);
      expect(JSON.stringify(s.labels)).not.toMatch(/no-such|\/api/);
    }
  });

  it('OPS-9: sync run durations and row counts by group', async () => {
    const run = await e
      .http()
      .post('/api/v1/sync/runs')
      .set(bearer(ADMIN))
      .send({ group: 'vendors' })
      .expect(202);
    await e.t.app.get(SyncService).waitForRun(run.body.id);
    const stored = await e.http().get(`/api/v1/sync/runs/${run.body.id}`).set(bearer(ADMIN)).expect(200);
    const { samples } = await scrape();
    const labels = { group: 'vendors', trigger: 'on_demand', status: stored.body.status };
    expect(value(samples, 'bridge_sync_run_duration_seconds_count', labels)).toBe(1);
    for (const counter of ['read', 'created', 'updated', 'unchanged', 'vanished', 'failed'])
      expect(value(samples, 'bridge_sync_rows_total', { group: 'vendors', counter })).toBe(
        stored.body.counts[counter],
      );
    expect(stored.body.counts.read).toBeGreaterThan(0);
  });
});
