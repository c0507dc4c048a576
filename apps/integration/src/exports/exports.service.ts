import {
  type ExportableType,
  exportRequestActions,
  type ItemType,
  type Reason,
  reason,
  type SyncState,
} from '@bridge/rules';
import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { AuditService } from '../audit/audit.service.js';
import type { AuthUser } from '../auth/auth-user.js';
import { assertAllowed } from '../auth/authorization.js';
import type { Prisma } from '../generated/prisma/client.js';
import { blockedBy } from '../links/item-view.js';
import { LinksRepository } from '../links/links.repository.js';
import { type Page, toPage } from '../platform/http/pagination.js';
import { badRequest, conflict, notFound, ProblemError, unprocessable } from '../platform/http/problem.js';
import { currentCorrelationId } from '../platform/logging/correlation.js';
import { CLOCK, type Clock, LOGGER, SPECTRUM_CLIENT_FACTORY } from '../platform/tokens.js';
import type { Tx } from '../projects/pm-common.js';
import { IntegrationFactsService } from '../settings/integration-facts.service.js';
import type { BridgeSpectrumClient, SpectrumClientFactory } from '../spectrum/spectrum-client.factory.js';
import { ConnectionNotConfiguredError, describeError } from '../spectrum/spectrum-errors.js';
import { ExportItemsService } from './export-items.service.js';
import { ExportPlansService, type KeyInput, type Prepared } from './export-plans.service.js';
import { ExportWorker } from './export-worker.service.js';
import {
  type ExportRequestRecord,
  type ExportRequestState,
  type ExportStepRecord,
  ExportsRepository,
  OPEN_STATES,
} from './exports.repository.js';
import { EXPORT_NOTIFIER, type ExportNotifier } from './notifier.js';

/** The payload snapshot a request stores at send time. */
export interface SentPayload {
  item: Record<string, unknown>;
  linkType: ItemType;
  previousLinkState: SyncState | null;
  /** A Spectrum key an earlier accepted request of the item fixed (a re-sent item keeps it, APP-3). */
  carriedKey: string | null;
}

const iso = (d: Date | null) => d?.toISOString() ?? null;

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

/** The steps whose input comes (partly) from the settings' template job, per exported type (APP-4 re-plan). */
const SETTINGS_FED_STEPS: Partial<Record<ExportableType, ReadonlySet<string>>> = {
  project: new Set(['AddJob', 'AddPhase']),
  commitment: new Set(['UpdateSubcontract']),
};

/** Reasons that only say an item is in the queue: at accept it is, as this very request (APP-1, BUD-6). */
const IN_QUEUE_CODES: ReadonlySet<string> = new Set([
  'already-awaiting-approval',
  'export-in-progress',
  'budget-export-in-flight',
]);

/** States of a request an accept has moved on (APP-1): asking again to accept it changes nothing. */
const ACCEPTED_STATES: ReadonlySet<string> = new Set(['exporting', 'synced', 'failed']);

/** How many requests one bulk accept or reject may name (API-6). */
export const MAX_BULK_IDS = 500;

/** One request's outcome in a bulk accept or reject (API-7). */
export interface BulkOutcome {
  id: string;
  outcome: 'accepted' | 'rejected' | 'refused' | 'not_found';
  /** False when the call changed nothing for this request (already decided, refused, unknown). */
  changed: boolean;
  request: ReturnType<ExportsService['view']> | null;
  reasons: Reason[];
}

export interface BulkResult {
  results: BulkOutcome[];
  counts: { accepted: number; rejected: number; refused: number; notFound: number };
}

type IntegrationFactsOf = Awaited<ReturnType<IntegrationFactsService['get']>>;

export function payloadOf(r: ExportRequestRecord): SentPayload {
  const p = r.payload as Partial<SentPayload>;
  return {
    item: p.item ?? {},
    linkType: p.linkType ?? r.type,
    previousLinkState: p.previousLinkState ?? null,
    carriedKey: p.carriedKey ?? null,
  };
}

