import { sendJson } from '../server/http-helpers.js';
import { MAX_LOG_SIZE } from '../server/request-log.js';
import type { SimulatorApp } from '../server/simulator-app.js';
import { ControlError, type ControlRoute, json } from './routing.js';

function settings(app: SimulatorApp): Record<string, unknown> {
  const ms = app.auth.options.guidTimeoutMs;
  return {
    enhancedAuth: app.auth.options.enhanced,
    guidTimeoutHours: ms === null ? null : ms / 3600_000,
    clockOffsetMs: app.clockOffsetMs,
    now: app.now().toISOString(),
    logSize: app.log.capacity,
    logBodyBytes: app.log.bodyLimit,
  };
}

/** The simulator's settings: authentication, clock offset, and the requests log's size. */
export const SETTINGS_ROUTES: ControlRoute[] = [
  {
    method: 'GET',
    path: 'settings/:rest?',
    handle({ app, res }) {
      sendJson(res, 200, settings(app));
    },
  },
  {
    method: 'PATCH',
    path: 'settings/:rest?',
    async handle({ app, req, res }) {
      const body = (await json(req, app.options.maxRequestBytes)) as Record<string, unknown>;
      for (const k of Object.keys(body ?? {})) {
        if (!['enhancedAuth', 'guidTimeoutHours', 'clockOffsetMs', 'logSize', 'logBodyBytes'].includes(k)) {
          throw new ControlError(400, k, `unknown setting ${k}`);
        }
      }
      if (body.enhancedAuth !== undefined) {
        if (typeof body.enhancedAuth !== 'boolean')
          throw new ControlError(400, 'enhancedAuth', 'must be a boolean');
        app.auth.options.enhanced = body.enhancedAuth;
      }
      if (body.guidTimeoutHours !== undefined) {
        const v = body.guidTimeoutHours;
        if (v !== null && (typeof v !== 'number' || !(v > 0))) {
          throw new ControlError(400, 'guidTimeoutHours', 'must be a positive number or null');
        }
        app.auth.options.guidTimeoutMs = v === null ? null : (v as number) * 3600_000;
      }
      if (body.clockOffsetMs !== undefined) {
        if (typeof body.clockOffsetMs !== 'number' || !Number.isInteger(body.clockOffsetMs)) {
          throw new ControlError(400, 'clockOffsetMs', 'must be an integer');
        }
        app.clockOffsetMs = body.clockOffsetMs;
      }
      if (body.logSize !== undefined) {
        const v = body.logSize;
        if (typeof v !== 'number' || !Number.isInteger(v) || v < 1 || v > MAX_LOG_SIZE)
          throw new ControlError(400, 'logSize', `must be an integer from 1 to ${MAX_LOG_SIZE}`);
        app.log.resize(v);
      }
      if (body.logBodyBytes !== undefined) {
        const v = body.logBodyBytes;
        if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > 1024 * 1024)
          throw new ControlError(400, 'logBodyBytes', 'must be an integer from 0 to 1048576');
        app.log.bodyLimit = v;
      }
      sendJson(res, 200, settings(app));
    },
  },
];
