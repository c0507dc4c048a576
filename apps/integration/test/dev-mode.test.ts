import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from './support/dist.js';
import { type ServiceProcess, startServiceProcess, until } from './support/service-process.js';

/**
 * Development mode's service runner (`scripts/dev-service.mjs`, started by `./scripts/pnpm.sh dev`): it runs the
 * service from its TypeScript sources, and a saved change to a source file starts the application again in the same
 * process on the same open database, evaluating only what the change touched. `bench:dev` measures how fast.
 */
const RUNNER = join(ROOT, '..', '..', 'scripts', 'dev-service.mjs');
const WATCHED = join(ROOT, 'src', 'health', 'health.controller.ts');

describe('development mode: the service runner', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bridge-dev-'));
  let service: ServiceProcess | undefined;
  const original = readFileSync(WATCHED, 'utf8');
  afterAll(() => {
    writeFileSync(WATCHED, original);
    if (service && service.child.exitCode === null) service.child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  const listening = () =>
    service
      ?.lines()
      .filter((l) => l.msg === 'Spectrum Bridge is listening')
      .map((l) => String(l.url)) ?? [];

  it('serves from source, starts again on a saved change with the data kept, and stops with exit 0', async () => {
    service = startServiceProcess(
      `pglite://${join(dir, 'db')}`,
      { NODE_ENV: 'development', NODE_OPTIONS: '--conditions=source', DEMO_MODE: 'true' },
      [RUNNER],
    );
    const first = await service.url;
    expect((await fetch(`${first}/health/ready`)).status).toBe(200);
    const users = async (url: string) =>
      (await (await fetch(`${url}/api/v1/session/options`)).json()) as Record<string, unknown>;
    const before = await users(first);

    appendFileSync(WATCHED, '\n// a saved change\n');
    try {
      const again = await until('the service to listen again', async () => listening()[1], 60_000);
      expect((await fetch(`${again}/health/ready`)).status).toBe(200);
      // the same database, still open: what the first start put there is there
      expect(await users(again)).toEqual(before);
      const restart = service.lines().find((l) => l.msg === 'source changed: restarting');
      expect(restart?.changed).toEqual(['src/health/health.controller.ts']);
    } finally {
      writeFileSync(WATCHED, original);
    }

    service.child.kill('SIGTERM');
    expect((await service.exited).code).toBe(0);
    // the database was opened once: a restart keeps it
    expect(service.lines().filter((l) => l.msg === 'database migrations applied')).toHaveLength(1);
  }, 120_000);
});
