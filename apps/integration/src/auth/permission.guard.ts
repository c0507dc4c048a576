import { type Action, authorizeLevel } from '@bridge/rules';
import {
  applyDecorators,
  type CanActivate,
  type ExecutionContext,
  Inject,
  Injectable,
  SetMetadata,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiExtension } from '@nestjs/swagger';
import { forbidden, ProblemError } from '../platform/http/problem.js';
import { ApiProblems } from '../platform/http/zod.js';
import type { AuthedRequest } from './auth.guard.js';

const ACTION = 'bridge:action';

import { PUBLIC } from './auth.guard.js';

/**
 * The permission an operation needs (PERM-1…PERM-5), checked by `authorize()` before the handler runs, and published
 * in the API document as `x-required-permission` so clients (and the permission-matrix test) can see it, with the
 * 401 (no valid token) and 403 (permission missing) problems it can answer.
 */
export const RequirePermission = (action: Action) =>
  applyDecorators(
    SetMetadata(ACTION, action),
    ApiExtension('x-required-permission', action),
    ApiProblems(401, 403),
  );

export function permissionOf(target: object): Action | undefined {
  return Reflect.getMetadata(ACTION, target) as Action | undefined;
}

/** Every non-public operation must declare its permission; one that does not is refused (fail closed). */
@Injectable()
export class PermissionGuard implements CanActivate {
  constructor(@Inject(Reflector) private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC, targets)) return true;
    const action = this.reflector.getAllAndOverride<Action | undefined>(ACTION, targets);
    if (!action) {
      throw new ProblemError(500, 'route-without-permission', 'This operation declares no permission.', [
        { code: 'route-without-permission', message: 'This operation declares no permission.' },
      ]);
    }
    const user = context.switchToHttp().getRequest<AuthedRequest>().user;
    if (!user) return false;
    // The gate checks what depends on the user alone; item-dependent parts (PERM-5's project tool level, who sent an
    // export request) are checked by the operation with `assertAllowed(user, action, context)`.
    const check = authorizeLevel(user, action);
    if (!check.ok) throw forbidden(check.reasons);
    return true;
  }
}
