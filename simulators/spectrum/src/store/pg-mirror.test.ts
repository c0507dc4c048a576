import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type RunningSimulator, startSimulator } from '../simulator.js';
import { callPut, putRows } from '../test-support/soap-test-client.js';

/** The PostgreSQL server the mirror tests use (.ci/run sets TEST_DATABASE_URL; without it they are skipped). */
const DATABASE_URL = process.env.TEST_DATABASE_URL;
const skip = !DATABASE_URL;

async function standIn(sim: RunningSimulator, table: string, query = ''): Promise<Record<string, unknown>[]> {
  const auth = `Basic ${Buffer.from('ABC:BRIDGEDEMO').toString('base64')}`;
  const res = await fetch(`${sim.url}/infolink/${table}?Company_Code=ABC&limit=5000${query}`, {
    headers: { Authorization: auth },
  });
  return ((await res.json()) as { rows: Record<string, unknown>[] }).rows;
}

describe.skipIf(skip)('the simulator’s PostgreSQL mirror of its Info-Link tables (PROD-7)', () => {
  let admin: pg.Client;
  const schemas: string[] = [];
  let sim: RunningSimulator | undefined;

  beforeAll(async () => {
    admin = new pg.Client({ connectionString: DATABASE_URL });
    await admin.connect();
  });
  afterEach(async () => {
    await sim?.close();
    sim = undefined;
  });
  afterAll(async () => {
    for (const s of schemas) await admin.query(`DROP SCHEMA IF EXISTS "${s}" CASCADE`);
    await admin.end();
  });

  const start = async () => {
    const schema = `sim_mirror_${randomUUID().slice(0, 8)}`;
    schemas.push(schema);
    sim = await startSimulator({
      scenario: 'demo',
      control: true,
      pgMirror: { connectionString: DATABASE_URL ?? '', schema },
    });
    return { sim, schema };
  };

  /** The mirror's rows in the stand-in's JSON form (decimal text, ISO dates), in key order. */
  const mirrored = async (schema: string, table: string, keys: string[]) => {
    const cols = await admin.query<{ column_name: string; data_type: string }>(
      'SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = $1 AND table_name = $2 ORDER BY ordinal_position',
      [schema, table],
    );
    const select = cols.rows
      .map((c) =>
        c.data_type === 'numeric'
          ? `CAST("${c.column_name}" AS text) AS "${c.column_name}"`
          : c.data_type === 'date'
            ? `to_char("${c.column_name}", 'YYYY-MM-DD') AS "${c.column_name}"`
            : `"${c.column_name}"`,
      )
      .join(', ');
    const r = await admin.query(
      `SELECT ${select} FROM "${schema}"."${table}" WHERE "Company_Code" = 'ABC' ORDER BY ${keys.map((k) => `"${k}"`).join(', ')}`,
    );
    return r.rows as Record<string, unknown>[];
  };

  it('PROD-7 holds every Info-Link table with the same table and column names and the stand-in’s rows', async () => {
    const { sim, schema } = await start();
    const tables = await admin.query<{ table_name: string }>(
      'SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY table_name',
      [schema],
    );
    expect(tables.rows.map((r) => r.table_name)).toEqual([
      'CR_BID_ITEM_DES_MC',
      'CR_CHNG_REQ_CON_DET_MC',
      'CR_CHNG_REQ_HDR_MC',
      'CR_CHNG_REQ_REV_MC',
      'CR_CONTRACT_MASTER_MC',
      'JC_COST_TYPE_MASTER_MC',
      'JC_JOB_MASTER_MC',
      'JC_PHASE_MASTER_MC',
      'JC_STD_PHASE_DESCRIPTION_MC',
      'JC_TRANSACTION_HISTORY_MC',
      'VN_SUBCONTRACT_MC',
      'VN_SUBCONTRACT_PHASE_MC',
      'VN_VENDOR_MASTER_MC',
    ]);
    expect(await mirrored(schema, 'VN_VENDOR_MASTER_MC', ['Company_Code', 'Vendor_Code'])).toEqual(
      await standIn(sim, 'VN_VENDOR_MASTER_MC'),
    );
    expect(
      await mirrored(schema, 'JC_PHASE_MASTER_MC', ['Company_Code', 'Job_Number', 'Phase_Code', 'Cost_Type']),
    ).toEqual(await standIn(sim, 'JC_PHASE_MASTER_MC'));
  });

  it('PROD-7 a Put, a control-API change and a delete are in the mirror when their reply arrives', async () => {
    const { sim, schema } = await start();
    const reply = await callPut(sim.url, 'AddPhase', {
      Company_Code: 'ABC',
      Job_Number: '24-101',
      Phase_Code: '033500',
      Cost_Type: 'L',
      Description: 'Concrete Finishing',
      Price_Method_Code: 'J',
      Original_Est_Cost: '12500.00',
    });
    expect(putRows(reply.body)).toEqual([]);
    const phase = await admin.query(
      `SELECT "Description", CAST("Original_Est_Cost" AS text) AS cost FROM "${schema}"."JC_PHASE_MASTER_MC" WHERE "Job_Number" = '24-101' AND "Phase_Code" = '033500'`,
    );
    expect(phase.rows).toEqual([{ Description: 'Concrete Finishing', cost: '12500.00' }]);

    const key = { Company_Code: 'ABC', Vendor_Code: 'ACMEEL' };
    const patch = await fetch(`${sim.url}/__sim/state/vendors`, {
      method: 'PATCH',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ key, set: { Vendor_Name: 'Acme Electric Renamed' } }),
    });
    expect(patch.status).toBe(200);
    const vendor = await admin.query(
      `SELECT "Vendor_Name" FROM "${schema}"."VN_VENDOR_MASTER_MC" WHERE "Vendor_Code" = 'ACMEEL'`,
    );
    expect(vendor.rows).toEqual([{ Vendor_Name: 'Acme Electric Renamed' }]);

    const del = await fetch(`${sim.url}/__sim/state/vendors`, {
      method: 'DELETE',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ key }),
    });
    expect(del.status).toBeLessThan(300);
    const gone = await admin.query(
      `SELECT count(*)::int AS n FROM "${schema}"."VN_VENDOR_MASTER_MC" WHERE "Vendor_Code" = 'ACMEEL'`,
    );
    expect(gone.rows[0]).toEqual({ n: 0 });
  });

  it('PROD-7 loading another scenario replaces the mirror’s rows whole', async () => {
    const { sim, schema } = await start();
    const res = await fetch(`${sim.url}/__sim/scenario`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        spec: { name: 'tiny', data: { companies: [{ Company_Code: 'ABC', Company_Name: 'ABC' }] } },
      }),
    });
    expect(res.status).toBe(200);
    const n = await admin.query(`SELECT count(*)::int AS n FROM "${schema}"."JC_JOB_MASTER_MC"`);
    expect(n.rows[0]).toEqual({ n: 0 });
  });
});
