import { describe, expect, it } from 'vitest';
import { JobOrderError, JobOrderedStream } from './job-ordered-stream.js';

interface Row {
  job: string;
  n: number;
}

/** A source that counts how many rows were pulled from it. */
function source(rows: Row[], failAt?: number) {
  const pulled = { count: 0 };
  async function* gen() {
    for (const [i, r] of rows.entries()) {
      if (i === failAt) throw new Error('Spectrum went away');
      pulled.count++;
      yield r;
    }
  }
  return { rows: gen(), pulled };
}

const rows = (spec: string) => spec.split(' ').map((s, n) => ({ job: s, n }));

describe('JobOrderedStream (REC-1 company-wide merge)', () => {
  it('REC-1: takes each job’s rows in order, passing over jobs nobody asks for (only in Spectrum) and answering none for a job it lacks (only in PM)', async () => {
    const s = source(rows('A A B C C C E'));
    const stream = new JobOrderedStream('T', s.rows, (r) => r.job, 2);
    expect((await stream.take('A')).map((r) => r.n)).toEqual([0, 1]);
    expect(await stream.take('BB')).toEqual([]); // B passed over, BB is not there
    expect((await stream.take('C')).map((r) => r.n)).toEqual([3, 4, 5]);
    expect(await stream.take('D')).toEqual([]);
    expect((await stream.take('E')).map((r) => r.n)).toEqual([6]);
    expect(await stream.take('F')).toEqual([]);
    await stream.close();
  });

  it('REC-1: reads ahead at most the given number of rows (memory: the read-ahead and one job)', async () => {
    const s = source(rows('A B C D E F G H'));
    const stream = new JobOrderedStream('T', s.rows, (r) => r.job, 3);
    await stream.take('A');
    await new Promise((r) => setImmediate(r));
    expect(s.pulled.count).toBeLessThanOrEqual(1 + 3 + 1);
    await stream.close();
  });

  it('REC-1: a row whose job sorts before the previous one is a JobOrderError naming the table and both jobs', async () => {
    const stream = new JobOrderedStream('JC_PHASE_MASTER_MC', source(rows('A C B')).rows, (r) => r.job);
    await expect(stream.take('D')).rejects.toThrow(JobOrderError);
    const again = new JobOrderedStream('JC_PHASE_MASTER_MC', source(rows('A C B')).rows, (r) => r.job);
    await expect(again.take('D')).rejects.toThrow('JC_PHASE_MASTER_MC sent job B after job C');
  });

  it('REC-1: what the source throws reaches the job that needed the rows', async () => {
    const stream = new JobOrderedStream('T', source(rows('A B C'), 2).rows, (r) => r.job);
    expect(await stream.take('A')).toHaveLength(1);
    // B's rows are complete only once the next row is seen: the failure after them is B's
    await expect(stream.take('B')).rejects.toThrow('Spectrum went away');
  });
});
