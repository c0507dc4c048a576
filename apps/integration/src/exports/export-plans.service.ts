import {
  allOf,
  type Check,
  checkFrom,
  type ExportableType,
  type IntegrationFacts,
  type Reason,
  reason,
  type SpectrumWriteService,
  validatePayload,
  withFieldPrefix,
} from '@bridge/rules';
import { Inject, Injectable } from '@nestjs/common';
import { unprocessable } from '../platform/http/problem.js';
import { CLOCK, type Clock, SPECTRUM_CLIENT_FACTORY } from '../platform/tokens.js';
import { IntegrationFactsService } from '../settings/integration-facts.service.js';
import type { BridgeSpectrumClient, SpectrumClientFactory } from '../spectrum/spectrum-client.factory.js';
import { ConnectionNotConfiguredError, describeError } from '../spectrum/spectrum-errors.js';
import { ExportItemsService } from './export-items.service.js';
import { KEY_KINDS, type KeyInput, type Plan, type Prepared } from './exporter.js';
import { ExporterRegistry } from './exporter.registry.js';
import { type ExportRequestRecord, ExportsRepository } from './exports.repository.js';

export type IntegrationFactsOf = Awaited<ReturnType<IntegrationFactsService['get']>>;

/** Reasons that only say an item is in the queue: at accept it is, as this very request (APP-1, BUD-6). */
const IN_QUEUE_CODES: ReadonlySet<string> = new Set([
  'already-awaiting-approval',
  'export-in-progress',
  'budget-export-in-flight',
]);

export type { KeyInput, Plan, Prepared } from './exporter.js';

function checked(service: SpectrumWriteService, payload: object, prefix: string): Check {
  return withFieldPrefix(validatePayload(service, payload), prefix);
}

/**
 * Accept-time planning (docs/decisions.md → Exports): the Spectrum key each export writes (pre-filled per GEN-4,
 * editable by the approver, checked against Spectrum's keys and the keys other accepted exports reserved) and the
 * ordered steps, planned by the item type's `Exporter` from the `@bridge/rules` payload mappers. The same planning
 * serves the accept, the retry's re-plan and the preview.
 */
