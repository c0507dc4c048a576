import { Debug as clientDebug } from '@prisma/client/runtime/client';
import { Debug as adapterDebug } from '@prisma/driver-adapter-utils';

/**
 * Prisma's debug module keeps the arguments of its last 100 debug calls in memory whether or not DEBUG is set, and
 * the client and the driver adapter log every raw query with its parameters (and every query plan). After a bulk
 * statement that is the whole batch (keys, hashes, row JSON): up to 100 batches stay reachable, about 100 MB on a
 * large import. Pushing 100 empty entries through each copy of the module drops them.
 */
const HISTORY = 100;
const loggers = [clientDebug('bridge:snapshot'), adapterDebug('bridge:snapshot')];
// the entries only need to exist: never printed, even with DEBUG=*
for (const log of loggers) log.log = () => undefined;

export function forgetPrismaDebugHistory(): void {
  for (const log of loggers) for (let i = 0; i < HISTORY; i++) log('');
}
