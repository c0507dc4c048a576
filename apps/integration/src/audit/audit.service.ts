import { Inject, Injectable } from '@nestjs/common';
import { currentCorrelationId } from '../platform/logging/correlation.js';
import { CLOCK, type Clock } from '../platform/tokens.js';
import { type AuditEntry, type AuditFilter, AuditRepository } from './audit.repository.js';

/** Who did what, when, with the values before and after (settings, permissions, every export decision). */
@Injectable()
export class AuditService {
  constructor(
    @Inject(AuditRepository) private readonly repo: AuditRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Records an event with the correlation id of the code running now (OPS-4), unless the entry names one. */
  record(entry: AuditEntry): Promise<void> {
    return this.repo.insert(
      { ...entry, correlationId: entry.correlationId ?? currentCorrelationId() ?? null },
      this.clock.now(),
    );
  }

  list(filter: AuditFilter, afterId: string | undefined, take: number) {
    return this.repo.list(filter, afterId, take);
  }
}
