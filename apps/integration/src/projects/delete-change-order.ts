import { checkCommitmentChangeOrderDelete } from '@bridge/rules';
import type { AuditService } from '../audit/audit.service.js';
import type { AuthUser } from '../auth/auth-user.js';
import type { LinkView } from '../links/links.repository.js';
import { notFound } from '../platform/http/problem.js';
import type { TxHost } from '../platform/transactions.js';
import { assertCheck } from './pm-edits.js';

/** The storage of one kind of change order (commitment CCOs, prime contract PCCOs) that deleting one needs. */
export interface ChangeOrderStore<R> {
  lockChangeOrder(id: string): Promise<void>;
  findChangeOrder(id: string): Promise<R | null>;
  changeOrderLinksFor(ids: readonly string[]): Promise<Map<string, LinkView>>;
  deleteChangeOrder(id: string): Promise<void>;
}

/**
 * CCO-3 for both kinds of change order: not when approved, linked or in the export queue. Locks the change order,
 * checks it, deletes it with its link for good and audits it (`<itemType>.delete`) in one transaction.
 */
export async function deleteChangeOrder<R>(
  txHost: TxHost,
  store: ChangeOrderStore<R>,
  audit: AuditService,
  o: {
    actor: AuthUser;
    id: string;
    /** The 404's name of the item, e.g. `Commitment change order`. */
    label: string;
    itemType: 'commitment_change_order' | 'prime_contract_change_order';
    toDomain: (r: R, link: LinkView | undefined) => Parameters<typeof checkCommitmentChangeOrderDelete>[0];
  },
): Promise<void> {
  const { actor, id } = o;
  await txHost.withTransaction(async () => {
    await store.lockChangeOrder(id);
    const before = await store.findChangeOrder(id);
    if (!before) throw notFound(o.label, id);
    const link = (await store.changeOrderLinksFor([id])).get(id);
    assertCheck(
      checkCommitmentChangeOrderDelete(o.toDomain(before, link)),
      'The change order cannot be deleted.',
    );
    await store.deleteChangeOrder(id);
    await audit.record({
      actorId: actor.id,
      action: `${o.itemType}.delete`,
      itemType: o.itemType,
      itemId: id,
      before,
    });
  });
}
