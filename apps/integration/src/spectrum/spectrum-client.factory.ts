import {
  createSpectrumClient,
  type InfoLinkReader,
  type RetryOptions,
  type SpectrumClient,
} from '@bridge/spectrum-client';
import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import type { Env } from '../config/env.js';
import type { SecretBox } from '../platform/crypto/secret-box.js';
import { ENV, LOGGER, SECRET_BOX } from '../platform/tokens.js';
import { SettingsRepository } from '../settings/settings.repository.js';
import { SpectrumCallLimiter } from './spectrum-call-limiter.js';
import type { CallLimits } from './spectrum-call-permits.repository.js';
import { ConnectionNotConfiguredError } from './spectrum-errors.js';

/** A Spectrum client with its Info-Link reader (the imports read Info-Link tables through it). */
export type BridgeSpectrumClient = SpectrumClient & { infoLink: InfoLinkReader };

export interface SpectrumClientCreateOptions {
  /** Overrides the client's retry policy (the connection test tries once). */
  retry?: RetryOptions;
}

/** Provided under `SPECTRUM_CLIENT_FACTORY`; tests may override it. */
export interface SpectrumClientFactory {
  create(options?: SpectrumClientCreateOptions): Promise<BridgeSpectrumClient>;
}

/** The decrypted connection, only ever held in memory while a client is built. */
export interface ResolvedConnection {
  baseUrl: string;
  companyCode: string;
  authorizationId: string;
  auth: { kind: 'none' | 'basic' | 'oauth'; clientId?: string; clientSecret?: string };
  /** OPS-10: the call limit shared by every instance. */
  limits: CallLimits;
}

/**
 * Builds clients from the stored connection settings: opens the sealed Authorization ID and client secret, uses the
 * environment's timeout and the service logger (the client removes secrets from everything it logs). This is the one
 * place the service makes Spectrum clients, so every call they make (exports, imports and sync runs, the connection
 * test) passes the connection's shared call limit (OPS-12): the client asks the limiter before each HTTP exchange.
 */
@Injectable()
export class StoredSettingsSpectrumClientFactory implements SpectrumClientFactory {
  constructor(
    @Inject(SettingsRepository) private readonly settings: SettingsRepository,
    @Inject(SECRET_BOX) private readonly box: SecretBox,
    @Inject(ENV) private readonly env: Env,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(SpectrumCallLimiter) private readonly limiter: SpectrumCallLimiter,
  ) {}

  /** The connection from the stored settings; `ConnectionNotConfiguredError` names what is missing. */
  async resolve(): Promise<ResolvedConnection> {
    const s = await this.settings.get();
    const missing: string[] = [];
    if (!s.serviceUrl) missing.push('service URL');
    if (!s.companyCode) missing.push('company code');
    if (!s.servicePasswordEnc) missing.push('service password (Authorization ID)');
    if (s.authMode === 'oauth') {
      if (!s.serviceUser) missing.push('service user (OAuth client ID)');
      if (!s.clientSecretEnc) missing.push('client secret');
    }
    if (missing.length > 0 || !s.serviceUrl || !s.companyCode || !s.servicePasswordEnc) {
      throw new ConnectionNotConfiguredError(missing);
    }
    return {
      baseUrl: s.serviceUrl,
      companyCode: s.companyCode,
      authorizationId: this.box.open(s.servicePasswordEnc),
      auth:
        s.authMode === 'oauth'
          ? {
              kind: 'oauth',
              clientId: s.serviceUser ?? '',
              clientSecret: s.clientSecretEnc ? this.box.open(s.clientSecretEnc) : '',
            }
          : { kind: s.authMode },
      limits: { maxConcurrent: s.spectrumMaxConcurrentCalls, perSecond: s.spectrumCallsPerSecond },
    };
  }

  async create(options: SpectrumClientCreateOptions = {}): Promise<BridgeSpectrumClient> {
    const c = await this.resolve();
    const client = createSpectrumClient({
      baseUrl: c.baseUrl,
      companyCode: c.companyCode,
      authorizationId: c.authorizationId,
      auth: c.auth,
      timeoutMs: this.env.SPECTRUM_TIMEOUT_MS,
      logger: this.logger.child({ component: 'spectrum-client' }),
      gate: this.limiter.gate(c.baseUrl, c.limits),
      ...(options.retry ? { retry: options.retry } : {}),
    });
    return Object.assign(client, { infoLink: client as InfoLinkReader });
  }
}
