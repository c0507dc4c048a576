import nodemailer, { type Transporter } from 'nodemailer';
import type { Logger } from 'pino';
import type { MailCatcher } from './mail-catcher.js';

export interface MailMessage {
  to: string[];
  subject: string;
  text: string;
}

/** Outgoing mail. Sending failures are thrown (callers decide whether to retry); nothing is sent to nobody. */
export interface Mailer {
  send(message: MailMessage): Promise<void>;
}

/**
 * SMTP through nodemailer (`SMTP_URL=smtp://user:pass@host:port`, `smtps://` for TLS). The URL may be given later
 * (the demo's mail catcher picks its port when it starts); the transport is built on the first message.
 */
export class SmtpMailer implements Mailer {
  private transport: Promise<Transporter> | null = null;
  constructor(
    private readonly url: string | (() => Promise<string>),
    private readonly from: string,
    private readonly logger: Logger,
  ) {}

  async send(message: MailMessage): Promise<void> {
    if (message.to.length === 0) return;
    this.transport ??= (async () =>
      nodemailer.createTransport(typeof this.url === 'string' ? this.url : await this.url()))();
    const transport = await this.transport;
    await transport.sendMail({
      from: this.from,
      to: message.to,
      subject: message.subject,
      text: message.text,
    });
    this.logger.info({ to: message.to, subject: message.subject }, 'mail sent');
  }
}

/** Without SMTP configured, mail is written to the log instead of being sent (and says so). */
export class LogMailer implements Mailer {
  constructor(private readonly logger: Logger) {}
  async send(message: MailMessage): Promise<void> {
    if (message.to.length === 0) return;
    this.logger.warn(
      { to: message.to, subject: message.subject },
      'mail not sent: no SMTP_URL is configured; the message follows',
    );
    this.logger.info({ text: message.text }, message.subject);
  }
}

/**
 * SMTP when `SMTP_URL` is set; else, in demo mode, SMTP to the demo's in-process mail catcher (`catcher`); else the
 * log.
 */
export function createMailer(
  env: { SMTP_URL?: string | undefined; MAIL_FROM: string },
  logger: Logger,
  catcher: MailCatcher | null = null,
): Mailer {
  if (env.SMTP_URL) return new SmtpMailer(env.SMTP_URL, env.MAIL_FROM, logger);
  if (catcher) return new SmtpMailer(() => catcher.url(), env.MAIL_FROM, logger);
  return new LogMailer(logger);
}
