import { EXPORTABLE_TYPES, ITEM_TYPES } from '@bridge/rules';
import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { z } from 'zod';
import type { AuthUser } from '../auth/auth-user.js';
import { CurrentUser } from '../auth/authorization.js';
import { RequirePermission } from '../auth/permission.guard.js';
import { decodeCursor, pageQuery } from '../platform/http/pagination.js';
import { CachedRead, doNotKeepAnswer } from '../platform/http/read-cache.js';
import { streamSse } from '../platform/http/sse.js';
import { ApiProblems, ZodBody, ZodQuery, ZodResponse } from '../platform/http/zod.js';
import type { ServiceLifecycle } from '../platform/runtime/lifecycle.js';
import { LIFECYCLE } from '../platform/tokens.js';
import { MAX_BULK_IDS } from './bulk-decisions.js';
import { ExportAcceptService } from './export-accept.service.js';
import { ExportPreviewService } from './export-preview.service.js';
import { ExportQueriesService } from './export-queries.service.js';
import { ExportStreamService } from './export-stream.service.js';
import {
  bulkDecisionSchema,
  exportEventStreamSchema,
  exportPreviewSchema,
  exportRequestDetailSchema,
  exportRequestPageSchema,
  exportRequestSchema,
  unlinkResultSchema,
  verificationSchema,
} from './exports.schemas.js';
import { ExportsService } from './exports.service.js';

const REQUEST_STATES = ['ready_to_export', 'exporting', 'synced', 'rejected', 'failed', 'retrieved'] as const;

const itemBody = z.object({ type: z.enum(EXPORTABLE_TYPES), id: z.string().trim().min(1).max(100) }).strict();

const listQuery = pageQuery
  .extend({ type: z.enum(ITEM_TYPES).optional(), state: z.enum(REQUEST_STATES).optional() })
  .strict();

const acceptBody = z
  .object({
    note: z.string().trim().max(2000).optional(),
    spectrumId: z.string().trim().min(1).max(30).optional(),
    changeRequestId: z.string().trim().min(1).max(30).optional(),
  })
  .strict();

const previewBody = itemBody
  .extend({
    spectrumId: z.string().trim().min(1).max(30).optional().describe('The key the approver would type'),
    changeRequestId: z.string().trim().min(1).max(30).optional(),
  })
  .strict();

const rejectBody = z.object({ reason: z.string().trim().min(1).max(2000) }).strict();

/** API-6: the requests a bulk decision names; more than MAX_BULK_IDS is a 400 naming the rule (checked by the service). */
const bulkIds = z
  .array(z.string().trim().min(1).max(100))
  .min(1)
  .meta({ maxItems: MAX_BULK_IDS })
  .describe(`The export requests to decide, each once, at most ${MAX_BULK_IDS} (API-6)`);

const bulkAcceptBody = z.object({ ids: bulkIds, note: z.string().trim().max(2000).optional() }).strict();

const bulkRejectBody = z.object({ ids: bulkIds, reason: z.string().trim().min(1).max(2000) }).strict();

/** The approval queue (APP-1 … APP-6): PM users send, accounting approvers accept or reject. */
@ApiTags('exports')
@Controller()
export class ExportsController {
  constructor(
    @Inject(ExportsService) private readonly exports: ExportsService,
    @Inject(ExportAcceptService) private readonly accepts: ExportAcceptService,
    @Inject(ExportQueriesService) private readonly queries: ExportQueriesService,
    @Inject(ExportPreviewService) private readonly previews: ExportPreviewService,
    @Inject(ExportStreamService) private readonly stream: ExportStreamService,
    @Inject(LIFECYCLE) private readonly lifecycle: ServiceLifecycle,
  ) {}

  @Post('exports/send')
  @HttpCode(201)
  @RequirePermission('send')
  @ZodBody(itemBody)
  @ApiOperation({
    operationId: 'sendToErp',
    summary: 'Send an item to the ERP: it waits as Ready to Export (APP-1)',
  })
  @ZodResponse(201, exportRequestSchema, 'Sent: Ready to Export')
  @ApiProblems(404, 409, 422)
  send(@CurrentUser() actor: AuthUser, @Body() body: z.infer<typeof itemBody>) {
    return this.exports.send(actor, body);
  }

  @Post('exports/preview')
  @HttpCode(200)
  @RequirePermission('view')
  @ZodBody(previewBody)
  @ApiOperation({
    operationId: 'previewExport',
    summary:
      'The exact Spectrum writes an export of the item would make, each against what Spectrum holds now, and every reason it would be refused; writes nothing (VER-1, VER-2)',
  })
  @ZodResponse(200, exportPreviewSchema)
  @ApiProblems(404, 422, 502)
  preview(@Body() body: z.infer<typeof previewBody>) {
    return this.previews.preview(body);
  }

  @Get('export-requests')
  @CachedRead()
  @RequirePermission('view')
  @ZodQuery(listQuery)
  @ApiOperation({
    operationId: 'listExportRequests',
    summary: 'Export requests, filtered by type and state (APP-6)',
  })
  @ZodResponse(200, exportRequestPageSchema)
  list(@CurrentUser() actor: AuthUser, @Query() q: z.infer<typeof listQuery>) {
    return this.queries.list(actor, { type: q.type, state: q.state }, decodeCursor(q.cursor), q.limit);
  }

