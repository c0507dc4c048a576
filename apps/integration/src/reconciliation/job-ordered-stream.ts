/** Thrown when a table's rows do not come in job-number order (the company-wide merge cannot use them). */
export class JobOrderError extends Error {
  constructor(table: string, job: string, previous: string) {
    super(
      `${table} sent job ${job} after job ${previous}: the company-wide reconciliation needs the rows in job-number order`,
    );
    this.name = 'JobOrderError';
  }
}

/**
 * One Spectrum table read once in job-number order and taken job by job: `take(job)` answers that job's rows after
 * skipping the rows of every earlier job (jobs nobody asks for, such as Spectrum jobs no project is linked to). The
 * jobs must be asked for in ascending order. Up to `readAhead` rows are read in the background, so the next page is
 * on its way while a job is reconciled; memory holds those rows and one job's, never the table.
 *
 * Job order is code-unit order of the trimmed job numbers (`'24-101' < '24-102'`); a row whose job sorts before the
 * previous row's is a `JobOrderError` rather than a silently wrong report.
 */
export class JobOrderedStream<T> {
  private buffer: T[] = [];
  private head = 0;
  private finished = false;
  private failure: { error: unknown } | null = null;
  private stopped = false;
  private wakeReader: (() => void) | null = null;
  private wakePump: (() => void) | null = null;
  private lastJob: string | null = null;
  private readonly iterator: AsyncIterator<T>;

  constructor(
    private readonly table: string,
    source: AsyncIterable<T>,
    private readonly jobOf: (row: T) => string,
    private readonly readAhead = 2_000,
  ) {
    this.iterator = source[Symbol.asyncIterator]();
    void this.pump();
  }

  /** The rows of `job`, in the table's order (empty when the table has none). */
  async take(job: string): Promise<T[]> {
    const rows: T[] = [];
    for (;;) {
      if (!(await this.ready())) return rows;
      const row = this.buffer[this.head] as T;
      const rowJob = this.jobOf(row);
      if (rowJob > job) return rows;
      if (this.lastJob !== null && rowJob < this.lastJob)
        throw new JobOrderError(this.table, rowJob, this.lastJob);
      this.lastJob = rowJob;
      this.consume();
      if (rowJob === job) rows.push(row);
    }
  }

  /** Stops reading (the source's pages stop being fetched). */
  async close(): Promise<void> {
    this.stopped = true;
    this.wakePump?.();
    try {
      await this.iterator.return?.();
    } catch {
      // the stream is abandoned: its last error is of no interest
    }
  }

  /** Whether a row is buffered, waiting for the pump when none is; throws what the source threw. */
  private async ready(): Promise<boolean> {
    for (;;) {
      if (this.head < this.buffer.length) return true;
      if (this.failure) throw this.failure.error;
      if (this.finished) return false;
      await new Promise<void>((resolve) => {
        this.wakeReader = resolve;
      });
    }
  }

  private consume(): void {
    this.head++;
    if (this.head >= 1_024 && this.head * 2 >= this.buffer.length) {
      this.buffer = this.buffer.slice(this.head);
      this.head = 0;
    }
    if (this.buffer.length - this.head < this.readAhead) {
      const wake = this.wakePump;
      this.wakePump = null;
      wake?.();
    }
  }

  private async pump(): Promise<void> {
    try {
      for (;;) {
        while (!this.stopped && this.buffer.length - this.head >= this.readAhead) {
          await new Promise<void>((resolve) => {
            this.wakePump = resolve;
          });
        }
        if (this.stopped) break;
        const next = await this.iterator.next();
        if (next.done) break;
        this.buffer.push(next.value);
        this.notify();
      }
    } catch (error) {
      this.failure = { error };
    }
    this.finished = true;
    this.notify();
  }

  private notify(): void {
    const wake = this.wakeReader;
    this.wakeReader = null;
    wake?.();
  }
}
