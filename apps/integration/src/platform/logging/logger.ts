import type { LoggerService } from '@nestjs/common';
import { type Logger, pino } from 'pino';
import { currentCorrelationId } from './correlation.js';

/** Field names whose values never reach a log line, wherever they appear. */
export const REDACTED_PATHS = [
  'password',
  'servicePassword',
  'authorizationId',
  'Authorization_ID',
  'clientSecret',
  'token',
  'accessToken',
  'access_token',
  'authorization',
  'headers.authorization',
  'req.headers.authorization',
  '*.password',
  '*.servicePassword',
  '*.authorizationId',
  '*.clientSecret',
  '*.token',
  '*.authorization',
  'METRICS_TOKEN',
  '*.METRICS_TOKEN',
];

/** The service's logger: secrets redacted, and the current correlation id on every line (OPS-3). */
export function createLogger(level: string, destination?: NodeJS.WritableStream): Logger {
  return pino(
    {
      level,
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      base: { service: 'spectrum-bridge' },
      mixin: () => {
        const correlationId = currentCorrelationId();
        return correlationId ? { correlationId } : {};
      },
    },
    destination as never,
  );
}

/** Nest's own messages through pino, so there is one log stream. */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}
  log(message: unknown, context?: string) {
    this.logger.info({ context }, String(message));
  }
  error(message: unknown, trace?: string, context?: string) {
    this.logger.error({ context, trace }, String(message));
  }
  warn(message: unknown, context?: string) {
    this.logger.warn({ context }, String(message));
  }
  debug(message: unknown, context?: string) {
    this.logger.debug({ context }, String(message));
  }
  verbose(message: unknown, context?: string) {
    this.logger.trace({ context }, String(message));
  }
}
