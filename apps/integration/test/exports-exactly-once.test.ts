import { startSimulator } from '@bridge/spectrum-simulator';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isRepeatableStep, ProcessDied } from '../src/exports/export-worker.service.js';
import { APPROVER, bearer, FakeClock, PM } from './support/app.js';
import { type ExportEnv, startExportEnv, startSecondInstance } from './support/exports.js';
import { createScratchDatabase, skipReason, TEST_DATABASE_URL } from './support/postgres.js';

type SimRow = Record<string, unknown>;
const rows = (r: unknown): SimRow[] => (Array.isArray(r) ? r : ((r as { rows?: SimRow[] })?.rows ?? []));

/** A 10-line commitment (phases × cost type S on 24-101) with amounts 1000.01 … 10000.10. */
const TEN_LINES = [
  '010000',
  '013100',
  '015000',
  '024100',
  '031000',
  '033000',
  '042000',
  '051200',
  '061000',
  '092900',
].map((code, i) => ({
  costCode: code,
  costType: 'S',
  description: `Line ${i + 1}`,
  amountCents: (i + 1) * 100_001,
}));

async function expectExactlyOnce(e: ExportEnv, vendor: string, number: string, lines = TEN_LINES) {
  const subs = rows(await e.sim$('GET', `/state/subcontracts?Vendor_Code=${vendor}&limit=500`));
  expect(subs.filter((s) => s.Subcontract_Number === number)).toHaveLength(1);
  const got = rows(
    await e.sim$(
      'GET',
      `/state/subcontract-lines?Vendor_Code=${vendor}&Subcontract_Number=${number}&limit=500`,
    ),
  );
  expect(got).toHaveLength(lines.length);
  const total = lines.reduce((s, l) => s + l.amountCents, 0);
  expect(subs.find((s) => s.Subcontract_Number === number)?.Original_Amount).toBe((total / 100).toFixed(2));
}

describe('APP-3 exactly once: dropped connections after the write', () => {
  let e: ExportEnv;
  let projectId: string;
  beforeAll(async () => {
    e = await startExportEnv();
    const phases = rows(await e.sim$('GET', '/state/phases?Job_Number=24-101&Cost_Type=S&limit=500')).map(
      (p) => p.Phase_Code,
    );
    for (const l of TEN_LINES) {
      if (!phases.includes(l.costCode)) {
        await e.sim$('POST', '/state/phases', {
          Company_Code: 'ABC',
          Job_Number: '24-101',
          Phase_Code: l.costCode,
          Cost_Type: 'S',
          Description: 'x',
          Status_Code: 'A',
        });
      }
    }
    projectId = await e.linkedProject('24-101');
  });
  afterAll(async () => {
    await e?.close();
  });

  it('APP-3: for each step in turn (header, each of 10 lines) the connection drops after Spectrum applied it → one subcontract, exactly the 10 lines', async () => {
    const companyId = await e.linkedCompany('GRNDMAS');
    for (let k = 0; k <= TEN_LINES.length; k++) {
      const number = `EO-S${k}`;
      const id = await e.commitment(projectId, companyId, { number, lines: TEN_LINES });
      const requestId = await e.send('commitment', id);
      expect((await e.accept(requestId)).status).toBe(200);
      await e.sim$('DELETE', '/requests');
      // step k: the header (UpdateSubcontract) or line k (the k-th UpdateSubcontractPhases call)
      const service = k === 0 ? 'UpdateSubcontract' : 'UpdateSubcontractPhases';
      await e.sim$('POST', '/faults', {
        service,
        kind: 'drop-connection',
        when: 'after',
        skip: Math.max(0, k - 1),
        times: 1,
      });
      await e.drain();
      expect(rows(await e.sim$('GET', '/faults'))).toEqual([]); // the fault fired
      const r = (await e.http().get(`/api/v1/export-requests/${requestId}`).set(bearer(APPROVER))).body;
      expect(r.state).toBe('synced');
      expect(r.attempts).toBe(1);
      await expectExactlyOnce(e, 'GRNDMAS', number);
      const log = rows(await e.sim$('GET', '/requests?limit=1000')).filter((x) =>
        String(x.service).startsWith('UpdateSubcontract'),
      );
      // every step once, the dropped one twice (the dropped call and its repeat); no other step repeated
      expect(log).toHaveLength(TEN_LINES.length + 2);
      const dropped = log.findIndex((x) => x.fault === 'drop-connection');
      expect(dropped).toBe(k);
      expect(log[k + 1]?.service).toBe(service);
      expect(log.filter((x) => x.fault)).toHaveLength(1);
    }
  });

  it('APP-3: every call of the export may drop after the write (seeded, half of all Puts) → still exactly once', async () => {
    for (const [n, seed] of [
      [2, 7],
      [3, 11],
      [4, 23],
    ] as const) {
      const companyId = await e.linkedCompany(['IRONFRM', 'JETDEMO', 'KEYLUMB'][n - 2] as string);
      const id = await e.commitment(projectId, companyId, { number: `EO-${n}`, lines: TEN_LINES });
      const requestId = await e.send('commitment', id);
      expect((await e.accept(requestId)).status).toBe(200);
      await e.sim$('DELETE', '/requests');
      await e.sim$('POST', '/faults', {
        service: '*',
        kind: 'drop-connection',
        when: 'after',
        rate: 0.5,
        seed,
      });
      await e.drain(60);
      await e.sim$('DELETE', '/faults');
      let r = (await e.http().get(`/api/v1/export-requests/${requestId}`).set(bearer(APPROVER))).body;
      if (r.state === 'failed') {
        // bounded attempts ran out on one step: the approver retries, nothing is lost (APP-4)
        await e.http().post(`/api/v1/export-requests/${requestId}/retry`).set(bearer(APPROVER)).expect(200);
        await e.drain();
        r = (await e.http().get(`/api/v1/export-requests/${requestId}`).set(bearer(APPROVER))).body;
      }
      expect(r.state).toBe('synced');
      const log = rows(await e.sim$('GET', '/requests?limit=1000'));
      const dropped = log.filter((x) => x.fault && String(x.service).startsWith('UpdateSubcontract'));
      expect(dropped.length).toBeGreaterThan(3);
      const vendor = (
        await e.t.prisma.syncLink.findFirstOrThrow({ where: { type: 'vendor', pmId: companyId } })
      ).spectrumKey as string;
      await expectExactlyOnce(e, vendor, `EO-${n}`);
    }
  });
});

