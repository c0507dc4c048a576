export { controlClient } from './control/control-client.js';
export { FAULT_KINDS, type FaultKind, type FaultSpec } from './faults/fault-injector.js';
export {
  DEMO_AUTH_ID,
  DEMO_CLIENT_ID,
  DEMO_CLIENT_SECRET,
  DEMO_COMPANY,
  demoScenario,
} from './scenarios/demo.scenario.js';
export { type GeneratorOptions, generateScenario } from './scenarios/generator.scenario.js';
export type { ScenarioSpec } from './scenarios/scenario.js';
export { type RunningSimulator, type SimulatorOptions, startSimulator } from './simulator.js';
export { PgMirror, type PgMirrorOptions } from './store/pg-mirror.js';
export { SpectrumStore } from './store/spectrum-store.js';
export { TABLES_BY_INFOLINK } from './store/table-defs.js';
