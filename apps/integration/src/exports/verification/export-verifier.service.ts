import { compareWrite, differences, type SpectrumWriteService } from '@bridge/rules';
import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { AuditService } from '../../audit/audit.service.js';
import { LinksRepository } from '../../links/links.repository.js';
import { CLOCK, type Clock, LOGGER, SPECTRUM_CLIENT_FACTORY } from '../../platform/tokens.js';
import type { BridgeSpectrumClient, SpectrumClientFactory } from '../../spectrum/spectrum-client.factory.js';
import { describeError } from '../../spectrum/spectrum-errors.js';
import { payloadOf } from '../export-views.js';
import { type ExportRequestRecord, ExportsRepository } from '../exports.repository.js';
import { readBack } from '../readback/spectrum-readback.js';
import type { DriftedWrite, Verification } from './verification-view.js';

/**
 * VER-4: reads a synced export's writes back from Spectrum (the Info-Link tables that hold them) and compares them
 * with what was sent, as Spectrum stores values (VER-3). The request records `verified`, `drift` with each differing
 * field, or `unverifiable` with the reason; a verification never undoes, repeats or fails an export. A new drift is an
 * audit event on the item.
 */
@Injectable()
export class ExportVerifier {
  constructor(
    @Inject(ExportsRepository) private readonly repo: ExportsRepository,
    @Inject(AuditService) private readonly audit: AuditService,
    @Inject(LinksRepository) private readonly links: LinksRepository,
    @Inject(SPECTRUM_CLIENT_FACTORY) private readonly clients: SpectrumClientFactory,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /** Verifies one synced request; null when it is not synced (nothing to compare). Never throws for Spectrum. */
  async verify(
    r: ExportRequestRecord,
    client?: BridgeSpectrumClient,
    actorId: string | null = null,
  ): Promise<Verification | null> {
    if (r.state !== 'synced') return null;
    const at = this.clock.now();
    let result: Verification;
    try {
      const steps = (await this.repo.steps(r.id)).filter((s) => s.status === 'done');
      const c = client ?? (await this.clients.create({ retry: { attempts: 2 } }));
      const current = await readBack(c, steps);
      const drift: DriftedWrite[] = [];
      steps.forEach((s, i) => {
        const compared = compareWrite(s.service as SpectrumWriteService, s.input, current[i] ?? null);
        if (compared.record === 'unchanged') return;
        drift.push({
          seq: s.seq,
          name: s.name,
          service: s.service,
          record: compared.record === 'new' ? 'missing' : 'changed',
          fields: (compared.record === 'new'
            ? compared.fields.filter((f) => f.state === 'new')
            : differences(compared)
          ).map((f) => ({ field: f.field, sent: f.value, spectrum: f.current })),
        });
      });
      result = {
        state: drift.length ? 'drift' : 'verified',
        checkedAt: at.toISOString(),
        drift,
        error: null,
      };
    } catch (e) {
      const error = `Spectrum could not be read back: ${describeError(e)}`;
      result = { state: 'unverifiable', checkedAt: at.toISOString(), drift: [], error };
    }
    await this.repo.recordVerification(r.id, {
      state: result.state,
      at,
      diff: result.state === 'verified' ? null : { drift: result.drift, error: result.error },
    });
    // the item's last error says so in every list (the item stays synced: nothing about the export changed)
    const linkType = payloadOf(r).linkType;
    if (result.state === 'drift') {
      const fields = result.drift.flatMap((w) =>
        w.record === 'missing' ? [w.name] : w.fields.map((f) => f.field),
      );
      await this.links.upsertForItem(linkType, r.itemId, {
        lastError: `Spectrum no longer holds what was exported (${[...new Set(fields)].join(', ')}); see the export request.`,
      });
    } else if (result.state === 'verified' && r.verificationState === 'drift') {
      await this.links.upsertForItem(linkType, r.itemId, { lastError: null });
    }
    if (result.state === 'drift' && r.verificationState !== 'drift') {
      await this.audit.record({
        actorId,
        action: 'export.drift',
        itemType: r.type,
        itemId: r.itemId,
        before: { verification: r.verificationState },
        after: { verification: 'drift', drift: result.drift },
      });
    }
    this.logger.info(
      { exportRequestId: r.id, verification: result.state, drifted: result.drift.length },
      'export verified against Spectrum',
    );
    return result;
  }
}
