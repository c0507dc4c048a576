import { type ExportableType, exportRequestActions, type ItemType } from '@bridge/rules';
import { Inject, Injectable } from '@nestjs/common';
import type { AuthUser } from '../auth/auth-user.js';
import { blockedBy } from '../links/item-view.js';
import { type Page, toPage } from '../platform/http/pagination.js';
import { conflict, notFound } from '../platform/http/problem.js';
import { ExportPlansService } from './export-plans.service.js';
import { payloadOf, requestView, stepView } from './export-views.js';
import { KEY_KINDS } from './exporter.js';
import {
  type ExportRequestRecord,
  type ExportRequestState,
  ExportsRepository,
} from './exports.repository.js';
import { ExportVerifier } from './verification/export-verifier.service.js';

/** The approval queue's reads: the list, one request with its steps and pre-filled key, the live view. */
@Injectable()
export class ExportQueriesService {
  constructor(
    @Inject(ExportsRepository) private readonly repo: ExportsRepository,
    @Inject(ExportPlansService) private readonly plans: ExportPlansService,
    @Inject(ExportVerifier) private readonly verifier: ExportVerifier,
  ) {}

  async list(
    actor: AuthUser,
    filter: { type?: ItemType; state?: ExportRequestState },
    afterId: string | undefined,
    limit: number,
  ): Promise<Page<unknown>> {
    const rows = await this.repo.list(filter, afterId, limit + 1);
    const blocked = blockedForPage(actor);
    return toPage(rows, limit, (r) => ({ ...requestView(r), blockedBy: blocked(r) }));
  }

  private async mustFind(id: string): Promise<ExportRequestRecord> {
    const r = await this.repo.findById(id);
    if (!r) throw notFound('Export request', id);
    return r;
  }

  /** A request with its steps, the Spectrum calls made, errors and (while waiting) the pre-filled key. */
  async get(actor: AuthUser, id: string) {
    const r = await this.mustFind(id);
    const steps = await this.repo.steps(id);
    let prefill: Record<string, unknown> | null = null;
    if (r.state === 'ready_to_export') prefill = await this.prefill(r);
    return {
      ...requestView(r),
      blockedBy: blockedFor(actor, r),
      steps: steps.map(stepView),
      spectrumCalls: steps.filter((s) => s.status === 'done').length,
      prefill,
    };
  }

  /** VER-4 on demand: a synced request read back from Spectrum now (409 for any other state). */
  async verify(actor: AuthUser, id: string) {
    const r = await this.mustFind(id);
    const result = await this.verifier.verify(r, undefined, actor.id);
    if (!result)
      throw conflict(
        'request-not-synced',
        `The export request is ${r.state.replace(/_/g, ' ')}; only a synced export can be verified.`,
      );
    return result;
  }

  /** The request with its steps, without the pre-filled key (which reads Spectrum): what the live view shows. */
  async progressView(id: string) {
    const r = await this.mustFind(id);
    const steps = await this.repo.steps(id);
    return {
      ...requestView(r),
      steps: steps.map(stepView),
      spectrumCalls: steps.filter((s) => s.status === 'done').length,
    };
  }

  private async prefill(r: ExportRequestRecord): Promise<Record<string, unknown>> {
    try {
      const prepared = await this.plans.prepareRequest(r);
      const carried = payloadOf(r).carriedKey;
      const reserved = await this.plans.reservedKeys(prepared, r.id);
      const d = this.plans.decide(prepared, r.type as ExportableType, {}, reserved, carried);
      const value = d.ok ? d.value : d.prefill;
      const key = prepared.kind === 'none' ? null : value;
      return {
        [KEY_KINDS[prepared.kind].input]: key,
        rule: key === null ? null : this.plans.prefillRule(prepared, key, carried),
        blockedBy: d.ok ? [] : d.reasons,
      };
    } catch (e) {
      return { error: e instanceof Error ? e.message : String(e) };
    }
  }
}

/** API-4: the queue decisions this user cannot take on the request now, each with every reason. */
export function blockedFor(actor: AuthUser, r: ExportRequestRecord) {
  return blockedBy(exportRequestActions(actor, { state: r.state, sentById: r.sentById }));
}

/**
 * {@link blockedFor} for the requests of one page: the decisions a user cannot take depend only on the request's
 * state and on whether the user sent it (`exportRequestActions`), so each such pair is worked out once per page.
 */
export function blockedForPage(actor: AuthUser): (r: ExportRequestRecord) => ReturnType<typeof blockedFor> {
  const seen = new Map<string, ReturnType<typeof blockedFor>>();
  return (r) => {
    const key = `${r.state}|${r.sentById === actor.id}`;
    let b = seen.get(key);
    if (!b) {
      b = blockedFor(actor, r);
      seen.set(key, b);
    }
    return b;
  };
}
