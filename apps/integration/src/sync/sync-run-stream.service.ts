import { Inject, Injectable } from '@nestjs/common';
import {
  concatMap,
  distinctUntilChanged,
  from,
  interval,
  map,
  type Observable,
  startWith,
  takeWhile,
} from 'rxjs';
import type { SseEvent } from '../platform/http/sse.js';
import { type SyncRunView, SyncService } from './sync.service.js';

/** How often the stream looks at the run (its counts in memory on this instance, else the stored run). */
export const SYNC_STREAM_CHECK_MS = 1000;

/**
 * The live view of one sync run (`streamSyncRun`): the run with its counts whenever they change, ending with the
 * run as it ended. A run of this instance shows the counts of the running import (the database has them only at
 * each heartbeat); a run of another instance shows what that instance last saved.
 */
@Injectable()
export class SyncRunStreamService {
  constructor(@Inject(SyncService) private readonly sync: SyncService) {}

  watch(id: string, checkMs = SYNC_STREAM_CHECK_MS): Observable<SseEvent> {
    let stored: SyncRunView | null = null;
    const current = async (): Promise<SyncRunView | null> => {
      const live = this.sync.liveCounts(id);
      if (live && stored?.status === 'running') return { ...stored, counts: { ...live } };
      stored = await this.sync.findRun(id);
      return stored && live && stored.status === 'running' ? { ...stored, counts: { ...live } } : stored;
    };
    return interval(checkMs).pipe(
      startWith(0),
      concatMap(() => from(current())),
      takeWhile((run): run is SyncRunView => run !== null),
      map((run) => ({ run, key: JSON.stringify(run) })),
      distinctUntilChanged((a, b) => a.key === b.key),
      takeWhile(({ run }) => run.status === 'running', true),
      map(({ run }): SseEvent => ({ event: 'run', data: run })),
    );
  }
}
