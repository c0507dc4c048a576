import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import type { Logger } from 'pino';
import { SMTPServer } from 'smtp-server';

/** One message the demo's mail catcher received. */
export interface CaughtMail {
  id: string;
  receivedAt: string;
  from: string;
  to: string[];
  subject: string;
  text: string;
}

/** Largest message the catcher takes (the service's own mails are a few kilobytes). */
const MAX_MESSAGE_BYTES = 1_000_000;

/**
 * The demo's mail catcher: a real SMTP server (smtp-server) on 127.0.0.1 in the service's process, started on first
 * use, that keeps the last `capacity` messages it received in memory (parsed with mailparser), newest first. The
 * service sends its mail to it through the ordinary SMTP transport, so what a person reads here is what an SMTP
 * server would have received. Nothing leaves the machine.
 */
export class MailCatcher {
  private readonly mails: CaughtMail[] = [];
  private server: SMTPServer | null = null;
  private listening: Promise<string> | null = null;
  private seq = 0;

  constructor(
    private readonly now: () => Date,
    private readonly logger: Logger,
    readonly capacity = 200,
  ) {}

  /** The SMTP URL of the running catcher (started now if it is not running yet). */
  url(): Promise<string> {
    this.listening ??= this.listen();
    return this.listening;
  }

  /** The caught messages, newest first. */
  list(): readonly CaughtMail[] {
    return [...this.mails].reverse();
  }

  get(id: string): CaughtMail | null {
    return this.mails.find((m) => m.id === id) ?? null;
  }

  async close(): Promise<void> {
    const server = this.server;
    this.server = null;
    this.listening = null;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private async listen(): Promise<string> {
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['AUTH', 'STARTTLS'],
      logger: false,
      size: MAX_MESSAGE_BYTES,
      onData: (stream, session, callback) => {
        simpleParser(stream)
          .then((parsed) => {
            this.keep({
              id: String(++this.seq),
              receivedAt: this.now().toISOString(),
              from: parsed.from?.text ?? (session.envelope.mailFrom ? session.envelope.mailFrom.address : ''),
              to: session.envelope.rcptTo.map((r) => r.address),
              subject: parsed.subject ?? '',
              text: (parsed.text ?? '').trimEnd(),
            });
            callback();
          })
          .catch((e: Error) => callback(e));
      },
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    this.server = server;
    const url = `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
    this.logger.info({ url }, 'demo mail catcher listening: mail is kept in the service, see the Mail page');
    return url;
  }

  private keep(mail: CaughtMail): void {
    this.mails.push(mail);
    if (this.mails.length > this.capacity) this.mails.splice(0, this.mails.length - this.capacity);
  }
}
