import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LinksRepository } from '../src/links/links.repository.js';
import type { CurrentClient } from '../src/platform/db/transactions.js';
import { TransactionHost, type TxHost } from '../src/platform/transactions.js';
import { SnapshotRepository } from '../src/snapshots/snapshot.repository.js';
import { startTestApp, type TestApp } from './support/app.js';

/**
 * API-8: the link and snapshot reads made in one tick are one statement (`LinksRepository.forItems`,
 * `SnapshotRepository.byKeys` / `liveByParents`, batched per client), and each caller still gets exactly what its own
 * read would have returned.
 */
describe('batched link and snapshot reads (API-8)', () => {
  let t: TestApp;
  let links: LinksRepository;
  let snapshot: SnapshotRepository;
  let txHost: TxHost;
  let statements: string[] = [];

  beforeAll(async () => {
    t = await startTestApp({ onStatement: (sql) => statements.push(sql) });
    links = t.app.get(LinksRepository);
    snapshot = t.app.get(SnapshotRepository);
    txHost = t.app.get(TransactionHost);
    const at = new Date('2026-12-01T00:00:00Z');
    await t.prisma.spectrumRecord.createMany({
      data: [
        { kind: 'phase', key: 'J1|010|L', parentKey: 'J1', hash: 'a', data: { code: '010' } },
        { kind: 'phase', key: 'J1|020|L', parentKey: 'J1', hash: 'b', data: { code: '020' } },
        { kind: 'phase', key: 'J1|030|L', parentKey: 'J1', hash: 'c', data: { code: '030' }, vanishedAt: at },
        { kind: 'phase', key: 'J2|010|M', parentKey: 'J2', hash: 'd', data: { code: '010' } },
        { kind: 'vendor', key: 'V1', parentKey: null, hash: 'e', data: { status: 'A' } },
        { kind: 'vendor', key: 'V2', parentKey: null, hash: 'f', data: { status: 'I' }, vanishedAt: at },
        // a job named like a vendor: kinds never mix
        { kind: 'job', key: 'V1', parentKey: null, hash: 'g', data: { customerCode: 'C1' } },
      ],
    });
    await t.prisma.syncLink.createMany({
      data: [
        { type: 'project', pmId: 'p-own', spectrumKey: 'J1', state: 'synced' },
        { type: 'job', pmId: 'p-own', spectrumKey: 'J1-OLD', state: 'synced' },
        { type: 'job', pmId: 'p-alias', spectrumKey: 'J2', state: 'synced' },
        { type: 'commitment', pmId: 'c-1', spectrumKey: 'V1/1', state: 'ready_to_export' },
        { type: 'company', pmId: 'c-1', spectrumKey: 'V9', state: 'synced' },
      ],
    });
  });
  afterAll(async () => {
    await t?.close();
  });

  const count = async <T>(work: () => Promise<T>) => {
    statements = [];
    const out = await work();
    return { out, statements: statements.length };
  };

  it('API-8: snapshot reads by key and by parent made side by side are one statement, each answered as alone', async () => {
    const alone = {
      phases: await snapshot.liveByParents('phase', ['J1', 'J2', 'J3']),
      vendors: await snapshot.byKeys('vendor', ['V1', 'V2', 'V3']),
      jobs: await snapshot.byKeys('job', ['V1']),
    };
    const { out, statements: n } = await count(() =>
      Promise.all([
        snapshot.liveByParents('phase', ['J1', 'J2', 'J3']),
        snapshot.byKeys('vendor', ['V1', 'V2', 'V3']),
        snapshot.byKeys('job', ['V1']),
      ]),
    );
    expect(n).toBe(1);
    expect(out).toEqual([alone.phases, alone.vendors, alone.jobs]);
    // what each answer holds: live phases only, grouped by job; vendors with vanished flagged; unknown keys absent
    expect([...alone.phases.entries()].map(([j, rows]) => [j, rows.length])).toEqual([
      ['J1', 2],
      ['J2', 1],
    ]);
    expect(alone.vendors).toEqual(
      new Map([
        ['V1', { data: { status: 'A' }, vanished: false }],
        ['V2', { data: { status: 'I' }, vanished: true }],
      ]),
    );
    expect(alone.jobs.get('V1')?.data).toEqual({ customerCode: 'C1' });
  });

  it("API-8: link reads of several types side by side are one statement; an item's own link wins over the imported alias", async () => {
    const { out, statements: n } = await count(() =>
      Promise.all([
        links.forItemsOrAlias('project', 'job', ['p-own', 'p-alias', 'p-none']),
        links.forItems('commitment', ['c-1', 'c-2']),
        links.forItemsOrAlias('company', 'vendor', ['c-1']),
      ]),
    );
    expect(n).toBe(1);
    const [projects, commitments, companies] = out;
    expect([...projects].map(([id, l]) => [id, l.type, l.spectrumKey]).sort()).toEqual([
      ['p-alias', 'job', 'J2'],
      ['p-own', 'project', 'J1'],
    ]);
    expect([...commitments].map(([id, l]) => [id, l.state])).toEqual([['c-1', 'ready_to_export']]);
    expect(companies.get('c-1')?.spectrumKey).toBe('V9');
  });

  it('API-8: inside a transaction the batch runs on the transaction (it sees its own uncommitted writes)', async () => {
    const [own] = await txHost.withTransaction(async () => {
      await (txHost as unknown as CurrentClient).tx.syncLink.create({
        data: { type: 'project', pmId: 'p-tx', spectrumKey: 'J7', state: 'synced' },
      });
      return Promise.all([
        links.forItemsOrAlias('project', 'job', ['p-tx']),
        snapshot.liveByParents('phase', ['J1']),
      ]);
    });
    expect(own.get('p-tx')?.spectrumKey).toBe('J7');
  });
});
