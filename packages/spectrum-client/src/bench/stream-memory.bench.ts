// Streams a 200,000-row company (plus one job over the 500-row cap) and prints throughput and heap.
// Run: pnpm --filter @bridge/spectrum-client build && pnpm --filter @bridge/spectrum-client bench
import { createSpectrumClient } from '../client.js';
import { lazyCompanyFetch } from './lazy-company.js';

const gc = (globalThis as { gc?: () => void }).gc;
const heap = () => {
  gc?.();
  return process.memoryUsage().heapUsed;
};

const source = lazyCompanyFetch({ jobs: 399, phasesPerJob: (j) => (j === 0 ? 1500 : 500) });
const client = createSpectrumClient({
  baseUrl: 'http://127.0.0.1:8482',
  companyCode: 'ABC',
  authorizationId: 'bench',
  fetch: source.fetch,
});
const before = heap();
let peak = 0;
let rows = 0;
const started = performance.now();
for await (const _ of client.streamPhases()) {
  rows++;
  if (rows % 10_000 === 0) peak = Math.max(peak, heap() - before);
}
const ms = performance.now() - started;
console.log(
  JSON.stringify({
    rows,
    requests: source.requests(),
    seconds: +(ms / 1000).toFixed(2),
    rowsPerSecond: Math.round(rows / (ms / 1000)),
    heapGrowthPeakMB: +(peak / 1048576).toFixed(2),
    gcExposed: gc !== undefined,
  }),
);
