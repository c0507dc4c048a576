import { setFlagsFromString } from 'node:v8';

/**
 * The V8 memory settings the service runs with (package.json `start`, the demo, the benchmarks). Node's defaults on a
 * large machine give the young generation 128 MB and let the old generation grow to several times its live data
 * before collecting; a 200,000-row import then peaks near 600 MB of RSS with ~60 MB live. These two keep it under
 * 400 MB at a few per cent of import time (docs/decisions.md, "Memory"):
 * - `--max-semi-space-size=32`: a young generation of 64 MB instead of 128 MB; fixed when the heap is created, so
 *   it must be on the command line (or in `NODE_OPTIONS`);
 * - `--heap-growing-percent=75`: after each full collection the old generation may grow to 1.75× what survived
 *   (it follows the live data, so a larger company gets a larger heap instead of running out).
 */
export const SERVICE_NODE_FLAGS = ['--max-semi-space-size=32', '--heap-growing-percent=75'] as const;

/** Flags V8 reads at every collection, so they take effect when set after start-up. */
const RUNTIME_SETTABLE = new Set(['--heap-growing-percent']);

const flagName = (flag: string) => flag.split('=')[0] ?? flag;

export interface MemoryPolicyOutcome {
  /** Flags that were missing from the command line and were set now. */
  applied: string[];
  /** Flags that were missing and can only be given on the command line (the process runs without them). */
  missing: string[];
}

/**
 * Brings the running process to `SERVICE_NODE_FLAGS`: flags given on the command line (`execArgv`, or
 * `NODE_OPTIONS`, which the caller reads from the validated environment of `config/env.ts`) are left as they are,
 * runtime-settable ones that are missing are set, and the others are reported so the caller can say so in the
 * start-up log.
 */
export function applyMemoryPolicy(
  execArgv: readonly string[],
  nodeOptions: string,
  setFlags: (flag: string) => void = setFlagsFromString,
): MemoryPolicyOutcome {
  const given = new Set([...execArgv, ...nodeOptions.split(/\s+/)].filter(Boolean).map(flagName));
  const outcome: MemoryPolicyOutcome = { applied: [], missing: [] };
  for (const flag of SERVICE_NODE_FLAGS) {
    const name = flagName(flag);
    if (given.has(name) || given.has(name.replaceAll('-', '_').replace(/^__/, '--'))) continue;
    if (RUNTIME_SETTABLE.has(name)) {
      setFlags(flag);
      outcome.applied.push(flag);
    } else outcome.missing.push(flag);
  }
  return outcome;
}
