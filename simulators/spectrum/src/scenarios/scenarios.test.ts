import { describe, expect, it } from 'vitest';
import { SpectrumStore } from '../store/spectrum-store.js';
import * as T from '../store/table-defs.js';
import { demoScenario } from './demo.scenario.js';
import { generateScenario, generatorSizes } from './generator.scenario.js';
import { loadScenario } from './scenario.js';
import { resolveScenario } from './scenario-resolver.js';

const dump = (store: SpectrumStore) => JSON.stringify(T.ALL_TABLES.map((def) => store.select(def)));

describe('scenarios', () => {
  it('the demo scenario is deterministic and has what the integration needs', () => {
    expect(JSON.stringify(demoScenario())).toBe(JSON.stringify(demoScenario()));
    const store = new SpectrumStore();
    loadScenario(store, demoScenario());
    expect(store.count(T.jobs)).toBe(10);
    expect(store.count(T.vendors)).toBe(30);
    expect(new Set(store.select(T.vendors).map((v) => v.Type))).toEqual(
      new Set(['SUB', 'SUPPL', 'SVC', 'EQUIP']),
    );
    expect(store.count(T.phases, { Job_Number: '24-105' })).toBeGreaterThan(500);
    expect(store.get(T.jobs, { Company_Code: 'ABC', Job_Number: '99-TPL' })).toMatchObject({
      Job_Description: 'TEMPLATE',
      Division: '1',
      Cost_Center: 'NOR',
      Customer_Code: 'C100',
      Taxable_Flag: 'N',
      Price_Method_Code: 'F',
    });
    expect(store.get(T.authIds, { Authorization_ID: 'BRIDGEDEMO' })).toMatchObject({
      Client_ID: 'bridge-demo',
      Client_Secret: 'bridge-demo-secret',
    });
    // JTD dollars equal the posted job-cost transactions.
    const jtd = store
      .select(T.phases, { Job_Number: '24-101' })
      .reduce((s, p) => s + Number(p.JTD_Actual_Dollars), 0);
    const costs = store
      .select(T.jobCosts, { Job_Number: '24-101' })
      .reduce((s, c) => s + Number(c.Tran_Amount), 0);
    expect(jtd).toBe(costs);
    store.close();
  });

  it('the generator is deterministic per seed and sized as asked', () => {
    const a = new SpectrumStore();
    const b = new SpectrumStore();
    const c = new SpectrumStore();
    generateScenario(a, { seed: 3, phaseRows: 2000 });
    generateScenario(b, { seed: 3, phaseRows: 2000 });
    generateScenario(c, { seed: 4, phaseRows: 2000 });
    expect(dump(a)).toBe(dump(b));
    expect(dump(a)).not.toBe(dump(c));
    expect(generatorSizes({ seed: 1, phaseRows: 200000 })).toEqual({
      jobs: 2000,
      phasesPerJob: 25,
      costTypes: 4,
      vendors: 20000,
    });
    expect(a.count(T.phases)).toBe(2000);
    expect(a.count(T.jobs)).toBe(20);
    for (const s of [a, b, c]) s.close();
  });

  it('resolves names, generator specs and files, and refuses unknown names', () => {
    expect(typeof resolveScenario('medium')).toBe('function');
    expect(typeof resolveScenario('generated:1:100')).toBe('function');
    expect(resolveScenario('demo')).toMatchObject({ name: 'demo' });
    expect(() => resolveScenario('nope')).toThrow(/unknown scenario/);
  });
});
