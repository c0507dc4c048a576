import { existsSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SpectrumStore } from '../store/spectrum-store.js';
import { demoScenario } from './demo.scenario.js';
import { type GeneratorOptions, generateScenario } from './generator.scenario.js';
import { checkScenario, type ScenarioSpec } from './scenario.js';

/** The package's `scenarios/` folder (beside `src/` and `dist/`). */
export const SCENARIO_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../scenarios');

/** Checks a generator spec (`{ seed, phaseRows, jobs?, vendors?, costTypesPerPhase?, company? }`). */
export function checkGenerator(input: unknown): GeneratorOptions {
  const g = (input ?? {}) as Record<string, unknown>;
  const seed = g.seed ?? 1;
  const phaseRows = g.phaseRows;
  if (typeof seed !== 'number' || !Number.isInteger(seed))
    throw new Error('generator.seed must be an integer');
  if (typeof phaseRows !== 'number' || !Number.isInteger(phaseRows) || phaseRows < 1) {
    throw new Error('generator.phaseRows must be a positive integer');
  }
  const out: GeneratorOptions = { seed, phaseRows };
  for (const k of ['jobs', 'vendors', 'costTypesPerPhase'] as const) {
    const v = g[k];
    if (v !== undefined) {
      if (typeof v !== 'number' || !Number.isInteger(v) || v < 1)
        throw new Error(`generator.${k} must be a positive integer`);
      out[k] = v;
    }
  }
  if (g.company !== undefined) {
    if (typeof g.company !== 'string' || !/^[A-Z0-9]{1,3}$/.test(g.company))
      throw new Error('generator.company must be 1-3 uppercase characters');
    out.company = g.company;
  }
  return out;
}

/**
 * A scenario by name: `demo`; `generated:<seed>:<phaseRows>`; a JSON file in `scenarios/` (`large`
 * → scenarios/large.json) or at a path. A file holds either `{name, data}` or `{name, generator}`.
 */
export function resolveScenario(name: string): ScenarioSpec | ((store: SpectrumStore) => void) {
  if (name === 'demo') return demoScenario();
  const gen = /^generated:(\d+):(\d+)$/.exec(name);
  if (gen) {
    const options = { seed: Number(gen[1]), phaseRows: Number(gen[2]) };
    return (store) => generateScenario(store, options);
  }
  const candidates =
    isAbsolute(name) || name.includes('/') ? [resolve(name)] : [join(SCENARIO_DIR, `${name}.json`)];
  const file = candidates.find((f) => existsSync(f));
  if (!file) throw new Error(`unknown scenario ${name}`);
  const content = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  if (content.generator !== undefined) {
    const options = checkGenerator(content.generator);
    return (store) => generateScenario(store, options);
  }
  return checkScenario(content);
}
