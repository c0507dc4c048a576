import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { RequirePermission } from '../auth/permission.guard.js';
import { decodeCursor, pageQuery, toPage } from '../platform/http/pagination.js';
import { CachedRead } from '../platform/http/read-cache.js';
import { ZodQuery, ZodResponse } from '../platform/http/zod.js';
import { REQUEST_ID_PATTERN } from '../platform/logging/correlation.js';
import { auditEventPageSchema } from './audit.schemas.js';
import { AuditService } from './audit.service.js';

const auditQuery = pageQuery.extend({
  actorId: z.string().max(64).optional(),
  action: z.string().max(100).optional(),
  itemType: z.string().max(64).optional(),
  itemId: z.string().max(64).optional(),
  from: z.iso.datetime().optional(),
  to: z.iso.datetime().optional(),
  correlationId: z
    .string()
    .regex(REQUEST_ID_PATTERN, 'must be 1-128 letters, digits or -_.:+/=@')
    .optional()
    .describe('OPS-4: the events of one request (its x-request-id) or one export run'),
});

@ApiTags('audit')
@Controller('audit-events')
export class AuditController {
  constructor(@Inject(AuditService) private readonly audit: AuditService) {}

  @Get()
  @CachedRead()
  @RequirePermission('settings.view')
  @ZodQuery(auditQuery)
  @ApiOperation({ operationId: 'listAuditEvents', summary: 'Audit log, newest first, with filters' })
  @ZodResponse(200, auditEventPageSchema)
  async list(@Query() q: z.infer<typeof auditQuery>) {
    const rows = await this.audit.list(
      {
        actorId: q.actorId,
        action: q.action,
        itemType: q.itemType,
        itemId: q.itemId,
        correlationId: q.correlationId,
        from: q.from ? new Date(q.from) : undefined,
        to: q.to ? new Date(q.to) : undefined,
      },
      decodeCursor(q.cursor),
      q.limit + 1,
    );
    return toPage(rows, q.limit, (r) => ({
      id: r.id,
      at: r.at.toISOString(),
      actorId: r.actorId,
      action: r.action,
      itemType: r.itemType,
      itemId: r.itemId,
      before: r.before,
      after: r.after,
      note: r.note,
      correlationId: r.correlationId,
    }));
  }
}
