import 'reflect-metadata';
import { Injectable, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import { describe, expect, it } from 'vitest';
import { provideSyncJobs, type SyncJob } from './sync-job.js';
import { SyncJobRegistry } from './sync-job.registry.js';

@Injectable()
class StandardCostCodes implements SyncJob {
  readonly group = 'cost_codes' as const;
  readonly order = 10;
  async run() {}
}
@Injectable()
class JobCosts implements SyncJob {
  readonly group = 'cost_codes' as const;
  readonly order = 30;
  async run() {}
}
@Injectable()
class ProjectCostCodes implements SyncJob {
  readonly group = 'cost_codes' as const;
  readonly order = 20;
  async run() {}
}
@Injectable()
class Vendors implements SyncJob {
  readonly group = 'vendors' as const;
  async run() {}
}

@Module({ providers: [...provideSyncJobs(StandardCostCodes, JobCosts)] })
class CostCodesFeature {}
@Module({ providers: [...provideSyncJobs(ProjectCostCodes, Vendors)] })
class OtherFeature {}

describe('SyncJobRegistry', () => {
  it('finds the SYNC_JOBS providers of every module and orders each group by `order`', async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [DiscoveryModule, CostCodesFeature, OtherFeature],
      providers: [SyncJobRegistry],
    }).compile();
    await moduleRef.init();
    const registry = moduleRef.get(SyncJobRegistry);
    expect(registry.forGroup('cost_codes').map((j) => j.constructor)).toEqual([
      StandardCostCodes,
      ProjectCostCodes,
      JobCosts,
    ]);
    expect(registry.forGroup('vendors').map((j) => j.constructor)).toEqual([Vendors]);
    expect(registry.forGroup('jobs')).toEqual([]);

    const extra: SyncJob = { group: 'jobs', run: async () => {} };
    const off = registry.register(extra);
    expect(registry.forGroup('jobs')).toEqual([extra]);
    off();
    const restore = registry.clear();
    expect(registry.forGroup('vendors')).toEqual([]);
    restore();
    expect(registry.forGroup('vendors')).toHaveLength(1);
    await moduleRef.close();
  });
});
