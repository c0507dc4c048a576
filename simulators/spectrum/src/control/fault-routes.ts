import { checkFaultSpec, FAULT_KINDS } from '../faults/fault-injector.js';
import { sendJson } from '../server/http-helpers.js';
import { FAULT_PRESETS } from './fault-presets.js';
import { ControlError, type ControlRoute, json } from './routing.js';

/** Armed faults: list, arm, clear, remove one; the console's options and presets. */
export const FAULT_ROUTES: ControlRoute[] = [
  {
    method: 'GET',
    path: 'faults/options',
    handle({ app, res }) {
      sendJson(res, 200, {
        services: ['*', ...app.services.keys(), 'vendors', 'scheduleofvalues', 'infolink', 'token'],
        kinds: FAULT_KINDS,
      });
    },
  },
  {
    method: 'GET',
    path: 'faults/:rest?',
    handle({ app, res }) {
      sendJson(res, 200, app.faults.list());
    },
  },
  {
    method: 'POST',
    path: 'faults/:rest?',
    async handle({ app, req, res }) {
      const body = await json(req, app.options.maxRequestBytes);
      const specs = (Array.isArray(body) ? body : [body]).map((s) => checkFaultSpec(s));
      sendJson(
        res,
        201,
        specs.map((s) => app.faults.add(s)),
      );
    },
  },
  {
    method: 'DELETE',
    path: 'faults',
    handle({ app, res }) {
      app.faults.clear();
      sendJson(res, 200, { cleared: true });
    },
  },
  {
    method: 'DELETE',
    path: 'faults/:id',
    handle({ app, res, params: { id } }) {
      const n = Number(id);
      if (!/^\d+$/.test(id ?? '') || !app.faults.remove(n))
        throw new ControlError(404, 'id', `no armed fault with id ${id}`);
      sendJson(res, 200, { cleared: n });
    },
  },
  {
    method: 'GET',
    path: 'fault-presets',
    handle({ res }) {
      sendJson(res, 200, FAULT_PRESETS);
    },
  },
  {
    method: 'POST',
    path: 'fault-presets/:name',
    handle({ app, res, params: { name } }) {
      const preset = FAULT_PRESETS.find((p) => p.name === name);
      if (!preset) throw new ControlError(404, 'name', `unknown fault preset ${name}`);
      sendJson(
        res,
        201,
        preset.faults.map((f) => app.faults.add(f)),
      );
    },
  },
];
