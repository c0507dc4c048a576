/**
 * Building blocks shared by the Spectrum key derivations: normalizing a PM number into a key's alphabet, cutting it
 * to a length (keeping the tail, which carries the sequence), and finding the first free candidate.
 */

/** Uppercase, characters outside A-Z, 0-9 and `-` dropped, no dash at either end, dash runs collapsed. */
export function normalizeKeyText(value: string): string {
  return value
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toUpperCase()
    .replace(/[^A-Z0-9-]/g, '')
    .replace(/-+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** The last `max` characters of a normalized key, without a leading dash (the tail carries the sequence). */
export function keepTail(value: string, max: number): string {
  if (max <= 0) return '';
  return value.length <= max ? value : value.slice(value.length - max).replace(/^-+/, '');
}

/** Upper-cased copy of a taken set, so comparisons ignore case (Spectrum keys are case-insensitive). */
export function upperSet(taken: Iterable<string>): Set<string> {
  const out = new Set<string>();
  for (const t of taken) out.add(t.trim().toUpperCase());
  return out;
}

/**
 * `base` when free, else `base` with a counter tail: `…-2`, `…-3`, … keeping the total within `max` by dropping
 * characters from the FRONT of `base`. Candidates for different counters always differ (the counter follows the last
 * dash), so a free one is found within `taken.size + 1` tries. Null only when no candidate fits (never in practice).
 */
export function firstFreeWithCounter(base: string, max: number, taken: ReadonlySet<string>): string | null {
  let tries = 0;
  for (const candidate of counterCandidates(base, max)) {
    if (!taken.has(candidate)) return candidate;
    if (++tries > taken.size + 1) break;
  }
  /* c8 ignore next */
  return null;
}

/**
 * The candidates `firstFreeWithCounter` tries, in order: `base` (when it fits), then `…-2`, `…-3`, … within `max`.
 * Lets a caller ask Spectrum about a few candidate keys one by one instead of reading every key it has.
 */
export function* counterCandidates(base: string, max: number): Generator<string> {
  if (base !== '' && base.length <= max) yield base;
  for (let n = 2; ; n++) {
    const suffix = `-${n}`;
    const head = keepTail(base, max - suffix.length);
    const candidate = head === '' ? String(n) : `${head}${suffix}`;
    if (candidate.length > max) return;
    yield candidate;
  }
}

/**
 * The next number of a simple sequence `<prefix><digits>`: one more than the highest number already taken with
 * that prefix (so numbers keep growing and a gap is never refilled), zero-padded to `width`; the width grows when
 * needed. When the highest is already at the key's maximum, the smallest free number is used instead. Null when
 * the prefix leaves no room or every number is taken.
 */
export function nextInSequence(
  prefix: string,
  width: number,
  max: number,
  taken: ReadonlySet<string>,
): string | null {
  const digits = max - prefix.length;
  if (digits <= 0) return null;
  const limit = 10 ** digits - 1;
  const pattern = new RegExp(`^${prefix}(\\d+)$`);
  let highest = 0;
  for (const t of taken) {
    const m = pattern.exec(t);
    if (m && (m[1] as string).length <= digits) highest = Math.max(highest, Number(m[1]));
  }
  const format = (n: number) => `${prefix}${String(n).padStart(Math.min(width, digits), '0')}`;
  if (highest < limit) {
    const next = format(highest + 1);
    if (!taken.has(next)) return next;
  }
  for (let n = 1; n <= Math.min(limit, taken.size + 1); n++) {
    const candidate = format(n);
    if (!taken.has(candidate)) return candidate;
  }
  return null;
}
