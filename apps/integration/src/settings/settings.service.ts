import { parseCaBundle } from '@bridge/spectrum-client';
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { Logger } from 'pino';
import { AuditService } from '../audit/audit.service.js';
import type { Env } from '../config/env.js';
import type { SecretBox } from '../platform/crypto/secret-box.js';
import { ProblemError, unprocessable } from '../platform/http/problem.js';
import { CLOCK, type Clock, ENV, LOGGER, SECRET_BOX, SPECTRUM_CLIENT_FACTORY } from '../platform/tokens.js';
import { TransactionHost, type TxHost } from '../platform/transactions.js';
import type { SpectrumClientFactory } from '../spectrum/spectrum-client.factory.js';
import { ConnectionNotConfiguredError, describeError, scrub } from '../spectrum/spectrum-errors.js';
import {
  type AuthMode,
  type ConnectionStatus,
  type InfoLinkMode,
  type SettingsPatch,
  SettingsRepository,
  type StoredSettings,
} from './settings.repository.js';
import { openSecrets } from './settings-secrets.js';

/** PROD-8: the Info-Link connection as the API shows it (the password is write-only). */
export interface InfoLinkView {
  mode: InfoLinkMode;
  host: string | null;
  port: number | null;
  database: string | null;
  login: string | null;
  passwordSet: boolean;
}

/** PROD-9: one trusted certificate of the CA bundle, described. */
export interface CaCertificateView {
  subject: string;
  issuer: string;
  validTo: string;
  fingerprint256: string;
}

export interface InfoLinkChange {
  mode?: InfoLinkMode;
  host?: string | null;
  port?: number | null;
  database?: string | null;
  login?: string | null;
  password?: string | null;
}

/** GEN-2: what the API shows of the connection. Secrets are write-only: only whether one is set. */
export interface ConnectionSettingsView {
  serviceUrl: string | null;
  companyCode: string | null;
  serviceUser: string | null;
  authMode: AuthMode;
  servicePasswordSet: boolean;
  clientSecretSet: boolean;
  caBundle: string | null;
  caCertificates: CaCertificateView[];
  infoLink: InfoLinkView;
  connectionStatus: ConnectionStatus;
  connectionCheckedAt: string | null;
  connectionError: string | null;
  connectedAt: string | null;
  /** OPS-11: Spectrum calls in flight at once, across all instances. */
  maxConcurrentCalls: number;
  /** OPS-11: Spectrum calls started within any one second, across all instances. */
  callsPerSecond: number;
}

/** A connection change: omitted fields keep their value; `null` clears a secret or the service user. */
export interface ConnectionSettingsChange {
  serviceUrl?: string;
  companyCode?: string;
  serviceUser?: string | null;
  authMode?: AuthMode;
  servicePassword?: string | null;
  clientSecret?: string | null;
  /** PEM certificates trusted for Spectrum's servers; null removes the bundle. */
  caBundle?: string | null;
  infoLink?: InfoLinkChange;
  maxConcurrentCalls?: number;
  callsPerSecond?: number;
}

export interface ConnectionTestView {
  connectionStatus: ConnectionStatus;
  connectionCheckedAt: string | null;
  connectionError: string | null;
  connectedAt: string | null;
}

const iso = (d: Date | null) => d?.toISOString() ?? null;

const infoLinkView = (s: StoredSettings): InfoLinkView => ({
  mode: s.infoLink.mode,
  host: s.infoLink.host,
  port: s.infoLink.port,
  database: s.infoLink.database,
  login: s.infoLink.login,
  passwordSet: s.infoLink.passwordEnc !== null,
});

function caCertificates(bundle: string | null): CaCertificateView[] {
  if (!bundle) return [];
  try {
    return parseCaBundle(bundle).map((c) => ({
      subject: c.subject,
      issuer: c.issuer,
      validTo: new Date(c.validTo).toISOString(),
      fingerprint256: c.fingerprint256,
    }));
  } catch {
    return [];
  }
}

const connectionView = (s: StoredSettings): ConnectionSettingsView => ({
  serviceUrl: s.serviceUrl,
  companyCode: s.companyCode,
  serviceUser: s.serviceUser,
  authMode: s.authMode,
  servicePasswordSet: s.servicePasswordEnc !== null,
  clientSecretSet: s.clientSecretEnc !== null,
  caBundle: s.caBundle,
  caCertificates: caCertificates(s.caBundle),
  infoLink: infoLinkView(s),
  connectionStatus: s.connectionStatus,
  connectionCheckedAt: iso(s.connectionCheckedAt),
  connectionError: s.connectionError,
  connectedAt: iso(s.connectedAt),
  maxConcurrentCalls: s.spectrumMaxConcurrentCalls,
  callsPerSecond: s.spectrumCallsPerSecond,
});

