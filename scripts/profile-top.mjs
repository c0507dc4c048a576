#!/usr/bin/env node
/**
 * Where a CPU profile's time went: `node scripts/profile-top.mjs <file.cpuprofile> [rows]` prints the functions with
 * the most self time, then the self time summed by package (a `node_modules` package, the service's own code, Node's
 * internals), then the time spent under each of the service's own functions (inclusive). Used with the benches'
 * BENCH_PROFILE option.
 */
import { readFileSync } from 'node:fs';

const [file, rowsArg] = process.argv.slice(2);
if (!file) {
  console.error('usage: node scripts/profile-top.mjs <file.cpuprofile> [rows]');
  process.exit(2);
}
const rows = Number(rowsArg ?? 25);
const profile = JSON.parse(readFileSync(file, 'utf8'));
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

// self time per node from the samples and their time deltas (microseconds)
const self = new Map();
for (const [i, id] of profile.samples.entries())
  self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
const total = [...self.values()].reduce((a, b) => a + b, 0);

const where = (cf) => {
  const url = cf.url ?? '';
  const pkg = /node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1];
  if (url.includes('/apps/') || url.includes('/packages/')) return 'bridge';
  if (url.startsWith('node:') || url === '')
    return cf.functionName.startsWith('(') ? cf.functionName : 'node';
  return 'other';
};
const label = (cf) =>
  `${cf.functionName || '(anonymous)'} ${(cf.url ?? '').replace(/^.*\/(node_modules|apps|packages)\//, '$1/')}:${cf.lineNumber + 1}`;

const add = (map, key, us) => map.set(key, (map.get(key) ?? 0) + us);
const fns = new Map();
const pkgs = new Map();
const inclusiveOwn = new Map();
for (const [id, us] of self) {
  const n = byId.get(id);
  add(fns, label(n.callFrame), us);
  add(pkgs, where(n.callFrame), us);
  // charge every distinct own function on the stack once
  const seen = new Set();
  for (let at = id; at !== undefined; at = parent.get(at)) {
    const cf = byId.get(at).callFrame;
    if (where(cf) !== 'bridge') continue;
    const key = label(cf);
    if (seen.has(key)) continue;
    seen.add(key);
    add(inclusiveOwn, key, us);
  }
}
const pct = (us) => `${((100 * us) / total).toFixed(1).padStart(5)} %`;
const top = (map, n) => [...map].sort((a, b) => b[1] - a[1]).slice(0, n);
console.log(`${(total / 1e6).toFixed(2)} s sampled`);
console.log('\nself time by function');
for (const [k, us] of top(fns, rows)) console.log(`${pct(us)}  ${k}`);
console.log('\nself time by package');
for (const [k, us] of top(pkgs, rows)) console.log(`${pct(us)}  ${k}`);
console.log("\ntime under the service's own functions");
for (const [k, us] of top(inclusiveOwn, rows)) console.log(`${pct(us)}  ${k}`);
