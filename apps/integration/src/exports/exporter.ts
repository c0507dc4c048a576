import type {
  Check,
  ExportableType,
  IntegrationFacts,
  ItemType,
  Reason,
  SpectrumPreflightFacts,
} from '@bridge/rules';
import type { Provider, Type } from '@nestjs/common';
import type { LinkView } from '../links/links.repository.js';
import type { SpectrumPreflightFactsService } from '../snapshots/spectrum-preflight-facts.service.js';
import type { BridgeSpectrumClient } from '../spectrum/spectrum-client.factory.js';

/**
 * The seam between the approval queue and the item types it exports (docs/architecture.md → Seams). The exports core
 * (queue, claim, lease, worker, errors, audit) knows no item type: each exportable type has one `Exporter` in its
 * feature folder, registered with `exporterProviders(...)` in the feature's module, and the core finds them all at
 * start-up (`ExporterRegistry`), as the sync engine finds its `SYNC_JOBS`.
 */
export const EXPORTERS = Symbol('EXPORTERS');

/**
 * The Spectrum record a key names, which decides where other accepts may have reserved the same key: a job number
 * and a vendor code are company-wide, a subcontract number is unique per vendor, a change request number per job and
 * customer; `none` for exports that write to an existing job (budgets, forecasts).
 */
export type KeyKind = 'job' | 'vendor' | 'subcontract' | 'change_request' | 'none';

/** The approver's key field per key kind (COM-2, CCO-2, PCCO-2), and the `keyFields` entry that holds the value. */
export const KEY_KINDS: Record<
  KeyKind,
  { input: 'spectrumId' | 'changeRequestId'; keyField: string | null }
> = {
  job: { input: 'spectrumId', keyField: 'jobNumber' },
  vendor: { input: 'spectrumId', keyField: 'vendorCode' },
  subcontract: { input: 'spectrumId', keyField: 'subcontractNumber' },
  change_request: { input: 'changeRequestId', keyField: 'changeRequestNumber' },
  none: { input: 'spectrumId', keyField: null },
};

/** What the approver may type at accept time (COM-2, CCO-2, PCCO-2). */
export interface KeyInput {
  spectrumId?: string | undefined;
  changeRequestId?: string | undefined;
}

/** One Spectrum write of a plan: a Put service and its wire input, as the `@bridge/rules` mappers produce it. */
export interface PlannedStep {
  name: string;
  service: string;
  input: Record<string, string>;
}

export interface Plan {
  spectrumKey: string;
  keyFields: Record<string, string>;
  steps: PlannedStep[];
}

/** What an exporter read from Spectrum and the PM side to plan an export; no transaction is held. */
export interface Prepared {
  kind: KeyKind;
  /** The scope keys are unique in (vendor; job + customer), as stored in `keyFields`. */
  scope: Record<string, string>;
  /** Keys Spectrum already uses in that scope. */
  spectrumTaken: string[];
  /**
   * Job and vendor keys (one company-wide scope): the only keys the accept can fix (the candidates Spectrum was asked
   * about and the typed key), so the reserved keys are read for these only.
   */
  candidates?: string[];
  /** Reasons that stop the accept whatever key is chosen (e.g. no GL account). */
  blockers: Reason[];
  derive(taken: ReadonlySet<string>): string | null;
  /** How a derived key was made from the PM record, in words (shown beside the pre-filled key). */
  explain?(value: string): string;
  validate(value: string, taken: ReadonlySet<string>): Check;
  build(value: string): Plan;
}

/** What planning reads with: Spectrum (one client for the accept), the settings, the company and the clock. */
export interface PlanContext {
  client: BridgeSpectrumClient;
  facts: IntegrationFacts;
  companyCode: string;
  now: Date;
  /** The approver's key, upper-cased (job and vendor exports ask Spectrum about it too). */
  typed: string | undefined;
}

/**
 * Where the Spectrum side of a check comes from (PRE-1): the last synced Spectrum data (lists, `blockedBy`,
 * `sendToErp`), or Spectrum itself read now for this one item (accept).
 */
export type PreflightSource = { stored: true } | { fresh: BridgeSpectrumClient };
export const STORED: PreflightSource = { stored: true };

/** What a send check reads with: the settings, where Spectrum's side comes from, and the item's link. */
export interface CheckContext {
  facts: IntegrationFacts;
  source: PreflightSource;
  link: LinkView | null;
}

/** What the send check of an item found: the rules' verdict and the item as sent. */
export interface ExportCheck {
  check: Check;
  /** The item as the rules saw it (the payload snapshot of the request). */
  snapshot: Record<string, unknown>;
}

/** The send check with where the item's sync state lives. */
export interface ItemCheck extends ExportCheck {
  label: string;
  link: LinkView | null;
  /** The link type the item's sync state lives on (one link per item). */
  linkType: ItemType;
}

/**
 * One exportable item type. Every method reads or writes that type's records only, through its feature's
 * repositories; the queue's own bookkeeping (requests, steps, links, audit) stays in the core.
 */
export interface Exporter {
  readonly type: ExportableType;
  /** The item in words ("commitment", "change order"). */
  readonly label: string;
  readonly keyKind: KeyKind;
  /** The link types the item's sync state may live on, the first one by default (a project on `project` or `job`). */
  readonly linkTypes: readonly [ItemType, ...ItemType[]];
  /** The rule an unlink refusal names (COM-5, CCO-3). */
  readonly unlinkRule?: string;
  /**
   * APP-4: the services of steps whose input comes (partly) from the settings, planned again before a retry (e.g. a
   * job's AddJob from the template job).
   */
  readonly settingsFedSteps?: ReadonlySet<string>;
  /** Locks the item's row (the same lock the PM-side writes take) until the transaction ends. */
  lock(id: string): Promise<void>;
  /**
   * The send check (null when the item does not exist): the type's one `@bridge/rules` check, with Spectrum's side
   * from `source`. The same check gives `blockedBy.sendToErp`, refuses `sendToErp`, and runs again at accept.
   */
  check(id: string, ctx: CheckContext): Promise<ExportCheck | null>;
  /** Reads what the plan needs (Spectrum's keys in the item's scope and the item); null when it no longer exists. */
  prepare(id: string, ctx: PlanContext): Promise<Prepared | null>;
  /** The item's own side of the queue: it entered (`queued`), left without an export (`released`), or `synced`. */
  queued?(id: string): Promise<void>;
  released?(id: string): Promise<void>;
  synced?(id: string): Promise<void>;
}

/**
 * The providers that register exporters: the exporter classes plus ONE `EXPORTERS` provider listing them. Use it once
 * per module: `providers: [..., ...exporterProviders(CommitmentExporter, CommitmentChangeOrderExporter)]`.
 */
export function exporterProviders(...exporters: Type<Exporter>[]): Provider[] {
  return [
    ...exporters,
    { provide: EXPORTERS, useFactory: (...instances: Exporter[]) => instances, inject: exporters },
  ];
}

/** Spectrum's side of a check from `source` (PRE-1): stored data, or Spectrum read now for this one item. */
export function spectrumFacts(
  service: SpectrumPreflightFactsService,
  source: PreflightSource,
  what: Parameters<SpectrumPreflightFactsService['stored']>[0],
): Promise<SpectrumPreflightFacts> {
  return 'fresh' in source ? service.fresh(source.fresh, what) : service.stored(what);
}
