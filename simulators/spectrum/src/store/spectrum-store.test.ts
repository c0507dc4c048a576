import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startSimulator } from '../simulator.js';
import { callPut, putRows } from '../test-support/soap-test-client.js';
import { SimulatedCrashError, SpectrumStore } from './spectrum-store.js';
import * as T from './table-defs.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'spectrum-sim-'));
  dirs.push(d);
  return d;
};

describe('SpectrumStore', () => {
  it('keeps data across a restart when given a data directory, without reloading the scenario', async () => {
    const dataDir = tempDir();
    const first = await startSimulator({ scenario: 'demo', dataDir });
    const reply = await callPut(first.url, 'AddCustomer', {
      Company_Code: 'ABC',
      Customer_Code: 'KEEPME',
      Name: 'Persistent Owner',
      Terms_Code: 'A',
      Sales_Tax_Code: 'IL',
    });
    expect(putRows(reply.body)).toEqual([]);
    await first.close();
    const second = await startSimulator({ scenario: 'demo', dataDir });
    try {
      expect(second.store.get(T.customers, { Company_Code: 'ABC', Customer_Code: 'KEEPME' })?.Name).toBe(
        'Persistent Owner',
      );
    } finally {
      await second.close();
    }
    const third = await startSimulator({ scenario: 'demo', dataDir, reset: true });
    try {
      expect(third.store.get(T.customers, { Company_Code: 'ABC', Customer_Code: 'KEEPME' })).toBeUndefined();
    } finally {
      await third.close();
    }
  });

  it('rolls back every statement of a write that crashes midway, also on disk', () => {
    const dataDir = tempDir();
    const store = new SpectrumStore({ dataDir });
    store.crashAfterWrites = 2;
    expect(() =>
      store.write(() => {
        store.insert(T.vendors, { Company_Code: 'ABC', Vendor_Code: 'A1' });
        store.insert(T.vendors, { Company_Code: 'ABC', Vendor_Code: 'A2' });
        store.insert(T.vendors, { Company_Code: 'ABC', Vendor_Code: 'A3' });
      }),
    ).toThrow(SimulatedCrashError);
    expect(store.count(T.vendors)).toBe(0);
    const generation = store.generation;
    store.close();
    const reopened = new SpectrumStore({ dataDir });
    expect(reopened.count(T.vendors)).toBe(0);
    reopened.write(() => reopened.insert(T.vendors, { Company_Code: 'ABC', Vendor_Code: 'A1' }));
    expect(reopened.count(T.vendors)).toBe(1);
    expect(generation).toBe(0);
    reopened.close();
  });

  it('bumps the generation on every committed write only', () => {
    const store = new SpectrumStore();
    expect(store.generation).toBe(0);
    store.write(() => store.insert(T.companies, { Company_Code: 'ABC' }));
    expect(store.generation).toBe(1);
    expect(() =>
      store.write(() => {
        throw new Error('no');
      }),
    ).toThrow();
    expect(store.generation).toBe(1);
    store.close();
  });

  it('pages in key order after a cursor', () => {
    const store = new SpectrumStore();
    store.write(() => {
      for (const code of ['B', 'A', 'D', 'C'])
        store.insert(T.vendors, { Company_Code: 'ABC', Vendor_Code: code });
    });
    const p1 = store.page(T.vendors, { Company_Code: 'ABC' }, 2);
    expect(p1.map((r) => r.Vendor_Code)).toEqual(['A', 'B']);
    expect(store.page(T.vendors, { Company_Code: 'ABC' }, 2, ['ABC', 'B']).map((r) => r.Vendor_Code)).toEqual(
      ['C', 'D'],
    );
    store.close();
  });
});
