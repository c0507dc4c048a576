import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SnapshotRepository } from '../src/snapshots/snapshot.repository.js';
import { SnapshotImporter } from '../src/snapshots/snapshot-importer.js';
import { FakeClock, startTestApp, type TestApp } from './support/app.js';

type Phase = { job: string; phase: string; costType: string; estimateCents: number };
const phase = (job: string, p: string, ct: string, est: number) => ({
  key: `${job}|${p}|${ct}`,
  parentKey: job,
  data: { job, phase: p, costType: ct, estimateCents: est } satisfies Phase,
});

async function* stream<T>(rows: T[]): AsyncIterable<T> {
  for (const r of rows) yield r;
}

describe('snapshot + hash diff imports (docs/decisions.md, imports)', () => {
  let t: TestApp;
  let importer: SnapshotImporter;
  let repo: SnapshotRepository;
  const clock = new FakeClock();

  beforeAll(async () => {
    t = await startTestApp({ clock });
    importer = t.app.get(SnapshotImporter);
    repo = t.app.get(SnapshotRepository);
  });
  afterAll(async () => {
    await t?.close();
  });

  const changedAt = async () =>
    (await t.prisma.spectrumRecord.findMany({ where: { kind: 'phase' }, orderBy: { key: 'asc' } })).map(
      (r) => [r.key, r.changedAt.toISOString(), r.vanishedAt?.toISOString() ?? null],
    );

  it('writes every row on the first run, and nothing on a re-run without change', async () => {
    const rows = [
      phase('24-101', '013100', 'L', 100),
      phase('24-101', '013100', 'M', 200),
      phase('24-102', '033000', 'S', 5),
    ];
    const first = await importer.import('phase', stream(rows), { batchSize: 2 });
    expect(first).toMatchObject({ read: 3, createdCount: 3, updatedCount: 0, unchanged: 0, vanished: [] });
    expect(await repo.count('phase')).toBe(3);
    const before = await changedAt();
    clock.advance(60_000);
    const again = await importer.import('phase', stream(rows));
    expect(again).toMatchObject({ read: 3, createdCount: 0, updatedCount: 0, unchanged: 3, vanished: [] });
    expect(await changedAt()).toEqual(before);
  });

  it('writes only the changed rows, marks vanished ones, and brings a returning row back', async () => {
    clock.advance(60_000);
    const rows = [
      phase('24-101', '013100', 'L', 150),
      phase('24-102', '033000', 'S', 5),
      phase('24-103', '099000', 'O', 1),
    ];
    const r = await importer.import('phase', stream(rows));
    expect(r.created.map((c) => c.key)).toEqual(['24-103|099000|O']);
    expect(r.updated.map((c) => c.key)).toEqual(['24-101|013100|L']);
    expect(r.vanished).toEqual(['24-101|013100|M']);
    expect(r.unchanged).toBe(1);
    expect((await repo.get<Phase>('phase', '24-101|013100|L'))?.data.estimateCents).toBe(150);
    expect((await repo.get('phase', '24-101|013100|M'))?.vanishedAt).not.toBeNull();
    const back = await importer.import('phase', stream([...rows, phase('24-101', '013100', 'M', 200)]));
    expect(back.created.map((c) => c.key)).toEqual(['24-101|013100|M']);
    expect((await repo.get('phase', '24-101|013100|M'))?.vanishedAt).toBeNull();
  });

  it("a scoped run (one job) never marks other jobs' rows as vanished", async () => {
    const r = await importer.import('phase', stream([phase('24-102', '033000', 'S', 5)]), {
      scope: { parentKeys: ['24-102'] },
    });
    expect(r).toMatchObject({ unchanged: 1, vanished: [] });
    expect(await repo.count('phase')).toBe(4);
  });

  it('reports duplicate keys instead of merging them silently', async () => {
    const dup = [phase('24-104', '013100', 'L', 1), phase('24-104', '013100', 'L', 2)];
    const r = await importer.import('phase', stream(dup), { scope: { parentKeys: ['24-104'] } });
    expect(r.duplicates).toEqual(['24-104|013100|L']);
    expect((await repo.get<Phase>('phase', '24-104|013100|L'))?.data.estimateCents).toBe(1);
  });
});
