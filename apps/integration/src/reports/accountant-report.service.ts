import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock } from '../platform/tokens.js';
import { type AccountantReport, buildAccountantReport } from './accountant-report.js';
import { ReportsRepository } from './reports.repository.js';

/** The reads one report needs (the repository's, or a test's). */
export type ReportReads = Pick<
  ReportsRepository,
  'linkStateCounts' | 'exportStateCounts' | 'groupRuns' | 'failedExports' | 'linkErrors'
>;

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

  constructor(
    @Inject(ReportsRepository) private readonly reads: ReportReads,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  current(): Promise<AccountantReport> {
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

  private async compute(): Promise<AccountantReport> {
    const [links, exports, runs, failedExports, linkErrors] = await Promise.all([
      this.reads.linkStateCounts(),
      this.reads.exportStateCounts(),
      this.reads.groupRuns(ATTENTION_ROWS),
      this.reads.failedExports(ATTENTION_ROWS),
      this.reads.linkErrors(ATTENTION_ROWS),
    ]);
    return buildAccountantReport({ now: this.clock.now(), links, exports, runs, failedExports, linkErrors });
  }
}