/** The approval queue (APP-1 … APP-6): send, accept, reject, retry, retrieve, unlink, and the lists. */
@Injectable()
export class ExportsService {
  constructor(
    @Inject(ExportsRepository) private readonly repo: ExportsRepository,
    @Inject(ExportItemsService) private readonly items: ExportItemsService,
    @Inject(ExportPlansService) private readonly plans: ExportPlansService,
    @Inject(ExportWorker) private readonly worker: ExportWorker,
    @Inject(LinksRepository) private readonly links: LinksRepository,
    @Inject(IntegrationFactsService) private readonly facts: IntegrationFactsService,
    @Inject(AuditService) private readonly audit: AuditService,
    @Inject(SPECTRUM_CLIENT_FACTORY) private readonly clients: SpectrumClientFactory,
    @Inject(EXPORT_NOTIFIER) private readonly notifier: ExportNotifier,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  view(r: ExportRequestRecord) {
    const p = payloadOf(r);
    return {
      id: r.id,
      type: r.type,
      itemId: r.itemId,
      state: r.state,
      sentById: r.sentById,
      sentAt: r.sentAt.toISOString(),
      decidedById: r.decidedById,
      decidedAt: iso(r.decidedAt),
      note: r.note,
      rejectReason: r.rejectReason,
      spectrumKey: r.spectrumKey,
      keyFields: r.keyFields,
      attempts: r.attempts,
      nextAttemptAt: iso(r.nextAttemptAt),
      lastError: r.lastError,
      lastErrorKind: r.lastErrorKind,
      finishedAt: iso(r.finishedAt),
      item: p.item,
    };
  }

  private stepView(s: ExportStepRecord) {
    return {
      seq: s.seq,
      name: s.name,
      service: s.service,
      status: s.status,
      doneAt: iso(s.doneAt),
      result: s.result ?? null,
      input: s.input,
    };
  }

  async list(
    actor: AuthUser,
    filter: { type?: ItemType; state?: ExportRequestState },
    afterId: string | undefined,
    limit: number,
  ): Promise<Page<unknown>> {
    const rows = await this.repo.list(filter, afterId, limit + 1);
    return toPage(rows, limit, (r) => ({ ...this.view(r), blockedBy: this.blockedFor(actor, r) }));
  }

  /** API-4: the queue decisions this user cannot take on the request now, each with every reason. */
  private blockedFor(actor: AuthUser, r: ExportRequestRecord) {
    return blockedBy(exportRequestActions(actor, { state: r.state, sentById: r.sentById }));
  }

  private async mustFind(id: string, tx?: Tx): Promise<ExportRequestRecord> {
    const r = await this.repo.findById(id, tx);
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
      ...this.view(r),
      blockedBy: this.blockedFor(actor, r),
      steps: steps.map((s) => this.stepView(s)),
      spectrumCalls: steps.filter((s) => s.status === 'done').length,
      prefill,
    };
  }

  /** The request with its steps, without the pre-filled key (which reads Spectrum): what the live view shows. */
  async progressView(id: string) {
    const r = await this.mustFind(id);
    const steps = await this.repo.steps(id);
    return {
      ...this.view(r),
      steps: steps.map((s) => this.stepView(s)),
      spectrumCalls: steps.filter((s) => s.status === 'done').length,
    };
  }

  private async prefill(r: ExportRequestRecord): Promise<Record<string, unknown>> {
    try {
      const prepared = await this.prepare(r);
      const reserved = await this.plans.reservedKeys(prepared, r.type as ExportableType, r.id);
      const d = this.plans.decide(prepared, r.type as ExportableType, {}, reserved, payloadOf(r).carriedKey);
      const value = d.ok ? d.value : d.prefill;
      const field = prepared.kind === 'change_request' ? 'changeRequestId' : 'spectrumId';
      const key = prepared.kind === 'none' ? null : value;
      return {
        [field]: key,
        rule: key === null ? null : this.plans.prefillRule(prepared, key, payloadOf(r).carriedKey),
        blockedBy: d.ok ? [] : d.reasons,
      };
    } catch (e) {
      return { error: e instanceof Error ? e.message : String(e) };
    }
  }

  /** A Spectrum client for the accept-time reads; no connection is a 422 saying so. */
  private async client(): Promise<BridgeSpectrumClient> {
    try {
      return await this.clients.create({ retry: { attempts: 2 } });
    } catch (e) {
      if (e instanceof ConnectionNotConfiguredError) {
        throw unprocessable('The Spectrum connection is not configured.', [
          reason('connection-not-configured', 'GEN-2', e.message),
        ]);
      }
      throw e;
    }
  }

