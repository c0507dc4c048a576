import { randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { RateLimiterMemory } from 'rate-limiter-flexible';
import type { AuthUser } from '../auth/auth-user.js';
import { hashToken } from '../auth/tokens.js';
import type { Env } from '../config/env.js';
import { badRequest, ProblemError } from '../platform/http/problem.js';
import { CLOCK, type Clock, ENV } from '../platform/tokens.js';
import { DEMO_USERS } from '../users/demo-users.js';
import { UsersRepository } from '../users/users.repository.js';
import { SessionsRepository } from './sessions.repository.js';

/** The cookie that carries a browser session (HttpOnly, SameSite=Strict). */
export const SESSION_COOKIE = 'bridge_session';
/**
 * Writes made with the session cookie must carry this header. A page on another origin cannot add a custom header
 * to a request without a CORS preflight, which this service never grants, so the header proves the request came
 * from the web app itself (CSRF defence); bearer-token requests do not need it.
 */
export const CSRF_HEADER = 'x-bridge-csrf';

export type SignIn = { token: string } | { demoUser: string };

const invalidToken = () =>
  new ProblemError(401, 'unauthorized', 'That token is not valid or was revoked.', [
    { field: 'token', code: 'token-invalid', message: 'The token is not valid or was revoked.' },
  ]);

@Injectable()
export class SessionsService {
  /** Failed sign-ins per client address (one instance's memory: enough to stop guessing from one address). */
  private readonly failures: RateLimiterMemory;

  constructor(
    @Inject(SessionsRepository) private readonly sessions: SessionsRepository,
    @Inject(UsersRepository) private readonly users: UsersRepository,
    @Inject(ENV) private readonly env: Env,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    this.failures = new RateLimiterMemory({
      points: env.SIGN_IN_FAILURES_ALLOWED,
      duration: env.SIGN_IN_WINDOW_SECONDS,
    });
  }

  /** What the sign-in page may offer: in demo mode only, the demo users as one-click choices (never their tokens). */
  options() {
    return {
      demoMode: this.env.DEMO_MODE,
      demoUsers: this.env.DEMO_MODE
        ? DEMO_USERS.map((u) => ({
            name: u.name,
            level: u.level,
            canPushToAccounting: u.canPushToAccounting,
          }))
        : [],
    };
  }

  /**
   * Checks the personal token (or, in demo mode, the demo user) and opens a session; returns the cookie value. After
   * SIGN_IN_FAILURES_ALLOWED failures from one client address within the window, that address is refused with 429
   * until the window ends (`retryAfterSeconds`), whatever it sends.
   */
  async signIn(input: SignIn, client: string): Promise<{ cookie: string; user: AuthUser; expiresAt: Date }> {
    const seen = await this.failures.get(client);
    if (seen && seen.consumedPoints >= this.env.SIGN_IN_FAILURES_ALLOWED) {
      const retryAfterSeconds = Math.max(1, Math.ceil(seen.msBeforeNext / 1000));
      throw Object.assign(
        new ProblemError(
          429,
          'too-many-sign-in-attempts',
          `Too many failed sign-ins from this address: try again in ${retryAfterSeconds} s.`,
          [{ code: 'too-many-sign-in-attempts', message: `Try again in ${retryAfterSeconds} seconds.` }],
        ),
        { retryAfterSeconds },
      );
    }
    let user: AuthUser;
    try {
      user = await this.userFor(input);
    } catch (e) {
      await this.failures.penalty(client, 1);
      throw e;
    }
    await this.failures.delete(client);
    const now = this.clock.now();
    const cookie = `ses_${randomBytes(32).toString('base64url')}`;
    const expiresAt = new Date(now.getTime() + this.env.SESSION_TTL_MINUTES * 60_000);
    await this.sessions.deleteExpired(now);
    await this.sessions.create(user.id, hashToken(cookie), expiresAt);
    return { cookie, user, expiresAt };
  }

  /** The signed-in user of a session cookie, or null when it is unknown or expired. */
  async userOf(cookie: string): Promise<AuthUser | null> {
    const userId = await this.sessions.findUserId(hashToken(cookie), this.clock.now());
    return userId ? this.users.findById(userId) : null;
  }

  async signOut(cookie: string | undefined): Promise<void> {
    if (cookie) await this.sessions.delete(hashToken(cookie));
  }

  private async userFor(input: SignIn): Promise<AuthUser> {
    if ('token' in input) {
      const user = await this.users.findByTokenHash(hashToken(input.token));
      if (!user) throw invalidToken();
      return user;
    }
    const demo = this.env.DEMO_MODE ? DEMO_USERS.find((u) => u.name === input.demoUser) : undefined;
    if (!demo) {
      throw badRequest(
        [
          {
            field: 'demoUser',
            code: this.env.DEMO_MODE ? 'demo-user-unknown' : 'demo-mode-off',
            message: this.env.DEMO_MODE
              ? `There is no demo user named "${input.demoUser}".`
              : 'This service does not run in demo mode: sign in with your personal token.',
          },
        ],
        'Demo users exist only in demo mode, by their names.',
      );
    }
    const user = await this.users.findByTokenHash(hashToken(demo.token));
    if (!user) throw invalidToken();
    return user;
  }
}
