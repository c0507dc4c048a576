/** What one current row is, compared with the previous snapshot. `duplicate`: its key was already seen in this run. */
export type RowOutcome = 'created' | 'updated' | 'unchanged' | 'duplicate';

export interface SnapshotEntry<Row = unknown> {
  readonly key: string;
  readonly hash: string;
  readonly row?: Row;
}

export interface UpdatedEntry<Row = unknown> extends SnapshotEntry<Row> {
  readonly previousHash: string;
}

export interface SnapshotCounts {
  readonly created: number;
  readonly updated: number;
  readonly unchanged: number;
  readonly duplicates: number;
}

/**
 * Compares a snapshot that is read row by row with the stored hashes of the previous one, without holding the
 * current snapshot: only the set of keys seen so far is kept (to report vanished keys and duplicates).
 */
export interface SnapshotDiffer<Row = unknown> {
  /** Classifies one current row. A key seen before in this run is reported as `duplicate` and not counted again. */
  see(key: string, hash: string, row?: Row): RowOutcome;
  /** Previous keys not seen in the current snapshot (in the previous snapshot's order). Call after the last `see`. */
  vanished(): string[];
  /** Every repeated occurrence of a key (the first occurrence is classified normally). */
  duplicates(): readonly SnapshotEntry<Row>[];
  counts(): SnapshotCounts;
}

/**
 * A streaming differ over the previous snapshot's `key → hash` map (the map is read, never changed). Import runs
 * call `see` for each row as they page through Spectrum and write created/updated rows in batches.
 */
export function createSnapshotDiffer<Row = unknown>(
  previous: ReadonlyMap<string, string>,
): SnapshotDiffer<Row> {
  const seen = new Set<string>();
  const dupes: SnapshotEntry<Row>[] = [];
  let created = 0;
  let updated = 0;
  let unchanged = 0;
  return {
    see(key, hash, row) {
      if (seen.has(key)) {
        dupes.push(row === undefined ? { key, hash } : { key, hash, row });
        return 'duplicate';
      }
      seen.add(key);
      const before = previous.get(key);
      if (before === undefined) {
        created++;
        return 'created';
      }
      if (before !== hash) {
        updated++;
        return 'updated';
      }
      unchanged++;
      return 'unchanged';
    },
    vanished() {
      const out: string[] = [];
      for (const key of previous.keys()) if (!seen.has(key)) out.push(key);
      return out;
    },
    duplicates: () => dupes,
    counts: () => ({ created, updated, unchanged, duplicates: dupes.length }),
  };
}

export interface SnapshotDiff<Row = unknown> {
  readonly created: SnapshotEntry<Row>[];
  readonly updated: UpdatedEntry<Row>[];
  /** How many rows kept their hash: counted, not listed (most rows of a scheduled run are unchanged). */
  readonly unchanged: number;
  readonly vanished: string[];
  /** Repeated keys in the current snapshot, every occurrence after the first. */
  readonly duplicates: readonly SnapshotEntry<Row>[];
}

function toMap(
  previous: Iterable<{ readonly key: string; readonly hash: string }> | ReadonlyMap<string, string>,
) {
  if (previous instanceof Map) return previous as ReadonlyMap<string, string>;
  const map = new Map<string, string>();
  for (const entry of previous as Iterable<{ readonly key: string; readonly hash: string }>) {
    if (map.has(entry.key))
      throw new RangeError(`previous snapshot has the key ${JSON.stringify(entry.key)} twice`);
    map.set(entry.key, entry.hash);
  }
  return map;
}

/**
 * Diffs a whole current snapshot against the previous one. Only created and updated entries are collected (with
 * their rows, for writing); unchanged rows are only counted. `previous` may already be a `Map` of key → hash,
 * which is then used as is. Created + updated + unchanged equals the number of distinct current keys.
 */
export function diffSnapshots<Row = unknown>(input: {
  previous: Iterable<{ readonly key: string; readonly hash: string }> | ReadonlyMap<string, string>;
  current: Iterable<SnapshotEntry<Row>>;
}): SnapshotDiff<Row> {
  const previous = toMap(input.previous);
  const differ = createSnapshotDiffer<Row>(previous);
  const created: SnapshotEntry<Row>[] = [];
  const updated: UpdatedEntry<Row>[] = [];
  for (const entry of input.current) {
    const outcome = differ.see(entry.key, entry.hash, entry.row);
    if (outcome === 'created') created.push(entry);
    else if (outcome === 'updated')
      updated.push({ ...entry, previousHash: previous.get(entry.key) as string });
  }
  return {
    created,
    updated,
    unchanged: differ.counts().unchanged,
    vanished: differ.vanished(),
    duplicates: differ.duplicates(),
  };
}