  /** Reads what an accept needs from Spectrum; refusals are 422 with the reason in plain words. */
  private async prepare(
    r: ExportRequestRecord,
    client?: BridgeSpectrumClient,
    typedKey?: string,
    known?: IntegrationFactsOf,
  ): Promise<Prepared> {
    const facts = known ?? (await this.facts.get());
    const c = client ?? (await this.client());
    try {
      return await this.plans.prepare(r, c, facts, this.clock.now(), typedKey);
    } catch (e) {
      throw unprocessable('Spectrum could not be read to fix the export key.', [
        reason('spectrum-unavailable', 'APP-2', `Spectrum could not be read: ${describeError(e)}`),
      ]);
    }
  }

  /**
   * PRE-1: the item's send check again, on its current PM data and on Spectrum read now for this item only. The
   * reasons that only say the item is in the queue (it is: this request) are left out.
   */
  private async preflight(
    r: ExportRequestRecord,
    client: BridgeSpectrumClient,
    facts: IntegrationFactsOf,
  ): Promise<Reason[]> {
    let found: Awaited<ReturnType<ExportItemsService['check']>>;
    try {
      found = await this.items.check(r.type as ExportableType, r.itemId, facts, undefined, { fresh: client });
    } catch (e) {
      throw unprocessable('Spectrum could not be read to check the export.', [
        reason('spectrum-unavailable', 'APP-2', `Spectrum could not be read: ${describeError(e)}`),
      ]);
    }
    if (!found)
      return [
        reason(
          'item-not-found',
          'APP-1',
          `The ${this.items.label(r.type as ExportableType)} no longer exists.`,
        ),
      ];
    return found.check.ok ? [] : found.check.reasons.filter((x) => !IN_QUEUE_CODES.has(x.code));
  }

  /** APP-1: the item goes into the queue as Ready to Export (read-only), with its payload snapshot. */
  async send(actor: AuthUser, input: { type: ExportableType; id: string }) {
    const facts = await this.facts.get();
    const now = this.clock.now();
    const created = await this.repo.transaction(async (tx) => {
      await this.items.lock(input.type, input.id, tx);
      const found = await this.items.check(input.type, input.id, facts, tx);
      if (!found) throw notFound(this.items.label(input.type), input.id);
      const open = await this.repo.ofItem(input.type, input.id, OPEN_STATES, tx);
      if (!found.check.ok)
        throw unprocessable(`The ${found.label} cannot be sent to the ERP.`, found.check.reasons);
      if (open.length > 0) {
        throw unprocessable(`The ${found.label} cannot be sent to the ERP.`, [
          reason('already-awaiting-approval', 'APP-1', `The ${found.label} is already in the export queue.`),
        ]);
      }
      const earlier = await this.repo.ofItem(input.type, input.id, ['failed', 'rejected', 'retrieved'], tx);
      const carried = earlier.find((e) => e.spectrumKey !== null && e.state !== 'synced');
      for (const f of earlier.filter((e) => e.state === 'failed')) {
        await this.repo.transition(
          f.id,
          ['failed'],
          { state: 'retrieved', note: 'Replaced by a new request.' },
          tx,
        );
      }
      const payload: SentPayload = {
        item: found.snapshot,
        linkType: found.linkType,
        previousLinkState: found.link?.state ?? null,
        carriedKey: carried?.spectrumKey
          ? (carried.keyFields?.subcontractNumber ??
            carried.keyFields?.changeRequestNumber ??
            carried.spectrumKey)
          : null,
      };
      const r = await this.repo.create(
        {
          type: input.type,
          itemId: input.id,
          payload: JSON.parse(JSON.stringify(payload)) as Prisma.InputJsonValue,
          sentById: actor.id,
          sentAt: now,
        },
        tx,
      );
      await this.links.upsertForItem(
        found.linkType,
        input.id,
        { state: 'ready_to_export', lastError: null },
        tx,
      );
      if (input.type === 'budget') await this.repo.setBudgetFlags(input.id, { exportInFlight: true }, tx);
      await this.audit.record(
        {
          actorId: actor.id,
          action: 'export.send',
          itemType: input.type,
          itemId: input.id,
          before: { state: found.link?.state ?? null },
          after: { state: 'ready_to_export', requestId: r.id },
        },
        tx,
      );
      return r;
    });
    this.logger.info(
      { exportRequestId: created.id, type: input.type, itemId: input.id },
      'sent to the ERP queue',
    );
    return this.view(created);
  }

