import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { applyMemoryPolicy, SERVICE_NODE_FLAGS } from './memory-policy.js';

describe('the service memory policy', () => {
  it('sets the runtime-settable flag when missing and reports the command-line-only one', () => {
    const set: string[] = [];
    const outcome = applyMemoryPolicy([], '', (f) => set.push(f));
    expect(set).toEqual(['--heap-growing-percent=75']);
    expect(outcome).toEqual({
      applied: ['--heap-growing-percent=75'],
      missing: ['--max-semi-space-size=32'],
    });
  });

  it('leaves flags given on the command line or in NODE_OPTIONS alone (whatever their value)', () => {
    const set: string[] = [];
    expect(applyMemoryPolicy([...SERVICE_NODE_FLAGS], '', (f) => set.push(f))).toEqual({
      applied: [],
      missing: [],
    });
    expect(
      applyMemoryPolicy(['--heap-growing-percent=80'], '--max-semi-space-size=32', (f) => set.push(f)),
    ).toEqual({ applied: [], missing: [] });
    expect(applyMemoryPolicy(['--heap_growing_percent=80'], '', (f) => set.push(f)).applied).toEqual([]);
    expect(set).toEqual([]);
  });
});

describe('every way the service is started uses the policy flags', () => {
  const read = (rel: string) => readFileSync(fileURLToPath(new URL(rel, import.meta.url)), 'utf8');
  it.each([
    ['package.json start', () => JSON.parse(read('../../../package.json')).scripts.start as string],
    [
      'package.json bench:import',
      () => JSON.parse(read('../../../package.json')).scripts['bench:import'] as string,
    ],
    [
      'package.json bench:export',
      () => JSON.parse(read('../../../package.json')).scripts['bench:export'] as string,
    ],
    ['scripts/demo.mjs', () => read('../../../../../scripts/demo.mjs')],
    ['scripts/dev.mjs', () => read('../../../../../scripts/dev.mjs')],
  ])('%s', (_, text) => {
    for (const flag of SERVICE_NODE_FLAGS) expect(text()).toContain(flag);
  });
});