@Injectable()
export class ExportPlansService {
  constructor(
    @Inject(ExporterRegistry) private readonly exporters: ExporterRegistry,
    @Inject(ExportsRepository) private readonly repo: ExportsRepository,
    @Inject(ExportItemsService) private readonly items: ExportItemsService,
    @Inject(IntegrationFactsService) readonly facts: IntegrationFactsService,
    @Inject(SPECTRUM_CLIENT_FACTORY) private readonly clients: SpectrumClientFactory,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** A Spectrum client for the accept-time reads; no connection is a 422 saying so. */
  async client(): Promise<BridgeSpectrumClient> {
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

  /**
   * The item's request waiting for approval (if any) and the Spectrum key an earlier accepted request of it fixed
   * (a re-sent item keeps it, APP-3).
   */
  async openRequestOf(
    type: ExportableType,
    itemId: string,
  ): Promise<{ request: ExportRequestRecord | null; carriedKey: string | null }> {
    const [request] = await this.repo.ofItem(type, itemId, ['ready_to_export']);
    if (request)
      return { request, carriedKey: (request.payload as { carriedKey?: string }).carriedKey ?? null };
    return { request: null, carriedKey: await this.carriedKey(type, itemId) };
  }

  /** APP-3: the key an earlier accepted request of the item fixed and that did not end synced, if any. */
  async carriedKey(type: ExportableType, itemId: string): Promise<string | null> {
    const earlier = await this.repo.ofItem(type, itemId, CARRYING_STATES);
    return carriedKeyOf(this.exporters.of(type).keyKind, earlier);
  }

  /** Reads what planning a request needs from Spectrum; refusals are 422 with the reason in plain words. */
  async prepareRequest(
    r: Pick<ExportRequestRecord, 'type' | 'itemId'>,
    client?: BridgeSpectrumClient,
    typedKey?: string,
    known?: IntegrationFactsOf,
  ): Promise<Prepared> {
    const facts = known ?? (await this.facts.get());
    const c = client ?? (await this.client());
    try {
      return await this.prepare(r, c, facts, this.clock.now(), typedKey);
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
  async preflight(
    r: Pick<ExportRequestRecord, 'type' | 'itemId'>,
    client: BridgeSpectrumClient,
    facts: IntegrationFactsOf,
  ): Promise<Reason[]> {
    const type = r.type as ExportableType;
    let found: Awaited<ReturnType<ExportItemsService['check']>>;
    try {
      found = await this.items.check(type, r.itemId, facts, { fresh: client });
    } catch (e) {
      throw unprocessable('Spectrum could not be read to check the export.', [
        reason('spectrum-unavailable', 'APP-2', `Spectrum could not be read: ${describeError(e)}`),
      ]);
    }
    if (!found) return [reason('item-not-found', 'APP-1', `The ${this.items.label(type)} no longer exists.`)];
    return found.check.ok ? [] : found.check.reasons.filter((x) => !IN_QUEUE_CODES.has(x.code));
  }

  /** Reads what the plan needs (Spectrum's keys in the item's scope, GL account, customer); no transaction held. */
  async prepare(
    req: Pick<ExportRequestRecord, 'type' | 'itemId'>,
    client: BridgeSpectrumClient,
    facts: IntegrationFacts & { companyCode: string | null },
    now: Date,
    typedKey?: string,
  ): Promise<Prepared> {
    const exporter = this.exporters.of(req.type);
    const prepared = await exporter.prepare(req.itemId, {
      client,
      facts,
      companyCode: facts.companyCode ?? client.companyCode,
      now,
      typed: typedKey?.trim().toUpperCase() || undefined,
    });
    return (
      prepared ?? {
        kind: 'none',
        scope: {},
        spectrumTaken: [],
        blockers: [reason('item-not-found', 'APP-1', `The ${exporter.label} no longer exists.`)],
        derive: () => null,
        validate: () => checkFrom([]),
        build: () => ({ spectrumKey: '', keyFields: {}, steps: [] }),
      }
    );
  }

  /**
   * Keys other accepted exports and links already hold in the same scope (inside the accept transaction), read for
   * that scope only: the job or vendor candidates of this accept, one vendor's subcontracts, one job and customer's
   * change requests, across every item type that writes the same kind of Spectrum record.
   */
  async reservedKeys(prepared: Prepared, requestId: string): Promise<string[]> {
    if (prepared.kind === 'none') return [];
    const { requestTypes, linkTypes } = this.exporters.scopeOf(prepared.kind);
    const out: string[] = [];
    if (prepared.kind === 'job' || prepared.kind === 'vendor') {
      const keys = prepared.candidates ?? [];
      out.push(...(await this.repo.reservedRequestKeys(requestTypes, { keys }, requestId)));
      out.push(...(await this.repo.reservedLinkKeys(linkTypes, { keys })));
    } else {
      const prefix =
        prepared.kind === 'subcontract'
          ? `${prepared.scope.vendorCode}/`
          : `${prepared.scope.jobNumber}/${prepared.scope.customerCode}/`;
      for (const k of [
        ...(await this.repo.reservedRequestKeys(requestTypes, { prefix }, requestId)),
        ...(await this.repo.reservedLinkKeys(linkTypes, { prefix })),
      ])
        out.push(k.slice(prefix.length));
    }
    return out.filter((k) => k !== '');
  }

  /**
   * How the pre-filled key was made, in words: a key an earlier accepted request of the item fixed is kept (APP-3),
   * any other pre-fill comes from the item's PM number or name by the type's rule.
   */
  prefillRule(prepared: Prepared, prefill: string | null, ownKey: string | null): string | null {
    if (prefill === null) return null;
    if (ownKey !== null && prefill.toUpperCase() === ownKey.toUpperCase())
      return 'the key an earlier accepted export of this item fixed in Spectrum, kept so that Spectrum gets the item once';
    return prepared.explain?.(prefill) ?? null;
  }

  /**
   * The key (approver's or pre-filled) and the steps, or every reason the accept is refused. `ownKey` is a key an
   * earlier accepted request of the same item already fixed (a re-sent item keeps its Spectrum key, APP-3).
   */
  decide(
    prepared: Prepared,
    type: ExportableType,
    input: KeyInput,
    reserved: readonly string[],
    ownKey: string | null,
  ): { ok: true; plan: Plan; value: string } | { ok: false; reasons: Reason[]; prefill: string | null } {
    const taken = new Set(
      [...prepared.spectrumTaken, ...reserved].filter(
        (k) => !ownKey || k.toUpperCase() !== ownKey.toUpperCase(),
      ),
    );
    const field = KEY_KINDS[prepared.kind].input;
    const typed = input[field];
    const prefill = ownKey ?? prepared.derive(taken);
    // one reason per code: the pre-flight and the plan may both say the template job is missing
    const reasons: Reason[] = prepared.blockers.filter(
      (b, i, all) => all.findIndex((x) => x.code === b.code) === i,
    );
    if (reasons.length > 0) return { ok: false, reasons, prefill };
    const value = (typed ?? prefill ?? '').trim();
    if (value === '') {
      return {
        ok: false,
        reasons: [reason('spectrum-key-required', 'COM-2', 'Enter the Spectrum key for this export.', field)],
        prefill,
      };
    }
    const check = prepared.validate(value, taken);
    if (!check.ok) return { ok: false, reasons: [...check.reasons], prefill };
    const plan = prepared.build(value);
    const payloadChecks = plan.steps.map((s, i) =>
      checked(s.service as SpectrumWriteService, s.input, `steps[${i}]`),
    );
    const all = allOf(...payloadChecks);
    if (!all.ok) return { ok: false, reasons: [...all.reasons], prefill };
    if (plan.steps.length === 0) {
      return {
        ok: false,
        reasons: [
          reason(
            'nothing-to-export',
            'APP-1',
            `The ${this.exporters.of(type).label} has nothing to send to Spectrum.`,
          ),
        ],
        prefill,
      };
    }
    return { ok: true, plan, value };
  }
}

/** The approver's key value a request fixed (the subcontract or change request number, else the Spectrum key). */
export function keyValue(
  kind: keyof typeof KEY_KINDS,
  r: Pick<ExportRequestRecord, 'keyFields' | 'spectrumKey'>,
): string | null {
  const field = KEY_KINDS[kind].keyField;
  return (field ? r.keyFields?.[field] : undefined) ?? r.spectrumKey;
}

/** The states of an item's earlier requests that may carry the Spectrum key an accept fixed (APP-3). */
export const CARRYING_STATES = ['failed', 'rejected', 'retrieved'] as const;

/** APP-3: the key the first of these earlier requests (newest first) that had one fixed, if any. */
export function carriedKeyOf(
  kind: keyof typeof KEY_KINDS,
  earlier: readonly Pick<ExportRequestRecord, 'keyFields' | 'spectrumKey'>[],
): string | null {
  const carried = earlier.find((e) => e.spectrumKey !== null);
  return carried ? keyValue(kind, carried) : null;
}
