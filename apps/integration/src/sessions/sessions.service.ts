import { randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
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
  constructor(
    @Inject(SessionsRepository) private readonly sessions: SessionsRepository,
    @Inject(UsersRepository) private readonly users: UsersRepository,
    @Inject(ENV) private readonly env: Env,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

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

  /** Checks the personal token (or, in demo mode, the demo user) and opens a session; returns the cookie value. */
  async signIn(input: SignIn): Promise<{ cookie: string; user: AuthUser; expiresAt: Date }> {
    const user = await this.userFor(input);
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
