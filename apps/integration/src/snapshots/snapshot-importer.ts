import { hash } from 'node:crypto';
import { canonicalize, createSnapshotDiffer, type RowValue } from '@bridge/rules';
import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock } from '../platform/tokens.js';
import { SnapshotRepository, type SnapshotRow, type SnapshotScope } from './snapshot.repository.js';
import { fieldChanges, syncPreview } from './sync-preview.js';

/** One row read from Spectrum, with its natural key and (for scoped kinds) its parent's key. */
export interface IncomingRow<T> {
  key: string;
  parentKey?: string | null;
  data: T;
}

export interface SnapshotChanges<T> {
  read: number;
  createdCount: number;
  updatedCount: number;
  unchanged: number;
  /** The created / updated rows themselves (empty with `keepChanges: false`). */
  created: { key: string; data: T }[];
  updated: { key: string; data: T }[];
  vanished: string[];
  duplicates: string[];
}

/**
 * The stored fingerprint of a Spectrum row: hex SHA-256 of its canonical text (`canonicalize` from `@bridge/rules`,
 * the contract), hashed natively. The same algorithm as `hashRow`, so the values equal what `hashRow` gives.
 */
export function snapshotHash(row: RowValue): string {
  return hash('sha256', canonicalize(row), 'hex');
}

/**
 * The import half of the sync core (docs/decisions.md → Integration: imports): reads a snapshot row by row, hashes each row's
 * canonical content, compares it with the stored hash of the same natural key and writes only what changed, in
 * batches. A run with no change in Spectrum writes nothing.
 *
 * The changed rows are returned so the caller can apply them to the PM side (only changes are kept in memory;
 * `keepChanges: false` drops them for kinds with no PM side effects).
 */
@Injectable()
export class SnapshotImporter {
  constructor(
    @Inject(SnapshotRepository) private readonly repo: SnapshotRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async import<T extends RowValue>(
    kind: string,
    rows: AsyncIterable<IncomingRow<T>> | Iterable<IncomingRow<T>>,
    options: { scope?: SnapshotScope; batchSize?: number; keepChanges?: boolean } = {},
  ): Promise<SnapshotChanges<T>> {
    const scope = options.scope ?? { all: true };
    const batchSize = options.batchSize ?? 2000;
    const keep = options.keepChanges ?? true;
    const previous = await this.repo.hashes(kind, scope);
    const differ = createSnapshotDiffer<T>(previous);
    const now = this.clock.now();
    const changes: SnapshotChanges<T> = {
      read: 0,
      createdCount: 0,
      updatedCount: 0,
      unchanged: 0,
      created: [],
      updated: [],
      vanished: [],
      duplicates: [],
    };
    // previewSync (VER-6): the same run, recorded; its writes are rolled back afterwards
    const preview = syncPreview.getStore();
    let batch: SnapshotRow[] = [];
    for await (const row of rows) {
      changes.read++;
      const rowHash = snapshotHash(row.data);
      const outcome = differ.see(row.key, rowHash);
      if (outcome === 'unchanged') {
        changes.unchanged++;
        continue;
      }
      if (outcome === 'duplicate') {
        changes.duplicates.push(row.key);
        continue;
      }
      if (outcome === 'created') changes.createdCount++;
      else changes.updatedCount++;
      if (preview?.wants()) {
        // read before this batch is written: the stored row is the one the update replaces
        const before = outcome === 'updated' ? (await this.repo.many(kind, [row.key])).get(row.key) : null;
        preview.add({ kind, key: row.key, change: outcome, fields: fieldChanges(before, row.data) });
      }
      if (keep) changes[outcome].push({ key: row.key, data: row.data });
      batch.push({ key: row.key, parentKey: row.parentKey ?? null, hash: rowHash, data: row.data });
      if (batch.length >= batchSize) {
        await this.repo.upsert(kind, batch, now);
        batch = [];
      }
    }
    await this.repo.upsert(kind, batch, now);
    changes.vanished = differ.vanished();
    await this.repo.markVanished(kind, changes.vanished, now);
    if (preview) {
      for (const key of changes.vanished) preview.add({ kind, key, change: 'vanished', fields: [] });
      preview.counted(kind, {
        read: changes.read,
        created: changes.createdCount,
        updated: changes.updatedCount,
        unchanged: changes.unchanged,
        vanished: changes.vanished.length,
      });
    }
    return changes;
  }
}
