// Adds up the vitest JSON reports that every package writes to reports/vitest.json and the Playwright JSON reports
// of the packages with browser tests, and prints "tests: N passed, N failed" (plus skipped). A package has browser
// tests when it has Playwright configs (`playwright.config.ts`, or more named `playwright.<name>.config.ts`); each
// config writes its own report, `reports/playwright.json` or `reports/playwright.<name>.json`, and every one is
// counted (apps/web and the simulator's console each have one). Exits 1 when a report is missing, a test failed,
// or nothing ran at all.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const groups = ['apps', 'packages', 'simulators'];
const dirs = groups.flatMap((g) =>
  existsSync(path.join(root, g)) ? readdirSync(path.join(root, g)).map((d) => path.join(g, d)) : [],
);
if (existsSync(path.join(root, 'contracts', 'package.json'))) dirs.push('contracts');

/** The Playwright report each config of a package writes: playwright[.name].config.ts → reports/playwright[.name].json. */
function playwrightReports(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .map((f) => /^playwright((?:\.[\w-]+)?)\.config\.[cm]?[jt]s$/.exec(f))
    .filter((m) => m !== null)
    .map((m) => path.join('reports', `playwright${m[1]}.json`))
    .sort();
}

/** Passed, failed and skipped tests of one Playwright JSON report (errors outside tests count as failures). */
function countPlaywright(report) {
  const st = report.stats ?? {};
  return {
    passed: (st.expected ?? 0) + (st.flaky ?? 0),
    failed: (st.unexpected ?? 0) + (report.errors ?? []).length,
    skipped: st.skipped ?? 0,
  };
}

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
  const browser = [];
  for (const name of playwrightReports(path.join(root, dir))) {
    const file = path.join(root, dir, name);
    if (!existsSync(file)) {
      console.log(`${dir}: no browser test report (${name})`);
      missing += 1;
      continue;
    }
    const c = countPlaywright(JSON.parse(readFileSync(file, 'utf8')));
    browser.push(`${name}: ${c.passed} passed, ${c.failed} failed`);
    p += c.passed;
    f += c.failed;
    s += c.skipped;
  }
  console.log(
    `${dir}: ${p} passed, ${f} failed, ${s} skipped${browser.length ? ` (browser tests: ${browser.join('; ')})` : ''}`,
  );
  passed += p;
  failed += f;
  skipped += s;
}
console.log(`tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 || missing > 0 || passed === 0 ? 1 : 0);
