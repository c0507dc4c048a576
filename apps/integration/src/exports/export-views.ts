import type { ItemType, SyncState } from '@bridge/rules';
import type { ExportRequestRecord, ExportStepRecord } from './exports.repository.js';
import { verificationOf } from './verification/verification-view.js';

/** The payload snapshot a request stores at send time. */
export interface SentPayload {
  item: Record<string, unknown>;
  linkType: ItemType;
  previousLinkState: SyncState | null;
  /** A Spectrum key an earlier accepted request of the item fixed (a re-sent item keeps it, APP-3). */
  carriedKey: string | null;
}

const iso = (d: Date | null) => d?.toISOString() ?? null;

export function payloadOf(r: Pick<ExportRequestRecord, 'payload' | 'type'>): SentPayload {
  const p = r.payload as Partial<SentPayload>;
  return {
    item: p.item ?? {},
    linkType: p.linkType ?? r.type,
    previousLinkState: p.previousLinkState ?? null,
    carriedKey: p.carriedKey ?? null,
  };
}

/** An export request as the API shows it. */
export function requestView(r: ExportRequestRecord) {
  return {
    id: r.id,
    type: r.type,
    itemId: r.itemId,
    state: r.state,
    sentById: r.sentById,
    sentAt: r.sentAt.toISOString(),
    decidedById: r.decidedById,
    decidedAt: iso(r.decidedAt),
    note: r.note,
    rejectReason: r.rejectReason,
    spectrumKey: r.spectrumKey,
    keyFields: r.keyFields,
    attempts: r.attempts,
    nextAttemptAt: iso(r.nextAttemptAt),
    lastError: r.lastError,
    lastErrorKind: r.lastErrorKind,
    finishedAt: iso(r.finishedAt),
    item: payloadOf(r).item,
    verification: verificationOf(r),
  };
}

export type RequestView = ReturnType<typeof requestView>;

/** One step of an export as the API shows it: the Spectrum write, its input and Spectrum's answer. */
export function stepView(s: ExportStepRecord) {
  return {
    seq: s.seq,
    name: s.name,
    service: s.service,
    status: s.status,
    doneAt: iso(s.doneAt),
    result: s.result ?? null,
    input: s.input,
  };
}
