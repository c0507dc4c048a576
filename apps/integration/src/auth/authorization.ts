import { type Action, type AuthorizeContext, authorize } from '@bridge/rules';
import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { forbidden } from '../platform/http/problem.js';
import type { AuthedRequest } from './auth.guard.js';
import type { AuthUser } from './auth-user.js';

/** PERM-6: refuses with 403 naming the missing permission; nothing has changed at that point. */
export function assertAllowed(user: AuthUser, action: Action, context: AuthorizeContext = {}): void {
  const check = authorize(user, action, context);
  if (!check.ok) throw forbidden(check.reasons);
}

/** The authenticated user of the request. */
export const CurrentUser = createParamDecorator((_: unknown, ctx: ExecutionContext): AuthUser => {
  const user = ctx.switchToHttp().getRequest<AuthedRequest>().user;
  if (!user) throw new Error('CurrentUser used on a public route');
  return user;
});
