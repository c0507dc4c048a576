import { z } from 'zod';
import { SpectrumAuthError, SpectrumParseError } from '../errors.js';
import { sendOnce, statusError, type TransportDeps } from '../transport/http-transport.js';

export type AuthKind = 'none' | 'basic' | 'oauth';

export interface AuthOptions {
  kind: AuthKind;
  clientId?: string;
  clientSecret?: string;
}

/** Produces the HTTP Authorization header for a request. */
export interface AuthProvider {
  readonly kind: AuthKind;
  /** Header for SOAP calls (`undefined` = none). */
  soapHeader(signal?: AbortSignal): Promise<string | undefined>;
  /** Header for REST and Info-Link calls, which always need one. */
  restHeader(signal?: AbortSignal): Promise<string>;
  /** Forget a cached token after the server refused it. */
  invalidate(): void;
}

export function basicHeader(companyCode: string, authorizationId: string): string {
  return `Basic ${Buffer.from(`${companyCode}:${authorizationId}`, 'utf8').toString('base64')}`;
}

const TOKEN_REPLY = z.object({
  access_token: z.string().min(1),
  expires_in: z.coerce.number().positive(),
  token_type: z.string().optional(),
});

interface OAuthConfig {
  baseUrl: string;
  companyCode: string;
  authorizationId: string;
  clientId: string;
  clientSecret: string;
  now: () => number;
  deps: TransportDeps;
  onToken: (token: string) => void;
}

/**
 * OAuth2 client credentials (Spectrum "Enhanced Authentication"): the token is cached and refreshed
 * before it expires (10% of its lifetime or 60 s early, whichever is less); concurrent callers share one
 * token request.
 */
class OAuthProvider implements AuthProvider {
  readonly kind = 'oauth' as const;
  private token: { value: string; refreshAt: number } | undefined;
  private pending: Promise<string> | undefined;

  constructor(private readonly config: OAuthConfig) {}

  soapHeader(signal?: AbortSignal): Promise<string> {
    return this.restHeader(signal);
  }

  async restHeader(signal?: AbortSignal): Promise<string> {
    return `Bearer ${await this.accessToken(signal)}`;
  }

  invalidate(): void {
    this.token = undefined;
  }

  private accessToken(signal?: AbortSignal): Promise<string> {
    if (this.token && this.config.now() < this.token.refreshAt) return Promise.resolve(this.token.value);
    this.pending ??= this.fetchToken(signal).finally(() => {
      this.pending = undefined;
    });
    return this.pending;
  }

  private async fetchToken(signal?: AbortSignal): Promise<string> {
    const { deps } = this.config;
    const body = new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: this.config.clientId,
      client_secret: this.config.clientSecret,
      scope: 'spectrumapi',
    });
    const reply = await sendOnce(
      deps,
      `${this.config.baseUrl}/connect/token`,
      {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
        body: body.toString(),
      },
      { operation: 'connect/token', signal },
    );
    if (reply.status === 400 || reply.status === 401 || reply.status === 403) {
      let reason = '';
      try {
        const parsed = JSON.parse(reply.text) as { error?: unknown };
        reason = typeof parsed.error === 'string' ? parsed.error : '';
      } catch {
        reason = '';
      }
      throw new SpectrumAuthError(
        `Spectrum refused the OAuth client credentials (HTTP ${reply.status}${reason ? `, ${reason}` : ''})`,
        { service: 'connect/token', status: reply.status, ...(reason ? { code: reason } : {}) },
      );
    }
    if (reply.status < 200 || reply.status >= 300) throw statusError('connect/token', reply.status, '');
    let json: unknown;
    try {
      json = JSON.parse(reply.text);
    } catch {
      throw new SpectrumParseError('connect/token: the token reply is not JSON', {
        service: 'connect/token',
      });
    }
    const parsed = TOKEN_REPLY.safeParse(json);
    if (!parsed.success) {
      throw new SpectrumParseError('connect/token: the token reply has no access_token/expires_in', {
        service: 'connect/token',
      });
    }
    const lifetimeMs = parsed.data.expires_in * 1000;
    const early = Math.min(60_000, lifetimeMs / 10);
    this.config.onToken(parsed.data.access_token);
    this.token = { value: parsed.data.access_token, refreshAt: this.config.now() + lifetimeMs - early };
    deps.logger.debug({ expiresInS: parsed.data.expires_in }, 'spectrum oauth token obtained');
    return parsed.data.access_token;
  }
}

export function createAuthProvider(
  options: AuthOptions | undefined,
  config: Omit<OAuthConfig, 'clientId' | 'clientSecret'>,
): AuthProvider {
  const basic = basicHeader(config.companyCode, config.authorizationId);
  const kind = options?.kind ?? 'basic';
  if (kind === 'oauth') {
    if (!options?.clientId || !options.clientSecret) {
      throw new TypeError('auth.kind "oauth" needs clientId and clientSecret');
    }
    return new OAuthProvider({ ...config, clientId: options.clientId, clientSecret: options.clientSecret });
  }
  return {
    kind,
    soapHeader: async () => (kind === 'basic' ? basic : undefined),
    restHeader: async () => basic,
    invalidate: () => {},
  };
}
