import type { ExportableType } from '@bridge/rules';
import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { AuditService } from '../audit/audit.service.js';
import type { AuthUser } from '../auth/auth-user.js';
import { LinksRepository } from '../links/links.repository.js';
import { notFound, ProblemError, unprocessable } from '../platform/http/problem.js';
import { currentCorrelationId } from '../platform/logging/correlation.js';
import { withReadMemo } from '../platform/runtime/read-memo.js';
import { CLOCK, type Clock, LOGGER } from '../platform/tokens.js';
import { EXPORT_TX, TransactionHost, type TxHost } from '../platform/transactions.js';
import type { BridgeSpectrumClient } from '../spectrum/spectrum-client.factory.js';
import { decideMany, outcome, refused } from './bulk-decisions.js';
import { ExportItemsService } from './export-items.service.js';
import { ExportPlansService } from './export-plans.service.js';
import { payloadOf, requestView } from './export-views.js';
import { ExportWorker } from './export-worker.service.js';
import type { KeyInput } from './exporter.js';
import { type ExportRequestRecord, ExportsRepository } from './exports.repository.js';
import { ExportsService, notWaiting, refusedByRules } from './exports.service.js';

/**
 * PRE-1 reasons the settings answer, not the item: an accept they refuse keeps the request waiting for the admin's
 * fix. Every other pre-flight reason sends the item back to its sender.
 */
const APPROVER_SIDE_CODES: ReadonlySet<string> = new Set([
  'template-job-missing',
  'template-job-invalid',
  'template-customer-not-in-spectrum',
  'integration-not-connected',
  'connection-not-configured',
]);

/** States of a request an accept has moved on (APP-1): asking again to accept it changes nothing. */
const ACCEPTED_STATES: ReadonlySet<string> = new Set(['exporting', 'synced', 'failed']);

