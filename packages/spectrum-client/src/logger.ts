/** pino-compatible logger (object first, message second). The client is silent unless one is given. */
export interface SpectrumLogger {
  debug(obj: Record<string, unknown>, msg?: string): void;
  info(obj: Record<string, unknown>, msg?: string): void;
  warn(obj: Record<string, unknown>, msg?: string): void;
  error(obj: Record<string, unknown>, msg?: string): void;
}

const noop = (): void => {};
export const silentLogger: SpectrumLogger = { debug: noop, info: noop, warn: noop, error: noop };

/** Removes every known secret (Authorization ID, client secret, tokens) from a string. */
export class Redactor {
  private readonly secrets = new Set<string>();

  add(secret: string | undefined): void {
    if (secret && secret.length >= 3) this.secrets.add(secret);
  }

  redact(text: string): string {
    let out = text;
    for (const s of this.secrets) out = out.split(s).join('[redacted]');
    return out;
  }
}
