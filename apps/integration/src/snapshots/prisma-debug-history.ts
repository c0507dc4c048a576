import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Debug as clientDebug } from '@prisma/client/runtime/client';
import { Debug as adapterDebug } from '@prisma/driver-adapter-utils';

/**
 * Prisma's debug module keeps the arguments of its last 100 debug calls in memory whether or not DEBUG is set, and
 * the client and the driver adapters log every raw query with its parameters (and every query plan). After a bulk
 * statement that is the whole batch (keys, hashes, row JSON): up to 100 batches stay reachable, about 100 MB on a
 * large import. Pushing 100 empty entries through each copy of the module drops them.
 */
const HISTORY = 100;
type DebugFactory = (
  namespace: string,
) => ((...args: unknown[]) => void) & { log: (...args: unknown[]) => void };

/** The embedded database's adapter brings its own copy of the module (another version), reached through it. */
async function embeddedAdapterDebug(): Promise<DebugFactory | undefined> {
  try {
    const require = createRequire(import.meta.url);
    const utils = createRequire(require.resolve('pglite-prisma-adapter')).resolve(
      '@prisma/driver-adapter-utils',
    );
    // the ES module build beside the CommonJS entry: the instance the adapter's own ES module imports
    const mod = (await import(/* @vite-ignore */ pathToFileURL(utils.replace(/\.js$/, '.mjs')).href)) as {
      Debug?: DebugFactory;
    };
    return mod.Debug;
  } catch {
    return undefined;
  }
}

const factories = [clientDebug, adapterDebug, await embeddedAdapterDebug()] as (DebugFactory | undefined)[];
const loggers = factories.flatMap((f) => (f ? [f('bridge:snapshot')] : []));
// the entries only need to exist: never printed, even with DEBUG=*
for (const log of loggers) log.log = () => undefined;

export function forgetPrismaDebugHistory(): void {
  for (const log of loggers) for (let i = 0; i < HISTORY; i++) log('');
}
