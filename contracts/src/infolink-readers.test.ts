import { randomUUID } from 'node:crypto';
import {
  createSpectrumClient,
  createSqlInfoLinkReader,
  INFOLINK_TABLES,
  type InfoLinkTableDef,
  type SqlExecutor,
} from '@bridge/spectrum-client';
import {
  createPgExecutor,
  describeInfoLinkReaderContract,
  type InfoLinkTableName,
  infoLinkJson,
  type SpectrumMockData,
} from '@bridge/spectrum-client/testing';
import { type RunningSimulator, startSimulator, TABLES_BY_INFOLINK } from '@bridge/spectrum-simulator';
import pg from 'pg';
import { afterAll, beforeAll, describe } from 'vitest';

/**
 * The client's Info-Link reader expectations, unchanged, against the simulator: the HTTP reader through its
 * Info-Link stand-in, and the SQL reader (PostgreSQL dialect) through its PostgreSQL mirror of the same tables.
 */
const DATABASE_URL = process.env.TEST_DATABASE_URL;
const AUTH_ID = 'CONTRACTS';
const schema = `contracts_infolink_${randomUUID().slice(0, 8)}`;
const role = `bridge_infolink_${randomUUID().slice(0, 8)}`;

let sim: RunningSimulator;
let admin: pg.Client | undefined;
const executors: SqlExecutor[] = [];
let pages = 0;

const defOf = (table: string): InfoLinkTableDef => {
  const def = INFOLINK_TABLES.find((t) => t.table === table);
  if (!def) throw new Error(`unknown table ${table}`);
  return def;
};
const collectionOf = (table: string): string => {
  const def = TABLES_BY_INFOLINK.get(table);
  if (!def) throw new Error(`the simulator has no Info-Link table ${table}`);
  return def.collection;
};
const simRows = (table: string, rows: Record<string, unknown>[]) =>
  rows.map((r) => infoLinkJson(defOf(table), { companyCode: 'ABC', ...r }));

async function control(method: string, path: string, body?: unknown): Promise<void> {
  const res = await fetch(`${sim.url}/__sim/${path}`, {
    method,
    headers: { 'Content-Type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (res.status >= 300) throw new Error(`${method} /__sim/${path}: ${res.status} ${await res.text()}`);
}

async function load(data: SpectrumMockData): Promise<void> {
  const collections: Record<string, unknown[]> = {
    companies: [{ Company_Code: 'ABC', Company_Name: 'ABC Builders Inc' }],
    'auth-ids': [{ Authorization_ID: AUTH_ID, Company_Codes: 'ABC', Services: '*', Status_Code: 'A' }],
  };
  for (const [table, rows] of Object.entries(data.infoLink ?? {})) {
    collections[collectionOf(table)] = simRows(table, rows ?? []);
  }
  await control('DELETE', 'faults');
  await control('POST', 'scenario', { spec: { name: 'reader-contract', data: collections } });
  if (admin) await admin.query(`GRANT SELECT ON ALL TABLES IN SCHEMA "${schema}" TO "${role}"`);
  pages = 0;
}

async function insert(table: InfoLinkTableName, rows: Record<string, unknown>[]): Promise<void> {
  await control('POST', `state/${collectionOf(table)}`, simRows(table, rows));
}

beforeAll(async () => {
  sim = await startSimulator({
    scenario: 'demo',
    control: true,
    ...(DATABASE_URL ? { pgMirror: { connectionString: DATABASE_URL, schema } } : {}),
  });
  if (DATABASE_URL) {
    admin = new pg.Client({ connectionString: DATABASE_URL });
    await admin.connect();
    // the reader's own login: it may read the mirrored tables and nothing else
    await admin.query(`CREATE ROLE "${role}" LOGIN`);
    await admin.query(`GRANT USAGE ON SCHEMA "${schema}" TO "${role}"`);
  }
});

afterAll(async () => {
  await Promise.all(executors.splice(0).map((e) => e.close()));
  await sim?.close();
  if (admin) {
    await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await admin.query(`DROP ROLE IF EXISTS "${role}"`);
    await admin.end();
  }
});

describeInfoLinkReaderContract('HTTP reader against the simulator’s Info-Link stand-in', () => ({
  load,
  insert,
  reader: (options = {}) =>
    createSpectrumClient({
      baseUrl: sim.url,
      companyCode: 'ABC',
      authorizationId: AUTH_ID,
      retry: { attempts: 1 },
      ...(options.pageSize === undefined ? {} : { infoLinkPageSize: options.pageSize }),
      fetch: (input, init) => {
        if (new URL(input).pathname.startsWith('/infolink/')) pages++;
        return fetch(input, init);
      },
    }),
  pageRequests: () => pages,
  // the stand-in has no per-table grants: the Info-Link login is refused outright
  deny: () => control('POST', 'faults', { service: 'infolink', kind: 'auth-failure' }),
}));

describe.skipIf(!DATABASE_URL)('SQL reader (PostgreSQL dialect) against the simulator’s mirror', () => {
  describeInfoLinkReaderContract('SQL reader against the simulator’s PostgreSQL mirror', () => ({
    load,
    insert,
    reader: (options = {}) => {
      const url = new URL(DATABASE_URL ?? '');
      url.username = role;
      url.password = '';
      const executor = createPgExecutor({ connectionString: url.toString() });
      executors.push(executor);
      const counting: SqlExecutor = {
        dialect: executor.dialect,
        query: (statement) => {
          pages++;
          return executor.query(statement);
        },
        close: () => executor.close(),
      };
      return createSqlInfoLinkReader({
        executor: counting,
        companyCode: 'ABC',
        schema,
        retry: { attempts: 1 },
        ...(options.pageSize === undefined ? {} : { pageSize: options.pageSize }),
      });
    },
    pageRequests: () => pages,
    deny: async (table) => {
      await admin?.query(`REVOKE SELECT ON "${schema}"."${table}" FROM "${role}"`);
    },
  }));
});
