import { type ExportableType, exportRequestActions, reason } from '@bridge/rules';
import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { AuditService } from '../audit/audit.service.js';
import type { AuthUser } from '../auth/auth-user.js';
import { assertAllowed } from '../auth/authorization.js';
import { LinksRepository } from '../links/links.repository.js';
import { conflict, notFound, ProblemError, unprocessable } from '../platform/http/problem.js';
import { currentCorrelationId } from '../platform/logging/correlation.js';
import { CLOCK, type Clock, LOGGER } from '../platform/tokens.js';
import { EXPORT_TX, TransactionHost, type TxHost } from '../platform/transactions.js';
import { type BulkOutcome, decideMany, outcome, refused } from './bulk-decisions.js';
import { ExportItemsService } from './export-items.service.js';
import { CARRYING_STATES, carriedKeyOf, ExportPlansService, keyValue } from './export-plans.service.js';
import { payloadOf, requestView, type SentPayload } from './export-views.js';
import { ExportWorker } from './export-worker.service.js';
import { ExporterRegistry } from './exporter.registry.js';
import { type ExportRequestRecord, ExportsRepository, OPEN_STATES } from './exports.repository.js';
import { EXPORT_NOTIFIER, type ExportNotifier } from './notifier.js';

/** The approval queue's decisions (APP-1 … APP-6): send, accept, reject, retry, retrieve, unlink (reads: `ExportQueriesService`). */
@Injectable()
export class ExportsService {
  constructor(
    @Inject(TransactionHost) private readonly txHost: TxHost,
    @Inject(ExportsRepository) private readonly repo: ExportsRepository,
    @Inject(ExportItemsService) private readonly items: ExportItemsService,
    @Inject(ExportPlansService) private readonly plans: ExportPlansService,
    @Inject(ExporterRegistry) private readonly exporters: ExporterRegistry,
    @Inject(ExportWorker) private readonly worker: ExportWorker,
    @Inject(LinksRepository) private readonly links: LinksRepository,
    @Inject(AuditService) private readonly audit: AuditService,
    @Inject(EXPORT_NOTIFIER) private readonly notifier: ExportNotifier,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  private async mustFind(id: string): Promise<ExportRequestRecord> {
    const r = await this.repo.findById(id);
    if (!r) throw notFound('Export request', id);
    return r;
  }

  /** APP-1: the item goes into the queue as Ready to Export (read-only), with its payload snapshot. */
  async send(actor: AuthUser, input: { type: ExportableType; id: string }) {
    const facts = await this.plans.facts.get();
    const exporter = this.exporters.of(input.type);
    const now = this.clock.now();
    const created = await this.txHost.withTransaction(EXPORT_TX, async () => {
      await this.items.lock(input.type, input.id);
      const found = await this.items.check(input.type, input.id, facts);
      if (!found) throw notFound(this.items.label(input.type), input.id);
      const open = await this.repo.ofItem(input.type, input.id, OPEN_STATES);
      if (!found.check.ok)
        throw unprocessable(`The ${found.label} cannot be sent to the ERP.`, found.check.reasons);
      if (open.length > 0) {
        throw unprocessable(`The ${found.label} cannot be sent to the ERP.`, [
          reason('already-awaiting-approval', 'APP-1', `The ${found.label} is already in the export queue.`),
        ]);
      }
      const earlier = await this.repo.ofItem(input.type, input.id, CARRYING_STATES);
      for (const f of earlier.filter((e) => e.state === 'failed')) {
        await this.repo.transition(f.id, ['failed'], {
          state: 'retrieved',
          note: 'Replaced by a new request.',
        });
      }
      const payload: SentPayload = {
        item: found.snapshot,
        linkType: found.linkType,
        previousLinkState: found.link?.state ?? null,
        carriedKey: carriedKeyOf(exporter.keyKind, earlier),
      };
      const r = await this.repo.create({
        type: input.type,
        itemId: input.id,
        payload: JSON.parse(JSON.stringify(payload)) as Record<string, unknown>,
        sentById: actor.id,
        sentAt: now,
      });
      await this.links.upsertForItem(found.linkType, input.id, { state: 'ready_to_export', lastError: null });
      await exporter.queued?.(input.id);
      await this.audit.record({
        actorId: actor.id,
        action: 'export.send',
        itemType: input.type,
        itemId: input.id,
        before: { state: found.link?.state ?? null },
        after: { state: 'ready_to_export', requestId: r.id },
      });
      return r;
    });
    this.logger.info(
      { exportRequestId: created.id, type: input.type, itemId: input.id },
      'sent to the ERP queue',
    );
    return requestView(created);
  }

  /**
   * API-6, API-7, COM-3: many waiting or failed requests rejected with one reason in one call, each with its own
   * outcome; a request already rejected answers `rejected` again (`changed: false`).
   */
  async rejectMany(actor: AuthUser, ids: readonly string[], body: { reason: string }) {
    return decideMany(
      ids,
      (list) => this.repo.findByIds(list),
      async (r) => {
        if (r.state === 'rejected') return outcome('rejected', r, false);
        const allowed = refusedByRules(actor, r, 'reject');
        if (allowed) return allowed;
        try {
          return outcome('rejected', await this.returnToSender(actor, r, body.reason, 'export.reject'), true);
        } catch (e) {
          if (e instanceof ProblemError) return refused(r, e, await this.repo.findById(r.id));
          throw e;
        }
      },
      this.logger,
    );
  }

  /** COM-3: back to the PM user for correction (waiting or failed requests), with the reason. */
  async reject(actor: AuthUser, id: string, body: { reason: string }) {
    const r = await this.mustFind(id);
    return requestView(await this.returnToSender(actor, r, body.reason, 'export.reject'));
  }

  /**
   * COM-3, PRE-1: the request leaves the queue as rejected with the reason, the item is editable again, and the
   * sender is told (an approver's rejection, or an accept the pre-flight refused).
   */
  async returnToSender(
    actor: AuthUser,
    r: ExportRequestRecord,
    why: string,
    action: 'export.reject' | 'export.preflight_refused',
  ): Promise<ExportRequestRecord> {
    const id = r.id;
    const type = r.type as ExportableType;
    const rejected = await this.txHost.withTransaction(EXPORT_TX, async () => {
      await this.items.lock(type, r.itemId);
      const current = await this.mustFind(id);
      const moved = await this.repo.transition(id, ['ready_to_export', 'failed'], {
        state: 'rejected',
        rejectReason: why,
        decidedById: actor.id,
        decidedAt: this.clock.now(),
        lockedBy: null,
        lockedUntil: null,
      });
      if (!moved)
        throw conflict(
          'request-not-waiting',
          `The export request is ${current.state.replace(/_/g, ' ')}; only waiting or failed requests can be rejected.`,
        );
      const p = payloadOf(current);
      await this.links.upsertForItem(p.linkType, r.itemId, {
        state: 'rejected',
        lastError: `Rejected: ${why}`,
      });
      await this.exporters.of(type).released?.(r.itemId);
      await this.audit.record({
        actorId: actor.id,
        action,
        itemType: type,
        itemId: r.itemId,
        before: { state: current.state },
        after: { state: 'rejected' },
        note: why,
      });
      return this.mustFind(id);
    });
    await this.notifier.rejected({
      requestId: id,
      type: r.type,
      itemId: r.itemId,
      sentById: r.sentById,
      rejectedById: actor.id,
      reason: why,
    });
    return rejected;
  }

  /** APP-4: a failed export goes back to work; the steps already done are not repeated. */
  async retry(actor: AuthUser, id: string) {
    const r = await this.mustFind(id);
    const replanned = await this.replanFromSettings(r);
    const retried = await this.txHost.withTransaction(EXPORT_TX, async () => {
      for (const step of replanned) await this.repo.replacePendingStepInput(id, step.seq, step.input);
      const moved = await this.repo.transition(id, ['failed'], {
        state: 'exporting',
        attempts: 0,
        nextAttemptAt: this.clock.now(),
        correlationId: currentCorrelationId() ?? null,
        finishedAt: null,
        lockedBy: null,
        lockedUntil: null,
      });
      if (!moved)
        throw conflict(
          'request-not-failed',
          `The export request is ${r.state.replace(/_/g, ' ')}; only failed requests can be retried.`,
        );
      await this.links.upsertForItem(payloadOf(r).linkType, r.itemId, { state: 'exporting' });
      await this.audit.record({
        actorId: actor.id,
        action: 'export.retry',
        itemType: r.type,
        itemId: r.itemId,
        before: { state: 'failed', lastError: r.lastError },
        after: { state: 'exporting' },
      });
      return this.mustFind(id);
    });
    this.worker.kick();
    return requestView(retried);
  }

  /**
   * JOB-3, APP-4: a failed export's unwritten steps whose input came from the settings are planned again before the
   * retry, so a template job fixed since (in Spectrum or in the settings) reaches Spectrum without a reject and
   * re-send: a job's `AddJob` (division, cost center, customer, taxable, price method) and its `AddPhase` steps (price
   * method), a commitment's subcontract header (the template job's GL account). The key fixed at accept is kept;
   * steps already written are never planned again.
   */
  private async replanFromSettings(
    r: ExportRequestRecord,
  ): Promise<{ seq: number; input: Record<string, string> }[]> {
    const exporter = this.exporters.of(r.type);
    const services = exporter.settingsFedSteps;
    if (r.state !== 'failed' || !services || !r.spectrumKey) return [];
    const pending = (await this.repo.steps(r.id)).filter(
      (s) => s.status === 'pending' && services.has(s.service),
    );
    if (pending.length === 0) return [];
    const key = keyValue(exporter.keyKind, r);
    if (!key) return [];
    const prepared = await this.plans.prepareRequest(r, undefined, key);
    if (prepared.blockers.length > 0)
      throw unprocessable(
        `The ${this.items.label(r.type as ExportableType)} export cannot be retried as it is.`,
        prepared.blockers,
      );
    const planned = prepared.build(key).steps;
    return pending.flatMap((s) => {
      const step = planned.find((p) => p.service === s.service && p.name === s.name);
      return step ? [{ seq: s.seq, input: step.input }] : [];
    });
  }

  /** The sender takes a waiting request back; the item is editable again in its earlier state. */
  async retrieve(actor: AuthUser, id: string) {
    const r = await this.mustFind(id);
    assertAllowed(actor, 'retrieve', { isSender: r.sentById === actor.id });
    const type = r.type as ExportableType;
    const back = await this.txHost.withTransaction(EXPORT_TX, async () => {
      await this.items.lock(type, r.itemId);
      const moved = await this.repo.transition(id, ['ready_to_export'], {
        state: 'retrieved',
        decidedById: actor.id,
        decidedAt: this.clock.now(),
      });
      if (!moved) throw notWaiting(r);
      const p = payloadOf(r);
      const link = await this.links.forItem(p.linkType, r.itemId);
      if (p.previousLinkState === null && !link?.spectrumKey) await this.links.delete(p.linkType, r.itemId);
      else await this.links.upsertForItem(p.linkType, r.itemId, { state: p.previousLinkState ?? 'unlinked' });
      await this.exporters.of(type).released?.(r.itemId);
      await this.audit.record({
        actorId: actor.id,
        action: 'export.retrieve',
        itemType: type,
        itemId: r.itemId,
        before: { state: 'ready_to_export' },
        after: { state: p.previousLinkState },
      });
      return this.mustFind(id);
    });
    return requestView(back);
  }

  /** COM-5, CCO-3: clears a synced item's link so it can be deleted; Spectrum is not changed. */
  async unlink(actor: AuthUser, input: { type: ExportableType; id: string }) {
    return this.txHost.withTransaction(EXPORT_TX, async () => {
      await this.items.lock(input.type, input.id);
      const { link, linkType } = await this.items.linkOf(input.type, input.id);
      if (link?.state !== 'synced') {
        throw unprocessable(`The ${this.items.label(input.type)} cannot be unlinked.`, [
          reason(
            'not-synced',
            this.exporters.of(input.type).unlinkRule ?? 'COM-5',
            'Only an item synced with Spectrum can be unlinked.',
          ),
        ]);
      }
      const after = await this.links.upsertForItem(linkType, input.id, { state: 'unlinked' });
      await this.audit.record({
        actorId: actor.id,
        action: 'export.unlink',
        itemType: input.type,
        itemId: input.id,
        before: { state: link.state, spectrumKey: link.spectrumKey },
        after: { state: after.state, spectrumKey: after.spectrumKey },
      });
      return { type: input.type, id: input.id, state: after.state, spectrumKey: null };
    });
  }
}

/** The state and permission reasons (APP-2, PERM-2) this user cannot take the decision for, as a refusal. */
export function refusedByRules(
  actor: AuthUser,
  r: ExportRequestRecord,
  action: 'accept' | 'reject',
): BulkOutcome | null {
  const check = exportRequestActions(actor, { state: r.state, sentById: r.sentById })[action];
  return check.ok ? null : { ...outcome('refused', r, false), reasons: [...check.reasons] };
}

/** A decision asked of a request that no longer waits (409). */
export function notWaiting(r: ExportRequestRecord) {
  return conflict(
    'request-not-waiting',
    `The export request is ${r.state.replace(/_/g, ' ')}, not waiting for approval.`,
  );
}