  @Get('export-requests/:id')
  @CachedRead()
  @RequirePermission('view')
  @ApiOperation({
    operationId: 'getExportRequest',
    summary: 'An export request with its steps, Spectrum calls, errors and the pre-filled Spectrum key',
  })
  @ZodResponse(200, exportRequestDetailSchema)
  @ApiProblems(404)
  async get(@CurrentUser() actor: AuthUser, @Param('id') id: string, @Req() req: Request) {
    const view = await this.queries.get(actor, id);
    // waiting for approval: the pre-filled key was read from Spectrum now, so this answer is not kept (API-9)
    if (view.prefill !== null) doNotKeepAnswer(req);
    return view;
  }

  @Get('export-requests/:id/events')
  @RequirePermission('view')
  @ApiOperation({
    operationId: 'streamExportRequest',
    summary:
      'Live progress as server-sent events: `request` (the request with its steps, whenever it changes) and `step` (each Spectrum call as it is answered)',
  })
  @ZodResponse(200, null, 'The live view', { 'text/event-stream': exportEventStreamSchema })
  @ApiProblems(404)
  async events(@Param('id') id: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    await this.queries.progressView(id); // an unknown id is a 404 problem before the stream starts
    // OPS-1: a stopping instance ends the stream cleanly; the browser's EventSource reconnects to a ready instance
    streamSse(req, res, this.stream.watch(id), this.lifecycle);
  }

  @Post('export-requests/accept')
  @HttpCode(200)
  @RequirePermission('accept')
  @ZodBody(bulkAcceptBody)
  @ApiOperation({
    operationId: 'acceptExportRequests',
    summary:
      'Accept many waiting requests in one call, each with its own outcome; the pre-filled keys are used (API-6, API-7, APP-2, PRE-1)',
  })
  @ZodResponse(200, bulkDecisionSchema, 'One outcome per request, in the order given')
  acceptMany(@CurrentUser() actor: AuthUser, @Body() body: z.infer<typeof bulkAcceptBody>) {
    return this.accepts.acceptMany(actor, body.ids, { note: body.note });
  }

  @Post('export-requests/reject')
  @HttpCode(200)
  @RequirePermission('reject')
  @ZodBody(bulkRejectBody)
  @ApiOperation({
    operationId: 'rejectExportRequests',
    summary:
      'Reject many requests with one reason in one call, each with its own outcome (API-6, API-7, COM-3)',
  })
  @ZodResponse(200, bulkDecisionSchema, 'One outcome per request, in the order given')
  rejectMany(@CurrentUser() actor: AuthUser, @Body() body: z.infer<typeof bulkRejectBody>) {
    return this.exports.rejectMany(actor, body.ids, { reason: body.reason });
  }

  @Post('export-requests/:id/accept')
  @HttpCode(200)
  @RequirePermission('accept')
  @ZodBody(acceptBody)
  @ApiOperation({
    operationId: 'acceptExportRequest',
    summary: 'Accept: fixes the Spectrum key and queues the export (APP-2, COM-2, CCO-2, PCCO-2)',
  })
  @ZodResponse(200, exportRequestSchema, 'Accepted: the export is queued')
  @ApiProblems(404, 409, 422)
  accept(@CurrentUser() actor: AuthUser, @Param('id') id: string, @Body() body: z.infer<typeof acceptBody>) {
    return this.accepts.accept(actor, id, body);
  }

  @Post('export-requests/:id/reject')
  @HttpCode(200)
  @RequirePermission('reject')
  @ZodBody(rejectBody)
  @ApiOperation({
    operationId: 'rejectExportRequest',
    summary: 'Reject with a reason: the item is editable again (COM-3)',
  })
  @ZodResponse(200, exportRequestSchema, 'Rejected')
  @ApiProblems(404, 409, 422)
  reject(@CurrentUser() actor: AuthUser, @Param('id') id: string, @Body() body: z.infer<typeof rejectBody>) {
    return this.exports.reject(actor, id, body);
  }

  @Post('export-requests/:id/verify')
  @HttpCode(200)
  @RequirePermission('view')
  @ApiOperation({
    operationId: 'verifyExportRequest',
    summary:
      "Read a synced export's writes back from Spectrum now and compare them with what was sent: verified, or drift field by field (VER-4)",
  })
  @ZodResponse(200, verificationSchema)
  @ApiProblems(404, 409)
  verify(@CurrentUser() actor: AuthUser, @Param('id') id: string) {
    return this.queries.verify(actor, id);
  }

  @Post('export-requests/:id/retry')
  @HttpCode(200)
  @RequirePermission('retry')
  @ApiOperation({ operationId: 'retryExportRequest', summary: 'Retry a failed export (APP-4)' })
  @ZodResponse(200, exportRequestSchema, 'Queued again')
  @ApiProblems(404, 409, 422)
  retry(@CurrentUser() actor: AuthUser, @Param('id') id: string) {
    return this.exports.retry(actor, id);
  }

  @Post('export-requests/:id/retrieve')
  @HttpCode(200)
  @RequirePermission('retrieve')
  @ApiOperation({ operationId: 'retrieveExportRequest', summary: 'The sender takes a waiting request back' })
  @ZodResponse(200, exportRequestSchema, 'Taken back')
  @ApiProblems(404, 409, 422)
  retrieve(@CurrentUser() actor: AuthUser, @Param('id') id: string) {
    return this.exports.retrieve(actor, id);
  }

  @Post('exports/unlink')
  @HttpCode(200)
  @RequirePermission('unlink')
  @ZodBody(itemBody)
  @ApiOperation({
    operationId: 'unlink',
    summary: 'Unlink a synced item from Spectrum so it can be deleted (COM-5, CCO-3)',
  })
  @ZodResponse(200, unlinkResultSchema, 'Unlinked')
  @ApiProblems(404, 422)
  unlink(@CurrentUser() actor: AuthUser, @Body() body: z.infer<typeof itemBody>) {
    return this.exports.unlink(actor, body);
  }
}
