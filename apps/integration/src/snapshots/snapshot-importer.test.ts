import { hashRow } from '@bridge/rules';
import { describe, expect, it } from 'vitest';
import { snapshotHash } from './snapshot-importer.js';

describe('snapshotHash', () => {
  it('is the hex SHA-256 of the canonical row, equal to hashRow (stored hashes stay comparable)', () => {
    const rows = [
      { jobNumber: ' 24-101 ', phaseCode: '013100', costType: 'L', jtdActualCents: 12_345, note: null },
      { vendorCode: 'ACME', vendorName: 'Acme Supply – Ünïcode', type: 'S', zipCode: undefined, n: [1, 2.5] },
      {},
    ];
    for (const r of rows) {
      expect(snapshotHash(r)).toBe(hashRow(r));
      expect(snapshotHash(r)).toMatch(/^[0-9a-f]{64}$/);
    }
    expect(snapshotHash({ a: 1, b: 'x' })).toBe(snapshotHash({ b: 'x ', a: 1 }));
    expect(snapshotHash({ a: 1 })).not.toBe(snapshotHash({ a: 2 }));
  });
});
