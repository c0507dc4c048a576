import type { ExportRequestRecord } from '../exports.repository.js';

export type VerificationState = 'verified' | 'drift' | 'unverifiable';

/** One write Spectrum lacks or holds with other values. */
export interface DriftedWrite {
  seq: number;
  name: string;
  service: string;
  /** missing: Spectrum has no such record any more; changed: it holds other values in `fields`. */
  record: 'missing' | 'changed';
  fields: { field: string; sent: string; spectrum: string | null }[];
}

export interface Verification {
  state: VerificationState;
  checkedAt: string;
  /** The writes that differ (drift); the reason Spectrum could not be read (unverifiable). */
  drift: DriftedWrite[];
  error: string | null;
}

/** The verification a request carries, as the API shows it. */
export function verificationOf(r: ExportRequestRecord): Verification | null {
  if (!r.verificationState || !r.verifiedAt) return null;
  const diff = (r.verificationDiff ?? {}) as { drift?: DriftedWrite[]; error?: string | null };
  return {
    state: r.verificationState as VerificationState,
    checkedAt: r.verifiedAt.toISOString(),
    drift: diff.drift ?? [],
    error: diff.error ?? null,
  };
}