/** The accept (APP-2): PRE-1 on Spectrum, the key fixed, the steps planned and queued, one request or many. */
@Injectable()
export class ExportAcceptService {
  constructor(
    @Inject(TransactionHost) private readonly txHost: TxHost,
    @Inject(ExportsRepository) private readonly repo: ExportsRepository,
    @Inject(ExportItemsService) private readonly items: ExportItemsService,
    @Inject(ExportPlansService) private readonly plans: ExportPlansService,
    @Inject(ExportsService) private readonly decisions: ExportsService,
    @Inject(ExportWorker) private readonly worker: ExportWorker,
    @Inject(LinksRepository) private readonly links: LinksRepository,
    @Inject(AuditService) private readonly audit: AuditService,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  private async mustFind(id: string): Promise<ExportRequestRecord> {
    const r = await this.repo.findById(id);
    if (!r) throw notFound('Export request', id);
    return r;
  }

  /** APP-2, COM-2, CCO-2, PCCO-2: fixes the Spectrum key, creates the steps and enqueues, in one transaction. */
  async accept(actor: AuthUser, id: string, body: KeyInput & { note?: string | undefined }) {
    const r = await this.mustFind(id);
    if (r.state !== 'ready_to_export') throw notWaiting(r);
    // the settings, the item, its company and project are read once for the client, the pre-flight and the plan
    const accepted = await withReadMemo(async () =>
      this.acceptLoaded(actor, r, body, await this.plans.client()),
    );
    this.worker.kick();
    return requestView(accepted);
  }

  /**
   * The accept of one waiting request, read before: PRE-1 on Spectrum's records of this item only, the key read in
   * its scope only, then one transaction. A refusal is thrown as a problem (422 with every reason, 409 when the
   * request stopped waiting meanwhile); a pre-flight refusal has returned the item to its sender first.
   */
  private async acceptLoaded(
    actor: AuthUser,
    r: ExportRequestRecord,
    body: KeyInput & { note?: string | undefined },
    client: BridgeSpectrumClient,
  ): Promise<ExportRequestRecord> {
    const id = r.id;
    const type = r.type as ExportableType;
    const facts = await this.plans.facts.get();
    // the plan's reads (the key's scope) go side by side with the pre-flight's; used only if the pre-flight passes
    const preparing = this.plans.prepareRequest(r, client, body.spectrumId ?? body.changeRequestId, facts);
    preparing.catch(() => undefined);
    const preflight = await this.plans.preflight(r, client, facts);
    if (preflight.some((x) => !APPROVER_SIDE_CODES.has(x.code))) {
      const text = `Spectrum would refuse this export, so it was returned to the sender before anything was written: ${preflight.map((x) => x.message).join(' ')}`;
      await this.decisions.returnToSender(actor, r, text, 'export.preflight_refused');
      throw unprocessable(
        `The ${this.items.label(type)} cannot be exported as it is; it was returned to the sender with the reasons.`,
        preflight,
      );
    }
    const prepared = await preparing;
    const now = this.clock.now();
    const accepted = await this.txHost.withTransaction(EXPORT_TX, async () => {
      await this.repo.lockKeyReservations();
      await this.items.lock(type, r.itemId);
      const current = await this.mustFind(id);
      if (current.state !== 'ready_to_export') throw notWaiting(current);
      const reserved = await this.plans.reservedKeys(prepared, id);
      // what only the settings can fix keeps the request waiting (JOB-3 template job, connection)
      const withHeld = { ...prepared, blockers: [...prepared.blockers, ...preflight] };
      const decision = this.plans.decide(withHeld, type, body, reserved, payloadOf(current).carriedKey);
      if (!decision.ok) throw unprocessable('The export cannot be accepted.', decision.reasons);
      await this.repo.createSteps(id, decision.plan.steps);
      const changes = {
        state: 'exporting',
        decidedById: actor.id,
        decidedAt: now,
        // OPS-4: the worker runs the export with the correlation id of the request that accepted it
        correlationId: currentCorrelationId() ?? null,
        note: body.note ?? null,
        spectrumKey: decision.plan.spectrumKey,
        keyFields: decision.plan.keyFields,
        attempts: 0,
        nextAttemptAt: now,
        lastError: null,
        lastErrorKind: null,
      } as const;
      await this.repo.transition(id, ['ready_to_export'], changes);
      const p = payloadOf(current);
      await this.links.upsertForItem(p.linkType, r.itemId, { state: 'exporting', lastError: null });
      await this.audit.record({
        actorId: actor.id,
        action: 'export.accept',
        itemType: type,
        itemId: r.itemId,
        before: { state: 'ready_to_export' },
        after: {
          state: 'exporting',
          spectrumKey: decision.plan.spectrumKey,
          steps: decision.plan.steps.length,
        },
        note: body.note ?? null,
      });
      return { ...current, ...changes, updatedAt: now } satisfies ExportRequestRecord;
    });
    this.logger.info({ exportRequestId: id, spectrumKey: accepted.spectrumKey }, 'export accepted');
    return accepted;
  }

  /**
   * API-6, API-7: many waiting requests accepted in one call, each with its own outcome; one refusal never stops the
   * others. Each accept is the single accept (PRE-1 on that item's Spectrum records, its own transaction and audit
   * event); the Spectrum client is shared. Asking again for requests already accepted changes nothing and answers
   * `accepted` again (`changed: false`), so a retried call is safe.
   */
  async acceptMany(actor: AuthUser, ids: readonly string[], body: { note?: string | undefined }) {
    // one Spectrum client for the whole call; failing to build it refuses each accept with the reason
    let client: Promise<BridgeSpectrumClient> | null = null;
    return decideMany(
      ids,
      (list) => this.repo.findByIds(list),
      async (r) => {
        if (ACCEPTED_STATES.has(r.state) && r.decidedAt !== null) return outcome('accepted', r, false);
        const allowed = refusedByRules(actor, r, 'accept');
        if (allowed) return allowed;
        try {
          client ??= this.plans.client();
          const shared = client;
          const accepted = await withReadMemo(async () => this.acceptLoaded(actor, r, body, await shared));
          return outcome('accepted', accepted, true);
        } catch (e) {
          if (e instanceof ProblemError) return refused(r, e, await this.repo.findById(r.id));
          throw e;
        }
      },
      this.logger,
    ).finally(() => this.worker.kick());
  }
}
