import { type ExportableType, hashRow, type RowValue } from '@bridge/rules';
import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { AuditService } from '../audit/audit.service.js';
import { LinksRepository } from '../links/links.repository.js';
import { CLOCK, type Clock } from '../platform/tokens.js';
import { EXPORT_TX, TransactionHost, type TxHost } from '../platform/transactions.js';
import { ExportItemsService } from './export-items.service.js';
import { type ClaimedRequest, ExportLeasesRepository, type StepDone } from './export-leases.repository.js';
import { ExportMetrics, type ExportRunOutcome } from './export-metrics.js';
import { ExportProgress } from './export-progress.js';
import { ExporterRegistry } from './exporter.registry.js';
import { ExportsRepository } from './exports.repository.js';
import { EXPORT_NOTIFIER, type ExportNotifier } from './notifier.js';
import { writtenStatement } from './written-statement.js';

type End =
  | { state: 'synced'; unrecorded: readonly StepDone[] }
  | { state: 'failed'; message: string; kind: string };

/**
 * How a request this worker holds ends, synced or failed, in one transaction with the item locked: the request (only
 * while the lease holds), the item's link, the item's own side (`Exporter.synced`) and the audit event; then the
 * metrics, the live progress and the notifier.
 */
@Injectable()
export class ExportFinisher {
  constructor(
    @Inject(TransactionHost) private readonly txHost: TxHost,
    @Inject(ExportsRepository) private readonly repo: ExportsRepository,
    @Inject(ExportLeasesRepository) private readonly leases: ExportLeasesRepository,
    @Inject(ExportItemsService) private readonly items: ExportItemsService,
    @Inject(ExporterRegistry) private readonly exporters: ExporterRegistry,
    @Inject(LinksRepository) private readonly links: LinksRepository,
    @Inject(AuditService) private readonly audit: AuditService,
    @Inject(ExportProgress) private readonly progress: ExportProgress,
    @Inject(ExportMetrics) private readonly metrics: ExportMetrics,
    @Inject(EXPORT_NOTIFIER) private readonly notifier: ExportNotifier,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** True when this worker finished the request (false: the lease was lost, another instance finishes it). */
  synced(
    request: ClaimedRequest,
    holder: string,
    unrecorded: readonly StepDone[],
    log: Logger,
  ): Promise<boolean> {
    return this.finish(request, holder, { state: 'synced', unrecorded }, log);
  }

  /** The request fails with `cause` and what was written before (PRE-2); 'abandoned' when the lease was lost. */
  async failed(
    holder: string,
    request: ClaimedRequest,
    cause: string,
    kind: string,
    log: Logger,
  ): Promise<ExportRunOutcome> {
    const message = `${cause}${writtenStatement(await this.repo.steps(request.id))}`;
    return (await this.finish(request, holder, { state: 'failed', message, kind }, log))
      ? 'failed'
      : 'abandoned';
  }

  private async finish(request: ClaimedRequest, holder: string, end: End, log: Logger): Promise<boolean> {
    const type = request.type as ExportableType;
    const p = request.payload as { item?: RowValue; linkType?: ExportableType };
    const linkType = p.linkType ?? type;
    const now = this.clock.now();
    const key = request.spectrumKey ?? '';
    const done = await this.txHost.withTransaction(EXPORT_TX, async () => {
      await this.items.lock(type, request.itemId);
      if (end.state === 'synced') {
        // the request ends synced, the last steps are recorded and a row the import staged for the same Spectrum
        // key (no PM item yet) is removed: this item's link replaces it
        const staged = { type: linkType, spectrumKey: key };
        if (!(await this.leases.finishSynced(request.id, holder, end.unrecorded, staged, now))) return false;
        const item = JSON.parse(JSON.stringify(p.item ?? {})) as Record<string, RowValue>;
        await this.links.upsertForItem(linkType, request.itemId, {
          state: 'synced',
          spectrumKey: key,
          lastError: null,
          lastSyncedAt: now,
          lastSyncedHash: hashRow(item as RowValue),
          lastSyncedValues: item,
        });
        await this.exporters.of(type).synced?.(request.itemId);
      } else {
        const changes = {
          state: 'failed',
          finishedAt: now,
          lastError: end.message,
          lastErrorKind: end.kind,
        } as const;
        if (!(await this.leases.finishHeld(request.id, holder, changes))) return false;
        await this.links.upsertForItem(linkType, request.itemId, { state: 'failed', lastError: end.message });
      }
      await this.audit.record({
        actorId: null,
        action: `export.${end.state}`,
        itemType: type,
        itemId: request.itemId,
        before: { state: 'exporting' },
        after:
          end.state === 'synced'
            ? { state: 'synced', spectrumKey: key }
            : { state: 'failed', lastError: end.message },
      });
      return true;
    });
    if (!done) return false;
    const error = end.state === 'failed' ? end.message : null;
    this.metrics.exportEnded(type, end.state, request.decidedAt, now);
    this.progress.emit({ requestId: request.id, kind: 'state', state: end.state });
    if (end.state === 'synced') log.info({ spectrumKey: key }, 'export synced');
    else log.warn({ error, kind: end.kind }, 'export failed');
    await this.notifier.finished({
      requestId: request.id,
      type,
      itemId: request.itemId,
      state: end.state,
      spectrumKey: end.state === 'synced' ? key : request.spectrumKey,
      error,
    });
    return true;
  }
}
