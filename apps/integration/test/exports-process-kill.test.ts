import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type RunningSimulator, startSimulator } from '@bridge/spectrum-simulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APPROVER, bearer, FakeClock, TEST_KEY } from './support/app.js';
import { ensureBuilt, ROOT } from './support/dist.js';
import { startExportEnv } from './support/exports.js';

/**
 * APP-3 with a real process: `node dist/main.js` (worker on, lease shortened with EXPORT_LEASE_MS) is SIGKILLed
 * while the simulator holds one of its Puts; a new process on the same embedded database finishes the export.
 * Every wait polls a condition with a bound; no fixed sleep decides the outcome.
 */

type SimRow = Record<string, unknown>;
const rows = (r: unknown): SimRow[] => (Array.isArray(r) ? r : ((r as { rows?: SimRow[] })?.rows ?? []));
const MAIN = join(ROOT, 'dist', 'main.js');
const LINES = [
  { costCode: '01-0000', costType: 'S', description: 'General conditions', amountCents: 1_250_000 },
  { costCode: '03-3000', costType: 'S', description: 'Concrete', amountCents: 4_800_050 },
  { costCode: '03-1000', costType: 'S', description: 'Formwork', amountCents: 975_025 },
];

async function until<T>(what: string, fn: () => Promise<T | undefined | false>, ms = 15_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

interface Service {
  child: ChildProcess;
  url: Promise<string>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  output(): string;
}

function startService(databaseUrl: string): Service {
  const child = spawn(process.execPath, [MAIN], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      PATH: process.env.PATH,
      NODE_ENV: 'production',
      DATABASE_URL: databaseUrl,
      ENCRYPTION_KEY: TEST_KEY,
      HOST: '127.0.0.1',
      PORT: '0',
      LOG_LEVEL: 'info',
      SCHEDULER_ENABLED: 'false',
      WORKER_ENABLED: 'true',
      EXPORT_LEASE_MS: '2000',
    },
  });
  let out = '';
  child.stdout?.setEncoding('utf8');
  child.stderr?.setEncoding('utf8');
  const url = new Promise<string>((resolve, reject) => {
    child.stdout?.on('data', (chunk: string) => {
      out += chunk;
      const m = /"url":"(http:\/\/[^"]+)".*Spectrum Bridge is listening/.exec(out);
      if (m?.[1]) resolve(m[1]);
    });
    child.stderr?.on('data', (chunk: string) => {
      out += chunk;
    });
    child.once('exit', (code) => reject(new Error(`the service exited (${code}): ${out}`)));
  });
  url.catch(() => undefined);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  return { child, url, exited, output: () => out };
}

describe('APP-3 exactly once: a worker process killed with SIGKILL mid-export', () => {
  let sim: RunningSimulator;
  let dir: string;
  const children: ChildProcess[] = [];
  beforeAll(async () => {
    ensureBuilt(MAIN);
    sim = await startSimulator({ scenario: 'demo', port: 0, control: true });
    dir = mkdtempSync(join(tmpdir(), 'bridge-kill-'));
  }, 120_000);
  afterAll(async () => {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    await sim?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('APP-3: SIGKILL while Spectrum holds a line Put; a new process on the same database finishes: one subcontract, exactly its lines', async () => {
    const databaseUrl = `pglite://${join(dir, 'db')}`;
    // set-up on the same database in-process: connection, linked project and vendor, an accepted commitment
    const setup = await startExportEnv({ databaseUrl, sim, clock: new FakeClock(new Date()) });
    const projectId = await setup.linkedProject('24-101');
    const companyId = await setup.linkedCompany('BAYPLB');
    const id = await setup.commitment(projectId, companyId, { number: 'KILL-1', lines: LINES });
    const requestId = await setup.send('commitment', id);
    expect((await setup.accept(requestId)).status).toBe(200);
    await setup.t.close();
    const sim$ = setup.sim$;
    await sim$('DELETE', '/requests');
    // the second line's Put is held by Spectrum for 3 s (then applied, as a real server would)
    await sim$('POST', '/faults', {
      service: 'UpdateSubcontractPhases',
      kind: 'latency',
      ms: 3000,
      skip: 1,
      times: 1,
    });
    const linesInSpectrum = async () =>
      rows(
        await sim$('GET', '/state/subcontract-lines?Vendor_Code=BAYPLB&Subcontract_Number=KILL-1&limit=100'),
      );

    const a = startService(databaseUrl);
    children.push(a.child);
    await a.url; // started (on a loaded machine the start alone can take most of the wait below)
    await until('the held Put', async () => rows(await sim$('GET', '/faults')).length === 0);
    a.child.kill('SIGKILL');
    expect((await a.exited).signal).toBe('SIGKILL');
    expect((await linesInSpectrum()).length).toBe(1);
    // the held write lands in Spectrum after the process is gone: applied, never recorded
    await until('the held write', async () => (await linesInSpectrum()).length === 2);

    const b = startService(databaseUrl);
    children.push(b.child);
    const url = await b.url;
    const state = await until('the export to finish', async () => {
      const res = await fetch(`${url}/api/v1/export-requests/${requestId}`, { headers: bearer(APPROVER) });
      const body = (await res.json()) as { state: string };
      return body.state === 'synced' || body.state === 'failed' ? body : false;
    });
    b.child.kill('SIGTERM');
    await b.exited;
    expect(state).toMatchObject({ state: 'synced', spectrumKey: 'BAYPLB/KILL-1' });

    const subs = rows(await sim$('GET', '/state/subcontracts?Vendor_Code=BAYPLB&limit=500'));
    expect(subs.filter((s) => s.Subcontract_Number === 'KILL-1')).toHaveLength(1);
    const lines = await linesInSpectrum();
    expect(lines.map((l) => l.Original_Contract_Amount).sort()).toEqual(['12500.00', '48000.50', '9750.25']);
    const log = rows(await sim$('GET', '/requests?limit=1000'));
    // The killed process had recorded nothing yet (repeatable steps are recorded in batches), so the new one sent
    // the header and the first two lines again, with identical values: upserts, so Spectrum holds each once
    expect(log.filter((x) => x.service === 'UpdateSubcontract')).toHaveLength(2);
    expect(log.filter((x) => x.service === 'UpdateSubcontractPhases')).toHaveLength(LINES.length + 2);
  }, 120_000); // two service processes, each starting on an embedded database: over a minute on a loaded 2-core machine
});
