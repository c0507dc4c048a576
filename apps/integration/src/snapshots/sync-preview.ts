import { AsyncLocalStorage } from 'node:async_hooks';

/** How one kind of Spectrum rows would change in the snapshot (SYNC-P1). */
export interface KindPreview {
  kind: string;
  read: number;
  created: number;
  updated: number;
  unchanged: number;
  vanished: number;
}

export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

export interface RowChange {
  kind: string;
  key: string;
  change: 'created' | 'updated' | 'vanished';
  /** For an update, the fields that differ; for a new row, every field (before: null); none for a vanished row. */
  fields: FieldChange[];
}

/**
 * What a sync of a group would change, collected while its jobs run in a transaction that is rolled back (VER-6):
 * counts per kind and the first `limit` changed rows with their fields.
 */
export class SyncPreviewRecorder {
  readonly kinds = new Map<string, KindPreview>();
  readonly changes: RowChange[] = [];
  truncated = false;

  constructor(readonly limit: number) {}

  /** True while there is room for one more row change. */
  wants(): boolean {
    if (this.changes.length < this.limit) return true;
    this.truncated = true;
    return false;
  }

  add(change: RowChange): void {
    if (this.wants()) this.changes.push(change);
  }

  counted(kind: string, c: Omit<KindPreview, 'kind'>): void {
    const k = this.kinds.get(kind) ?? { kind, read: 0, created: 0, updated: 0, unchanged: 0, vanished: 0 };
    k.read += c.read;
    k.created += c.created;
    k.updated += c.updated;
    k.unchanged += c.unchanged;
    k.vanished += c.vanished;
    this.kinds.set(kind, k);
  }
}

/** The preview the code running now records into (none outside `previewSync`). */
export const syncPreview = new AsyncLocalStorage<SyncPreviewRecorder>();

/** The fields of two stored rows that differ (top-level, compared as JSON). */
export function fieldChanges(before: unknown, after: unknown): FieldChange[] {
  const a = (before ?? {}) as Record<string, unknown>;
  const b = (after ?? {}) as Record<string, unknown>;
  const out: FieldChange[] = [];
  for (const field of new Set([...Object.keys(a), ...Object.keys(b)])) {
    if (JSON.stringify(a[field] ?? null) !== JSON.stringify(b[field] ?? null))
      out.push({ field, before: a[field] ?? null, after: b[field] ?? null });
  }
  return out;
}
