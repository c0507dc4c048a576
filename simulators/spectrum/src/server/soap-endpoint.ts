import type { IncomingMessage, ServerResponse } from 'node:http';
import { DEFAULT_REFUSAL, type Fault } from '../faults/fault-injector.js';
import type { ForcedReply, SoapOutcome } from '../soap/soap-dispatcher.js';
import { SERVER_FAULT_MESSAGE, soapFault, unknownServiceMessage } from '../soap/soap-envelope.writer.js';
import { delay, readBody, send, XML } from './http-helpers.js';
import type { RequestState, SimulatorApp } from './simulator-app.js';

/** SOAP 1.1 at `POST /ws/<Service>`: authentication, the faults that fire for the service, then the dispatcher. */
export async function handleSoap(
  app: SimulatorApp,
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  state: RequestState,
): Promise<void> {
  let service = path.startsWith('/ws/') ? decodeURIComponent(path.slice(4)) : '';
  if (service === '') {
    const action = String(req.headers.soapaction ?? '')
      .trim()
      .replace(/^"|"$/g, '');
    service =
      action
        .split('/')
        .filter((s) => s !== '')
        .pop() ?? '';
  }
  state.service = service;
  const authHeader = req.headers.authorization;
  const bearer = app.auth.bearer(authHeader);
  if (app.auth.options.enhanced && (bearer === 'absent' || bearer === 'invalid')) {
    state.body = await readBody(req, app.options.maxRequestBytes);
    app.authFailure(res, 401, 'A valid bearer token is required');
    return;
  }
  if (bearer === 'invalid') {
    state.body = await readBody(req, app.options.maxRequestBytes);
    app.authFailure(res, 401, 'Invalid or expired bearer token');
    return;
  }
  if (app.auth.basic(authHeader) === 'invalid') {
    state.body = await readBody(req, app.options.maxRequestBytes);
    app.authFailure(res, 401, 'Invalid Basic credentials');
    return;
  }
  const body = await readBody(req, app.options.maxRequestBytes);
  state.body = body;
  const fired = app.faults.pick(service);
  let forced: ForcedReply | undefined;
  let after: Fault | undefined;
  let crashAfter = 1;
  let refusal = DEFAULT_REFUSAL;
  for (const f of fired) {
    if (f.kind === 'latency') {
      await delay(f.ms ?? 0);
      continue;
    }
    state.fault = f.kind;
    switch (f.kind) {
      case 'http-500':
        send(res, 500, 'Internal Server Error', 'text/plain');
        return;
      case 'http-503':
        send(res, 503, 'Service Unavailable', 'text/plain');
        return;
      case 'server-fault':
        send(res, 500, soapFault('Server', SERVER_FAULT_MESSAGE), XML);
        return;
      case 'client-fault':
        // An older Spectrum release without this web service answers as for an unknown name.
        send(res, 500, soapFault('Client', unknownServiceMessage(service)), XML);
        return;
      case 'timeout':
        app.hang(res);
        return;
      case 'drop-connection':
        if (f.when === 'after') after = f;
        else {
          res.socket?.destroy();
          return;
        }
        break;
      case 'truncate':
        after = f;
        break;
      case 'crash':
        forced = 'crash';
        crashAfter = f.afterWrites ?? 1;
        break;
      case 'auth-failure':
      case 'guid-timeout':
        forced = f.kind;
        break;
      case 'refuse':
        forced = 'refuse';
        refusal = f.message ?? DEFAULT_REFUSAL;
        break;
      default:
        break;
    }
    if (forced || after) break;
  }
  const outcome: SoapOutcome = app.recordingWrites(state, () =>
    app.dispatcher.handle(service, body, forced, crashAfter, refusal),
  );
  if (outcome.refused !== undefined) state.refused = outcome.refused;
  if (outcome.rows !== undefined) state.rows = outcome.rows;
  if (after?.kind === 'drop-connection') {
    res.socket?.destroy();
    return;
  }
  if (after?.kind === 'truncate') {
    const text = outcome.body.toString();
    const cut = text.lastIndexOf('</returnData>');
    send(res, outcome.status, cut > 0 ? text.slice(0, cut) : text.slice(0, Math.floor(text.length / 2)), XML);
    return;
  }
  send(res, outcome.status, outcome.body, XML);
}
