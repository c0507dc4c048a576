/**
 * Transactions from context for the services (see docs/decisions.md, "Transactions from context"): a service opens
 * a transaction with `txHost.withTransaction(options?, fn)` (or `@Transactional()`), and every repository call in
 * `fn`, however deep, runs on that transaction. Services never hold or pass a transaction handle, and import no
 * Prisma type: the options below are plain objects of the transaction's timeouts.
 */
import { type TransactionalAdapter, TransactionHost } from '@nestjs-cls/transactional';
import { ClsServiceManager } from 'nestjs-cls';

export { Propagation, Transactional, TransactionHost } from '@nestjs-cls/transactional';

/** How long a transaction may run (`timeout`) and wait for a connection (`maxWait`), in milliseconds. */
export interface TxOptions {
  timeout?: number;
  maxWait?: number;
}

/**
 * The transaction host as a service sees it: it opens transactions (`withTransaction`) but never touches the
 * client (that is the repositories' business). Inject it with `@Inject(TransactionHost)`.
 */
export type TxHost = TransactionHost<TransactionalAdapter<unknown, unknown, TxOptions>>;

/** The export flows (request, accept, reject, retry, finish): they lock an item and several rows of the queue. */
export const EXPORT_TX: TxOptions = { timeout: 30_000, maxWait: 30_000 };

/** The import actions and the imports' sync writes: they may write many rows of one snapshot. */
export const IMPORT_TX: TxOptions = { timeout: 60_000, maxWait: 30_000 };

/**
 * Runs `fn` (and everything it starts) in a CLS context of its own, empty: no transaction of the caller's is
 * visible in it. Each worker run and each scheduled job runs so (an HTTP request gets its own from the CLS
 * middleware), so work that goes on in the background never joins, or outlives, a transaction it was started from.
 */
export function inOwnContext<T>(fn: () => T): T {
  return ClsServiceManager.getClsService().run({ ifNested: 'override' }, fn);
}

/**
 * Independent reads side by side when no transaction is active (one round trip of latency on PostgreSQL instead of
 * one per read), one after the other inside one (its statements run on one connection, one at a time).
 */
export function sideBySide<T extends readonly unknown[]>(
  ...reads: { [K in keyof T]: () => Promise<T[K]> }
): Promise<T> {
  return sideBySideIf<T>(transactionActive(), ...reads);
}

/** {@link sideBySide} for a caller that knows whether its transaction is active (a repository, from its host). */
export async function sideBySideIf<T extends readonly unknown[]>(
  inTransaction: boolean,
  ...reads: { [K in keyof T]: () => Promise<T[K]> }
): Promise<T> {
  if (inTransaction) {
    const out: unknown[] = [];
    for (const read of reads) out.push(await read());
    return out as unknown as T;
  }
  return (await Promise.all(reads.map((read) => read()))) as unknown as T;
}

/** A transaction from context is active here (false where no transaction host exists, as in the CLI's commands). */
function transactionActive(): boolean {
  try {
    return TransactionHost.getInstance().isTransactionActive();
  } catch {
    return false;
  }
}
