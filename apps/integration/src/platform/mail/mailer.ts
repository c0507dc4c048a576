import nodemailer, { type Transporter } from 'nodemailer';
import type { Logger } from 'pino';

export interface MailMessage {
  to: string[];
  subject: string;
  text: string;
}

/** Outgoing mail. Sending failures are thrown (callers decide whether to retry); nothing is sent to nobody. */
export interface Mailer {
  send(message: MailMessage): Promise<void>;
}

/** SMTP through nodemailer (`SMTP_URL=smtp://user:pass@host:port`, `smtps://` for TLS). */
export class SmtpMailer implements Mailer {
  private readonly transport: Transporter;
  constructor(
    url: string,
    private readonly from: string,
    private readonly logger: Logger,
  ) {
    this.transport = nodemailer.createTransport(url);
  }

  async send(message: MailMessage): Promise<void> {
    if (message.to.length === 0) return;
    await this.transport.sendMail({
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

export function createMailer(
  env: { SMTP_URL?: string | undefined; MAIL_FROM: string },
  logger: Logger,
): Mailer {
  return env.SMTP_URL ? new SmtpMailer(env.SMTP_URL, env.MAIL_FROM, logger) : new LogMailer(logger);
}
