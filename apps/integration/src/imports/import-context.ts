import type { SpectrumClient } from '@bridge/spectrum-client';

/** The counters a sync run records (SCH-5). */
export type RunCounter = 'read' | 'created' | 'updated' | 'unchanged' | 'vanished' | 'failed';

/** The logger a run hands to its jobs (the run id is its correlation id). */
export interface RunLogger {
  debug(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

/**
 * What an import job needs from the sync run that executes it: the Spectrum client, the counters, a way to record
 * one item's failure and carry on, and a logger. The sync engine (`src/sync`) builds it; tests build their own.
 */
export interface ImportRunContext {
  readonly runId: string;
  readonly client: SpectrumClient;
  readonly logger: RunLogger;
  count(counter: RunCounter, n?: number): void;
  /** One item could not be written (bad data); the run continues. */
  fail(itemType: string, itemKey: string, reason: string): void | Promise<void>;
  readonly signal?: AbortSignal;
}

/** Snapshot kinds of the imports (SpectrumRecord.kind). */
export const KIND = {
  standardPhase: 'standard_phase',
  costType: 'cost_type',
  job: 'job',
  phase: 'phase',
  vendor: 'vendor',
  contract: 'contract',
  contractItem: 'contract_item',
  customer: 'customer',
} as const;

/** Natural keys of composite Spectrum records (job|phase|costType, job|customer, job|customer|billingItem). */
export const KEY_SEPARATOR = '|';
export const compositeKey = (...parts: string[]) => parts.map((p) => p.trim()).join(KEY_SEPARATOR);
export const splitKey = (key: string) => key.split(KEY_SEPARATOR);

/** The message a link gets when its Spectrum record disappeared. */
export const goneFromSpectrum = (what: string, key: string) =>
  `${what} ${key} is no longer in Spectrum (deleted or no longer returned by Spectrum).`;
