import { Inject, Injectable } from '@nestjs/common';
import {
  concatMap,
  distinctUntilChanged,
  filter,
  from,
  interval,
  map,
  merge,
  type Observable,
  startWith,
} from 'rxjs';
import type { SseEvent } from '../platform/http/sse.js';
import { ExportProgress } from './export-progress.js';
import { ExportQueriesService } from './export-queries.service.js';

/** One server-sent event of the live view. */
export interface StreamEvent extends SseEvent {
  event: 'request' | 'step';
}

/** How often the stream re-reads the request (exports run by another instance, accept/reject by other users). */
export const STREAM_CHECK_MS = 1000;

/**
 * The live view of one export request (`streamExportRequest`): the request as stored whenever it changes, and each
 * step this instance's worker finishes as it happens (steps are recorded in batches, so they appear in the stored
 * request only with their batch). The stream ends when the client disconnects.
 */
@Injectable()
export class ExportStreamService {
  constructor(
    @Inject(ExportQueriesService) private readonly exports: ExportQueriesService,
    @Inject(ExportProgress) private readonly progress: ExportProgress,
  ) {}

  watch(id: string, checkMs = STREAM_CHECK_MS): Observable<StreamEvent> {
    const live = this.progress.of(id);
    const steps = live.pipe(
      filter((e) => e.kind === 'step'),
      map((e): StreamEvent => ({ event: 'step', data: e })),
    );
    const snapshots = merge(interval(checkMs), live.pipe(filter((e) => e.kind === 'state'))).pipe(
      startWith(0),
      concatMap(() => from(this.exports.progressView(id))),
      map((view) => ({ view, key: JSON.stringify(view) })),
      distinctUntilChanged((a, b) => a.key === b.key),
      map(({ view }): StreamEvent => ({ event: 'request', data: view })),
    );
    return merge(snapshots, steps);
  }
}
