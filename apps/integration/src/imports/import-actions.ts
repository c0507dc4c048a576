import type { Check } from '@bridge/rules';
import { Inject, Injectable } from '@nestjs/common';
import type { AuditEntry } from '../audit/audit.repository.js';
import { AuditService } from '../audit/audit.service.js';
import type { AuthUser } from '../auth/auth-user.js';
import { type LinkRow, LinksRepository } from '../links/links.repository.js';
import { notFound, unprocessable } from '../platform/http/problem.js';

/** What an import/link action answers: `created` is false when the request repeated one that already succeeded. */
export interface ActionResult {
  created: boolean;
  importableId: string;
  type: string;
  state: string;
  spectrumKey: string | null;
  pmId: string | null;
  [extra: string]: unknown;
}

/** 422 with every reason (API-3) when the check failed; nothing has been written at that point. */
export function assertOk(check: Check, detail: string): void {
  if (!check.ok) throw unprocessable(detail, check.reasons);
}

export const actionResult = (
  link: LinkRow,
  created: boolean,
  extra: Record<string, unknown> = {},
): ActionResult => ({
  created,
  importableId: link.id,
  type: link.type,
  state: link.state,
  spectrumKey: link.spectrumKey,
  pmId: link.pmId,
  ...extra,
});

/**
 * The audit `before`/`after` of a first import or link: the staged link as it was (with its PM id, unless the action
 * names what else it had), and the synced link with what the action created.
 */
export function linkChange(
  link: LinkRow,
  done: LinkRow,
  after: Record<string, unknown>,
  before: Record<string, unknown> = { pmId: link.pmId },
): Pick<AuditEntry, 'before' | 'after'> {
  return {
    before: { importable: link.id, state: link.state, ...before },
    after: { importable: link.id, state: done.state, ...after },
  };
}

/** What a finished action writes on its link: the PM item it created or linked (first import only) and the hash. */
export interface SyncedLink {
  /** Set on the first import or link: the link becomes `synced` with this PM item. Re-imports keep both. */
  pmId?: string;
  hash: string | null;
  at: Date;
}

/**
 * The staged link every Ready to Import action works on (API-1): read and held for the action's transaction, then
 * marked synced together with the action's audit event. The one place the actions write links and audit.
 */
@Injectable()
export class ImportActionLinks {
  constructor(
    @Inject(LinksRepository) private readonly links: LinksRepository,
    @Inject(AuditService) private readonly audit: AuditService,
  ) {}

  /** The staged link of `type`, held until the transaction ends: concurrent actions on one item run one at a time. */
  async locked(id: string, type: string): Promise<LinkRow> {
    const link = await this.links.lockRow(id);
    if (!link || link.type !== type || !link.spectrumKey)
      throw notFound(`Importable ${type.replace('_', ' ')}`, id);
    return link;
  }

  /** Records the action on the link (see `SyncedLink`) and audits it; `event` sees the link as written. */
  async markSynced(
    actor: AuthUser,
    link: LinkRow,
    synced: SyncedLink,
    event: (done: LinkRow) => Omit<AuditEntry, 'actorId'>,
  ): Promise<LinkRow> {
    const done = await this.links.updateRow(link.id, {
      ...(synced.pmId !== undefined ? { pmId: synced.pmId, state: 'synced' as const } : {}),
      lastSyncedHash: synced.hash,
      lastSyncedAt: synced.at,
      lastError: null,
    });
    await this.audit.record({ actorId: actor.id, ...event(done) });
    return done;
  }
}
