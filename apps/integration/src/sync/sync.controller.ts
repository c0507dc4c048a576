import { SYNC_FREQUENCIES, SYNC_GROUPS } from '@bridge/rules';
import { Body, Controller, Get, HttpCode, Inject, Param, Patch, Post, Query, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { z } from 'zod';
import type { AuthUser } from '../auth/auth-user.js';
import { CurrentUser } from '../auth/authorization.js';
import { RequirePermission } from '../auth/permission.guard.js';
import { decodeCursor, pageQuery, toPage } from '../platform/http/pagination.js';
import { notFound } from '../platform/http/problem.js';
import { CachedRead, SnapshotRead } from '../platform/http/read-cache.js';
import { streamSse } from '../platform/http/sse.js';
import { ApiProblems, ZodBody, ZodQuery, ZodResponse } from '../platform/http/zod.js';
import type { ServiceLifecycle } from '../platform/runtime/lifecycle.js';
import { LIFECYCLE } from '../platform/tokens.js';
import {
  syncPreviewSchema,
  syncRunDetailSchema,
  syncRunEventStreamSchema,
  syncRunPageSchema,
  syncRunSchema,
  syncScheduleSchema,
} from './sync.schemas.js';
import { runView, SyncService } from './sync.service.js';
import { SyncPreviewService } from './sync-preview.service.js';
import { SyncRunStreamService } from './sync-run-stream.service.js';
import { SyncScheduleService } from './sync-schedule.service.js';

const frequency = z.enum(SYNC_FREQUENCIES);
const scheduleBody = z
  .object({ cost_codes: frequency.optional(), vendors: frequency.optional(), jobs: frequency.optional() })
  .strict()
  .refine((v) => Object.keys(v).length > 0, { message: 'send the frequency of at least one group' });

const startBody = z.object({ group: z.enum(SYNC_GROUPS) }).strict();

const previewQuery = z
  .object({
    limit: z.coerce.number().int().min(0).max(200).default(20).describe('How many changed rows to list'),
  })
  .strict();

const runsQuery = pageQuery
  .extend({
    group: z.enum(SYNC_GROUPS).optional(),
    status: z.enum(['running', 'succeeded', 'failed']).optional(),
  })
  .strict();

/** SCH-1 … SCH-5: the schedule, on-demand runs and the run records. */
@ApiTags('sync')
@Controller('sync')
export class SyncController {
  constructor(
    @Inject(SyncService) private readonly sync: SyncService,
    @Inject(SyncPreviewService) private readonly previews: SyncPreviewService,
    @Inject(SyncScheduleService) private readonly schedules: SyncScheduleService,
    @Inject(SyncRunStreamService) private readonly stream: SyncRunStreamService,
    @Inject(LIFECYCLE) private readonly lifecycle: ServiceLifecycle,
  ) {}

  @Get('schedule')
  @SnapshotRead()
  @RequirePermission('view')
  @ApiOperation({
    operationId: 'getSyncSchedule',
    summary: 'Frequency, cron expression (UTC) and next run of each sync group (SCH-1)',
  })
  @ZodResponse(200, syncScheduleSchema)
  getSchedule(@Req() req: Request) {
    return this.schedules.get(req);
  }

  @Patch('schedule')
  @RequirePermission('schedule.update')
  @ZodBody(scheduleBody)
  @ApiOperation({
    operationId: 'updateSyncSchedule',
    summary:
      'Change the frequency of one or more groups (SCH-1; never, daily, every_4_hours, every_2_hours, hourly)',
  })
  @ZodResponse(200, syncScheduleSchema)
  updateSchedule(@CurrentUser() actor: AuthUser, @Body() body: z.infer<typeof scheduleBody>) {
    return this.schedules.update(actor.id, body);
  }

  @Post('preview')
  @HttpCode(200)
  @RequirePermission('sync.start')
  @ZodBody(startBody)
  @ZodQuery(previewQuery)
  @ApiOperation({
    operationId: 'previewSync',
    summary:
      'What a sync of the group would change: created, updated, unchanged and vanished rows per kind and the first changed rows with their fields; writes nothing (VER-6)',
  })
  @ZodResponse(200, syncPreviewSchema)
  @ApiProblems(409, 422, 502)
  preview(@Body() body: z.infer<typeof startBody>, @Query() q: z.infer<typeof previewQuery>) {
    return this.previews.preview(body.group, q.limit);
  }

  @Post('runs')
  @HttpCode(202)
  @RequirePermission('sync.start')
  @ZodBody(startBody)
  @ApiOperation({
    operationId: 'startSync',
    summary:
      'Start an on-demand sync of a group (SCH-3); 202 with the run, 409 sync-already-running when the group is busy (SCH-4)',
  })
  @ZodResponse(202, syncRunSchema, 'The run started; follow it with getSyncRun')
  @ApiProblems(409, 422, 503)
  start(@CurrentUser() actor: AuthUser, @Body() body: z.infer<typeof startBody>) {
    return this.sync.startOnDemand(body.group, actor);
  }

  @Get('runs')
  @CachedRead()
  @RequirePermission('view')
  @ZodQuery(runsQuery)
  @ApiOperation({ operationId: 'listSyncRuns', summary: 'Sync runs, newest first, with counts (SCH-5)' })
  @ZodResponse(200, syncRunPageSchema)
  async list(@Query() q: z.infer<typeof runsQuery>) {
    const rows = await this.sync.listRuns(
      { group: q.group, status: q.status },
      decodeCursor(q.cursor),
      q.limit + 1,
    );
    return toPage(rows, q.limit, runView);
  }

  @Get('runs/:id')
  @CachedRead()
  @RequirePermission('view')
  @ApiOperation({ operationId: 'getSyncRun', summary: 'One sync run with its counts and failures (SCH-5)' })
  @ZodResponse(200, syncRunDetailSchema)
  @ApiProblems(404)
  async get(@Param('id') id: string) {
    const run = await this.sync.getRun(id);
    if (!run) throw notFound('Sync run', id);
    return run;
  }

  @Get('runs/:id/events')
  @RequirePermission('view')
  @ApiOperation({
    operationId: 'streamSyncRun',
    summary:
      'Live progress of a sync run as server-sent events: `run` whenever its counts or status change (SCH-5)',
  })
  @ZodResponse(200, null, 'The live view', { 'text/event-stream': syncRunEventStreamSchema })
  @ApiProblems(404)
  async events(@Param('id') id: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    if (!(await this.sync.findRun(id))) throw notFound('Sync run', id); // a 404 problem before the stream starts
    streamSse(req, res, this.stream.watch(id), this.lifecycle); // ends when the instance stops (OPS-1)
  }
}
