import { describe, expect, it } from 'vitest';
import { writtenStatement } from './written-statement.js';

const step = (seq: number, name: string, status: 'done' | 'pending') => ({ seq, name, status });

describe('PRE-2: a failed export says what it left in Spectrum', () => {
  it('PRE-2: nothing written, part written (a few names, then how many more), all written', () => {
    expect(writtenStatement([step(0, 'job 26-1', 'pending')])).toBe(' Nothing was written to Spectrum.');
    const lines = Array.from({ length: 5 }, (_, i) =>
      step(i + 1, `line ${i + 1} of 5`, i < 2 ? 'done' : 'pending'),
    );
    expect(writtenStatement([step(0, 'subcontract header', 'done'), ...lines])).toBe(
      ' Written to Spectrum: 3 of 6 steps (subcontract header, line 1 of 5, line 2 of 5). Not written: 3 of 6 steps (line 3 of 5, line 4 of 5, line 5 of 5); Retry sends only these, once the cause is fixed.',
    );
    const many = Array.from({ length: 8 }, (_, i) =>
      step(i, `estimate ${i + 1} of 8`, i === 0 ? 'done' : 'pending'),
    );
    expect(writtenStatement(many)).toMatch(
      /Not written: 7 of 8 steps \(estimate 2 of 8, estimate 3 of 8, estimate 4 of 8 and 4 more\)/,
    );
    expect(writtenStatement([step(0, 'vendor X', 'done')])).toBe('');
  });
});
