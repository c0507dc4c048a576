import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { VerificationRunsService } from '../src/exports/verification/verification-runs.service.js';
import { DailySummaryService } from '../src/notifications/daily-summary.service.js';
import { NotificationsRepository } from '../src/notifications/notifications.repository.js';
import type { Mailer, MailMessage } from '../src/platform/mail/mailer.js';
import { MAILER } from '../src/platform/tokens.js';
import { APPROVER, bearer, PM } from './support/app.js';
import { type ExportEnv, startExportEnv } from './support/exports.js';

let e: ExportEnv;
beforeAll(async () => {
  e = await startExportEnv();
});
afterAll(async () => {
  await e?.close();
});

type SimRow = Record<string, unknown>;
const rows = (r: unknown): SimRow[] => (Array.isArray(r) ? r : ((r as { rows?: SimRow[] })?.rows ?? []));
const WRITES = new Set([
  'AddJob',
  'AddPhase',
  'AddVendor',
  'UpdateSubcontract',
  'UpdateSubcontractPhases',
  'ARChangeRequest',
  'JobCostProjections',
]);
const spectrumWrites = async () =>
  rows(await e.sim$('GET', '/requests?limit=5000')).filter((x) => WRITES.has(String(x.service))).length;
/** Rows of every table the queue writes: a preview must leave all of them as they are. */
const dbCounts = async () => ({
  requests: await e.t.prisma.exportRequest.count(),
  steps: await e.t.prisma.exportStep.count(),
  audit: await e.t.prisma.auditEvent.count(),
  links: await e.t.prisma.syncLink.count(),
});
const preview = (body: Record<string, unknown>, token = APPROVER) =>
  e.http().post('/api/v1/exports/preview').set(bearer(token)).send(body);

interface Write {
  seq: number;
  name: string;
  service: string;
  record: string;
  fields: { field: string; value: string; current: string | null; state: string }[];
}
const inputOf = (w: Write) => Object.fromEntries(w.fields.map((f) => [f.field, f.value]));

