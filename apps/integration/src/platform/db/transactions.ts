import { TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterPrisma } from '@nestjs-cls/transactional-adapter-prisma';
import type { Prisma, PrismaClient } from '../../generated/prisma/client.js';
import { memoRead } from '../runtime/read-memo.js';
import { PRISMA } from '../tokens.js';
import { sideBySideIf } from '../transactions.js';

/**
 * Transactions from context (see docs/decisions.md, "Transactions from context"): a service opens a transaction
 * (`TransactionHost.withTransaction`), and every repository call inside it, however deep, runs on that
 * transaction's client; outside one, on the plain client. Nobody passes a transaction handle.
 */

/** The client a repository queries: the current transaction's, or the plain client outside a transaction. */
export type TxClient = Prisma.TransactionClient;

/** The transaction host of the Prisma client (what `ClsPluginTransactional` provides as `TransactionHost`). */
export type PrismaTxHost = TransactionHost<TransactionalAdapterPrisma<PrismaClient>>;

/** What a repository needs of the transaction host: the current client. */
export interface CurrentClient {
  readonly tx: TxClient;
  /** Whether the code running now is inside a transaction. */
  isTransactionActive(): boolean;
}

/** A repository's client outside the application (command-line tools): the Prisma client, no transaction. */
export function plainClient(tx: TxClient): CurrentClient {
  return { tx, isTransactionActive: () => false };
}

/** The adapter of the one Prisma client (provided under `PRISMA`). */
export function prismaTransactionalAdapter(): TransactionalAdapterPrisma<PrismaClient> {
  return new TransactionalAdapterPrisma<PrismaClient>({ prismaInjectionToken: PRISMA });
}

/** The PM tables whose rows a write locks while it checks and changes an item. */
export type LockedTable =
  | 'Project'
  | 'Company'
  | 'Budget'
  | 'Commitment'
  | 'CommitmentChangeOrder'
  | 'PrimeContractChangeOrder';

/**
 * Locks one row until the current transaction ends (`SELECT … FOR UPDATE`), so a check and the write it allows see
 * the same item even with several service instances on one database. The export flows take the same lock when they
 * move an item into or out of the export queue. Repositories call this inside the service's transaction; the table
 * name comes from the fixed list above.
 */
export async function lockRow(db: TxClient, table: LockedTable, id: string): Promise<void> {
  await db.$executeRawUnsafe(`SELECT 1 FROM "${table}" WHERE id = $1 FOR UPDATE`, id);
}

/**
 * A row and its link as one domain value, read once per unit of work within `withReadMemo`: side by side outside a
 * transaction (one round trip of latency on PostgreSQL), one after the other inside one.
 */
export function loadWithLink<R, L, D>(
  host: CurrentClient,
  key: string,
  row: () => Promise<R | null>,
  link: () => Promise<L>,
  toDomain: (row: R, link: L) => D,
): Promise<D | null> {
  const inTransaction = host.isTransactionActive();
  return memoRead(key, inTransaction, async () => {
    const [r, l] = await sideBySideIf(inTransaction, row, link);
    return r ? toDomain(r, l) : null;
  });
}
