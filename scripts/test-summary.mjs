// Adds up the vitest JSON reports that every package writes to reports/vitest.json (and Playwright's
// reports/playwright.json where a package has browser tests) and prints
// "tests: N passed, N failed" (plus skipped). Exits 1 when a report is missing, a test failed,
// or nothing ran at all.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const groups = ['apps', 'packages', 'simulators'];
const dirs = groups.flatMap((g) =>
  existsSync(path.join(root, g)) ? readdirSync(path.join(root, g)).map((d) => path.join(g, d)) : [],
);
if (existsSync(path.join(root, 'contracts', 'package.json'))) dirs.push('contracts');

let passed = 0;
let failed = 0;
let skipped = 0;
let missing = 0;
for (const dir of dirs) {
  const pkg = path.join(root, dir, 'package.json');
  if (!existsSync(pkg) || !JSON.parse(readFileSync(pkg, 'utf8')).scripts?.test) continue;
  const report = path.join(root, dir, 'reports', 'vitest.json');
  if (!existsSync(report)) {
    console.log(`${dir}: no test report (reports/vitest.json)`);
    missing += 1;
    continue;
  }
  const r = JSON.parse(readFileSync(report, 'utf8'));
  let p = r.numPassedTests ?? 0;
  let f = (r.numFailedTests ?? 0) + (r.numFailedTestSuites ?? 0);
  let s = (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
  // browser tests (Playwright's JSON report) count too, where a package has them
  const e2e = path.join(root, dir, 'reports', 'playwright.json');
  if (existsSync(path.join(root, dir, 'playwright.config.ts'))) {
    if (!existsSync(e2e)) {
      console.log(`${dir}: no browser test report (reports/playwright.json)`);
      missing += 1;
    } else {
      const st = JSON.parse(readFileSync(e2e, 'utf8')).stats ?? {};
      const errors = JSON.parse(readFileSync(e2e, 'utf8')).errors ?? [];
      p += (st.expected ?? 0) + (st.flaky ?? 0);
      f += (st.unexpected ?? 0) + errors.length;
      s += st.skipped ?? 0;
    }
  }
  console.log(`${dir}: ${p} passed, ${f} failed, ${s} skipped`);
  passed += p;
  failed += f;
  skipped += s;
}
console.log(`tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 || missing > 0 || passed === 0 ? 1 : 0);
