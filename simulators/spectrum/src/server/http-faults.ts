import type { ServerResponse } from 'node:http';
import { DEFAULT_REFUSAL, type Fault } from '../faults/fault-injector.js';
import { SERVER_FAULT_MESSAGE } from '../soap/soap-envelope.writer.js';
import { delay, sendJson } from './http-helpers.js';
import type { RequestState, SimulatorApp } from './simulator-app.js';

/**
 * Applies the faults that fire for a non-SOAP call. Returns true when the call was answered (or
 * dropped) by a fault, false when it goes on, or the post-write fault when one must follow the write.
 */
export async function applyHttpFaults(
  app: SimulatorApp,
  res: ServerResponse,
  state: RequestState,
  deferAfter = false,
): Promise<boolean | Fault> {
  const fired = app.faults.pick(state.service);
  for (const f of fired) {
    if (f.kind === 'latency') {
      await delay(f.ms ?? 0);
      continue;
    }
    state.fault = f.kind;
    switch (f.kind) {
      case 'http-500':
        sendJson(res, 500, { error: 'Internal Server Error' });
        return true;
      case 'http-503':
        sendJson(res, 503, { error: 'Service Unavailable' });
        return true;
      case 'server-fault':
        sendJson(res, 500, { error: SERVER_FAULT_MESSAGE });
        return true;
      case 'auth-failure':
        sendJson(res, 401, { error: 'The web service is not Authorized' });
        return true;
      case 'refuse':
        state.refused = f.message ?? DEFAULT_REFUSAL;
        sendJson(res, 400, { error: state.refused });
        return true;
      case 'timeout':
        app.hang(res);
        return true;
      case 'drop-connection':
        if (f.when === 'after' && deferAfter) return f;
        res.socket?.destroy();
        return true;
      case 'truncate':
        if (deferAfter) return f;
        break;
      default:
        break;
    }
  }
  return false;
}
