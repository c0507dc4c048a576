/**
 * Provider side: replays every interaction of pacts/bridge-integration-spectrum.json against the Spectrum
 * simulator (in-process, port 0, control API on). Provider states are set up through `/__sim/…`; a state
 * that cannot be set up fails its interaction, and the run checks that every state the pact names ran.
 */
import { existsSync, readFileSync } from 'node:fs';
import { type RunningSimulator, startSimulator } from '@bridge/spectrum-simulator';
import { Verifier } from '@pact-foundation/pact';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { PACT_FILE } from './support/pact-files.js';
import { STATE } from './support/provider-states.js';

type Params = Record<string, unknown> | undefined;
type ControlRow = Record<string, unknown>;

let sim: RunningSimulator;
beforeAll(async () => {
  sim = await startSimulator({ scenario: 'demo', port: 0, control: true });
});
afterAll(async () => {
  await sim?.close();
});

async function control(method: string, path: string, body?: unknown): Promise<unknown> {
  const res = await fetch(`${sim.url}/__sim/${path}`, {
    method,
    ...(body === undefined
      ? {}
      : { headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) }),
  });
  const text = await res.text();
  if (!res.ok)
    throw new Error(`provider state set-up: ${method} /__sim/${path} answered ${res.status}: ${text}`);
  return text === '' ? undefined : (JSON.parse(text) as unknown);
}

const reset = () => control('POST', 'reset');

async function select(collection: string, filter: Record<string, unknown>): Promise<ControlRow[]> {
  const query = new URLSearchParams({ limit: '5000' });
  for (const [k, v] of Object.entries(filter)) query.set(k, String(v));
  return (await control('GET', `state/${collection}?${query.toString()}`)) as ControlRow[];
}

function split(params: Params): { collection: string; filter: Record<string, unknown> } {
  const { collection, ...filter } = params ?? {};
  if (typeof collection !== 'string') throw new Error('provider state needs a "collection" parameter');
  return { collection, filter };
}

async function armFault(kind: string, params: Params): Promise<void> {
  const service = params?.service;
  if (typeof service !== 'string') throw new Error(`provider state for ${kind} needs a "service" parameter`);
  await control('POST', 'faults', { service, kind });
}

async function authId(id: string): Promise<ControlRow | undefined> {
  return (await select('auth-ids', { Authorization_ID: id }))[0];
}

