/**
 * Every business check returns a value, never throws: `{ ok: true }` or `{ ok: false, reasons }` with
 * every failing reason (so a UI can say at once everything that keeps a button disabled).
 */
export interface Reason {
  /** Stable kebab-case code, e.g. `vendor-not-linked`. Clients may switch on it. */
  readonly code: string;
  /** The rule of docs/spec.md that the reason enforces, e.g. `COM-1`. */
  readonly rule: string;
  /** Plain-English explanation for the person who has to fix it. */
  readonly message: string;
  /** The input field at fault, when there is one. */
  readonly field?: string;
}

export type Check = { readonly ok: true } | { readonly ok: false; readonly reasons: readonly Reason[] };

export const OK: Check = Object.freeze({ ok: true });

export function reason(code: string, rule: string, message: string, field?: string): Reason {
  return field === undefined ? { code, rule, message } : { code, rule, message, field };
}

/** Builds a check from the reasons found; no reasons means the check passed. */
export function checkFrom(reasons: readonly (Reason | false | null | undefined)[]): Check {
  const found = reasons.filter((r): r is Reason => Boolean(r));
  return found.length === 0 ? OK : { ok: false, reasons: found };
}

/** Joins several checks into one that carries every reason of every failed check, without duplicates. */
export function allOf(...checks: readonly Check[]): Check {
  const seen = new Set<string>();
  const reasons: Reason[] = [];
  for (const c of checks) {
    if (c.ok) continue;
    for (const r of c.reasons) {
      const key = `${r.code}\u0000${r.rule}\u0000${r.field ?? ''}`;
      if (!seen.has(key)) {
        seen.add(key);
        reasons.push(r);
      }
    }
  }
  return reasons.length === 0 ? OK : { ok: false, reasons };
}

/** The reasons of a check (empty when it passed). */
export function reasonsOf(check: Check): readonly Reason[] {
  return check.ok ? [] : check.reasons;
}

/** The codes of a check's reasons, handy in tests and logs. */
export function codesOf(check: Check): string[] {
  return reasonsOf(check).map((r) => r.code);
}

/** Prefixes every reason's field, to report nested input (`lines[2].costType`). */
export function withFieldPrefix(check: Check, prefix: string): Check {
  if (check.ok) return check;
  return {
    ok: false,
    reasons: check.reasons.map((r) => ({ ...r, field: r.field ? `${prefix}.${r.field}` : prefix })),
  };
}
