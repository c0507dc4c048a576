import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { createSpectrumClient, type SpectrumClientOptions } from '../client.js';
import { createSpectrumHandlers, type SpectrumMockData } from '../mocks/index.js';

export const BASE_URL = 'http://127.0.0.1:8482';
export const AUTH_ID = 'apxSECRET42';

export interface Captured {
  url: string;
  method: string;
  headers: Headers;
  body: string;
}

/** One msw server per test file, `onUnhandledRequest: 'error'`, capturing every request. */
export function useMockSpectrum() {
  const server = setupServer();
  const captured: Captured[] = [];
  server.events.on('request:start', async ({ request }) => {
    captured.push({
      url: request.url,
      method: request.method,
      headers: request.headers,
      body: request.method === 'GET' ? '' : await request.clone().text(),
    });
  });
  beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
  afterEach(() => {
    server.resetHandlers();
    captured.length = 0;
  });
  afterAll(() => server.close());
  return {
    server,
    captured,
    data(data?: SpectrumMockData) {
      server.use(...createSpectrumHandlers(BASE_URL, data));
    },
    client(options: Partial<SpectrumClientOptions> = {}) {
      return createSpectrumClient({
        baseUrl: BASE_URL,
        companyCode: 'ABC',
        authorizationId: AUTH_ID,
        random: () => 0,
        ...options,
      });
    },
  };
}

export function paramOf(body: string, name: string): string | undefined {
  const m = new RegExp(`<${name}>([^<]*)</${name}>`).exec(body);
  return m ? m[1] : undefined;
}
