import type { SpectrumValidationError } from '@bridge/spectrum-client';

/** Spectrum already holds the key with other values: a person must look (no write is made). */
export class SpectrumConflict extends Error {}

/** Why a run ended early without changing the request (lease lost or the instance stopping). */
export class Abandoned extends Error {}

/**
 * The instance is stopping gracefully (OPS-1): the run stops at its next step boundary (or its call in flight is
 * cancelled when the grace period is over), records what Spectrum answered and gives the lease back, so another
 * instance takes the request at once.
 */
export class Yielded extends Error {}

/**
 * Test seam: the process "dies" where it is. Thrown by a hook, it is never classified as a Spectrum error: the
 * worker records nothing and leaves the lease in place, exactly as after a crash (the error reaches the caller).
 */
export class ProcessDied extends Error {
  constructor(message = 'the process died') {
    super(message);
    this.name = 'ProcessDied';
  }
}

/** Spectrum's refusal rows in plain words, each with the field it names. */
export function validationText(e: SpectrumValidationError): string {
  const problems =
    e.problems.length > 0 ? e.problems : [{ description: e.description ?? e.message, column: e.column }];
  return problems
    .map((p) => `${(p.description ?? '').trim() || 'refused'}${p.column ? ` (field ${p.column})` : ''}`)
    .join('; ');
}
