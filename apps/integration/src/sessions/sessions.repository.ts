import { Inject, Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import { type CurrentClient, type TxClient } from '../platform/db/transactions.js';

/** Browser sessions: only the SHA-256 hash of the cookie value is stored. */
@Injectable()
export class SessionsRepository {
  constructor(@Inject(TransactionHost) private readonly txHost: CurrentClient) {}

  /** The current transaction's client, or the plain client outside a transaction. */
  private get db(): TxClient {
    return this.txHost.tx;
  }

  async create(userId: string, tokenHash: string, expiresAt: Date): Promise<void> {
    await this.db.session.create({ data: { userId, tokenHash, expiresAt } });
  }

  /** The user id of a session that has not expired at `now`, or null. */
  async findUserId(tokenHash: string, now: Date): Promise<string | null> {
    const s = await this.db.session.findUnique({
      where: { tokenHash },
      select: { userId: true, expiresAt: true },
    });
    return s && s.expiresAt > now ? s.userId : null;
  }

  async delete(tokenHash: string): Promise<void> {
    await this.db.session.deleteMany({ where: { tokenHash } });
  }

  /** Removes expired sessions (called when a session is created, so the table never grows without bound). */
  async deleteExpired(now: Date): Promise<number> {
    const r = await this.db.session.deleteMany({ where: { expiresAt: { lte: now } } });
    return r.count;
  }
}
