import type { ExportStepRecord } from './exports.repository.js';

/** `a, b, c and 4 more`: a few names of a long list. */
function some(names: readonly string[], shown = 3): string {
  const head = names.slice(0, shown).join(', ');
  return names.length > shown ? `${head} and ${names.length - shown} more` : head;
}

/**
 * PRE-2: what a failed export left in Spectrum, in plain words: the steps Spectrum took and the ones it did not, so
 * nobody has to guess whether a header without lines is a mistake. Retry sends only the steps not written.
 */
export function writtenStatement(
  steps: readonly Pick<ExportStepRecord, 'seq' | 'name' | 'status'>[],
): string {
  const done = steps.filter((s) => s.status === 'done');
  const open = steps.filter((s) => s.status !== 'done');
  if (open.length === 0) return '';
  if (done.length === 0) return ' Nothing was written to Spectrum.';
  const n = steps.length;
  return ` Written to Spectrum: ${done.length} of ${n} steps (${some(done.map((s) => s.name))}). Not written: ${open.length} of ${n} steps (${some(open.map((s) => s.name))}); Retry sends only these, once the cause is fixed.`;
}
