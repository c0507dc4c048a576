import { createHash } from 'node:crypto';
import {
  createMssqlExecutor,
  createSpectrumClient,
  createSqlInfoLinkReader,
  type InfoLinkReader,
  type InfoLinkSqlConnection,
  type RetryOptions,
  type SpectrumClient,
  type SqlExecutor,
  type SqlInfoLinkReader,
} from '@bridge/spectrum-client';
import { Inject, Injectable, type OnModuleDestroy, Optional } from '@nestjs/common';
import type { Logger } from 'pino';
import type { Env } from '../config/env.js';
import type { SecretBox } from '../platform/crypto/secret-box.js';
import { ENV, INFOLINK_SQL_EXECUTOR, LOGGER, SECRET_BOX } from '../platform/tokens.js';
import { SettingsRepository } from '../settings/settings.repository.js';
import { SpectrumCallLimiter } from './spectrum-call-limiter.js';
import type { CallLimits } from './spectrum-call-permits.repository.js';
import { ConnectionNotConfiguredError } from './spectrum-errors.js';
import { SpectrumMetrics } from './spectrum-metrics.js';

/** A Spectrum client with its Info-Link reader (the imports read Info-Link tables through it). */
export type BridgeSpectrumClient = SpectrumClient & { infoLink: InfoLinkReader };

export interface SpectrumClientCreateOptions {
  /** Overrides the client's retry policy (the connection test tries once). */
  retry?: RetryOptions;
  /** Overrides the per-attempt time-out (the connection doctor's is shorter). */
  timeoutMs?: number;
  /** Info-Link rows per page (the doctor reads one). */
  infoLinkPageSize?: number;
}

/** Provided under `SPECTRUM_CLIENT_FACTORY`; tests may override it. */
export interface SpectrumClientFactory {
  create(options?: SpectrumClientCreateOptions): Promise<BridgeSpectrumClient>;
}

/**
 * Opens the SQL executor for an Info-Link login: `mssql` (SQL Server) unless a test provides another under
 * `INFOLINK_SQL_EXECUTOR` (the PostgreSQL dialect against the simulator's mirror), with the schema to read.
 */
export type InfoLinkSqlExecutorFactory = (connection: InfoLinkSqlConnection) => {
  executor: SqlExecutor;
  schema?: string;
};

/** The decrypted connection, only ever held in memory while a client is built. */
export interface ResolvedConnection {
  baseUrl: string;
  companyCode: string;
  authorizationId: string;
  auth: { kind: 'none' | 'basic' | 'oauth'; clientId?: string; clientSecret?: string };
  /** PROD-9: PEM certificates trusted for the HTTPS server and the Info-Link SQL Server. */
  ca?: string;
  /** PROD-8: the Info-Link tables over HTTP (the stand-in) or a SQL login. */
  infoLink: { mode: 'http' } | { mode: 'sql'; connection: InfoLinkSqlConnection };
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
export class StoredSettingsSpectrumClientFactory implements SpectrumClientFactory, OnModuleDestroy {
  private openSql: { key: string; executor: SqlExecutor; schema?: string } | undefined;
  constructor(
    @Inject(SettingsRepository) private readonly settings: SettingsRepository,
    @Inject(SECRET_BOX) private readonly box: SecretBox,
    @Inject(ENV) private readonly env: Env,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(SpectrumMetrics) private readonly metrics: SpectrumMetrics,
    @Inject(SpectrumCallLimiter) private readonly limiter: SpectrumCallLimiter,
    @Optional()
    @Inject(INFOLINK_SQL_EXECUTOR)
    private readonly sqlExecutor?: InfoLinkSqlExecutorFactory | null,
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
    const il = s.infoLink;
    if (il.mode === 'sql') {
      if (!il.host) missing.push('Info-Link host');
      if (!il.database) missing.push('Info-Link database');
      if (!il.login) missing.push('Info-Link login');
      if (!il.passwordEnc) missing.push('Info-Link password');
    }
    if (missing.length > 0 || !s.serviceUrl || !s.companyCode || !s.servicePasswordEnc) {
      throw new ConnectionNotConfiguredError(missing);
    }
    return {
      ...(s.caBundle ? { ca: s.caBundle } : {}),
      infoLink:
        il.mode === 'sql' && il.host && il.database && il.login && il.passwordEnc
          ? {
              mode: 'sql',
              connection: {
                host: il.host,
                ...(il.port ? { port: il.port } : {}),
                database: il.database,
                login: il.login,
                password: this.box.open(il.passwordEnc),
                encrypt: true,
                requestTimeoutMs: this.env.SPECTRUM_TIMEOUT_MS,
                ...(s.caBundle ? { ca: s.caBundle } : {}),
              },
            }
          : { mode: 'http' },
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

  async onModuleDestroy(): Promise<void> {
    const open = this.openSql;
    this.openSql = undefined;
    await open?.executor.close();
  }

  /** PROD-8: the SQL Info-Link reader for a resolved sql-mode connection. */
  sqlReader(c: ResolvedConnection, options: SpectrumClientCreateOptions = {}): SqlInfoLinkReader | undefined {
    if (c.infoLink.mode !== 'sql') return undefined;
    // One pool per Info-Link connection, shared by every client; a changed connection closes the old pool.
    const key = createHash('sha256').update(JSON.stringify(c.infoLink.connection)).digest('hex');
    if (this.openSql?.key !== key) {
      const old = this.openSql;
      const connection = c.infoLink.connection;
      const opened = this.sqlExecutor
        ? this.sqlExecutor(connection)
        : { executor: createMssqlExecutor(connection) };
      this.openSql = { key, ...opened };
      old?.executor.close().catch(() => undefined);
    }
    const opened = this.openSql;
    return createSqlInfoLinkReader({
      executor: opened.executor,
      companyCode: c.companyCode,
      ...(opened.schema ? { schema: opened.schema } : {}),
      logger: this.logger.child({ component: 'infolink-sql' }),
      ...(options.retry ? { retry: options.retry } : {}),
    });
  }

  async create(options: SpectrumClientCreateOptions = {}): Promise<BridgeSpectrumClient> {
    return this.build(await this.resolve(), options);
  }

  /** A client for a resolved connection (TLS CA bundle, Info-Link over HTTP or SQL). */
  build(c: ResolvedConnection, options: SpectrumClientCreateOptions = {}): BridgeSpectrumClient {
    const sql = this.sqlReader(c, options);
    const client = createSpectrumClient({
      ...(c.ca ? { tls: { ca: c.ca } } : {}),
      ...(sql ? { infoLink: sql } : {}),
      ...(options.infoLinkPageSize ? { infoLinkPageSize: options.infoLinkPageSize } : {}),
      baseUrl: c.baseUrl,
      companyCode: c.companyCode,
      authorizationId: c.authorizationId,
      auth: c.auth,
      timeoutMs: options.timeoutMs ?? this.env.SPECTRUM_TIMEOUT_MS,
      logger: this.logger.child({ component: 'spectrum-client' }),
      onCall: this.metrics.onCall, // OPS-7
      gate: this.limiter.gate(c.baseUrl, c.limits),
      ...(options.retry ? { retry: options.retry } : {}),
    });
    return Object.assign(client, { infoLink: client as InfoLinkReader });
  }
}