/** The audited part of the connection: never a secret, only whether one is set. */
const connectionAudit = (s: StoredSettings) => ({
  serviceUrl: s.serviceUrl,
  companyCode: s.companyCode,
  serviceUser: s.serviceUser,
  authMode: s.authMode,
  servicePasswordSet: s.servicePasswordEnc !== null,
  clientSecretSet: s.clientSecretEnc !== null,
  caCertificates: caCertificates(s.caBundle).map((c) => c.fingerprint256),
  infoLink: infoLinkView(s),
  maxConcurrentCalls: s.spectrumMaxConcurrentCalls,
  callsPerSecond: s.spectrumCallsPerSecond,
});

/**
 * GEN-1 … GEN-3: the connection (secrets sealed at rest, write-only), the real connection test and the status other
 * work records when Spectrum refuses the credentials. Every change is audited with before/after; secrets never
 * reach the audit, a log line, an error or a response. General settings and the vendor type filter have their own
 * services beside this one.
 */
@Injectable()
export class SettingsService implements OnModuleInit {
  constructor(
    @Inject(TransactionHost) private readonly txHost: TxHost,
    @Inject(SettingsRepository) private readonly repo: SettingsRepository,
    @Inject(AuditService) private readonly audit: AuditService,
    @Inject(SECRET_BOX) private readonly box: SecretBox,
    @Inject(SPECTRUM_CLIENT_FACTORY) private readonly clients: SpectrumClientFactory,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(ENV) private readonly env: Env,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.repo.ensure({
      serviceUrl: this.env.SPECTRUM_URL,
      companyCode: this.env.SPECTRUM_COMPANY_CODE,
    });
  }

  async getConnection(): Promise<ConnectionSettingsView> {
    return connectionView(await this.repo.get());
  }

  async updateConnection(actorId: string, change: ConnectionSettingsChange): Promise<ConnectionSettingsView> {
    if (typeof change.caBundle === 'string') {
      try {
        parseCaBundle(change.caBundle);
      } catch (error) {
        const message = `The CA bundle ${(error as Error).message}.`;
        throw unprocessable(message, [
          { code: 'ca-bundle-invalid', rule: 'PROD-9', field: 'caBundle', message },
        ]);
      }
    }
    const { before, after } = await this.txHost.withTransaction(async () => {
      const before = await this.repo.getForUpdate();
      if (
        change.companyCode !== undefined &&
        before.companyCode !== null &&
        change.companyCode.toUpperCase() !== before.companyCode.toUpperCase() &&
        (await this.repo.hasSyncedData())
      ) {
        const message =
          `This integration is connected to Spectrum company ${before.companyCode} and has synced data; ` +
          `it cannot be connected to a second company (${change.companyCode}).`;
        throw new ProblemError(409, 'conflict', message, [
          { field: 'companyCode', rule: 'GEN-1', code: 'second-spectrum-company', message },
        ]);
      }
      const patch: SettingsPatch = {
        serviceUrl: change.serviceUrl,
        companyCode: change.companyCode?.toUpperCase(),
        serviceUser: change.serviceUser,
        authMode: change.authMode,
      };
      if (change.servicePassword !== undefined) {
        patch.servicePasswordEnc =
          change.servicePassword === null ? null : this.box.seal(change.servicePassword);
      }
      if (change.clientSecret !== undefined) {
        patch.clientSecretEnc = change.clientSecret === null ? null : this.box.seal(change.clientSecret);
      }
      if (change.caBundle !== undefined)
        patch.caBundle = change.caBundle === null ? null : change.caBundle.trim();
      const il = change.infoLink;
      if (il) {
        patch.infoLink = {
          mode: il.mode,
          host: il.host,
          port: il.port,
          database: il.database,
          login: il.login,
          ...(il.password === undefined
            ? {}
            : { passwordEnc: il.password === null ? null : this.box.seal(il.password) }),
        };
      }
      const infoLinkChanged =
        il !== undefined &&
        ((il.mode !== undefined && il.mode !== before.infoLink.mode) ||
          (il.host !== undefined && il.host !== before.infoLink.host) ||
          (il.port !== undefined && il.port !== before.infoLink.port) ||
          (il.database !== undefined && il.database !== before.infoLink.database) ||
          (il.login !== undefined && il.login !== before.infoLink.login) ||
          il.password !== undefined);
      const changed =
        (change.serviceUrl !== undefined && change.serviceUrl !== before.serviceUrl) ||
        (patch.companyCode !== undefined && patch.companyCode !== before.companyCode) ||
        (change.serviceUser !== undefined && change.serviceUser !== before.serviceUser) ||
        (change.authMode !== undefined && change.authMode !== before.authMode) ||
        change.servicePassword !== undefined ||
        change.clientSecret !== undefined ||
        (patch.caBundle !== undefined && patch.caBundle !== before.caBundle) ||
        infoLinkChanged;
      // OPS-11: the call limit applies to the next clients built (the next export batch, sync run or test); changing
      // it says nothing about whether Spectrum accepts the connection, so the status stays
      const limitsChanged =
        (change.maxConcurrentCalls !== undefined &&
          change.maxConcurrentCalls !== before.spectrumMaxConcurrentCalls) ||
        (change.callsPerSecond !== undefined && change.callsPerSecond !== before.spectrumCallsPerSecond);
      if (!changed && !limitsChanged) return { before, after: before };
      patch.spectrumMaxConcurrentCalls = change.maxConcurrentCalls;
      patch.spectrumCallsPerSecond = change.callsPerSecond;
      if (changed) {
        // The last check was about other settings: the status says so until the connection is tested again.
        patch.connectionStatus = 'not_connected';
        patch.connectionCheckedAt = null;
        patch.connectionError = 'The connection settings changed; test the connection again.';
      }
      const after = await this.repo.update(patch);
      const notes = [
        change.servicePassword !== undefined &&
          `service password ${change.servicePassword === null ? 'cleared' : 'replaced'}`,
        change.clientSecret !== undefined &&
          `client secret ${change.clientSecret === null ? 'cleared' : 'replaced'}`,
        il?.password !== undefined && `Info-Link password ${il.password === null ? 'cleared' : 'replaced'}`,
      ].filter(Boolean);
      await this.audit.record({
        actorId,
        action: 'settings.connection.update',
        itemType: 'settings',
        itemId: 'connection',
        before: connectionAudit(before),
        after: connectionAudit(after),
        note: notes.length > 0 ? notes.join('; ') : null,
      });
      return { before, after };
    });
    if (after !== before) this.logger.info({ actorId }, 'connection settings updated');
    return connectionView(after);
  }

