import { Inject, Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import type { Logger } from 'pino';
import type { Env } from '../config/env.js';
import { ENV, LOGGER } from '../platform/tokens.js';
import { ExportWorker } from './export-worker.service.js';

/**
 * How often an idle worker instance looks for due exports (retries, other instances' accepts, leases of dead
 * instances that expired); never less often than once per lease.
 */
export const EXPORT_POLL_MS = 5_000;

/** Wires the export worker to a timer on instances with `WORKER_ENABLED`. */
@Injectable()
export class ExportScheduler implements OnApplicationBootstrap, OnModuleDestroy {
  private timer: NodeJS.Timeout | null = null;

  constructor(
    @Inject(ExportWorker) private readonly worker: ExportWorker,
    @Inject(ENV) private readonly env: Env,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.env.WORKER_ENABLED) return;
    this.timer = setInterval(
      () => {
        this.worker.drain().catch((e) => this.logger.error({ err: e }, 'export worker tick failed'));
      },
      Math.min(EXPORT_POLL_MS, this.worker.leaseMs),
    );
    this.timer.unref?.();
    this.worker.kick();
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}
