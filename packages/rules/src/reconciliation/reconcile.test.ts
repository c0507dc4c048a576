import { describe, expect, it } from 'vitest';
import { addTo, type Fields, reconcileRows, sectionTotals } from './reconcile.js';

const map = (entries: [string, Fields][]) => new Map(entries);

describe('reconciliation of PM records with Spectrum (REC-1)', () => {
  it('REC-1: every key of either side gets a status; differences name the compared fields with both values', () => {
    const rows = reconcileRows(
      map([
        ['A', { amountCents: 100, note: 'x' }],
        ['B', { amountCents: 200, note: 'x' }],
        ['C', { amountCents: 300 }],
      ]),
      map([
        ['A', { amountCents: 100, note: 'y' }],
        ['B', { amountCents: 250 }],
        ['D', { amountCents: 400 }],
      ]),
      ['amountCents'],
    );
    expect(rows.map((r) => [r.key, r.status])).toEqual([
      ['A', 'matched'],
      ['B', 'different'],
      ['C', 'only_pm'],
      ['D', 'only_spectrum'],
    ]);
    // only compared fields decide: `note` differs on A and is shown, not compared
    expect(rows[0]?.differences).toEqual([]);
    expect(rows[1]?.differences).toEqual([{ field: 'amountCents', pm: 200, spectrum: 250 }]);
    expect(rows[2]).toMatchObject({ pm: { amountCents: 300 }, spectrum: null, differences: [] });
  });

  it('REC-1: a field missing on one side equals null there', () => {
    const [row] = reconcileRows(map([['K', { status: 'A' }]]), map([['K', {}]]), ['status']);
    expect(row?.differences).toEqual([{ field: 'status', pm: 'A', spectrum: null }]);
  });

  it('REC-2: totals per section sum each side and count the statuses', () => {
    const rows = reconcileRows(
      map([
        ['A', { amountCents: 100 }],
        ['B', { amountCents: 200 }],
      ]),
      map([
        ['A', { amountCents: 100 }],
        ['C', { amountCents: 50 }],
      ]),
      ['amountCents'],
    );
    expect(sectionTotals(rows, 'amountCents')).toEqual({
      pmCents: 300,
      spectrumCents: 150,
      differenceCents: 150,
      counts: { matched: 1, different: 0, only_pm: 1, only_spectrum: 1 },
    });
    const sums = new Map<string, number>();
    addTo(sums, 'A', 5);
    addTo(sums, 'A', 7);
    expect(sums.get('A')).toBe(12);
  });
});
