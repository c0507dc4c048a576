import type { IncomingMessage, ServerResponse } from 'node:http';
import { readBody, sendJson } from './http-helpers.js';
import type { RequestState, SimulatorApp } from './simulator-app.js';

/** OAuth2 client credentials at `POST /connect/token` (enhanced authorization). */
export async function handleToken(
  app: SimulatorApp,
  req: IncomingMessage,
  res: ServerResponse,
  state: RequestState,
): Promise<void> {
  state.body = await readBody(req, app.options.maxRequestBytes);
  const form = new URLSearchParams(state.body);
  if (form.get('grant_type') !== 'client_credentials') {
    sendJson(res, 400, { error: 'unsupported_grant_type' });
    return;
  }
  const scope = form.get('scope') ?? '';
  if (scope !== 'spectrumapi') {
    sendJson(res, 400, { error: 'invalid_scope' });
    return;
  }
  const issued = app.auth.issueToken(form.get('client_id') ?? '', form.get('client_secret') ?? '');
  if (!issued) {
    sendJson(res, 400, { error: 'invalid_client' });
    return;
  }
  sendJson(res, 200, {
    access_token: issued.accessToken,
    expires_in: issued.expiresIn,
    token_type: 'Bearer',
    scope: 'spectrumapi',
  });
}
