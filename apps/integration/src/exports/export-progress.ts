import { Injectable } from '@nestjs/common';
import { filter, type Observable, Subject } from 'rxjs';

/** What this instance's worker reports while it runs an export (steps answered by Spectrum, the final state). */
export type ExportProgressEvent =
  | { requestId: string; kind: 'step'; seq: number; name: string; total: number }
  | { requestId: string; kind: 'state'; state: string };

/**
 * In-process progress of the exports this instance runs, for the live view (`streamExportRequest`). Steps are
 * recorded in the database in batches, so the database alone cannot show each step as it happens; exports run by
 * another instance are seen through the stream's periodic database check instead.
 */
@Injectable()
export class ExportProgress {
  private readonly events = new Subject<ExportProgressEvent>();

  emit(event: ExportProgressEvent): void {
    this.events.next(event);
  }

  of(requestId: string): Observable<ExportProgressEvent> {
    return this.events.pipe(filter((e) => e.requestId === requestId));
  }
}