  /** GEN-3: a real, cheap call to Spectrum with the stored settings; records status, time and Spectrum's reason. */
  async testConnection(actorId: string): Promise<ConnectionTestView> {
    const secrets = openSecrets(await this.repo.get(), this.box);
    let status: ConnectionStatus = 'not_connected';
    let error: string | null = null;
    try {
      const client = await this.clients.create({ retry: { attempts: 1 } });
      const result = await client.testConnection();
      if (result.connected) status = 'connected';
      else if (result.notSent) {
        // OPS-13: the test never reached Spectrum (no free call slot): nothing is known, nothing is recorded
        throw new ProblemError(
          503,
          'spectrum-busy',
          `The connection was not tested: ${scrub(result.reason, secrets)}. Try again in a moment.`,
          [
            {
              field: 'connection',
              rule: 'OPS-13',
              code: 'spectrum-call-limit',
              message: scrub(result.reason, secrets),
            },
          ],
        );
      } else error = scrub(result.reason, secrets);
    } catch (e) {
      if (e instanceof ProblemError) throw e;
      error = e instanceof ConnectionNotConfiguredError ? e.message : describeError(e, secrets);
    }
    const now = this.clock.now();
    const current = await this.repo.get();
    const after = await this.repo.update({
      connectionStatus: status,
      connectionCheckedAt: now,
      connectionError: error,
      ...(status === 'connected' && current.connectedAt === null ? { connectedAt: now } : {}),
    });
    this.logger.info({ actorId, connectionStatus: status, connectionError: error }, 'connection tested');
    return {
      connectionStatus: after.connectionStatus,
      connectionCheckedAt: iso(after.connectionCheckedAt),
      connectionError: after.connectionError,
      connectedAt: iso(after.connectedAt),
    };
  }

  /**
   * Spectrum refused the stored credentials during other work (a sync run, an export): the connection is Not
   * Connected from now on, with Spectrum's reason, until a successful test.
   */
  async recordAuthorizationFailure(reason: string): Promise<void> {
    const secrets = openSecrets(await this.repo.get(), this.box);
    await this.repo.update({
      connectionStatus: 'not_connected',
      connectionCheckedAt: this.clock.now(),
      connectionError: scrub(reason, secrets),
    });
    this.logger.warn(
      { connectionError: scrub(reason, secrets) },
      'Spectrum refused the credentials: Not Connected',
    );
  }
}
