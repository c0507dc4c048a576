import { ITEM_OPERATIONS, type ItemType, itemPermissionChecks, type Reason } from '@bridge/rules';
import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import { map, type Observable } from 'rxjs';
import type { BlockedAction } from '../links/item-view.js';
import type { AuthedRequest } from './auth.guard.js';
import type { AuthUser } from './auth-user.js';

const isItemType = (t: unknown): t is ItemType => typeof t === 'string' && t in ITEM_OPERATIONS;

/**
 * API-4 with PERM-6: adds to an item's `blockedBy` what the signed-in user's permissions say about each operation
 * the item offers, beside the item's own eligibility reasons, so a read-only user sees "needs the Standard level"
 * on Send to ERP instead of an enabled button that answers 403.
 */
export function addPermissionReasons<T>(body: T, user: AuthUser): T {
  const visit = (item: unknown) => {
    const it = item as { type?: unknown; blockedBy?: BlockedAction[] } | null;
    if (!it || !isItemType(it.type) || !Array.isArray(it.blockedBy)) return;
    for (const [action, check] of Object.entries(itemPermissionChecks(user, it.type))) {
      if (check.ok) continue;
      const entry = it.blockedBy.find((b) => b.action === action);
      if (!entry) {
        it.blockedBy.push({ action, reasons: [...check.reasons] as Reason[] });
        continue;
      }
      for (const r of check.reasons) if (!entry.reasons.some((x) => x.code === r.code)) entry.reasons.push(r);
    }
  };
  const page = body as { items?: unknown[] } | null;
  if (page && Array.isArray(page.items)) page.items.forEach(visit);
  else visit(body);
  return body;
}

/** Applied to the controllers whose answers are items of the ERP integrations tool (not export requests). */
@Injectable()
export class PermissionReasonsInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const user = context.switchToHttp().getRequest<AuthedRequest>().user;
    return next.handle().pipe(map((body) => (user ? addPermissionReasons(body, user) : body)));
  }
}
