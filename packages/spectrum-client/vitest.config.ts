import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    reporters: ['default', ['json', { outputFile: 'reports/vitest.json' }]],
    pool: 'forks',
    execArgv: ['--expose-gc'],
    // Streaming and narrowing tests move a lot of XML; leave room for a busy 2-core CI machine.
    testTimeout: 30_000,
  },
});
