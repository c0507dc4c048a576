/**
 * One service instance of `bench:scale` (forked by scale.bench.ts): the service's app on the shared database with
 * its export worker driven by the parent — `ready` once started, then on `go` it drains until no accepted request is
 * left in `exporting` (on any instance) and reports how many it exported.
 */
import 'reflect-metadata';
import { pino } from 'pino';
import { createApp } from '../dist/app.js';
import { ExportWorker } from '../dist/exports/export-worker.service.js';
import { connectDatabase } from '../dist/platform/db/prisma.service.js';
import { sleep } from './fleet.ts';
import { benchEnv } from './support.ts';

const env = benchEnv(process.env.DATABASE_URL, {
  INSTANCE_ID: process.env.INSTANCE_ID,
  ...(process.env.EXPORT_CONCURRENCY ? { EXPORT_CONCURRENCY: process.env.EXPORT_CONCURRENCY } : {}),
});
const db = await connectDatabase(env.DATABASE_URL, {});
const app = await createApp({ env, logger: pino({ level: 'silent' }), prisma: db.prisma });
await app.init();
const worker = app.get(ExportWorker);
process.send?.({ ready: true });
process.once('message', async () => {
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  let exported = 0;
  for (;;) {
    exported += await worker.drain();
    const left = await db.prisma.exportRequest.count({ where: { state: 'exporting' } });
    if (left === 0) break;
    await sleep(10);
  }
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  process.send?.({
    done: true,
    exported,
    ms,
    cpuMs: (cpu.user + cpu.system) / 1000,
    rssMb: Math.round(process.memoryUsage().rss / 1048576),
  });
  await app.close();
  await db.close();
  process.exit(0);
});
