import { Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import type { MailCatcher } from '../platform/mail/mail-catcher.js';
import { MAIL_CATCHER } from '../platform/tokens.js';
import { MailController } from './mail.controller.js';

/** GEN-7: the demo mail catcher's messages over the API; the catcher stops with the service. */
@Module({ controllers: [MailController] })
export class MailModule implements OnApplicationShutdown {
  constructor(@Inject(MAIL_CATCHER) private readonly catcher: MailCatcher | null) {}

  async onApplicationShutdown(): Promise<void> {
    await this.catcher?.close();
  }
}
