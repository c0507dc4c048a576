import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { RequestMethod } from '@nestjs/common';
import { HTTP_CODE_METADATA, METHOD_METADATA } from '@nestjs/common/constants.js';
import { DiscoveryService, MetadataScanner, ModulesContainer } from '@nestjs/core';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import type { ProblemDetails } from '../src/platform/http/problem.js';
import { problemSchema } from '../src/platform/http/problem-schema.js';
import { declaredResponses } from '../src/platform/http/zod.js';
import { ADMIN, bearer, startTestApp, type TestApp } from './support/app.js';
import { ensureBuilt, ROOT } from './support/dist.js';

type Json = Record<string, unknown>;
interface Operation {
  operationId?: string;
  security?: Json[];
  responses: Record<string, { content?: Record<string, { schema?: Json }> }>;
  'x-required-permission'?: string;
}
interface Document {
  security?: Json[];
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Json> };
}

// The problem schema of the document describes what the filter sends (compile-time check both ways).
const _problemOut: z.infer<typeof problemSchema> = {} as ProblemDetails;
const _problemIn: ProblemDetails = {} as z.infer<typeof problemSchema>;
void _problemOut;
void _problemIn;

const operations = (doc: Document) =>
  Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => ({ path, method, op })),
  );

/** Every `$ref` in a value. */
function refs(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) for (const v of value) refs(v, out);
  else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) {
      if (k === '$ref' && typeof v === 'string') out.push(v);
      else refs(v, out);
    }
  return out;
}

/** The status Nest answers a handler with when it does not set one itself. */
function defaultStatus(handler: object): number {
  const code = Reflect.getMetadata(HTTP_CODE_METADATA, handler) as number | undefined;
  if (code !== undefined) return code;
  return Reflect.getMetadata(METHOD_METADATA, handler) === RequestMethod.POST ? 201 : 200;
}

