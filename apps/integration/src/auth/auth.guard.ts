import {
  applyDecorators,
  type CanActivate,
  type ExecutionContext,
  Inject,
  Injectable,
  SetMetadata,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiSecurity } from '@nestjs/swagger';
import { parseCookie as parseCookies } from 'cookie';
import type { Request } from 'express';
import { ProblemError } from '../platform/http/problem.js';
import { readsAtSnapshot } from '../platform/http/read-cache.js';
import { SnapshotCache } from '../platform/runtime/snapshot-cache.js';
import { DATABASE_SNAPSHOTS, type RequestSnapshots } from '../platform/tokens.js';
import { assertCsrfHeader } from '../sessions/csrf.js';
import { SESSION_COOKIE, SessionsService } from '../sessions/sessions.service.js';
import { UsersRepository } from '../users/users.repository.js';
import type { AuthUser } from './auth-user.js';
import { hashToken } from './tokens.js';

export const PUBLIC = 'bridge:public';
/**
 * Marks a route that needs no token (health, API document); the API document gives it an empty security requirement
 * (`security: [{}]`), which overrides the document-wide bearer requirement.
 */
export const Public = () => applyDecorators(SetMetadata(PUBLIC, true), ApiSecurity({}));

export type AuthedRequest = Request & { user?: AuthUser };

/**
 * API-2: `Authorization: Bearer <token>` on every request except public routes; the web app signs in instead and
 * sends its HttpOnly session cookie (writes with the cookie also need the CSRF header).
 */
@Injectable()
export class AuthGuard implements CanActivate {
  /** Users of bearer tokens, kept per database snapshot for the reads whose answers are (API-9). */
  private readonly tokenUsers = new SnapshotCache<AuthUser>({ max: 1000 });

  constructor(
    @Inject(Reflector) private readonly reflector: Reflector,
    @Inject(UsersRepository) private readonly users: UsersRepository,
    @Inject(SessionsService) private readonly sessions: SessionsService,
    @Inject(DATABASE_SNAPSHOTS) private readonly snapshots: RequestSnapshots | null,
  ) {}

  /**
   * A `@CachedRead()` or `@SnapshotRead()` route works at the request's snapshot, so its user is found per snapshot
   * too: the request's snapshot (read once, the answer is looked up by it) finds the token's user without reading
   * them again while nothing was written; a revoked token or a changed permission is a commit, hence a new snapshot.
   * Every other request reads the user.
   */
  private userOfToken(context: ExecutionContext, req: Request, tokenHash: string) {
    const snapshots = readsAtSnapshot(context) ? this.snapshots : null;
    return this.tokenUsers.atSnapshotOf(snapshots, req, tokenHash, () =>
      this.users.findByTokenHash(tokenHash),
    );
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC, [context.getHandler(), context.getClass()]))
      return true;
    const req = context.switchToHttp().getRequest<AuthedRequest>();
    const header = req.headers.authorization;
    if (header === undefined) {
      const cookie = parseCookies(req.headers.cookie ?? '')[SESSION_COOKIE];
      if (cookie) {
        const user = await this.sessions.userOf(cookie);
        if (!user) {
          throw new ProblemError(401, 'unauthorized', 'Your session has ended: sign in again.', [
            { code: 'session-expired', message: 'The session is unknown or has expired.' },
          ]);
        }
        assertCsrfHeader(req);
        req.user = user;
        return true;
      }
    }
    const m = /^Bearer\s+(\S+)$/i.exec(header ?? '');
    if (!m?.[1]) {
      throw new ProblemError(
        401,
        'unauthorized',
        'Sign in, or send your API token as "Authorization: Bearer <token>".',
        [{ code: 'token-missing', message: 'No bearer token or session cookie was sent.' }],
      );
    }
    const user = await this.userOfToken(context, req, hashToken(m[1]));
    if (!user) {
      throw new ProblemError(401, 'unauthorized', 'The API token is not valid or was revoked.', [
        { code: 'token-invalid', message: 'The API token is not valid or was revoked.' },
      ]);
    }
    req.user = user;
    return true;
  }
}
