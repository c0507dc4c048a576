import { TransactionHost } from '@nestjs-cls/transactional';
import type { TransactionalAdapterPrisma } from '@nestjs-cls/transactional-adapter-prisma';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { AuditRepository } from '../src/audit/audit.repository.js';
import { AuditService } from '../src/audit/audit.service.js';
import type { AuthUser } from '../src/auth/auth-user.js';
import { CompaniesService } from '../src/companies/companies.service.js';
import type { PrismaClient } from '../src/generated/prisma/client.js';
import { LinksRepository } from '../src/links/links.repository.js';
import { inOwnContext } from '../src/platform/transactions.js';
import { startTestApp, type TestApp } from './support/app.js';

/**
 * Transactions from context (docs/decisions.md): a service opens a transaction and every repository call inside it
 * runs on that transaction, without anyone passing a handle; work started in a context of its own (a worker run, a
 * scheduled job) never joins it.
 */
describe('transactions from context', () => {
  let t: TestApp;
  let txHost: TransactionHost<TransactionalAdapterPrisma<PrismaClient>>;
  const actor = { id: 'tx-test-actor', name: 'Tx Test' } as AuthUser;

  beforeAll(async () => {
    t = await startTestApp();
    txHost = t.app.get(TransactionHost);
  });
  afterAll(async () => {
    await t.close();
  });
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('a service write and its audit event roll back together when the second write fails', async () => {
    const before = await t.prisma.company.count({ where: { name: 'Rolled Back Co' } });
    vi.spyOn(t.app.get(AuditRepository), 'insert').mockRejectedValueOnce(new Error('audit refused'));
    await expect(t.app.get(CompaniesService).create(actor, { name: 'Rolled Back Co' })).rejects.toThrow(
      'audit refused',
    );
    expect(await t.prisma.company.count({ where: { name: 'Rolled Back Co' } })).toBe(before);
    // and without the failure both writes are there
    const created = await t.app.get(CompaniesService).create(actor, { name: 'Kept Co' });
    expect(await t.prisma.auditEvent.count({ where: { itemId: created.id, action: 'company.create' } })).toBe(
      1,
    );
  });

  it('repository writes of different repositories inside withTransaction commit or roll back as one', async () => {
    const pmId = '00000000-0000-7000-8000-00000000ab01';
    await expect(
      txHost.withTransaction(async () => {
        await t.app.get(LinksRepository).upsertForItem('company', pmId, { state: 'ready_to_export' });
        await t.app
          .get(AuditService)
          .record({ actorId: actor.id, action: 'tx.test', itemType: 'company', itemId: pmId });
        throw new Error('second step failed');
      }),
    ).rejects.toThrow('second step failed');
    expect(await t.prisma.syncLink.count({ where: { pmId } })).toBe(0);
    expect(await t.prisma.auditEvent.count({ where: { itemId: pmId } })).toBe(0);

    await txHost.withTransaction(async () => {
      await t.app.get(LinksRepository).upsertForItem('company', pmId, { state: 'ready_to_export' });
      await t.app
        .get(AuditService)
        .record({ actorId: actor.id, action: 'tx.test', itemType: 'company', itemId: pmId });
    });
    expect(await t.prisma.syncLink.count({ where: { pmId } })).toBe(1);
    expect(await t.prisma.auditEvent.count({ where: { itemId: pmId } })).toBe(1);
  });

  it('a context of its own (worker run, scheduled job) does not see the transaction it was started from', async () => {
    expect(txHost.isTransactionActive()).toBe(false);
    expect(txHost.tx).toBe(t.prisma);
    await txHost.withTransaction(async () => {
      expect(txHost.isTransactionActive()).toBe(true);
      expect(txHost.tx).not.toBe(t.prisma);
      const seen = await inOwnContext(async () => ({
        active: txHost.isTransactionActive(),
        client: txHost.tx,
      }));
      expect(seen.active).toBe(false);
      expect(seen.client).toBe(t.prisma);
    });
    // after the transaction, the context that opened it holds no transaction either
    expect(txHost.isTransactionActive()).toBe(false);
  });

  it('two transactions started side by side from one context each get their own client', async () => {
    const clients = await Promise.all(
      [1, 2].map(() =>
        txHost.withTransaction(async () => {
          const own = txHost.tx;
          await new Promise((r) => setTimeout(r, 5));
          expect(txHost.tx).toBe(own);
          return own;
        }),
      ),
    );
    expect(clients[0]).not.toBe(clients[1]);
  });
});
