/**
 * Verification overhead benchmark (`pnpm bench:verify` at the root): accept → synced of a 10-line commitment with the
 * read-back after every export (VER-4) and without it (`ExportWorker.verifyAfterSync`, EXPORT_VERIFY_AFTER_SYNC=false
 * in the environment), against the demo simulator in a child process, the worker running in this process as in
 * production (an accept wakes it). Two ways of accepting, each alternating runs with and without the read-back:
 * one at a time (the next accept once the previous export is verified) and one after another (the next accept as
 * soon as the previous export is synced, as an approver going down the queue). Target: the read-back adds ≤ 20 %.
 * Options: BENCH_ACCEPTS (per mode and setting, default 20), BENCH_DATABASE_URL / TEST_DATABASE_URL as the other
 * service benches.
 */
import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { firstValueFrom } from 'rxjs';
import { filter } from 'rxjs/operators';
import { ExportAcceptService } from '../dist/exports/export-accept.service.js';
import { ExportProgress } from '../dist/exports/export-progress.js';
import { ExportWorker } from '../dist/exports/export-worker.service.js';
import { ACTOR, openSeeder, PHASES, preparePhases } from './fleet.ts';
import { benchDatabase, describeNodeFlags, embeddedNote, migrate, startSimulator } from './support.ts';

const N = Number(process.env.BENCH_ACCEPTS ?? 20);

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? 0;
};

async function main() {
  console.log(describeNodeFlags());
  console.log(
    `load average at start: ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  const sim = await startSimulator('demo');
  const dir = mkdtempSync(join(tmpdir(), 'bridge-verify-bench-'));
  const database = await benchDatabase(dir);
  try {
    await preparePhases(sim.url);
    if (!database.url.startsWith('pglite://')) await migrate(database.url);
    // the highest call limits an admin can set: the bench measures the read-back, not the limit
    const seeder = await openSeeder(
      database.url,
      sim.url,
      { maxConcurrentCalls: 32, callsPerSecond: 500 },
      PHASES.length,
      {
        worker: true,
      },
    );
    const { app } = seeder;
    const accepts = app.get(ExportAcceptService);
    const progress = app.get(ExportProgress);
    const worker = app.get(ExportWorker);
    let seq = 0;
    /** Sends a new 10-line commitment; answers its export request's id. */
    const sent = () => seeder.sent(`V-${seq++}`);
    const state = (id: string, wanted: string[]) =>
      firstValueFrom(
        progress
          .of(id)
          .pipe(
            filter(
              (e: { kind: string; state?: string }) => e.kind === 'state' && wanted.includes(e.state ?? ''),
            ),
          ),
      );
    /** accept → synced of one export (ms); `settle` also waits for its read-back. */
    const once = async (settle: boolean) => {
      const id = await sent();
      const synced = state(id, ['synced', 'failed']);
      const verified = worker.verifyAfterSync ? state(id, ['verified']) : Promise.resolve(null);
      const t0 = performance.now();
      await accepts.accept(ACTOR, id, {});
      const end = (await synced) as { state: string };
      const ms = performance.now() - t0;
      if (end.state !== 'synced') throw new Error(`export ${id} ended ${end.state}`);
      if (settle) {
        await verified;
        if (worker.verifyAfterSync) toVerified.push(performance.now() - t0);
      } else verified.catch(() => {});
      return ms;
    };
    const toVerified: number[] = [];

    await once(true); // warm-up
    await worker.idle();
    toVerified.length = 0;
    const figures: Record<string, number[]> = {};
    for (const mode of ['one at a time', 'one after another'] as const) {
      for (let round = 0; round < 2; round++) {
        for (const verify of [false, true]) {
          worker.verifyAfterSync = verify;
          const key = `${mode}, ${verify ? 'with' : 'without'} read-back`;
          const xs = figures[key] ?? [];
          figures[key] = xs;
          for (let i = 0; i < N / 2; i++) xs.push(await once(mode === 'one at a time'));
          await worker.idle();
        }
      }
    }
    const rows = Object.entries(figures).map(([k, xs]) => ({
      run: k,
      n: xs.length,
      'p50 ms': +pct(xs, 50).toFixed(1),
      'p95 ms': +pct(xs, 95).toFixed(1),
      'mean ms': +(xs.reduce((a, b) => a + b, 0) / xs.length).toFixed(1),
    }));
    console.table(rows);
    for (const mode of ['one at a time', 'one after another']) {
      const off = rows.find((r) => r.run === `${mode}, without read-back`);
      const on = rows.find((r) => r.run === `${mode}, with read-back`);
      if (!off || !on) continue;
      const added = (on['mean ms'] / off['mean ms'] - 1) * 100;
      console.log(
        `${mode}: the read-back adds ${added.toFixed(1)} % to accept → synced (mean ${off['mean ms']} → ${on['mean ms']} ms; p50 ${off['p50 ms']} → ${on['p50 ms']} ms): ${added <= 20 ? 'met' : 'MISSED'} (target ≤ 20 %)`,
      );
    }
    console.log(
      `load average at end: ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}`,
    );
    console.log(embeddedNote(database.url));
    await seeder.close();
  } finally {
    sim.child.kill();
    await database.drop();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
