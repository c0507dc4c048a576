import { Controller, Get, Inject, Param } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequirePermission } from '../auth/permission.guard.js';
import { notFound } from '../platform/http/problem.js';
import { ApiProblems, ZodResponse } from '../platform/http/zod.js';
import type { MailCatcher } from '../platform/mail/mail-catcher.js';
import { MAIL_CATCHER } from '../platform/tokens.js';
import { caughtMailListSchema, caughtMailSchema } from './mail.schemas.js';

/**
 * GEN-7: the mail the demo's in-process SMTP server caught (the COM-3 rejection mails, the APP-5 daily summary), so a
 * person can read what the service sent without a mail server. Admins only, like the audit log.
 */
@ApiTags('mail')
@Controller('mail/messages')
export class MailController {
  constructor(@Inject(MAIL_CATCHER) private readonly catcher: MailCatcher | null) {}

  @Get()
  @RequirePermission('settings.view')
  @ApiOperation({
    operationId: 'listCaughtMail',
    summary:
      "The mail the demo's mail catcher received, newest first (GEN-7); outside the demo, says where mail goes",
  })
  @ZodResponse(200, caughtMailListSchema)
  list() {
    if (!this.catcher)
      return {
        enabled: false,
        note: 'Mail is sent to the SMTP server of SMTP_URL (or written to the log without one); the mail catcher runs only in demo mode without SMTP_URL.',
        items: [],
      };
    return {
      enabled: true,
      note: 'Demo mode: the service sends its mail over SMTP to a mail catcher in its own process; nothing leaves this machine.',
      items: this.catcher.list().map(({ text: _text, ...summary }) => summary),
    };
  }

  @Get(':id')
  @RequirePermission('settings.view')
  @ApiOperation({
    operationId: 'getCaughtMail',
    summary: 'One message the demo mail catcher received, with its text (GEN-7)',
  })
  @ZodResponse(200, caughtMailSchema)
  @ApiProblems(404)
  get(@Param('id') id: string) {
    const mail = this.catcher?.get(id);
    if (!mail) throw notFound('Caught mail', id);
    return mail;
  }
}
