// Runs the console's browser tests (Playwright, Debian's Chromium) against the built simulator; see
// playwright.config.ts. Removes the previous report first, so a run that dies early is not counted with an old result.
import { spawnSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
rmSync(path.join(root, 'reports', 'playwright.json'), { force: true });
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium-headless-shell';
if (!existsSync(chromium)) {
  console.error(
    `console browser tests: no Chromium at ${chromium}; install it with: sudo apt-get install chromium-headless-shell (or set CHROMIUM_PATH)`,
  );
  process.exit(1);
}
for (const built of ['dist/cli.js', 'dist/console/index.html']) {
  if (!existsSync(path.join(root, built))) {
    console.error(`console browser tests: ${built} is missing: build first (./scripts/pnpm.sh build)`);
    process.exit(1);
  }
}
const bin = path.join(root, 'node_modules', '.bin', 'playwright');
const r = spawnSync(bin, ['test', ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, CHROMIUM_PATH: chromium, PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1' },
});
process.exit(r.status ?? 1);
