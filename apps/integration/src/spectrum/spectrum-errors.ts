import { isSpectrumError, SpectrumValidationError } from '@bridge/spectrum-client';

/** The connection settings are incomplete: no client can be built (names the missing settings, never a value). */
export class ConnectionNotConfiguredError extends Error {
  constructor(readonly missing: readonly string[]) {
    super(
      `The Spectrum connection is not configured: ${missing.join(', ')} ${missing.length > 1 ? 'are' : 'is'} missing.`,
    );
    this.name = 'ConnectionNotConfiguredError';
  }
}

const MAX = 2000;

/**
 * An error in plain words for a person (a run record, a connection error): Spectrum's typed errors carry
 * plain-English messages; every known secret is removed from the text, whatever produced it.
 */
export function describeError(error: unknown, secrets: readonly (string | null | undefined)[] = []): string {
  let text: string;
  if (error instanceof SpectrumValidationError && error.problems.length > 1) {
    text = `${error.message} (${error.problems.map((p) => p.description).join('; ')})`;
  } else if (isSpectrumError(error)) {
    text = error.message;
  } else if (error instanceof Error) {
    text = error.message || error.name;
  } else {
    text = String(error);
  }
  return scrub(text, secrets).slice(0, MAX);
}

/** Removes every occurrence of the given secrets (at least 3 characters long) from a text. */
export function scrub(text: string, secrets: readonly (string | null | undefined)[]): string {
  let out = text;
  for (const s of secrets) if (s && s.length >= 3) out = out.split(s).join('[redacted]');
  return out;
}
