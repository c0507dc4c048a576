// The service in development mode: its TypeScript sources (and the @bridge packages', through their `source` export
// condition) are loaded by Vite's module runner inside this one process, which stays up. When a source file is saved
// the application is stopped, only that file and the modules that import it (up to the entry) are evaluated again,
// and the application starts on the same open database. Node modules stay loaded (Node's own cache), so a restart
// costs the application's start-up, not Node's, the packages' or the database's.
//
// Started by scripts/dev.mjs in apps/integration with the service's environment. Reopens the database only when a
// file it was opened by changes (platform/db). A change to prisma/schema.prisma needs `generate` and a new start.
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const serviceDir = process.cwd();
const require = createRequire(path.join(serviceDir, 'package.json'));
const { createServer, createServerModuleRunner } = await import(pathToFileURL(require.resolve('vite')).href);

const vite = await createServer({
  configFile: false,
  root: serviceDir,
  logLevel: 'warn',
  clearScreen: false,
  appType: 'custom',
  server: { middlewareMode: true, hmr: false, ws: false, watch: { ignored: ['**/dist/**', '**/.data/**'] } },
  // the @bridge packages from their TypeScript sources; everything in node_modules is loaded by Node itself
  resolve: { conditions: ['source'] },
  ssr: { resolve: { conditions: ['source'], externalConditions: ['node'] } },
  optimizeDeps: { noDiscovery: true, include: [] },
});
const runner = createServerModuleRunner(vite.environments.ssr, { hmr: false });

const modules = {
  env: '/src/config/env.ts',
  logger: '/src/platform/logging/logger.ts',
  db: '/src/platform/db/prisma.service.ts',
  serve: '/src/serve.ts',
};

const { loadEnv } = await runner.import(modules.env);
const { createLogger } = await runner.import(modules.logger);
const env = loadEnv(process.env);
const logger = createLogger(env.LOG_LEVEL);

let db; // { prisma, close() }, kept across restarts
let serving; // { app, stop() }

async function start() {
  if (!db) {
    const { connectDatabase } = await runner.import(modules.db);
    db = await connectDatabase(env.DATABASE_URL, { logger });
  }
  const { serve } = await runner.import(modules.serve);
  serving = await serve(env, logger, db.prisma);
}

/** Marks the modules of `files` and every module importing them (transitively) for evaluation again. */
function invalidate(files) {
  const seen = new Set();
  const stack = files.flatMap((f) => [...(runner.evaluatedModules.getModulesByFile(f) ?? [])]);
  while (stack.length > 0) {
    const node = stack.pop();
    if (seen.has(node)) continue;
    seen.add(node);
    runner.evaluatedModules.invalidateModule(node);
    for (const id of node.importers) {
      const importer = runner.evaluatedModules.getModuleById(id);
      if (importer) stack.push(importer);
    }
  }
  return [...seen].map((n) => n.file);
}

let changed = new Set();
let restarting = Promise.resolve();
let timer;
function onChange(file) {
  if (!runner.evaluatedModules.getModulesByFile(file)?.size) return; // not part of the service
  changed.add(file);
  clearTimeout(timer);
  // files saved together (an editor's "save all", a git checkout) restart once
  timer = setTimeout(() => {
    restarting = restarting.then(restart).catch((err) => logger.error({ err }, 'development restart failed'));
  }, 30);
}

async function restart() {
  const files = [...changed];
  changed = new Set();
  const started = performance.now();
  logger.info({ changed: files.map((f) => path.relative(serviceDir, f)) }, 'source changed: restarting');
  const reopen = invalidate(files).some((f) => f?.includes('/platform/db/') || f?.includes('/generated/'));
  if (serving) await serving.stop('source change', async () => {});
  serving = undefined;
  if (reopen && db) {
    await db.close();
    db = undefined;
  }
  try {
    await start();
    logger.info({ ms: Math.round(performance.now() - started) }, 'restarted');
  } catch (err) {
    // a syntax or start-up error: keep watching, the next save tries again
    logger.error({ err }, 'the service did not start: fix the error and save again');
  }
}

vite.watcher.on('change', onChange);
vite.watcher.on('add', onChange);

let stopping = false;
async function stop(signal) {
  if (stopping) return;
  stopping = true;
  clearTimeout(timer);
  await restarting;
  await serving?.stop(signal, async () => {});
  await db?.close();
  await vite.close();
  process.exit(0);
}
process.on('SIGINT', () => void stop('SIGINT'));
process.on('SIGTERM', () => void stop('SIGTERM'));

await start();
