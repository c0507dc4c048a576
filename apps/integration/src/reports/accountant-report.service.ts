import { Inject, Injectable } from '@nestjs/common';
import { SnapshotCache } from '../platform/runtime/snapshot-cache.js';
import { CLOCK, type Clock, DATABASE_SNAPSHOTS, type RequestSnapshots } from '../platform/tokens.js';
import { type AccountantReport, buildAccountantReport } from './accountant-report.js';
import { ReportsRepository } from './reports.repository.js';

/** The reads one report needs (the repository's, or a test's). */
export type ReportReads = Pick<
  ReportsRepository,
  'linkStateCounts' | 'exportStateCounts' | 'groupRuns' | 'failedExports' | 'linkErrors'
>;

/** What the report is made of, besides the time it is made at. */
type ReportParts = Omit<Parameters<typeof buildAccountantReport>[0], 'now'>;

/** How many rows of "needs attention" the report lists. */
const ATTENTION_ROWS = 200;

/**
 * REP-1: the accountant report, computed for everyone who asks while one computation runs. The report aggregates the
 * whole queue and every link, so twenty people opening it at once would cost twenty scans; instead the requests
 * that arrive while a computation runs share the next one, which starts when the running one ends. A computation that
 * began before a request arrived is never handed to it: the report always includes whatever its reader wrote before
 * asking (an accept, a sync), and is never older than the request.
 */
@Injectable()
export class AccountantReportService {
  private running: Promise<AccountantReport> | null = null;
  private next: Promise<AccountantReport> | null = null;

  /** What the report reads, kept per database snapshot (API-9): the clock's part is worked out per request. */
  private readonly kept = new SnapshotCache<ReportParts>({ max: 1 });

  constructor(
    @Inject(ReportsRepository) private readonly reads: ReportReads,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(DATABASE_SNAPSHOTS) private readonly snapshots: RequestSnapshots | null = null,
  ) {}

  /**
   * The report for `request`. With the request's database snapshot, its reads are the ones made at that snapshot (or
   * made now, once, for every request at it): nothing committed before the request is missing, and the times in it
   * ("waiting since", generated at) are worked out now. Without snapshots (READ_CACHE_MB=0), as described above.
   */
  async current(request?: object): Promise<AccountantReport> {
    if (this.snapshots && request) {
      const parts = await this.kept.atSnapshotOf(this.snapshots, request, 'report', () => this.readParts());
      return buildAccountantReport({ now: this.clock.now(), ...parts });
    }
    if (!this.running) return this.start();
    this.next ??= this.running
      .catch(() => undefined)
      .then(() => {
        this.next = null;
        return this.start();
      });
    return this.next;
  }

  private start(): Promise<AccountantReport> {
    const run = this.compute().finally(() => {
      if (this.running === run) this.running = null;
    });
    this.running = run;
    return run;
  }

  private async readParts(): Promise<ReportParts> {
    const [links, exports, runs, failedExports, linkErrors] = await Promise.all([
      this.reads.linkStateCounts(),
      this.reads.exportStateCounts(),
      this.reads.groupRuns(ATTENTION_ROWS),
      this.reads.failedExports(ATTENTION_ROWS),
      this.reads.linkErrors(ATTENTION_ROWS),
    ]);
    return { links, exports, runs, failedExports, linkErrors };
  }

  private async compute(): Promise<AccountantReport> {
    return buildAccountantReport({ now: this.clock.now(), ...(await this.readParts()) });
  }
}