const ran = new Set<string>();
const handlers: Record<string, (params: Params) => Promise<Record<string, unknown> | undefined>> = {
  [STATE.demo]: async () => {
    await reset();
    return undefined;
  },
  [STATE.rowExists]: async (params) => {
    const { collection, filter } = split(params);
    await reset();
    if ((await select(collection, filter)).length === 0) {
      throw new Error(`no ${collection} row matches ${JSON.stringify(filter)}`);
    }
    return undefined;
  },
  [STATE.rowAbsent]: async (params) => {
    const { collection, filter } = split(params);
    await reset();
    if ((await select(collection, filter)).length > 0) {
      throw new Error(`a ${collection} row matches ${JSON.stringify(filter)}`);
    }
    return undefined;
  },
  [STATE.hangarPhases]: async () => {
    await reset();
    const all = await select('phases', { Job_Number: '24-105' });
    const equipment = all.filter((r) => r.Cost_Type === 'E');
    if (all.length !== 540 || equipment.length !== 135) {
      throw new Error(`job 24-105 has ${all.length} phase rows (${equipment.length} of cost type E)`);
    }
    for (const r of equipment) {
      const key = {
        Company_Code: r.Company_Code,
        Job_Number: r.Job_Number,
        Phase_Code: r.Phase_Code,
        Cost_Type: 'E',
      };
      await control('PATCH', 'state/phases', { key, set: { Status_Code: 'I' } });
    }
    return undefined;
  },
  [STATE.singleJob]: async () => {
    await reset();
    for (const job of await select('jobs', { Company_Code: 'ABC' })) {
      if (job.Job_Number === '24-101') continue;
      await control('DELETE', 'state/jobs', { key: { Company_Code: 'ABC', Job_Number: job.Job_Number } });
    }
    const left = await select('jobs', { Company_Code: 'ABC' });
    if (left.length !== 1 || left[0]?.Status_Code !== 'A')
      throw new Error('job 24-101 is not the single active job');
    return undefined;
  },
  [STATE.readOnlyId]: async () => {
    await reset();
    const row = await authId('READONLY');
    if (!row || String(row.Services).includes('*') || String(row.Services).includes('AddPhase')) {
      throw new Error('READONLY is missing or may call Put services');
    }
    return undefined;
  },
  [STATE.unknownId]: async () => {
    await reset();
    if (await authId('NOSUCH')) throw new Error('NOSUCH is an Authorization ID');
    return undefined;
  },
  [STATE.foreignCompany]: async () => {
    await reset();
    const row = await authId('BRIDGEDEMO');
    if (
      !row ||
      String(row.Company_Codes)
        .split(',')
        .map((s) => s.trim())
        .includes('XYZ')
    ) {
      throw new Error('BRIDGEDEMO is missing or may read company XYZ');
    }
    return undefined;
  },
  [STATE.guidExpired]: async (params) => {
    await reset();
    await armFault('guid-timeout', params);
    return undefined;
  },
  [STATE.serverFault]: async (params) => {
    await reset();
    await armFault('server-fault', params);
    return undefined;
  },
  [STATE.missingService]: async (params) => {
    await reset();
    await armFault('client-fault', params);
    return undefined;
  },
  [STATE.oauthClient]: async () => {
    await reset();
    const res = await fetch(`${sim.url}/connect/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=client_credentials&client_id=bridge-demo&client_secret=bridge-demo-secret&scope=spectrumapi',
    });
    const token = (await res.json()) as { access_token?: string };
    if (res.status !== 200 || !token.access_token)
      throw new Error(`no token for bridge-demo (HTTP ${res.status})`);
    return { accessToken: token.access_token };
  },
};

const stateHandlers = Object.fromEntries(
  Object.entries(handlers).map(([name, handler]) => [
    name,
    async (params: Params) => {
      const result = await handler(params);
      ran.add(name);
      return result;
    },
  ]),
);

/**
 * pact-js 17 puts a proxy in front of the provider when state handlers are used; it parses
 * form-urlencoded bodies and forwards them re-serialized as JSON, which no OAuth endpoint accepts.
 * Restores the form text before the proxy forwards the request (the token interactions need it).
 */
function restoreFormBody(
  req: { headers: Record<string, string | undefined>; body: unknown },
  _res: unknown,
  next: () => void,
): void {
  const type = req.headers['content-type'] ?? '';
  if (type.startsWith('application/x-www-form-urlencoded') && req.body && typeof req.body === 'object') {
    if (!Buffer.isBuffer(req.body)) {
      req.body = Buffer.from(new URLSearchParams(req.body as Record<string, string>).toString(), 'utf8');
    }
  }
  next();
}

interface PactFile {
  interactions: { description: string; providerStates?: { name: string }[] }[];
}

interface VerificationReport {
  interactionResults?: { description?: string; result?: string }[];
}

it('the Spectrum simulator honours every interaction of the pact', async () => {
  expect(existsSync(PACT_FILE), `${PACT_FILE} is missing: the consumer run writes it`).toBe(true);
  const pact = JSON.parse(readFileSync(PACT_FILE, 'utf8')) as PactFile;
  const total = pact.interactions.length;
  let failed = 0;
  let failure: unknown;
  try {
    await new Verifier({
      provider: 'spectrum',
      providerBaseUrl: sim.url,
      pactUrls: [PACT_FILE],
      logLevel: 'warn',
      stateHandlers: stateHandlers as never,
      requestFilter: restoreFormBody as never,
    }).verifyProvider();
  } catch (error) {
    failure = error;
    const message = error instanceof Error ? error.message : String(error);
    try {
      const report = JSON.parse(message) as VerificationReport;
      failed =
        (report.interactionResults ?? []).filter((r) => r.result?.toUpperCase() !== 'OK').length || total;
    } catch {
      failed = total;
    }
  }
  process.stdout.write(
    `pact verification: ${total - failed}/${total} interactions verified, ${failed} failed\n`,
  );
  if (failure) throw failure;
  expect(failed).toBe(0);

  const named = new Set(pact.interactions.flatMap((i) => (i.providerStates ?? []).map((s) => s.name)));
  const missing = [...named].filter((name) => !ran.has(name));
  expect(missing, 'provider states named by the pact whose handler never ran').toEqual([]);
  expect(
    [...named].filter((name) => !(name in handlers)),
    'states without a handler',
  ).toEqual([]);
});
