/**
 * Reconciliation of PM records with what Spectrum holds (REC-1, REC-2): both sides keyed the same way, each key
 * matched, different (with the fields that differ), only on the PM side or only in Spectrum. Pure: the service
 * reads both sides and hands them over.
 */

export type ReconciliationStatus = 'matched' | 'different' | 'only_pm' | 'only_spectrum';

export type FieldValue = number | string | null;
export type Fields = Readonly<Record<string, FieldValue>>;

export interface FieldDifference {
  field: string;
  pm: FieldValue;
  spectrum: FieldValue;
}

export interface ReconciledRow {
  key: string;
  status: ReconciliationStatus;
  pm: Fields | null;
  spectrum: Fields | null;
  differences: FieldDifference[];
}

/**
 * Each key of either side, in key order: `compared` names the fields that must be equal for a match (amounts in
 * integer cents, text as each side stores it); other fields are shown, not compared.
 */
export function reconcileRows(
  pm: ReadonlyMap<string, Fields>,
  spectrum: ReadonlyMap<string, Fields>,
  compared: readonly string[],
): ReconciledRow[] {
  const keys = [...new Set([...pm.keys(), ...spectrum.keys()])].sort();
  return keys.map((key) => {
    const p = pm.get(key) ?? null;
    const s = spectrum.get(key) ?? null;
    if (!s) return { key, status: 'only_pm', pm: p, spectrum: null, differences: [] };
    if (!p) return { key, status: 'only_spectrum', pm: null, spectrum: s, differences: [] };
    const differences = compared
      .filter((f) => (p[f] ?? null) !== (s[f] ?? null))
      .map((field) => ({ field, pm: p[field] ?? null, spectrum: s[field] ?? null }));
    return { key, status: differences.length ? 'different' : 'matched', pm: p, spectrum: s, differences };
  });
}

export interface SectionTotals {
  /** The sum of `field` over the PM side's rows. */
  pmCents: number;
  spectrumCents: number;
  /** PM minus Spectrum. */
  differenceCents: number;
  counts: Record<ReconciliationStatus, number>;
}

/** Totals of one amount field over a section's rows, and how many rows have each status. */
export function sectionTotals(rows: readonly ReconciledRow[], field: string): SectionTotals {
  const counts: Record<ReconciliationStatus, number> = {
    matched: 0,
    different: 0,
    only_pm: 0,
    only_spectrum: 0,
  };
  let pmCents = 0;
  let spectrumCents = 0;
  for (const r of rows) {
    counts[r.status] += 1;
    const p = r.pm?.[field];
    const s = r.spectrum?.[field];
    if (typeof p === 'number') pmCents += p;
    if (typeof s === 'number') spectrumCents += s;
  }
  return { pmCents, spectrumCents, differenceCents: pmCents - spectrumCents, counts };
}

/** Adds `cents` to the amount of `key` in `into` (several PM lines may share one Spectrum key). */
export function addTo(into: Map<string, number>, key: string, cents: number): void {
  into.set(key, (into.get(key) ?? 0) + cents);
}