describe('APP-3 exactly once: the process dies after Spectrum applied a step, before it is recorded', () => {
  let e: ExportEnv;
  let projectId: string;
  beforeAll(async () => {
    e = await startExportEnv();
    projectId = await e.linkedProject('24-101');
  });
  afterAll(async () => {
    await e?.close();
  });

  /**
   * Instance A dies right after Spectrum applied step k, for every k; instance B finishes the export. With one step
   * per record only step k is sent twice; with batched records (the default) every unrecorded step before it is sent
   * again too, with identical values. Either way Spectrum ends with the subcontract and its lines exactly once.
   */
  let companyId: string | undefined;
  async function dieAfterEachStep(stepsPerRecord: number) {
    const lines = TEN_LINES.slice(0, 4); // header + 4 lines: 5 steps, each one the step the process dies at
    const steps = lines.length + 1;
    companyId ??= await e.linkedCompany('LAKEMAT');
    e.worker.stepsPerRecord = stepsPerRecord;
    for (let k = 0; k < steps; k++) {
      const number = `EO-${stepsPerRecord}-${k}`;
      const id = await e.commitment(projectId, companyId, { number, lines });
      const requestId = await e.send('commitment', id);
      expect((await e.accept(requestId)).status).toBe(200);
      await e.sim$('DELETE', '/requests');

      // instance A dies right after Spectrum applied step k
      e.worker.hooks = {
        afterSpectrumCall: ({ step }) => {
          if (step.seq === k) throw new ProcessDied();
        },
      };
      await expect(e.worker.drain()).rejects.toBeInstanceOf(ProcessDied);
      e.worker.hooks = {};
      const held = await e.t.prisma.exportRequest.findUniqueOrThrow({
        where: { id: requestId },
        include: { steps: { orderBy: { seq: 'asc' } } },
      });
      expect(held.state).toBe('exporting');
      expect(held.lockedBy).toBe(e.worker.instanceId); // the lease is left in place
      const recorded = Math.floor(k / stepsPerRecord) * stepsPerRecord; // steps recorded before the death
      expect(held.steps.map((s) => s.status)).toEqual(
        held.steps.map((s) => (s.seq < recorded ? 'done' : 'pending')),
      );
      // Spectrum has the write of step k although the service never recorded it
      const subs = rows(await e.sim$('GET', `/state/subcontracts?Vendor_Code=LAKEMAT&limit=500`));
      expect(subs.some((s) => s.Subcontract_Number === number)).toBe(true);
      const written = rows(
        await e.sim$('GET', `/state/subcontract-lines?Vendor_Code=LAKEMAT&Subcontract_Number=${number}`),
      );
      expect(written).toHaveLength(k);

      // instance B on the same database: waits for the lease, then finishes from the first unrecorded step
      const b = await startSecondInstance(e);
      try {
        expect(await b.worker.runOne()).toBe(false); // the dead instance's lease still holds
        e.clock.advance(b.worker.leaseMs + 1);
        expect(await b.worker.drain()).toBe(1);
      } finally {
        await b.app.close();
      }
      const r = (await e.http().get(`/api/v1/export-requests/${requestId}`).set(bearer(APPROVER))).body;
      expect(r.state).toBe('synced');
      expect(r.steps.every((s: { status: string }) => s.status === 'done')).toBe(true);
      await expectExactlyOnce(e, 'LAKEMAT', number, lines);
      const log = rows(await e.sim$('GET', '/requests?limit=1000'));
      // the steps from the first unrecorded one to step k were sent twice; no recorded step was repeated
      const twice = (seq: number) => (seq >= recorded && seq <= k ? 2 : 1);
      expect(log.filter((x) => x.service === 'UpdateSubcontract')).toHaveLength(twice(0));
      expect(log.filter((x) => x.service === 'UpdateSubcontractPhases')).toHaveLength(
        lines.reduce((n, _, i) => n + twice(i + 1), 0),
      );
    }
  }

  it('APP-3: every step recorded on its own: after a death at each step, only that step is sent again', async () => {
    await dieAfterEachStep(1);
  });

  it('APP-3: steps recorded in batches of 2: after a death at each step, the unrecorded ones are sent again, once in effect', async () => {
    await dieAfterEachStep(2);
  });

  it('APP-3: the default batch: a death at any step re-sends the unrecorded steps and Spectrum still has each once', async () => {
    await dieAfterEachStep(50);
  });
});

