import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createSnapshotDiffer, diffSnapshots } from './snapshot-diff.js';

const previous = [
  { key: 'ABC|25-101', hash: 'h1' },
  { key: 'ABC|25-102', hash: 'h2' },
  { key: 'ABC|25-103', hash: 'h3' },
];

describe('diffSnapshots', () => {
  it('SCH-5: sorts current rows into created, updated, unchanged (counted) and vanished keys', () => {
    const diff = diffSnapshots({
      previous,
      current: [
        { key: 'ABC|25-101', hash: 'h1', row: { n: 1 } },
        { key: 'ABC|25-102', hash: 'h2-changed', row: { n: 2 } },
        { key: 'ABC|25-104', hash: 'h4', row: { n: 4 } },
      ],
    });
    expect(diff.created).toEqual([{ key: 'ABC|25-104', hash: 'h4', row: { n: 4 } }]);
    expect(diff.updated).toEqual([
      { key: 'ABC|25-102', hash: 'h2-changed', row: { n: 2 }, previousHash: 'h2' },
    ]);
    expect(diff.unchanged).toBe(1);
    expect(diff.vanished).toEqual(['ABC|25-103']);
    expect(diff.duplicates).toEqual([]);
  });

  it('SCH-5: a run with no change in Spectrum has nothing to write', () => {
    const diff = diffSnapshots({ previous, current: previous });
    expect(diff).toEqual({ created: [], updated: [], unchanged: 3, vanished: [], duplicates: [] });
  });

  it('SCH-5: reports a duplicate key in the current snapshot instead of merging it', () => {
    const diff = diffSnapshots({
      previous: new Map([['k', 'a']]),
      current: [
        { key: 'k', hash: 'a' },
        { key: 'k', hash: 'b', row: 'second' },
        { key: 'n', hash: 'c' },
        { key: 'n', hash: 'c' },
      ],
    });
    expect(diff.unchanged).toBe(1);
    expect(diff.created.map((e) => e.key)).toEqual(['n']);
    expect(diff.duplicates).toEqual([
      { key: 'k', hash: 'b', row: 'second' },
      { key: 'n', hash: 'c' },
    ]);
  });

  it('refuses a previous snapshot that repeats a key (stored hashes are unique per key)', () => {
    expect(() =>
      diffSnapshots({
        previous: [
          { key: 'a', hash: '1' },
          { key: 'a', hash: '2' },
        ],
        current: [],
      }),
    ).toThrow(/twice/);
  });

  it('accepts any iterable, so rows can be generated lazily', () => {
    function* rows() {
      for (let i = 0; i < 1000; i++) yield { key: `k${i}`, hash: i % 10 === 0 ? 'new' : 'same' };
    }
    const prev = new Map(Array.from({ length: 1000 }, (_, i) => [`k${i}`, 'same'] as const));
    const diff = diffSnapshots({ previous: prev, current: rows() });
    expect(diff.updated).toHaveLength(100);
    expect(diff.unchanged).toBe(900);
  });
});

describe('createSnapshotDiffer', () => {
  it('SCH-5: classifies rows one by one and lists vanished keys at the end', () => {
    const differ = createSnapshotDiffer<{ id: number }>(
      new Map([
        ['a', '1'],
        ['b', '2'],
        ['c', '3'],
      ]),
    );
    expect(differ.see('a', '1')).toBe('unchanged');
    expect(differ.see('b', 'x')).toBe('updated');
    expect(differ.see('d', '4', { id: 4 })).toBe('created');
    expect(differ.see('d', '4', { id: 5 })).toBe('duplicate');
    expect(differ.vanished()).toEqual(['c']);
    expect(differ.duplicates()).toEqual([{ key: 'd', hash: '4', row: { id: 5 } }]);
    expect(differ.counts()).toEqual({ created: 1, updated: 1, unchanged: 1, duplicates: 1 });
  });
});

const snapshot = fc.uniqueArray(
  fc.record({ key: fc.string({ maxLength: 6 }), hash: fc.constantFrom('a', 'b', 'c') }),
  {
    selector: (e) => e.key,
    maxLength: 40,
  },
);

describe('snapshot diff properties', () => {
  it('SCH-5: the diff of a snapshot with itself is all unchanged', () => {
    fc.assert(
      fc.property(snapshot, (snap) => {
        const diff = diffSnapshots({ previous: snap, current: snap });
        expect(diff.created).toEqual([]);
        expect(diff.updated).toEqual([]);
        expect(diff.vanished).toEqual([]);
        expect(diff.unchanged).toBe(snap.length);
      }),
    );
  });

  it('SCH-5: created + updated + unchanged = |current| and vanished = previous keys not in current', () => {
    fc.assert(
      fc.property(snapshot, snapshot, (prev, cur) => {
        const diff = diffSnapshots({ previous: prev, current: cur });
        expect(diff.created.length + diff.updated.length + diff.unchanged).toBe(cur.length);
        const currentKeys = new Set(cur.map((e) => e.key));
        expect(diff.vanished).toEqual(prev.filter((e) => !currentKeys.has(e.key)).map((e) => e.key));
        const prevMap = new Map(prev.map((e) => [e.key, e.hash]));
        for (const e of diff.created) expect(prevMap.has(e.key)).toBe(false);
        for (const e of diff.updated) expect(prevMap.get(e.key)).toBe(e.previousHash);
      }),
    );
  });
});