describe('previewExport and verification (VER-1, VER-2, VER-4)', () => {
  it('VER-1 VER-2 VER-4: the exact writes of a waiting commitment, all new, nothing written; the accept queues exactly them; read back once synced, drift found after a change in Spectrum', async () => {
    const projectId = await e.linkedProject('24-101');
    const companyId = await e.linkedCompany('BAYPLB');
    const id = await e.commitment(projectId, companyId, { number: 'SC-0101' });
    const requestId = await e.send('commitment', id);

    const writesBefore = await spectrumWrites();
    const countsBefore = await dbCounts();
    const res = await preview({ type: 'commitment', id });
    expect(res.status).toBe(200);
    expect(await spectrumWrites()).toBe(writesBefore);
    expect(await dbCounts()).toEqual(countsBefore);

    const p = res.body as {
      requestId: string;
      key: { field: string; value: string; rule: string };
      spectrumKey: string;
      acceptable: boolean;
      blockedBy: unknown[];
      writes: Write[];
      counts: Record<string, number>;
    };
    expect(p).toMatchObject({
      requestId,
      key: { kind: 'subcontract', field: 'spectrumId', value: 'SC-0101' },
      spectrumKey: 'BAYPLB/SC-0101',
      acceptable: true,
      blockedBy: [],
      counts: { writes: 4, new: 4, changed: 0, unchanged: 0 },
    });
    expect(p.key.rule).toContain('PM contract number');
    expect(p.writes.map((w) => w.service)).toEqual([
      'UpdateSubcontract',
      'UpdateSubcontractPhases',
      'UpdateSubcontractPhases',
      'UpdateSubcontractPhases',
    ]);
    const header = p.writes[0] as Write;
    expect(header.fields.find((f) => f.field === 'Job_Number')).toEqual({
      field: 'Job_Number',
      value: '24-101',
      current: null,
      state: 'new',
    });

    // VER-2: the accept plans with the same code: the recorded steps are the preview, field by field
    await e.accept(requestId).then((r) => expect(r.status).toBe(200));
    const accepted = await e
      .http()
      .get(`/api/v1/export-requests/${requestId}`)
      .set(bearer(APPROVER))
      .expect(200);
    const steps = accepted.body.steps as {
      seq: number;
      name: string;
      service: string;
      input: Record<string, string>;
    }[];
    expect(steps.map((s) => ({ seq: s.seq, name: s.name, service: s.service, input: s.input }))).toEqual(
      p.writes.map((w) => ({ seq: w.seq, name: w.name, service: w.service, input: inputOf(w) })),
    );
    await e.drain();
    const writesAfterExport = await spectrumWrites();
    // VER-4: the worker read the writes back once synced: Spectrum holds every value sent
    const synced = await e
      .http()
      .get(`/api/v1/export-requests/${requestId}`)
      .set(bearer(APPROVER))
      .expect(200);
    expect(synced.body.state).toBe('synced');
    expect(synced.body.verification).toMatchObject({ state: 'verified', drift: [], error: null });

    // what Spectrum now holds is the same record: a preview with that key shows every write unchanged, and an edit
    // made directly in Spectrum shows as changed with Spectrum's value
    const again = await preview({ type: 'commitment', id, spectrumId: 'SC-0101' });
    expect(again.status).toBe(200);
    expect(again.body.writes.map((w: Write) => w.record)).toEqual([
      'unchanged',
      'unchanged',
      'unchanged',
      'unchanged',
    ]);
    const line = (again.body.writes as Write[]).find((w) => inputOf(w).Phase_Code === '033000') as Write;
    await e.sim$('PATCH', '/records/subcontract-lines', {
      key: {
        Company_Code: 'ABC',
        Vendor_Code: 'BAYPLB',
        Subcontract_Number: 'SC-0101',
        Phase_Code: '033000',
        Cost_Type: 'S',
        Bid_Item_Number: '',
      },
      values: { Original_Contract_Amount: '48100.50' },
    });
    const drifted = await preview({ type: 'commitment', id, spectrumId: 'SC-0101' });
    const changed = (drifted.body.writes as Write[]).find((w) => w.seq === line.seq) as Write;
    expect(changed.record).toBe('changed');
    expect(changed.fields.filter((f) => f.state === 'different')).toEqual([
      { field: 'Original_Contract_Amount', value: '48000.50', current: '48100.50', state: 'different' },
    ]);
    expect(drifted.body.counts).toMatchObject({ changed: 1, unchanged: 3 });

    // VER-4: verifying again reports the drift field by field, once in the audit log; the export stays synced
    const verified = await e.http().post(`/api/v1/export-requests/${requestId}/verify`).set(bearer(APPROVER));
    expect(verified.status).toBe(200);
    expect(verified.body).toMatchObject({ state: 'drift', error: null });
    expect(verified.body.drift).toEqual([
      {
        seq: line.seq,
        name: line.name,
        service: 'UpdateSubcontractPhases',
        record: 'changed',
        fields: [{ field: 'Original_Contract_Amount', sent: '48000.50', spectrum: '48100.50' }],
      },
    ]);
    await e.http().post(`/api/v1/export-requests/${requestId}/verify`).set(bearer(APPROVER)).expect(200);
    const events = await e.t.prisma.auditEvent.findMany({ where: { itemId: id, action: 'export.drift' } });
    expect(events).toHaveLength(1);
    const after = await e
      .http()
      .get(`/api/v1/export-requests/${requestId}`)
      .set(bearer(APPROVER))
      .expect(200);
    expect(after.body).toMatchObject({ state: 'synced', verification: { state: 'drift' } });
    expect(await spectrumWrites()).toBe(writesAfterExport);
  });

  it('VER-4: only a synced export can be verified (409), an unknown one is a 404', async () => {
    const projectId = await e.linkedProject('24-102');
    const companyId = await e.linkedCompany('ACMEEL');
    const id = await e.commitment(projectId, companyId, { number: 'SC-0103' });
    const requestId = await e.send('commitment', id);
    const waiting = await e.http().post(`/api/v1/export-requests/${requestId}/verify`).set(bearer(APPROVER));
    expect(waiting.status).toBe(409);
    expect(waiting.body.errors[0]).toMatchObject({ code: 'request-not-synced' });
    await e.http().post('/api/v1/export-requests/nope/verify').set(bearer(APPROVER)).expect(404);
  });

  it('VER-1: an item not sent yet is previewed with its pre-filled key, its writes, and every reason the accept would refuse it', async () => {
    const projectId = await e.linkedProject('24-103');
    const companyId = await e.linkedCompany('CITYCON');
    const id = await e.commitment(projectId, companyId, { number: 'SC-0102' });
    const before = await spectrumWrites();
    const res = await preview({ type: 'commitment', id }, PM);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ requestId: null, acceptable: false, key: { value: 'SC-0102' } });
    // PRE-1 on Spectrum now: job 24-103 lacks the first line's phase; the accept would return the item
    expect(res.body.blockedBy).toEqual([
      expect.objectContaining({ code: 'phase-not-on-job', rule: 'PRE-1', field: 'lines[0].costCode' }),
    ]);
    expect(res.body.writes).toHaveLength(4);
    expect(await spectrumWrites()).toBe(before);
  });

  it('VER-1: an unknown item is a 404 problem and bad input a 400 naming the field; nothing is read or written', async () => {
    const before = await spectrumWrites();
    const missing = await preview({ type: 'commitment', id: 'nope' });
    expect(missing.status).toBe(404);
    const bad = await preview({ type: 'nothing', id: 'x' });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('type');
    expect(await spectrumWrites()).toBe(before);
  });

  it('VER-5: a re-verification run reads every synced export back, one run at a time, and the drift shows on the item', async () => {
    const started = await e.http().post('/api/v1/verification-runs').set(bearer(APPROVER));
    expect(started.status).toBe(202);
    expect(started.body).toMatchObject({ state: 'running', trigger: 'manual' });
    // at most one run at a time (across instances: the guard is in the database)
    const second = await e.http().post('/api/v1/verification-runs').set(bearer(APPROVER));
    expect(second.status).toBe(409);
    expect(second.body.errors[0]).toMatchObject({ code: 'verification-running' });
    await e.http().post('/api/v1/verification-runs').set(bearer(PM)).expect(403);
    await e.t.app.get(VerificationRunsService).idle();

    const runs = await e.http().get('/api/v1/verification-runs').set(bearer(PM)).expect(200);
    expect(runs.body.items[0]).toMatchObject({ id: started.body.id, state: 'finished', error: null });
    const run = runs.body.items[0] as { checked: number; verified: number; drift: number };
    // the commitment changed directly in Spectrum (first test) is the drift; the others hold what was written
    expect(run.drift).toBe(1);
    expect(run.checked).toBe(run.verified + run.drift);
    const commitments = await e.t.prisma.commitment.findMany({ where: { number: 'SC-0101' } });
    const view = await e.http().get(`/api/v1/commitments/${commitments[0]?.id}`).set(bearer(PM)).expect(200);
    expect(view.body).toMatchObject({ state: 'synced' });
    expect(view.body.lastError).toContain(
      'Spectrum no longer holds what was exported (Original_Contract_Amount)',
    );
  });

  it('VER-5 APP-5: the daily summary lists the export Spectrum no longer holds as written', async () => {
    const drifted = await e.t.app.get(NotificationsRepository).driftedExports();
    expect(drifted.map((d) => d.spectrumKey)).toEqual(['BAYPLB/SC-0101']);
    const mailer = e.t.app.get<Mailer>(MAILER);
    const sent: MailMessage[] = [];
    const spy = vi.spyOn(mailer, 'send').mockImplementation(async (m) => {
      sent.push(m);
    });
    try {
      const day = new Date(e.clock.now().getTime() + 86_400_000).toISOString().slice(0, 10);
      e.clock.set(`${day}T13:05:00Z`);
      expect(await e.t.app.get(DailySummaryService).tick()).toBe('sent');
      const text = sent[0]?.text ?? '';
      expect(text).toContain('1 exported item was changed directly in Spectrum after the export');
      expect(text).toMatch(/- Commitment: SC-0101 .*\(BAYPLB\/SC-0101\), found on \d{4}-\d{2}-\d{2}/);
    } finally {
      spy.mockRestore();
    }
  });
});