describe('APP-3 exactly once: a worker that stalled past its lease', () => {
  it('APP-3: stops before its next step once another instance took the export over (no stale writes after it)', async () => {
    const e = await startExportEnv();
    try {
      const projectId = await e.linkedProject('24-101');
      const companyId = await e.linkedCompany('LAKEMAT');
      const lines = TEN_LINES.slice(0, 4);
      const id = await e.commitment(projectId, companyId, { number: 'STALL-1', lines });
      const requestId = await e.send('commitment', id);
      expect((await e.accept(requestId)).status).toBe(200);
      await e.sim$('DELETE', '/requests');
      const b = await startSecondInstance(e);
      try {
        let stalled = false;
        e.worker.hooks = {
          // instance A stalls after line 1 longer than its lease; instance B claims the export and finishes it
          afterSpectrumCall: async ({ step }) => {
            if (step.seq !== 1 || stalled) return;
            stalled = true;
            e.clock.advance(e.worker.leaseMs + 1);
            expect(await b.worker.drain()).toBe(1);
          },
        };
        await e.worker.drain();
      } finally {
        e.worker.hooks = {};
        await b.app.close();
      }
      const r = (await e.http().get(`/api/v1/export-requests/${requestId}`).set(bearer(APPROVER))).body;
      expect(r.state).toBe('synced');
      await expectExactlyOnce(e, 'LAKEMAT', 'STALL-1', lines);
      const log = rows(await e.sim$('GET', '/requests?limit=100'));
      // A: header and line 1, then it found its lease gone and stopped; B: the header and all four lines
      expect(log.filter((x) => x.service === 'UpdateSubcontract')).toHaveLength(2);
      expect(log.filter((x) => x.service === 'UpdateSubcontractPhases')).toHaveLength(1 + lines.length);
    } finally {
      await e.close();
    }
  });
});

