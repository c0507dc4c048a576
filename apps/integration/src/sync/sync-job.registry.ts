import type { SyncGroup } from '@bridge/rules';
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { SYNC_JOBS, type SyncJob } from './sync-job.js';

const isJob = (v: unknown): v is SyncJob =>
  typeof v === 'object' && v !== null && typeof (v as SyncJob).run === 'function' && 'group' in v;

/** Every registered `SyncJob`, found through the `SYNC_JOBS` providers of all modules (and `register` in tests). */
@Injectable()
export class SyncJobRegistry implements OnModuleInit {
  private readonly jobs: { job: SyncJob; seq: number }[] = [];
  private seq = 0;

  constructor(@Inject(DiscoveryService) private readonly discovery: DiscoveryService) {}

  onModuleInit(): void {
    for (const wrapper of this.discovery.getProviders()) {
      if (wrapper.token !== SYNC_JOBS) continue;
      const value: unknown = wrapper.instance;
      for (const job of Array.isArray(value) ? value : [value]) {
        if (isJob(job)) this.register(job);
      }
    }
  }

  /** Adds a job (the `SYNC_JOBS` providers are registered automatically). Returns a function that removes it. */
  register(job: SyncJob): () => void {
    if (this.jobs.some((j) => j.job === job)) return () => this.unregister(job);
    this.jobs.push({ job, seq: this.seq++ });
    return () => this.unregister(job);
  }

  /** Removes every job (tests that bring their own); returns a function that puts them back. */
  clear(): () => void {
    const saved = this.jobs.splice(0, this.jobs.length);
    return () => {
      this.jobs.splice(0, this.jobs.length, ...saved);
    };
  }

  /** The jobs of a group in run order. */
  forGroup(group: SyncGroup): SyncJob[] {
    return this.jobs
      .filter((j) => j.job.group === group)
      .sort((a, b) => (a.job.order ?? 100) - (b.job.order ?? 100) || a.seq - b.seq)
      .map((j) => j.job);
  }

  private unregister(job: SyncJob): void {
    const i = this.jobs.findIndex((j) => j.job === job);
    if (i >= 0) this.jobs.splice(i, 1);
  }
}
