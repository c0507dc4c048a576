import { SpectrumRowCapError } from '../errors.js';
import type { SpectrumLogger } from '../logger.js';

/** A Get filter in domain terms (`statusCode`, `jobNumber`, `division`, ...); blank = not filtered. */
export type SliceFilter = Readonly<Record<string, string>>;

export interface SliceResult<R> {
  rows: R[];
  truncated: boolean;
}

/** How a capped slice is split: sub-filters and whether they partition by a natural-key column. */
export interface NarrowPlan {
  dimension: string;
  filters: AsyncIterable<SliceFilter> | Iterable<SliceFilter>;
  /** The sub-slices cannot share a row (they differ in a key column): each gets its own dedupe set. */
  disjointByKey: boolean;
}

export type Narrower = (filter: SliceFilter) => Promise<NarrowPlan | undefined> | NarrowPlan | undefined;

/** Letters and digits: the characters Spectrum codes are made of (prefix narrowing alphabet). */
export const CODE_ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/**
 * SuperSelect prefix partition of a code column: blank -> `0*` … `Z*`; `AB*` -> exact `AB` plus
 * `AB0*` … `ABZ*`; stops at the column's maximum length.
 */
export function prefixPartition(
  current: string,
  maxLength: number,
): SliceFilter[keyof SliceFilter][] | undefined {
  if (current === '') return [...CODE_ALPHABET].map((c) => `${c}*`);
  const m = /^([0-9A-Z]*)\*$/.exec(current);
  if (!m) return undefined;
  const prefix = m[1] ?? '';
  if (prefix.length >= maxLength) return undefined;
  const subs = [...CODE_ALPHABET].map((c) => `${prefix}${c}${prefix.length + 1 < maxLength ? '*' : ''}`);
  return prefix === '' ? subs : [prefix, ...subs];
}

/** Status split: blank means Active + Inactive in every Get service. */
export function statusPartition(filter: SliceFilter): NarrowPlan | undefined {
  if ((filter.statusCode ?? '') !== '') return undefined;
  return {
    dimension: 'statusCode',
    filters: [
      { ...filter, statusCode: 'A' },
      { ...filter, statusCode: 'I' },
    ],
    disjointByKey: false,
  };
}

/**
 * Streams every row of `root`, narrowing any slice that came back capped (trailing `W` row) and
 * discarding its partial rows, depth first, so at most one reply is held at a time. Rows are
 * deduplicated by natural key within each key-partitioned subtree.
 */
export async function* streamNarrowed<R, T>(options: {
  service: string;
  root: SliceFilter;
  fetch: (filter: SliceFilter) => Promise<SliceResult<R>>;
  narrow: Narrower;
  parse: (row: R, index: number) => T;
  key: (row: T) => string;
  logger: SpectrumLogger;
}): AsyncGenerator<T> {
  const { fetch, narrow, parse, key, logger, service } = options;
  async function* walk(filter: SliceFilter, seen: Set<string>): AsyncGenerator<T> {
    const slice = await fetch(filter);
    if (!slice.truncated) {
      let i = 0;
      for (const raw of slice.rows) {
        const row = parse(raw, i++);
        const k = key(row);
        if (seen.has(k)) continue;
        seen.add(k);
        yield row;
      }
      return;
    }
    const plan = await narrow(filter);
    if (!plan) {
      throw new SpectrumRowCapError(
        `${service}: more than 500 rows match ${describe(filter)} and no filter is left to narrow it`,
        { ...filter },
        { service },
      );
    }
    logger.debug(
      { service, dimension: plan.dimension, filter: { ...filter } },
      'spectrum row cap hit, narrowing',
    );
    for await (const sub of plan.filters) {
      yield* walk(sub, plan.disjointByKey ? new Set() : seen);
    }
  }
  yield* walk(options.root, new Set());
}

function describe(filter: SliceFilter): string {
  const parts = Object.entries(filter)
    .filter(([, v]) => v !== '')
    .map(([k, v]) => `${k}=${v}`);
  return parts.length > 0 ? parts.join(', ') : 'the unfiltered request';
}
