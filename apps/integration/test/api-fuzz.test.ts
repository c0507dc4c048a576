import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, bearer, startTestApp, type TestApp } from './support/app.js';
import {
  caseArb,
  checkAnswer,
  type FuzzCase,
  type OpenApiDocument,
  type Operation,
  operationsOf,
  send,
} from './support/fuzz.js';
import { createScratchDatabase } from './support/postgres.js';

/**
 * API fuzzing (INPUT-1, INPUT-2, INPUT-3, API-3): every operation of the OpenAPI document gets valid-looking and
 * broken requests, as the admin, without a token and with a bogus one. Fixed seed and count in the normal suite;
 * `pnpm fuzz:api` (FUZZ_RUNS, FUZZ_SEED) runs a larger one. On the embedded database unless FUZZ_ON_POSTGRES=1 (then on
 * a scratch database of TEST_DATABASE_URL's server).
 */
const ON_POSTGRES = process.env.FUZZ_ON_POSTGRES === '1';
const RUNS = Number(process.env.FUZZ_RUNS ?? 2_100);
const SEED = Number(process.env.FUZZ_SEED ?? 1_400_014);
/** Requests in flight at once (the service answers them interleaved, as with several clients). */
const CONCURRENCY = Number(process.env.FUZZ_CONCURRENCY ?? 4);
const REQUEST_TIMEOUT_MS = Number(process.env.FUZZ_REQUEST_TIMEOUT_MS ?? 10_000);

describe('the fuzzer checks', () => {
  const doc: OpenApiDocument = {
    paths: {
      '/things/{id}': {
        get: {
          operationId: 'getThing',
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
          responses: {
            '200': { content: { 'application/json': { schema: { $ref: '#/components/schemas/Thing' } } } },
          },
        },
        delete: { operationId: 'deleteThing', responses: { '204': {} } },
      },
    },
    components: {
      schemas: {
        Thing: {
          type: 'object',
          properties: { id: { type: 'string' }, note: { type: 'string', nullable: true } },
          required: ['id', 'note'],
          additionalProperties: false,
        },
      },
    },
  };
  const [getThing, deleteThing] = operationsOf(doc) as [Operation, Operation];
  const answer = (status: number, body: unknown, contentType = 'application/json; charset=utf-8') => ({
    status,
    contentType,
    text: JSON.stringify(body),
    ms: 1,
  });

  it('a 2xx is checked against its documented schema (references and nullable included) once one exists', () => {
    expect(getThing.responses.size).toBe(1);
    expect(checkAnswer(getThing, answer(200, { id: 'a', note: null }))).toEqual({ validated2xx: true });
    expect(checkAnswer(getThing, answer(200, { id: 'a' })).problem).toMatch(
      /does not match its documented schema/,
    );
    expect(checkAnswer(getThing, answer(200, { id: 1, note: 'x' })).problem).toMatch(/id/);
    expect(checkAnswer(getThing, answer(201, { id: 'a', note: null })).problem).toMatch(/documented: 200/);
    // Without a documented schema, a 2xx is only counted.
    expect(checkAnswer(deleteThing, answer(204, ''))).toEqual({ validated2xx: false });
  });

  it('a 5xx, or a 4xx that is not a problem, is a failure', () => {
    expect(checkAnswer(getThing, answer(500, {})).problem).toMatch(/500/);
    expect(checkAnswer(getThing, answer(404, '<html>', 'text/html')).problem).toMatch(
      /without a problem body/,
    );
    expect(checkAnswer(getThing, answer(400, { status: 400 }, 'application/problem+json')).problem).toMatch(
      /lacks type/,
    );
    const ok = { type: 'https://x/y', title: 'Bad request', status: 400, detail: 'd', errors: [] };
    expect(checkAnswer(getThing, answer(400, ok, 'application/problem+json'))).toEqual({
      validated2xx: false,
    });
  });
});

