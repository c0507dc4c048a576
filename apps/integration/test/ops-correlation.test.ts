import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../src/platform/logging/logger.js';
import { ADMIN, APPROVER, bearer } from './support/app.js';
import { type ExportEnv, startExportEnv } from './support/exports.js';

/** OPS-3 and OPS-4: one correlation id per request, on every log line and audit event, carried into the worker. */

type Line = Record<string, unknown>;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('correlation ids (OPS-3, OPS-4)', () => {
  let e: ExportEnv;
  const lines: Line[] = [];
  const sink = new Writable({
    write(chunk, _enc, done) {
      for (const l of String(chunk).split('\n')) if (l.trim()) lines.push(JSON.parse(l) as Line);
      done();
    },
  });
  const linesOf = (id: string) => lines.filter((l) => l.correlationId === id);
  /** The commitment and request the second test sends (the third accepts it). */
  let sent: { itemId: string; requestId: string };

  beforeAll(async () => {
    e = await startExportEnv({ logger: createLogger('debug', sink) });
  });
  afterAll(async () => {
    await e?.close();
  });

  it('OPS-3: a valid x-request-id is kept and answered; an invalid or missing one is replaced by a new id', async () => {
    const kept = await e
      .http()
      .get('/api/v1/projects')
      .set(bearer(ADMIN))
      .set('x-request-id', 'lb-7f3a.42:edge');
    expect(kept.status).toBe(200);
    expect(kept.headers['x-request-id']).toBe('lb-7f3a.42:edge');
    for (const bad of ['has space', 'a'.repeat(129), 'semi;colon', 'quote"d', '<script>']) {
      const res = await e.http().get('/api/v1/projects').set(bearer(ADMIN)).set('x-request-id', bad);
      expect(res.status).toBe(200);
      expect(res.headers['x-request-id']).toMatch(UUID);
    }
    const none = await e.http().get('/health');
    expect(none.headers['x-request-id']).toMatch(UUID);
    // problems carry it too
    const problem = await e.http().get('/api/v1/projects/nope').set(bearer(ADMIN)).set('x-request-id', 'p-1');
    expect([problem.status, problem.headers['x-request-id']]).toEqual([404, 'p-1']);
  });

  it('OPS-3: every log line a request writes and the audit events it records carry its id (a JSON body too)', async () => {
    const projectId = await e.linkedProject('24-101');
    const companyId = await e.linkedCompany('BAYPLB');
    const id = await e.commitment(projectId, companyId, { number: 'CORR-1' });
    const res = await e
      .http()
      .post('/api/v1/exports/send')
      .set(bearer('demo-pm-token'))
      .set('x-request-id', 'send-req-1')
      .send({ type: 'commitment', id });
    expect(res.status).toBe(201);
    sent = { itemId: id, requestId: res.body.id };
    expect(linesOf('send-req-1').map((l) => l.msg)).toContain('sent to the ERP queue');
    const audit = await e
      .http()
      .get('/api/v1/audit-events?correlationId=send-req-1')
      .set(bearer(ADMIN))
      .expect(200);
    expect(audit.body.items.length).toBeGreaterThan(0);
    for (const ev of audit.body.items) expect(ev.correlationId).toBe('send-req-1');
    expect(audit.body.items.map((ev: { action: string }) => ev.action)).toContain('export.send');
  });

  it('OPS-4: the worker runs an accepted export with the id of the request that accepted it: its log lines and audit events carry it', async () => {
    const { itemId: id, requestId } = sent;
    const accepted = await e
      .http()
      .post(`/api/v1/export-requests/${requestId}/accept`)
      .set(bearer(APPROVER))
      .set('x-request-id', 'accept-req-2')
      .send({});
    expect(accepted.status).toBe(200);
    expect(
      (await e.t.prisma.exportRequest.findUniqueOrThrow({ where: { id: requestId } })).correlationId,
    ).toBe('accept-req-2');
    // the worker runs outside any HTTP request (a drain of its own)
    await e.drain();
    const worker = linesOf('accept-req-2').filter((l) => l.exportRequestId === requestId);
    expect(worker.map((l) => l.msg)).toEqual(expect.arrayContaining(['export started', 'export synced']));
    const events = await e.t.prisma.auditEvent.findMany({ where: { itemId: id } });
    const synced = events.find((ev) => ev.action === 'export.synced');
    expect(synced?.correlationId).toBe('accept-req-2');
    // every line the worker wrote about this request carries the id
    const workerLines = lines.filter((l) => l.exportRequestId === requestId && l.instance !== undefined);
    expect(workerLines.length).toBeGreaterThanOrEqual(2);
    for (const l of workerLines) expect(l.correlationId).toBe('accept-req-2');
  });

  it('OPS-15: one access line per request: operation, method, path without the query, status, time, bytes and the id', async () => {
    await e
      .http()
      .get('/api/v1/projects?q=secret-search')
      .set(bearer(ADMIN))
      .set('x-request-id', 'acc-1')
      .expect(200);
    await e.http().get('/api/v1/projects/nope').set(bearer(ADMIN)).set('x-request-id', 'acc-2').expect(404);
    await e.http().get('/api/v2/nothing').set('x-request-id', 'acc-3').expect(404);
    await e.http().get('/health/ready').set('x-request-id', 'acc-4');
    const access = (id: string) => linesOf(id).filter((l) => l.msg === 'request');
    const [list] = access('acc-1');
    expect(access('acc-1')).toHaveLength(1);
    expect(list).toMatchObject({
      level: 30,
      operation: 'listProjects',
      method: 'GET',
      path: '/api/v1/projects',
      status: 200,
    });
    expect(typeof list?.ms).toBe('number');
    expect(list?.bytes).toBeGreaterThan(0);
    expect(JSON.stringify(lines)).not.toContain('secret-search');
    expect(access('acc-2')[0]).toMatchObject({
      operation: 'getProject',
      path: '/api/v1/projects/nope',
      status: 404,
    });
    expect(access('acc-3')[0]).toMatchObject({
      operation: 'unmatched',
      path: '/api/v2/nothing',
      status: 404,
    });
    // probes are written at debug level only
    expect(access('acc-4')[0]).toMatchObject({ level: 20, path: '/health/ready' });
  });
});
