import type { Action } from '@bridge/rules';
import { type CanActivate, type ExecutionContext, Inject, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ProblemError } from '../platform/http/problem.js';
import type { AuthedRequest } from './auth.guard.js';
import { assertAllowed } from './authorization.js';

const ACTION = 'bridge:action';

import { PUBLIC } from './auth.guard.js';

/** The permission an operation needs (PERM-1…PERM-5), checked by `authorize()` before the handler runs. */
export const RequirePermission = (action: Action) => SetMetadata(ACTION, action);

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
    assertAllowed(user, action);
    return true;
  }
}
