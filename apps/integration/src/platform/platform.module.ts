import { type DynamicModule, Global, Module } from '@nestjs/common';
import type { Logger } from 'pino';
import type { Env } from '../config/env.js';
import type { PrismaClient } from '../generated/prisma/client.js';
import { SecretBox } from './crypto/secret-box.js';
import { createMailer, type Mailer } from './mail/mailer.js';
import { MetricsRegistry } from './metrics/metrics-registry.js';
import { ServiceLifecycle } from './runtime/lifecycle.js';
import { CLOCK, type Clock, ENV, LIFECYCLE, LOGGER, MAILER, METRICS, PRISMA, SECRET_BOX } from './tokens.js';

export interface PlatformDeps {
  env: Env;
  logger: Logger;
  prisma: PrismaClient;
  clock: Clock;
  /** Defaults to SMTP from the environment (or the log when no SMTP_URL is set). */
  mailer?: Mailer;
  /** The run state (starting, ready, stopping) and the work drained at shutdown; a new one by default. */
  lifecycle?: ServiceLifecycle;
}

/** The shared infrastructure every feature may inject: environment, logger, database, secret box, clock,
 * mailer, the service's lifecycle and its metrics registry. */
@Global()
@Module({})
export class PlatformModule {
  static register(deps: PlatformDeps): DynamicModule {
    const providers = [
      { provide: ENV, useValue: deps.env },
      { provide: LOGGER, useValue: deps.logger },
      { provide: PRISMA, useValue: deps.prisma },
      { provide: CLOCK, useValue: deps.clock },
      { provide: SECRET_BOX, useValue: new SecretBox(deps.env.ENCRYPTION_KEY) },
      { provide: MAILER, useValue: deps.mailer ?? createMailer(deps.env, deps.logger) },
      { provide: LIFECYCLE, useValue: deps.lifecycle ?? new ServiceLifecycle() },
      { provide: METRICS, useValue: new MetricsRegistry() },
    ];
    return { module: PlatformModule, providers, exports: providers.map((p) => p.provide) };
  }
}
