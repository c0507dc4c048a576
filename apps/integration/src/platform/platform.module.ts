import { type DynamicModule, Global, Module } from '@nestjs/common';
import type { Logger } from 'pino';
import type { Env } from '../config/env.js';
import type { PrismaClient } from '../generated/prisma/client.js';
import { SecretBox } from './crypto/secret-box.js';
import { MailCatcher } from './mail/mail-catcher.js';
import { createMailer, type Mailer } from './mail/mailer.js';
import { CLOCK, type Clock, ENV, LOGGER, MAIL_CATCHER, MAILER, PRISMA, SECRET_BOX } from './tokens.js';

export interface PlatformDeps {
  env: Env;
  logger: Logger;
  prisma: PrismaClient;
  clock: Clock;
  /**
   * Defaults to SMTP from the environment; without SMTP_URL, the demo's mail catcher in demo mode, else the log.
   */
  mailer?: Mailer;
}

/** The shared infrastructure every feature may inject: environment, logger, database, secret box, clock. */
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
    ];
    return { module: PlatformModule, providers, exports: providers.map((p) => p.provide) };
  }
}
