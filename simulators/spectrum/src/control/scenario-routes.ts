import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateScenario } from '../scenarios/generator.scenario.js';
import { checkScenario } from '../scenarios/scenario.js';
import { checkGenerator, SCENARIO_DIR } from '../scenarios/scenario-resolver.js';
import { readBody, sendJson } from '../server/http-helpers.js';
import type { SimulatorApp } from '../server/simulator-app.js';
import { RowInputError } from '../store/row-codec.js';
import { ControlError, type ControlRoute, json } from './routing.js';
import { streamStore } from './store-file.js';

/** Largest store file `PUT /__sim/store` takes (the large company's download is about 160 MB). */
export const MAX_STORE_FILE_BYTES = 512 * 1024 * 1024;

function startName(app: SimulatorApp): string {
  return typeof app.startScenario === 'string' ? app.startScenario : app.startScenario.name;
}

function scenarioList(app: SimulatorApp): { name: string; description: string }[] {
  const out = [
    {
      name: 'demo',
      description:
        'Demo company ABC "ABC Builders Inc": 10 jobs, 30 vendors, a subcontract, contracts and change requests.',
    },
  ];
  if (existsSync(SCENARIO_DIR)) {
    for (const file of readdirSync(SCENARIO_DIR).sort()) {
      if (!file.endsWith('.json')) continue;
      let description = '';
      try {
        const content = JSON.parse(readFileSync(join(SCENARIO_DIR, file), 'utf8')) as {
          description?: unknown;
        };
        description = typeof content.description === 'string' ? content.description : '';
      } catch {
        description = '(unreadable file)';
      }
      out.push({ name: file.slice(0, -'.json'.length), description });
    }
  }
  const start = startName(app);
  if (!out.some((s) => s.name === start))
    out.push({ name: start, description: 'The scenario the simulator started with.' });
  return out;
}

/** Scenarios (reset, load by name, spec or generator, list) and the whole store as a file. */
export const SCENARIO_ROUTES: ControlRoute[] = [
  {
    method: 'POST',
    path: 'reset/:rest?',
    handle({ app, res }) {
      app.faults.clear();
      app.log.clear();
      app.traffic.reset();
      app.clockOffsetMs = 0;
      const name = app.loadScenario(app.startScenario);
      sendJson(res, 200, { scenario: name });
    },
  },
  {
    method: 'POST',
    path: 'scenario/:rest?',
    async handle({ app, req, res }) {
      const body = (await json(req, app.options.maxRequestBytes)) as Record<string, unknown>;
      let name: string;
      if (body.generator !== undefined) {
        let options: ReturnType<typeof checkGenerator>;
        try {
          options = checkGenerator(body.generator);
        } catch (error) {
          const field = /generator\.\w+/.exec((error as Error).message)?.[0] ?? 'generator';
          throw new ControlError(400, field, (error as Error).message);
        }
        if (options.phaseRows > 1_000_000)
          throw new ControlError(400, 'generator.phaseRows', 'generator.phaseRows must be at most 1,000,000');
        name = app.loadScenario((store) => generateScenario(store, options));
      } else if (typeof body.name === 'string' && body.spec === undefined) {
        try {
          name = app.loadScenario(body.name);
        } catch (error) {
          if (error instanceof RowInputError) throw error;
          throw new ControlError(400, 'name', (error as Error).message);
        }
      } else if (body.spec !== undefined) name = app.loadScenario(checkScenario(body.spec));
      else throw new ControlError(400, 'name', 'give a scenario name or spec');
      sendJson(res, 200, { scenario: name });
    },
  },
  {
    method: 'GET',
    path: 'scenarios',
    handle({ app, res }) {
      sendJson(res, 200, {
        current: app.store.getMeta('scenario') ?? '',
        start: startName(app),
        available: scenarioList(app),
      });
    },
  },
  {
    method: 'GET',
    path: 'store',
    async handle({ app, res }) {
      await streamStore(app.store, res, app.store.getMeta('scenario') ?? 'store');
    },
  },
  {
    method: 'PUT',
    path: 'store',
    async handle({ app, req, res }) {
      const text = await readBody(req, Math.max(app.options.maxRequestBytes, MAX_STORE_FILE_BYTES));
      let spec: unknown;
      try {
        spec = JSON.parse(text) as unknown;
      } catch {
        throw new ControlError(400, 'body', 'the store file is not valid JSON');
      }
      const name = app.loadScenario(checkScenario(spec));
      sendJson(res, 200, { scenario: name });
    },
  },
];
