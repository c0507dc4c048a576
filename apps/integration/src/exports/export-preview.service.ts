import { compareWrite, type ExportableType, type Reason, type SpectrumWriteService } from '@bridge/rules';
import { Inject, Injectable } from '@nestjs/common';
import { notFound, ProblemError } from '../platform/http/problem.js';
import { describeError } from '../spectrum/spectrum-errors.js';
import { ExportItemsService } from './export-items.service.js';
import { ExportPlansService } from './export-plans.service.js';
import { KEY_KINDS, type KeyInput, type Plan } from './exporter.js';
import { readBack } from './readback/spectrum-readback.js';

/**
 * VER-1, VER-2: the exact Spectrum writes an export of an item would make, planned by the same code the accept runs
 * (the type's `Exporter`, the key rules, the payload checks), each compared with what Spectrum holds now. Reads only:
 * no Spectrum Put, no database write.
 */
@Injectable()
export class ExportPreviewService {
  constructor(
    @Inject(ExportPlansService) private readonly plans: ExportPlansService,
    @Inject(ExportItemsService) private readonly items: ExportItemsService,
  ) {}

  async preview(input: { type: ExportableType; id: string } & KeyInput) {
    const { type, id } = input;
    const facts = await this.plans.facts.get();
    const { request, carriedKey } = await this.plans.openRequestOf(type, id);
    const client = await this.plans.client();
    const typed = input.spectrumId ?? input.changeRequestId;
    const item = { type, itemId: id };
    // the plan's reads and the pre-flight's go side by side, as at accept
    const [prepared, preflight] = await Promise.all([
      this.plans.prepareRequest(item, client, typed, facts),
      this.plans.preflight(item, client, facts),
    ]);
    if (preflight.some((r) => r.code === 'item-not-found')) throw notFound(this.items.label(type), id);
    const reserved = await this.plans.reservedKeys(prepared, request?.id ?? '');
    const withPreflight = { ...prepared, blockers: [...prepared.blockers, ...preflight] };
    const decision = this.plans.decide(withPreflight, type, input, reserved, carriedKey);
    const field = KEY_KINDS[prepared.kind].input;
    const value = decision.ok ? decision.value : (typed ?? decision.prefill);
    // the writes are shown whenever a key is known and the item itself can be planned, even if the accept would
    // refuse (the reasons say why)
    let plan: Plan | null = decision.ok ? decision.plan : null;
    if (!plan && value && prepared.blockers.length === 0) plan = prepared.build(value);
    const steps = plan?.steps ?? [];
    const current = steps.length > 0 ? await readBack(client, steps).catch(unreadable) : [];
    const writes = steps.map((s, seq) => ({
      seq,
      name: s.name,
      service: s.service,
      ...compareWrite(s.service as SpectrumWriteService, s.input, current[seq] ?? null),
    }));
    const count = (state: string) => writes.filter((w) => w.record === state).length;
    const blockedBy: Reason[] = decision.ok ? [] : decision.reasons;
    return {
      type,
      itemId: id,
      requestId: request?.id ?? null,
      key: {
        kind: prepared.kind,
        field,
        value: prepared.kind === 'none' ? null : (value ?? null),
        rule: prepared.kind === 'none' || !value ? null : this.plans.prefillRule(prepared, value, carriedKey),
      },
      spectrumKey: plan?.spectrumKey ?? null,
      keyFields: plan?.keyFields ?? null,
      acceptable: decision.ok,
      blockedBy,
      writes,
      counts: {
        writes: writes.length,
        new: count('new'),
        changed: count('changed'),
        unchanged: count('unchanged'),
      },
    };
  }
}

/** Spectrum could not be read back: a 502 in plain words (nothing was written). */
function unreadable(e: unknown): never {
  const message = `Spectrum could not be read to compare the writes with what it holds: ${describeError(e)}`;
  throw new ProblemError(502, 'spectrum-unavailable', message, [
    { rule: 'VER-1', code: 'spectrum-unavailable', message },
  ]);
}