describe('APP-3 exactly once: which finished steps may wait to be recorded', () => {
  it('APP-3: upserts and looked-up adds may be repeated; projections, unnumbered change requests and customers may not', () => {
    const step = (service: string, input: Record<string, string> = {}) =>
      isRepeatableStep({ service, input });
    for (const service of [
      'AddJob',
      'UpdateJob',
      'AddPhase',
      'AddVendor',
      'UpdateVendor',
      'UpdateSubcontract',
      'UpdateSubcontractPhases',
    ])
      expect(step(service), service).toBe(true);
    expect(step('ARChangeRequest', { Change_Request_Number: 'BC7' })).toBe(true);
    expect(step('ARChangeRequest', { Change_Request_Number: '  ' })).toBe(false);
    expect(step('ARChangeOrder', { Change_Order_Number: 'PCO1' })).toBe(true);
    expect(step('ARChangeOrder')).toBe(false);
    expect(step('JobCostProjections')).toBe(false);
    expect(step('AddCustomer')).toBe(false);
  });

  it('APP-3 FC-1: a projection step is recorded as soon as Spectrum answered, so a death after the next one never repeats it', async () => {
    const e = await startExportEnv();
    try {
      const list = await e.t.prisma.costCodeList.findFirstOrThrow();
      const projectId = await e.linkedProject('24-101', {
        costCodeListId: list.id,
        forecastExportEnabled: true,
      });
      for (const code of ['010000', '033000'])
        await e
          .http()
          .post(`/api/v1/projects/${projectId}/cost-codes`)
          .set(bearer(PM))
          .send({ code, costTypes: ['S'] })
          .expect(201);
      await e.t.prisma.projectCostType.updateMany({ data: { syncedWithSpectrum: true } });
      for (const costCode of ['010000', '033000'])
        await e
          .http()
          .post(`/api/v1/projects/${projectId}/budget/lines`)
          .set(bearer(PM))
          .send({
            costCode,
            costType: 'S',
            amountCents: 1_000_000,
            estimatedCostAtCompletionCents: 1_200_000,
          })
          .expect(201);
      await e.http().post(`/api/v1/projects/${projectId}/budget/lock`).set(bearer(PM)).expect(200);
      const budget = (await e.http().get(`/api/v1/projects/${projectId}/budget`).set(bearer(PM)).expect(200))
        .body;
      const requestId = await e.send('forecast', budget.id);
      expect((await e.accept(requestId)).status).toBe(200);
      await e.sim$('DELETE', '/requests');
      e.worker.hooks = {
        afterSpectrumCall: ({ step }) => {
          if (step.seq === 1) throw new ProcessDied();
        },
      };
      await expect(e.worker.drain()).rejects.toBeInstanceOf(ProcessDied);
      e.worker.hooks = {};
      const steps = await e.t.prisma.exportStep.findMany({ where: { requestId }, orderBy: { seq: 'asc' } });
      expect(steps.map((s) => [s.service, s.status])).toEqual([
        ['JobCostProjections', 'done'],
        ['JobCostProjections', 'pending'],
      ]);
      e.clock.advance(e.worker.leaseMs + 1);
      expect(await e.worker.drain()).toBe(1);
      const log = rows(await e.sim$('GET', '/requests?limit=100')).filter(
        (x) => x.service === 'JobCostProjections',
      );
      expect(log).toHaveLength(3); // the first once; the second, which died unrecorded, twice
    } finally {
      await e.close();
    }
  });
});

describe('APP-3 exactly once: two instances on one PostgreSQL', () => {
  it.skipIf(!TEST_DATABASE_URL)(
    `APP-3: 200 accepted requests, two workers, each exported once (${TEST_DATABASE_URL ? 'PostgreSQL' : skipReason()})`,
    async () => {
      const db = await createScratchDatabase();
      const sim = await startSimulator({ scenario: 'demo', port: 0, control: true });
      const clock = new FakeClock();
      const a = await startExportEnv({ databaseUrl: db.url, sim, clock });
      const b = await startExportEnv({ databaseUrl: db.url, sim, clock, seed: false });
      try {
        const projectId = await a.linkedProject('24-101');
        const companyId = await a.linkedCompany('METROEL');
        const ids: string[] = [];
        for (let i = 0; i < 200; i++) {
          const id = await a.commitment(projectId, companyId, {
            number: `MI-${i}`,
            lines: TEN_LINES.slice(0, 2),
          });
          const requestId = await (i % 2 ? a : b).send('commitment', id);
          ids.push(requestId);
        }
        await Promise.all(
          ids.map((r, i) =>
            request((i % 2 ? a : b).t.app.getHttpServer())
              .post(`/api/v1/export-requests/${r}/accept`)
              .set(bearer(APPROVER))
              .send({})
              .expect(200),
          ),
        );
        // both workers drain until nothing is left; the shared clock stays put (advancing it while one instance is
        // mid-export would expire that instance's lease and hand its request to the other, which re-sends the
        // unrecorded steps: exactly once in effect, but not the one-call-per-header this test counts)
        for (let round = 0; round < 20; round++) {
          await Promise.all([a.worker.drain(), b.worker.drain()]);
          if (!(await a.t.prisma.exportRequest.count({ where: { state: 'exporting' } }))) break;
        }
        const states = await a.t.prisma.exportRequest.groupBy({ by: ['state'], _count: { _all: true } });
        expect(states).toEqual([{ state: 'synced', _count: { _all: 200 } }]);
        const subs = rows(await a.sim$('GET', '/state/subcontracts?Vendor_Code=METROEL&limit=1000'));
        expect(subs).toHaveLength(200);
        const puts = rows(await a.sim$('GET', '/requests?limit=5000')).filter(
          (x) => x.service === 'UpdateSubcontract',
        );
        expect(puts.length).toBe(200);
      } finally {
        await a.t.close();
        await b.t.close();
        await sim.close();
        await db.drop();
      }
    },
    300_000,
  );
});
