import { describe, expect, it } from 'vitest';
import { lazyCompanyFetch } from '../bench/lazy-company.js';
import { createSpectrumClient } from '../client.js';

const gc = (globalThis as { gc?: () => void }).gc;

function heapAfterGc(): number {
  gc?.();
  return process.memoryUsage().heapUsed;
}

describe('streaming a 200,000-row company', () => {
  it('keeps the heap flat while every row passes through', { timeout: 60_000 }, async () => {
    expect(gc, 'vitest must run with --expose-gc (execArgv in vitest.config.ts)').toBeTypeOf('function');
    // 398 jobs x 500 rows + one job of 1,000 rows that exceeds the cap and is narrowed = 200,000 rows
    const source = lazyCompanyFetch({ jobs: 399, phasesPerJob: (j) => (j === 0 ? 1000 : 500) });
    const client = createSpectrumClient({
      baseUrl: 'http://127.0.0.1:8482',
      companyCode: 'ABC',
      authorizationId: 'memory-test',
      fetch: source.fetch,
    });
    const baseline = heapAfterGc();
    const samples: number[] = [];
    let rows = 0;
    let cents = 0;
    for await (const phase of client.streamPhases()) {
      rows++;
      cents += phase.currentEstimateCents;
      if (rows % 20_000 === 0) samples.push(heapAfterGc() - baseline);
    }
    expect(rows).toBe(200_000);
    expect(cents).toBe(200_000 * 85951);
    expect(source.requests()).toBeGreaterThan(400);
    const peakMb = Math.max(...samples) / 1048576;
    // 200,000 parsed rows held at once would take well over 100 MB; streaming stays within a few replies.
    expect(peakMb).toBeLessThan(25);
    // no upward trend: the last samples are not much above the first ones
    const first = samples[0]! / 1048576;
    const last = samples.at(-1)! / 1048576;
    expect(last - first).toBeLessThan(10);
  });
});
