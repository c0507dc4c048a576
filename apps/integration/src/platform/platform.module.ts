import { type DynamicModule, Global, Module } from '@nestjs/common';
import { ClsPluginTransactional } from '@nestjs-cls/transactional';
import { ClsModule } from 'nestjs-cls';
import type { Logger } from 'pino';
import type { Env } from '../config/env.js';
import type { PrismaClient } from '../generated/prisma/client.js';
import { SecretBox } from './crypto/secret-box.js';
import { DatabaseSnapshots } from './db/database-snapshot.js';
import { prismaTransactionalAdapter } from './db/transactions.js';
import { MailCatcher } from './mail/mail-catcher.js';
import { createMailer, type Mailer } from './mail/mailer.js';
import { MetricsRegistry } from './metrics/metrics-registry.js';
import { ServiceLifecycle } from './runtime/lifecycle.js';
import {
  CLOCK,
  type Clock,
  DATABASE_SNAPSHOTS,
  ENV,
  INFOLINK_SQL_EXECUTOR,
  LIFECYCLE,
  LOGGER,
  MAIL_CATCHER,
  MAILER,
  METRICS,
  PRISMA,
  SECRET_BOX,
} from './tokens.js';

export interface PlatformDeps {
  env: Env;
  logger: Logger;
  prisma: PrismaClient;
  clock: Clock;
  /**
   * Defaults to SMTP from the environment; without SMTP_URL, the demo's mail catcher in demo mode, else the log.
   */
  mailer?: Mailer;
  /** How an Info-Link SQL executor is opened (default: mssql). Tests read the simulator's PostgreSQL mirror. */
  infoLinkSqlExecutor?: (connection: never) => unknown;
  /** The run state (starting, ready, stopping) and the work drained at shutdown; a new one by default. */
  lifecycle?: ServiceLifecycle;
}

/** The shared infrastructure every feature may inject: environment, logger, database (and its transaction host),
 * secret box, clock, mailer, the service's lifecycle and its metrics registry. */
@Global()
@Module({})
export class PlatformModule {
  static register(deps: PlatformDeps): DynamicModule {
    // the demo's mail catcher: demo mode, no SMTP server configured and no mailer given
    const catcher =
      deps.env.DEMO_MODE && !deps.env.SMTP_URL && !deps.mailer
        ? new MailCatcher(() => deps.clock.now(), deps.logger)
        : null;
    const providers = [
      { provide: ENV, useValue: deps.env },
      { provide: LOGGER, useValue: deps.logger },
      { provide: PRISMA, useValue: deps.prisma },
      { provide: CLOCK, useValue: deps.clock },
      { provide: SECRET_BOX, useValue: new SecretBox(deps.env.ENCRYPTION_KEY) },
      { provide: MAIL_CATCHER, useValue: catcher },
      { provide: MAILER, useValue: deps.mailer ?? createMailer(deps.env, deps.logger, catcher) },
      { provide: INFOLINK_SQL_EXECUTOR, useValue: deps.infoLinkSqlExecutor ?? null },
      { provide: LIFECYCLE, useValue: deps.lifecycle ?? new ServiceLifecycle() },
      { provide: METRICS, useValue: new MetricsRegistry() },
      {
        provide: DATABASE_SNAPSHOTS,
        useValue: deps.env.READ_CACHE_MB > 0 ? new DatabaseSnapshots(deps.prisma) : null,
      },
    ];
    // Transactions from context (docs/decisions.md): a CLS context per HTTP request (the middleware); the worker
    // and the schedulers open their own per run (`inOwnContext`). The plugin provides the TransactionHost the
    // repositories read the current client from, on the Prisma client above.
    const cls = ClsModule.forRoot({
      global: true,
      middleware: { mount: true },
      plugins: [new ClsPluginTransactional({ adapter: prismaTransactionalAdapter() })],
    });
    return { module: PlatformModule, imports: [cls], providers, exports: providers.map((p) => p.provide) };
  }
}