  /** APP-2, COM-2, CCO-2, PCCO-2: fixes the Spectrum key, creates the steps and enqueues, in one transaction. */
  async accept(actor: AuthUser, id: string, body: KeyInput & { note?: string | undefined }) {
    const r = await this.mustFind(id);
    if (r.state !== 'ready_to_export') throw this.notWaiting(r);
    const accepted = await this.acceptLoaded(actor, r, body, await this.client());
    this.worker.kick();
    return this.view(accepted);
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
    const facts = await this.facts.get();
    // the plan's reads (the key's scope) go side by side with the pre-flight's; used only if the pre-flight passes
    const preparing = this.prepare(r, client, body.spectrumId ?? body.changeRequestId, facts);
    preparing.catch(() => undefined);
    const preflight = await this.preflight(r, client, facts);
    if (preflight.some((x) => !APPROVER_SIDE_CODES.has(x.code))) {
      const text = `Spectrum would refuse this export, so it was returned to the sender before anything was written: ${preflight.map((x) => x.message).join(' ')}`;
      await this.returnToSender(actor, r, text, 'export.preflight_refused');
      throw unprocessable(
        `The ${this.items.label(type)} cannot be exported as it is; it was returned to the sender with the reasons.`,
        preflight,
      );
    }
    const prepared = await preparing;
    const now = this.clock.now();
    const accepted = await this.repo.transaction(async (tx) => {
      await this.repo.lockKeyReservations(tx);
      await this.items.lock(type, r.itemId, tx);
      const current = await this.mustFind(id, tx);
      if (current.state !== 'ready_to_export') throw this.notWaiting(current);
      const reserved = await this.plans.reservedKeys(prepared, type, id, tx);
      // what only the settings can fix keeps the request waiting (JOB-3 template job, connection)
      const withHeld = { ...prepared, blockers: [...prepared.blockers, ...preflight] };
      const decision = this.plans.decide(withHeld, type, body, reserved, payloadOf(current).carriedKey);
      if (!decision.ok) throw unprocessable('The export cannot be accepted.', decision.reasons);
      await this.repo.createSteps(id, decision.plan.steps, tx);
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
      await this.repo.transition(id, ['ready_to_export'], changes, tx);
      const p = payloadOf(current);
      await this.links.upsertForItem(p.linkType, r.itemId, { state: 'exporting', lastError: null }, tx);
      await this.audit.record(
        {
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
        },
        tx,
      );
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
    return this.decideMany(ids, async (r) => {
      if (ACCEPTED_STATES.has(r.state) && r.decidedAt !== null) return this.outcome('accepted', r, false);
      const allowed = this.allowed(actor, r, 'accept');
      if (allowed) return allowed;
      try {
        client ??= this.client();
        return this.outcome('accepted', await this.acceptLoaded(actor, r, body, await client), true);
      } catch (e) {
        if (e instanceof ProblemError) return this.refused(r, e, await this.repo.findById(r.id));
        throw e;
      }
    }).finally(() => this.worker.kick());
  }

  /**
   * API-6, API-7, COM-3: many waiting or failed requests rejected with one reason in one call, each with its own
   * outcome; a request already rejected answers `rejected` again (`changed: false`).
   */
  async rejectMany(actor: AuthUser, ids: readonly string[], body: { reason: string }) {
    return this.decideMany(ids, async (r) => {
      if (r.state === 'rejected') return this.outcome('rejected', r, false);
      const allowed = this.allowed(actor, r, 'reject');
      if (allowed) return allowed;
      try {
        return this.outcome(
          'rejected',
          await this.returnToSender(actor, r, body.reason, 'export.reject'),
          true,
        );
      } catch (e) {
        if (e instanceof ProblemError) return this.refused(r, e, await this.repo.findById(r.id));
        throw e;
      }
    });
  }

  /** The ids one after another (accepts serialize on the key reservation lock anyway), read in one statement. */
  private async decideMany(
    ids: readonly string[],
    decide: (r: ExportRequestRecord) => Promise<BulkOutcome>,
  ): Promise<BulkResult> {
    if (ids.length > MAX_BULK_IDS) {
      throw badRequest(
        [
          {
            field: 'ids',
            rule: 'API-6',
            code: 'too-many-ids',
            message: `At most ${MAX_BULK_IDS} export requests can be decided in one call (${ids.length} were given).`,
          },
        ],
        `At most ${MAX_BULK_IDS} export requests can be decided in one call.`,
      );
    }
    const twice = ids.filter((id, i) => ids.indexOf(id) !== i);
    if (twice.length > 0) {
      throw badRequest(
        [
          {
            field: 'ids',
            rule: 'API-6',
            code: 'duplicate-ids',
            message: `Each export request can be named once per call: ${[...new Set(twice)].join(', ')}.`,
          },
        ],
        'Each export request can be named once per call.',
      );
    }
    const found = await this.repo.findByIds(ids);
    const results: BulkOutcome[] = [];
    for (const id of ids) {
      const r = found.get(id);
      if (!r) {
        results.push({
          id,
          outcome: 'not_found',
          changed: false,
          request: null,
          reasons: [reason('request-not-found', 'API-6', `Export request ${id} does not exist.`)],
        });
        continue;
      }
      try {
        results.push(await decide(r));
      } catch (e) {
        // an unexpected failure of one request (its transaction rolled back) does not stop the others
        this.logger.error({ correlationId: id, err: e }, 'bulk decision failed');
        results.push({
          ...this.outcome('refused', r, false),
          reasons: [
            reason(
              'decision-failed',
              'API-7',
              'The request could not be decided because of an internal error; nothing was changed for it. Try again.',
            ),
          ],
        });
      }
    }
    const count = (o: BulkOutcome['outcome']) => results.filter((x) => x.outcome === o).length;
    return {
      results,
      counts: {
        accepted: count('accepted'),
        rejected: count('rejected'),
        refused: count('refused'),
        notFound: count('not_found'),
      },
    };
  }

  private outcome(outcome: BulkOutcome['outcome'], r: ExportRequestRecord, changed: boolean): BulkOutcome {
    return { id: r.id, outcome, changed, request: this.view(r), reasons: [] };
  }

  /**
   * A refusal of one request in a bulk call: the reasons of the problem the single call would have answered, and the
   * request as it is now (`changed` when the refusal moved it: a pre-flight refusal returns the item to its sender).
   */
  private refused(r: ExportRequestRecord, e: ProblemError, now?: ExportRequestRecord | null): BulkOutcome {
    const after = now ?? r;
    return {
      ...this.outcome('refused', after, after.state !== r.state),
      reasons: e.errors.map((x) => ({
        code: x.code,
        rule: x.rule ?? 'API-7',
        message: x.message,
        ...(x.field ? { field: x.field } : {}),
      })),
    };
  }

  /** The state and permission reasons (APP-2, PERM-2) this user cannot take the decision for, as a refusal. */
  private allowed(actor: AuthUser, r: ExportRequestRecord, action: 'accept' | 'reject'): BulkOutcome | null {
    const check = exportRequestActions(actor, { state: r.state, sentById: r.sentById })[action];
    return check.ok ? null : { ...this.outcome('refused', r, false), reasons: [...check.reasons] };
  }

  private notWaiting(r: ExportRequestRecord) {
    return conflict(
      'request-not-waiting',
      `The export request is ${r.state.replace(/_/g, ' ')}, not waiting for approval.`,
    );
  }

  /** COM-3: back to the PM user for correction (waiting or failed requests), with the reason. */
  async reject(actor: AuthUser, id: string, body: { reason: string }) {
    const r = await this.mustFind(id);
    return this.view(await this.returnToSender(actor, r, body.reason, 'export.reject'));
  }

  /**
   * COM-3, PRE-1: the request leaves the queue as rejected with the reason, the item is editable again, and the
   * sender is told (an approver's rejection, or an accept the pre-flight refused).
   */
  private async returnToSender(
    actor: AuthUser,
    r: ExportRequestRecord,
    why: string,
    action: 'export.reject' | 'export.preflight_refused',
  ): Promise<ExportRequestRecord> {
    const id = r.id;
    const type = r.type as ExportableType;
    const rejected = await this.repo.transaction(async (tx) => {
      await this.items.lock(type, r.itemId, tx);
      const current = await this.mustFind(id, tx);
      const moved = await this.repo.transition(
        id,
        ['ready_to_export', 'failed'],
        {
          state: 'rejected',
          rejectReason: why,
          decidedById: actor.id,
          decidedAt: this.clock.now(),
          lockedBy: null,
          lockedUntil: null,
        },
        tx,
      );
      if (!moved)
        throw conflict(
          'request-not-waiting',
          `The export request is ${current.state.replace(/_/g, ' ')}; only waiting or failed requests can be rejected.`,
        );
      const p = payloadOf(current);
      await this.links.upsertForItem(
        p.linkType,
        r.itemId,
        { state: 'rejected', lastError: `Rejected: ${why}` },
        tx,
      );
      if (type === 'budget') await this.repo.setBudgetFlags(r.itemId, { exportInFlight: false }, tx);
      await this.audit.record(
        {
          actorId: actor.id,
          action,
          itemType: type,
          itemId: r.itemId,
          before: { state: current.state },
          after: { state: 'rejected' },
          note: why,
        },
        tx,
      );
      return this.mustFind(id, tx);
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
    const retried = await this.repo.transaction(async (tx) => {
      for (const step of replanned) await this.repo.replacePendingStepInput(id, step.seq, step.input, tx);
      const moved = await this.repo.transition(
        id,
        ['failed'],
        {
          state: 'exporting',
          attempts: 0,
          nextAttemptAt: this.clock.now(),
          correlationId: currentCorrelationId() ?? null,
          finishedAt: null,
          lockedBy: null,
          lockedUntil: null,
        },
        tx,
      );
      if (!moved)
        throw conflict(
          'request-not-failed',
          `The export request is ${r.state.replace(/_/g, ' ')}; only failed requests can be retried.`,
        );
      await this.links.upsertForItem(payloadOf(r).linkType, r.itemId, { state: 'exporting' }, tx);
      await this.audit.record(
        {
          actorId: actor.id,
          action: 'export.retry',
          itemType: r.type,
          itemId: r.itemId,
          before: { state: 'failed', lastError: r.lastError },
          after: { state: 'exporting' },
        },
        tx,
      );
      return this.mustFind(id, tx);
    });
    this.worker.kick();
    return this.view(retried);
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
    const services = SETTINGS_FED_STEPS[r.type as ExportableType];
    if (r.state !== 'failed' || !services || !r.spectrumKey) return [];
    const pending = (await this.repo.steps(r.id)).filter(
      (s) => s.status === 'pending' && services.has(s.service),
    );
    if (pending.length === 0) return [];
    const key = r.type === 'commitment' ? r.keyFields?.subcontractNumber : r.spectrumKey;
    if (!key) return [];
    const prepared = await this.prepare(r, undefined, key);
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
    const back = await this.repo.transaction(async (tx) => {
      await this.items.lock(type, r.itemId, tx);
      const moved = await this.repo.transition(
        id,
        ['ready_to_export'],
        { state: 'retrieved', decidedById: actor.id, decidedAt: this.clock.now() },
        tx,
      );
      if (!moved) throw this.notWaiting(r);
      const p = payloadOf(r);
      const link = await this.links.forItem(p.linkType, r.itemId, tx);
      if (p.previousLinkState === null && !link?.spectrumKey)
        await this.links.delete(p.linkType, r.itemId, tx);
      else
        await this.links.upsertForItem(
          p.linkType,
          r.itemId,
          { state: p.previousLinkState ?? 'unlinked' },
          tx,
        );
      if (type === 'budget') await this.repo.setBudgetFlags(r.itemId, { exportInFlight: false }, tx);
      await this.audit.record(
        {
          actorId: actor.id,
          action: 'export.retrieve',
          itemType: type,
          itemId: r.itemId,
          before: { state: 'ready_to_export' },
          after: { state: p.previousLinkState },
        },
        tx,
      );
      return this.mustFind(id, tx);
    });
    return this.view(back);
  }

  /** COM-5, CCO-3: clears a synced item's link so it can be deleted; Spectrum is not changed. */
  async unlink(actor: AuthUser, input: { type: ExportableType; id: string }) {
    return this.repo.transaction(async (tx) => {
      await this.items.lock(input.type, input.id, tx);
      const { link, linkType } = await this.items.linkOf(input.type, input.id, tx);
      if (link?.state !== 'synced') {
        throw unprocessable(`The ${this.items.label(input.type)} cannot be unlinked.`, [
          reason(
            'not-synced',
            input.type === 'commitment_change_order' ? 'CCO-3' : 'COM-5',
            'Only an item synced with Spectrum can be unlinked.',
          ),
        ]);
      }
      const after = await this.links.upsertForItem(linkType, input.id, { state: 'unlinked' }, tx);
      await this.audit.record(
        {
          actorId: actor.id,
          action: 'export.unlink',
          itemType: input.type,
          itemId: input.id,
          before: { state: link.state, spectrumKey: link.spectrumKey },
          after: { state: after.state, spectrumKey: after.spectrumKey },
        },
        tx,
      );
      return { type: input.type, id: input.id, state: after.state, spectrumKey: null };
    });
  }
}
