import type { SpectrumStore } from '../store/spectrum-store.js';
import * as T from '../store/table-defs.js';
import { DEMO_AUTH_ID, DEMO_CLIENT_ID, DEMO_CLIENT_SECRET } from './demo.scenario.js';

export interface GeneratorOptions {
  /** Seed of the deterministic generator. */
  seed: number;
  /** Target number of phase × cost type rows (jobs and vendors scale with it unless given). */
  phaseRows: number;
  company?: string;
  jobs?: number;
  vendors?: number;
  costTypesPerPhase?: number;
}

function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = [
  'North',
  'South',
  'River',
  'Oak',
  'Harbor',
  'Summit',
  'Valley',
  'Metro',
  'Lake',
  'Pine',
  'Cedar',
  'Union',
];
const KINDS = [
  'Office',
  'School',
  'Clinic',
  'Warehouse',
  'Tower',
  'Bridge',
  'Plant',
  'Library',
  'Garage',
  'Hotel',
];
const COST_TYPES = ['L', 'M', 'S', 'E', 'O'];
const VENDOR_TYPES = ['SUB', 'SUPPL', 'SVC', 'EQUIP'];

/** Sizes the generator derives from a target phase-row count. */
export function generatorSizes(o: GeneratorOptions): {
  jobs: number;
  phasesPerJob: number;
  costTypes: number;
  vendors: number;
} {
  const costTypes = Math.min(5, Math.max(1, o.costTypesPerPhase ?? 4));
  const jobs = o.jobs ?? Math.max(1, Math.ceil(o.phaseRows / 100));
  const phasesPerJob = Math.max(1, Math.ceil(o.phaseRows / (jobs * costTypes)));
  const vendors = o.vendors ?? Math.max(10, Math.ceil(o.phaseRows / 10));
  return { jobs, phasesPerJob, costTypes, vendors };
}

/**
 * Fills the store with a large deterministic company (same seed → same data): jobs, phases × cost
 * types with estimates and job-to-date values, vendors of several types, a customer per 50 jobs.
 */
export function generateScenario(store: SpectrumStore, o: GeneratorOptions): void {
  const company = o.company ?? 'GEN';
  const rnd = prng(o.seed);
  const pick = <V>(list: readonly V[]): V => list[Math.floor(rnd() * list.length)] as V;
  const { jobs, phasesPerJob, costTypes, vendors } = generatorSizes(o);
  store.write(() => {
    for (const def of T.ALL_TABLES) store.db.exec(`DELETE FROM ${def.table}`);
    store.db.exec('DELETE FROM meta');
    store.insert(T.companies, { Company_Code: company, Company_Name: `Generated ${o.seed}` });
    store.insert(T.authIds, {
      Authorization_ID: DEMO_AUTH_ID,
      Company_Codes: company,
      Services: '*',
      Operator: 'BRG',
      Client_ID: DEMO_CLIENT_ID,
      Client_Secret: DEMO_CLIENT_SECRET,
      Status_Code: 'A',
    });
    COST_TYPES.forEach((ct, i) => {
      store.insert(T.costTypes, {
        Company_Code: company,
        Cost_Type: ct,
        Description: `Cost type ${ct}`,
        GL_Account: String(5000 + i * 100),
      });
    });
    const customers = Math.max(1, Math.ceil(jobs / 50));
    for (let c = 0; c < customers; c++) {
      store.insert(T.customers, {
        Company_Code: company,
        Customer_Code: `C${String(c + 1).padStart(5, '0')}`,
        Name: `${pick(WORDS)} ${pick(KINDS)} Owner ${c + 1}`,
        Terms_Code: 'A',
        Sales_Tax_Code: 'ST',
        Status: 'A',
      });
    }
    for (let p = 0; p < phasesPerJob; p++) {
      store.insert(T.standardPhases, {
        Company_Code: company,
        Phase_Code: String(10000 + p * 100).padStart(6, '0'),
        Description: `Standard phase ${p + 1}`,
        Phase_Category: 'GEN',
      });
    }
    for (let j = 0; j < jobs; j++) {
      const jobNumber = `${20 + (j % 6)}-${String(j + 1).padStart(5, '0')}`;
      const status = rnd() < 0.1 ? 'C' : rnd() < 0.1 ? 'I' : 'A';
      store.insert(T.jobs, {
        Company_Code: company,
        Job_Number: jobNumber,
        Job_Description: `${pick(WORDS)} ${pick(KINDS)} ${j + 1}`,
        Division: String(1 + (j % 5)),
        Status_Code: status,
        Customer_Code: `C${String((j % customers) + 1).padStart(5, '0')}`,
        Price_Method_Code: pick(['F', 'T', 'C', 'U']),
        Taxable_Flag: 'N',
        Cost_Center: pick(['NOR', 'SOU', 'EST', 'WST']),
        Phase_Display_Code: 'XXX-XXX',
        Project_Manager: pick(['JSMITH', 'MJONES', 'AKHAN', 'LNGUYEN']),
        Create_Date: '2024-01-02',
      });
      for (let p = 0; p < phasesPerJob; p++) {
        const phase = String(10000 + p * 100).padStart(6, '0');
        for (let c = 0; c < costTypes; c++) {
          const est = Math.floor(rnd() * 50_000_00);
          store.insert(T.phases, {
            Company_Code: company,
            Job_Number: jobNumber,
            Phase_Code: phase,
            Cost_Type: COST_TYPES[c] ?? 'L',
            Description: `Standard phase ${p + 1}`,
            Status_Code: status === 'C' ? 'C' : 'A',
            Unit_of_Measure: 'LS',
            Original_Est_Cost: est,
            Current_Est_Cost: est,
            JTD_Actual_Dollars: Math.floor(est * rnd()),
          });
        }
      }
    }
    for (let v = 0; v < vendors; v++) {
      const type = pick(VENDOR_TYPES);
      store.insert(T.vendors, {
        Company_Code: company,
        Vendor_Code: `V${String(v + 1).padStart(6, '0')}`,
        Vendor_Name: `${pick(WORDS)} ${type} ${v + 1}`,
        Alpha_Sort: `V${String(v + 1).padStart(5, '0')}`.slice(0, 6),
        Type: type,
        Status: rnd() < 0.1 ? 'I' : 'A',
        Terms_Code: 'A',
        Terms_Days: 30,
        Phone: `555${String(1000000 + v).slice(-7)}`,
        Fax_Phone: rnd() < 0.3 ? `556${String(1000000 + v).slice(-7)}` : '',
      });
    }
    store.setMeta('scenario', `generated:${o.seed}:${o.phaseRows}`);
  });
}
