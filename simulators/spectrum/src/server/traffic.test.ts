import { describe, expect, it } from 'vitest';
import { TrafficMeter } from './traffic.js';

describe('traffic meter (OPS-14)', () => {
  it('OPS-14: counts the most requests in flight at once and the most arrivals within any one second', () => {
    let t = 0;
    const meter = new TrafficMeter(
      () => new Date('2026-03-02T15:00:00Z'),
      () => t,
    );
    // three at once, then two of them finish
    meter.start();
    meter.start();
    t = 10;
    meter.start();
    meter.end();
    meter.end();
    expect(meter.figures()).toMatchObject({ total: 3, inFlight: 1, maxConcurrent: 3, maxPerSecond: 3 });
    // arrivals at 10, 500, 999: four within [0, 1000) with the first three
    t = 500;
    meter.start();
    meter.end();
    t = 999;
    meter.start();
    meter.end();
    expect(meter.figures().maxPerSecond).toBe(5);
    // exactly one second after the arrivals at 0: those no longer count (the window is (t-1000, t])
    t = 1000;
    meter.start();
    meter.end();
    expect(meter.figures().maxPerSecond).toBe(5);
    t = 1400;
    meter.start();
    meter.end();
    // window (400, 1400]: 500, 999, 1000, 1400
    expect(meter.figures()).toMatchObject({ total: 7, inFlight: 1, maxConcurrent: 3, maxPerSecond: 5 });
    meter.reset();
    expect(meter.figures()).toMatchObject({ total: 0, inFlight: 1, maxConcurrent: 1, maxPerSecond: 0 });
    t = 5000;
    meter.start();
    expect(meter.figures()).toMatchObject({ total: 1, inFlight: 2, maxConcurrent: 2, maxPerSecond: 1 });
  });

  it('OPS-14: a long steady stream keeps the window bounded and the per-second figure exact', () => {
    let t = 0;
    const meter = new TrafficMeter(
      () => new Date(),
      () => t,
    );
    for (let i = 0; i < 10_000; i++) {
      t = i * 100; // ten a second, one at a time
      meter.start();
      meter.end();
    }
    expect(meter.figures()).toMatchObject({ total: 10_000, inFlight: 0, maxConcurrent: 1, maxPerSecond: 10 });
  });
});
