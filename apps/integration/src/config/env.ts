import { z } from 'zod';

/**
 * The service's environment, validated once at start-up. This is the only code that reads `process.env`;
 * everything else receives an `Env`.
 */
const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const key32 = z.string().transform((v, ctx) => {
  const buf = /^[0-9a-fA-F]{64}$/.test(v) ? Buffer.from(v, 'hex') : Buffer.from(v, 'base64');
  if (buf.length !== 32) {
    ctx.addIssue({ code: 'custom', message: 'must be 32 bytes, as 64 hex characters or base64' });
    return z.NEVER;
  }
  return buf;
});

/** An embedded database (`pglite://…`): one process opens it, so one instance of the service runs on it. */
export function isEmbeddedUrl(url: string): boolean {
  return url.startsWith('pglite://');
}

export const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /** `pglite://<dir>` (embedded, default), `pglite://memory`, or `postgresql://user:pass@host:5432/db`. */
  DATABASE_URL: z
    .string()
    .regex(/^(pglite|postgres|postgresql):\/\//, 'must start with pglite://, postgres:// or postgresql://')
    .default('pglite://./.data/bridge'),
  /** AES-256-GCM key for secrets at rest (Spectrum Authorization ID, OAuth secret). */
  ENCRYPTION_KEY: key32,
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Spectrum defaults for a fresh install (the admin changes them in the connection settings). */
  SPECTRUM_URL: z.url().optional(),
  SPECTRUM_COMPANY_CODE: z.string().max(3).optional(),
  SPECTRUM_TIMEOUT_MS: z.coerce.number().int().min(1000).max(600_000).default(30_000),
  /** The connection doctor's per-call time-out (a slow server is reported, not waited for). */
  SPECTRUM_DOCTOR_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(10_000),
  /**
   * OPS-13: how long a Spectrum call may wait for a free slot of the connection's call limit before it is given up
   * unsent (an export then waits for its next attempt, a sync run fails with the reason).
   */
  SPECTRUM_CALL_WAIT_MS: z.coerce.number().int().min(100).max(3_600_000).default(60_000),
  /** Mail: `smtp://user:pass@host:port` (or smtps://). Unset: mail is logged, not sent. */
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must start with smtp:// or smtps://')
    .optional(),
  MAIL_FROM: z.string().default('Spectrum Bridge <bridge@localhost>'),
  /** Turn the scheduler / export worker off on instances that should only serve the API. */
  SCHEDULER_ENABLED: bool.default(true),
  WORKER_ENABLED: bool.default(true),
  /**
   * VER-4: read every synced export back from Spectrum. Always on in production; a benchmark turns it off to measure
   * what the read-back adds to accept → synced.
   */
  EXPORT_VERIFY_AFTER_SYNC: bool.default(true),
  /** VER-5: when every synced export is read back from Spectrum again (cron, UTC); nightly by default. */
  VERIFICATION_CRON: z
    .string()
    .trim()
    .regex(/^(\S+\s+){4}\S+$/, 'a cron expression of five fields')
    .default('0 2 * * *'),
  /** Lease of a claimed export request (renewed every quarter of it); a dead worker's exports resume after it. */
  EXPORT_LEASE_MS: z.coerce.number().int().min(1000).max(3_600_000).default(60_000),
  /** Export requests one worker instance runs at the same time (each with its own lease). */
  EXPORT_CONCURRENCY: z.coerce.number().int().min(1).max(32).default(4),
  /**
   * Finished repeatable steps (upserts keyed by the accepted natural key) recorded together in one write; a crash
   * sends at most this many of them again, with the same values. 1 records every step on its own.
   */
  EXPORT_STEPS_PER_RECORD: z.coerce.number().int().min(1).max(1000).default(50),
  /** Failed sign-ins allowed per client address within SIGN_IN_WINDOW_SECONDS before 429 (Retry-After). */
  SIGN_IN_FAILURES_ALLOWED: z.coerce.number().int().min(1).max(1000).default(10),
  SIGN_IN_WINDOW_SECONDS: z.coerce.number().int().min(1).max(86_400).default(900),
  /**
   * Memory (MB) for answers of the heavy reads kept while the database has not changed (`platform/http/read-cache.ts`;
   * each answer is kept with the database snapshot it was computed at and served again only at that same snapshot).
   * 0 turns the cache off.
   */
  READ_CACHE_MB: z.coerce.number().int().min(0).max(1024).default(16),
  /** How long a browser session (sign-in cookie) lasts. */
  SESSION_TTL_MINUTES: z.coerce.number().int().min(5).max(43_200).default(720),
  /** The session cookie's Secure flag; default: on in production (behind HTTPS), off otherwise. */
  COOKIE_SECURE: bool.optional(),
  /** The built web app served at `/` (default: apps/web/dist beside this service); `none` serves no app. */
  WEB_DIST_DIR: z.string().optional(),
  /** Demo mode: fixed demo users and tokens (never in production). */
  DEMO_MODE: bool.default(false),
  INSTANCE_ID: z.string().min(1).max(100).optional(),
  /**
   * OPS-1: the longest a stop (SIGTERM, SIGINT) takes until the process exits 0: work in flight is finished or given
   * back within it. Keep it below the orchestrator's kill timeout (Kubernetes: terminationGracePeriodSeconds, 30 s).
   */
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(1000).max(600_000).default(25_000),
  /**
   * OPS-5: the bearer token a Prometheus scraper sends to read `/metrics` (at least 32 characters). Unset: `/metrics`
   * is off (404). Never logged.
   */
  /** Node's own options, as the process was started with them (the memory policy looks for its V8 flags there). */
  NODE_OPTIONS: z.string().default(''),
  METRICS_TOKEN: z
    .string()
    .min(32, 'must be at least 32 characters')
    .max(512)
    .regex(/^[\x21-\x7e]+$/, 'must be printable ASCII without spaces')
    .optional(),
});

export type Env = z.infer<typeof envSchema>;

export class EnvError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid environment:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'EnvError';
  }
}

/** Validates the environment; throws an `EnvError` that lists every problem, naming each variable. */
export function loadEnv(source: Record<string, string | undefined>): Env {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    throw new EnvError(parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`));
  }
  if (parsed.data.NODE_ENV === 'production' && parsed.data.DEMO_MODE) {
    throw new EnvError([
      'DEMO_MODE: demo mode is refused in production (it creates users with published tokens)',
    ]);
  }
  return parsed.data;
}