describe('API fuzzing from the OpenAPI document', () => {
  let t: TestApp;
  let base: URL;
  let ops: Operation[];
  const ids: string[] = [];
  let scratch: { url: string; drop(): Promise<void> } | undefined;

  beforeAll(async () => {
    if (ON_POSTGRES) scratch = await createScratchDatabase();
    t = await startTestApp(scratch ? { databaseUrl: scratch.url } : {});
    await t.app.listen(0, '127.0.0.1');
    base = new URL(`http://127.0.0.1:${(t.http.address() as AddressInfo).port}`);
    const doc = (await request(t.http).get('/api/openapi.json').expect(200)).body as OpenApiDocument;
    ops = operationsOf(doc);
    // A few records that exist, so valid-looking requests get past "not found".
    const project = await request(t.http)
      .post('/api/v1/projects')
      .set(bearer(ADMIN))
      .send({ name: 'Fuzz tower' });
    const company = await request(t.http)
      .post('/api/v1/companies')
      .set(bearer(ADMIN))
      .send({ name: 'Fuzz supply' });
    ids.push(project.body.id, company.body.id);
  });
  afterAll(async () => {
    await t?.close();
    await scratch?.drop();
  });

  it(
    'INPUT-1 / API-3: no input makes any operation answer 5xx or hang; every 4xx is a problem; every 2xx is as documented',
    async () => {
      expect(ops.length).toBeGreaterThan(60);
      const perOp = Math.ceil(RUNS / ops.length);
      const failures: { c: FuzzCase; problem: string }[] = [];
      const statuses = new Map<string, Map<number, number>>();
      let sent = 0;
      let validated = 0;
      const slow: [number, string][] = [];
      const started = performance.now();
      // Round robin over the operations, each with its own deterministic stream of cases.
      const streams = ops.map((op, i) => fc.sample(caseArb(op, { ids }), { seed: SEED + i, numRuns: perOp }));
      const queue: [Operation, FuzzCase][] = [];
      for (let k = 0; k < perOp; k++)
        for (const [i, op] of ops.entries()) {
          const c = streams[i]?.[k];
          if (c) queue.push([op, c]);
        }
      const worker = async () => {
        for (let next = queue.shift(); next; next = queue.shift()) {
          const [op, c] = next;
          let verdict: ReturnType<typeof checkAnswer>;
          const t0 = performance.now();
          try {
            const answer = await send(base, c, REQUEST_TIMEOUT_MS);
            verdict = checkAnswer(op, answer);
            const byStatus = statuses.get(op.id) ?? new Map<number, number>();
            byStatus.set(answer.status, (byStatus.get(answer.status) ?? 0) + 1);
            statuses.set(op.id, byStatus);
          } catch (e) {
            verdict = { problem: `no answer: ${(e as Error).message}`, validated2xx: false };
          }
          sent++;
          if (process.env.FUZZ_SLOWEST)
            slow.push([performance.now() - t0, `${c.op} ${c.mutation.slice(0, 100)}`]);
          if (verdict.validated2xx) validated++;
          if (verdict.problem && failures.length < 200) failures.push({ c, problem: verdict.problem });
        }
      };
      await Promise.all(Array.from({ length: CONCURRENCY }, worker));
      const seconds = (performance.now() - started) / 1000;
      const withSchema = ops.filter((o) => o.responses.size > 0).length;
      const twoXx = [...statuses.values()].reduce(
        (n, m) => n + [...m].filter(([s]) => s < 300).reduce((a, [, x]) => a + x, 0),
        0,
      );
      process.stdout.write(
        `fuzz: ${sent} requests to ${ops.length} operations in ${seconds.toFixed(1)} s (${Math.round(sent / seconds)}/s), ` +
          `seed ${SEED}, ${CONCURRENCY} in flight, ${ON_POSTGRES ? 'PostgreSQL' : 'embedded database'}; ${twoXx} answered 2xx, ${validated} checked against a documented response schema; ` +
          `${withSchema} of ${ops.length} operations document a 2xx response schema; ${failures.length} failures\n`,
      );
      if (process.env.FUZZ_SLOWEST)
        for (const [ms, what] of slow.sort((a, b) => b[0] - a[0]).slice(0, Number(process.env.FUZZ_SLOWEST)))
          process.stdout.write(`${ms.toFixed(0)} ms ${what}\n`);
      const untouched = ops.filter((o) => !statuses.has(o.id)).map((o) => o.id);
      expect(untouched).toEqual([]);
      expect(sent).toBeGreaterThanOrEqual(Math.min(RUNS, 2_000));
      expect(
        failures.map(
          ({ c, problem }) =>
            `${c.op} ${c.method} ${c.path.slice(0, 120)} [${c.auth}; ${c.mutation}] → ${problem}`,
        ),
      ).toEqual([]);
    },
    Math.max(120_000, RUNS * 100),
  );
});
