import { reason, type SyncGroup } from '@bridge/rules';
import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { conflict, ProblemError, unprocessable } from '../platform/http/problem.js';
import { CLOCK, type Clock, LOGGER, SPECTRUM_CLIENT_FACTORY } from '../platform/tokens.js';
import { inOwnContext, TransactionHost, type TxHost } from '../platform/transactions.js';
import { SyncPreviewRecorder, syncPreview } from '../snapshots/sync-preview.js';
import type { BridgeSpectrumClient, SpectrumClientFactory } from '../spectrum/spectrum-client.factory.js';
import { ConnectionNotConfiguredError, describeError } from '../spectrum/spectrum-errors.js';
import { SyncRepository } from './sync.repository.js';
import type { SyncJobContext } from './sync-job.js';
import { SyncJobRegistry } from './sync-job.registry.js';

/** The whole preview may take this long (it reads Spectrum as a sync does). */
const PREVIEW_TX = { timeout: 10 * 60_000, maxWait: 30_000 };

/** Thrown at the end of a preview to roll back everything its jobs wrote. */
class PreviewDone extends Error {}

/**
 * VER-6 `previewSync`: what a sync of the group would change, found by running the group's own jobs (the same code
 * as a run) inside one transaction that is then rolled back: counts of created, updated, unchanged and vanished rows
 * per kind of Spectrum record, and the first changed rows with their fields. Nothing stays written; no run is
 * recorded. While it runs, the rows it touched are locked (a sync of the same group waits), so a preview is refused
 * while a run of the group is going on.
 */
@Injectable()
export class SyncPreviewService {
  constructor(
    @Inject(SyncJobRegistry) private readonly jobs: SyncJobRegistry,
    @Inject(SyncRepository) private readonly runs: SyncRepository,
    @Inject(TransactionHost) private readonly txHost: TxHost,
    @Inject(SPECTRUM_CLIENT_FACTORY) private readonly clients: SpectrumClientFactory,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async preview(group: SyncGroup, limit: number) {
    const [running] = await this.runs.listRuns({ group, status: 'running' }, undefined, 1);
    if (running)
      throw conflict(
        'sync-running',
        `A sync of ${group.replace('_', ' ')} is running (started ${running.startedAt.toISOString()}); preview after it ends.`,
      );
    const client = await this.client();
    const recorder = new SyncPreviewRecorder(limit);
    let failed = 0;
    const logger = this.logger.child({ preview: group });
    const ctx: SyncJobContext = {
      runId: 'preview',
      group,
      trigger: 'on_demand',
      client,
      logger,
      signal: new AbortController().signal,
      now: () => this.clock.now(),
      count: () => undefined,
      countAll: () => undefined,
      fail: () => {
        failed++;
      },
    };
    try {
      await inOwnContext(() =>
        this.txHost.withTransaction(PREVIEW_TX, () =>
          syncPreview.run(recorder, async () => {
            for (const job of this.jobs.forGroup(group)) await job.run(ctx);
            throw new PreviewDone();
          }),
        ),
      );
    } catch (e) {
      if (!(e instanceof PreviewDone)) {
        if (e instanceof ProblemError) throw e;
        const message = `Spectrum could not be read for the preview: ${describeError(e)}`;
        throw new ProblemError(502, 'spectrum-unavailable', message, [
          { rule: 'VER-6', code: 'spectrum-unavailable', message },
        ]);
      }
    }
    const kinds = [...recorder.kinds.values()];
    const sum = (k: 'read' | 'created' | 'updated' | 'unchanged' | 'vanished') =>
      kinds.reduce((s, x) => s + x[k], 0);
    return {
      group,
      previewedAt: this.clock.now().toISOString(),
      totals: {
        read: sum('read'),
        created: sum('created'),
        updated: sum('updated'),
        unchanged: sum('unchanged'),
        vanished: sum('vanished'),
        failed,
      },
      kinds,
      changes: recorder.changes,
      truncated: recorder.truncated,
    };
  }

  private async client(): Promise<BridgeSpectrumClient> {
    try {
      return await this.clients.create();
    } catch (e) {
      if (e instanceof ConnectionNotConfiguredError)
        throw unprocessable('The sync cannot be previewed.', [
          reason('connection-not-configured', 'GEN-2', e.message),
        ]);
      throw e;
    }
  }
}
