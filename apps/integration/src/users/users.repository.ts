import type { PermissionLevel } from '@bridge/rules';
import { Inject, Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import type { AuthUser } from '../auth/auth-user.js';
import { type CurrentClient, type TxClient } from '../platform/db/transactions.js';

export interface UserRecord extends AuthUser {
  permissionTemplate: string | null;
  createdAt: Date;
}

type Row = {
  id: string;
  name: string;
  email: string;
  level: PermissionLevel;
  canPushToAccounting: boolean;
  isDirectoryAdmin: boolean;
  primeContractsLevel: PermissionLevel;
  createdAt: Date;
  permissionTemplate: { name: string; level: PermissionLevel } | null;
};

const toRecord = (r: Row): UserRecord => ({
  id: r.id,
  name: r.name,
  email: r.email,
  // PERM-1: a template's level wins over the user's own.
  level: r.permissionTemplate?.level ?? r.level,
  canPushToAccounting: r.canPushToAccounting,
  isDirectoryAdmin: r.isDirectoryAdmin,
  primeContractsLevel: r.primeContractsLevel,
  permissionTemplate: r.permissionTemplate?.name ?? null,
  createdAt: r.createdAt,
});

@Injectable()
export class UsersRepository {
  constructor(@Inject(TransactionHost) private readonly txHost: CurrentClient) {}

  /** The current transaction's client, or the plain client outside a transaction. */
  private get db(): TxClient {
    return this.txHost.tx;
  }

  async findByTokenHash(tokenHash: string): Promise<UserRecord | null> {
    const t = await this.db.apiToken.findUnique({
      where: { tokenHash },
      include: { user: { include: { permissionTemplate: true } } },
    });
    if (!t || t.revokedAt) return null;
    return toRecord(t.user);
  }

  async findById(id: string): Promise<UserRecord | null> {
    const r = await this.db.user.findUnique({ where: { id }, include: { permissionTemplate: true } });
    return r ? toRecord(r) : null;
  }

  async list(afterId: string | undefined, take: number): Promise<UserRecord[]> {
    const rows = await this.db.user.findMany({
      where: afterId ? { id: { gt: afterId } } : {},
      orderBy: { id: 'asc' },
      take,
      include: { permissionTemplate: true },
    });
    return rows.map(toRecord);
  }

  async listAll(): Promise<UserRecord[]> {
    const rows = await this.db.user.findMany({
      orderBy: { id: 'asc' },
      include: { permissionTemplate: true },
    });
    return rows.map(toRecord);
  }

  async anyAdmin(): Promise<boolean> {
    return (
      (await this.db.user.count({ where: { OR: [{ level: 'admin' }, { isDirectoryAdmin: true }] } })) > 0
    );
  }

  async createWithToken(
    user: { id?: string; name: string; email: string; level: PermissionLevel; canPushToAccounting: boolean },
    token: { hash: string; label: string },
  ): Promise<UserRecord> {
    const r = await this.db.user.create({
      data: { ...user, tokens: { create: { tokenHash: token.hash, label: token.label } } },
      include: { permissionTemplate: true },
    });
    return toRecord(r);
  }

  /** Creates the user and token when missing (demo users); leaves existing ones untouched. */
  async ensureWithToken(
    user: { name: string; email: string; level: PermissionLevel; canPushToAccounting: boolean },
    token: { hash: string; label: string },
  ): Promise<void> {
    await this.db.user.upsert({
      where: { email: user.email },
      create: { ...user, tokens: { create: { tokenHash: token.hash, label: token.label } } },
      update: {},
    });
    await this.db.apiToken.upsert({
      where: { tokenHash: token.hash },
      create: { tokenHash: token.hash, label: token.label, user: { connect: { email: user.email } } },
      update: {},
    });
  }

  async updatePermission(
    id: string,
    patch: { level?: PermissionLevel; canPushToAccounting?: boolean; primeContractsLevel?: PermissionLevel },
  ): Promise<UserRecord> {
    const r = await this.db.user.update({
      where: { id },
      data: patch,
      include: { permissionTemplate: true },
    });
    return toRecord(r);
  }

  async touchToken(tokenHash: string, at: Date): Promise<void> {
    await this.db.apiToken.updateMany({ where: { tokenHash }, data: { lastUsedAt: at } });
  }
}