describe('the OpenAPI document: every operation has an operationId and a response schema for each success status', () => {
  let t: TestApp;
  let doc: Document;
  beforeAll(async () => {
    t = await startTestApp();
    doc = (await request(t.http).get('/api/openapi.json').expect(200)).body as Document;
  });
  afterAll(async () => {
    await t?.close();
  });

  it('every operation has a unique operationId, at least one 2xx response, and a schema for each 2xx with a body', () => {
    const ops = operations(doc);
    expect(ops.length).toBeGreaterThanOrEqual(71);
    const ids = ops.map(({ op }) => op.operationId);
    const missing = ops.filter(({ op }) => !op.operationId).map(({ path, method }) => `${method} ${path}`);
    expect(missing).toEqual([]);
    expect(new Set(ids).size).toBe(ids.length);
    const problems: string[] = [];
    for (const { op } of ops) {
      const success = Object.entries(op.responses).filter(([s]) => /^2\d\d$/.test(s));
      if (success.length === 0) problems.push(`${op.operationId}: no 2xx response`);
      for (const [status, r] of success) {
        if (status === '204') {
          if (r.content) problems.push(`${op.operationId} 204: documents a body`);
          continue;
        }
        const types = Object.entries(r.content ?? {});
        if (types.length === 0 || types.some(([, c]) => !c.schema))
          problems.push(`${op.operationId} ${status}: no response schema`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('every status a handler answers is documented and declared with @ZodResponse (the conformance check uses it)', () => {
    const byId = new Map(operations(doc).map(({ op }) => [op.operationId, op]));
    const discovery = new DiscoveryService(t.app.get(ModulesContainer));
    const scanner = new MetadataScanner();
    const problems: string[] = [];
    let handlers = 0;
    for (const wrapper of discovery.getControllers()) {
      const proto = Object.getPrototypeOf(wrapper.instance) as Record<string, object>;
      for (const name of scanner.getAllMethodNames(proto)) {
        const handler = proto[name] as object;
        const operationId = (Reflect.getMetadata('swagger/apiOperation', handler) as { operationId?: string })
          ?.operationId;
        if (!operationId) continue;
        handlers++;
        const op = byId.get(operationId);
        const declared = declaredResponses(handler).map((d) => d.status);
        const status = defaultStatus(handler);
        if (!op) problems.push(`${operationId}: not in the document`);
        else if (!op.responses[String(status)])
          problems.push(`${operationId}: answers ${status}, not documented`);
        if (!declared.includes(status))
          problems.push(`${operationId}: answers ${status}, no @ZodResponse for it`);
        for (const s of Object.keys(op?.responses ?? {}).filter((s) => /^2/.test(s)))
          if (!declared.includes(Number(s)))
            problems.push(`${operationId}: documents ${s} without @ZodResponse`);
      }
    }
    expect(handlers).toBe(byId.size);
    expect(problems).toEqual([]);
  });

  it('API-3: every 4xx is a problem (application/problem+json) and every operation with a permission documents 401 and 403', () => {
    const problems: string[] = [];
    for (const { op } of operations(doc)) {
      for (const [status, r] of Object.entries(op.responses).filter(([s]) => /^4/.test(s))) {
        const schema = r.content?.['application/problem+json']?.schema;
        if (schema?.$ref !== '#/components/schemas/Problem') problems.push(`${op.operationId} ${status}`);
      }
      if (op['x-required-permission'] && !(op.responses['401'] && op.responses['403']))
        problems.push(`${op.operationId}: 401/403 not documented`);
    }
    expect(problems).toEqual([]);
    expect(doc.components.schemas.Problem).toMatchObject({
      required: expect.arrayContaining(['type', 'title', 'status', 'detail', 'errors']),
    });
  });

  it('API-2: public operations (no permission) carry an empty security requirement; all others need the bearer token', () => {
    expect(doc.security).toEqual([{ bearer: [] }]);
    const publicOps = operations(doc)
      .filter(({ op }) => !op['x-required-permission'])
      .map(({ op }) => [op.operationId, op.security]);
    expect(publicOps.sort()).toEqual([
      ['getHealth', [{}]],
      ['getLiveness', [{}]],
      ['getReadiness', [{}]],
      ['getSignInOptions', [{}]],
      ['signIn', [{}]],
      ['signOut', [{}]],
    ]);
    for (const { op } of operations(doc))
      if (op['x-required-permission']) expect(op.security).toBeUndefined();
  });

  it('every $ref resolves to a named schema in components.schemas, with readable names', () => {
    const names = new Set(Object.keys(doc.components.schemas));
    const dangling = refs(doc).filter((r) => !names.has(r.replace('#/components/schemas/', '')));
    expect(dangling).toEqual([]);
    for (const name of ['Commitment', 'ExportRequest', 'Problem', 'Project', 'Budget', 'ExportRequestPage'])
      expect(names).toContain(name);
  });

  it('a real problem body matches the documented Problem schema', async () => {
    const res = await request(t.http).get('/api/v1/commitments/nope').set(bearer(ADMIN)).expect(404);
    expect(problemSchema.strict().safeParse(res.body).success).toBe(true);
  });

  it('createUser answers 201 with the user and its token, as documented (checked by the conformance interceptor)', async () => {
    const res = await request(t.http)
      .post('/api/v1/users')
      .set(bearer(ADMIN))
      .send({ name: 'Casey Clerk', email: 'casey@example.com', level: 'read_only' })
      .expect(201);
    expect(res.body).toMatchObject({ name: 'Casey Clerk', level: 'read_only', levelEditable: true });
    expect(res.body.token).toEqual(expect.any(String));
  });

  it('`bridge openapi` prints the same document without a database, a server or an encryption key', () => {
    const cli = join(ROOT, 'dist', 'cli.js');
    ensureBuilt(cli);
    const r = spawnSync(process.execPath, [cli, 'openapi'], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { PATH: process.env.PATH ?? '', DATABASE_URL: 'postgresql://127.0.0.1:9/nowhere' },
      timeout: 60_000,
    });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const printed = JSON.parse(r.stdout) as Document;
    expect(printed).toEqual(doc);
  });
});
