import { Controller, Get, HttpCode, Inject, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import type { AuthUser } from '../../auth/auth-user.js';
import { CurrentUser } from '../../auth/authorization.js';
import { RequirePermission } from '../../auth/permission.guard.js';
import { isoDateTime } from '../../links/links.schemas.js';
import { decodeCursor, pageOf, pageQuery } from '../../platform/http/pagination.js';
import { ApiProblems, ZodQuery, ZodResponse } from '../../platform/http/zod.js';
import { VerificationRunsService } from './verification-runs.service.js';

/** VER-5: one re-verification of every synced export. */
const verificationRunSchema = z
  .object({
    id: z.string(),
    trigger: z.enum(['manual', 'schedule']),
    startedById: z.string().nullable(),
    startedAt: isoDateTime,
    finishedAt: isoDateTime.nullable(),
    state: z.enum(['running', 'finished', 'failed']),
    checked: z.number().int().describe('Synced exports read back so far'),
    verified: z.number().int(),
    drift: z.number().int().describe('Exports Spectrum no longer holds as written'),
    unverifiable: z.number().int(),
    error: z.string().nullable().describe('Why the run stopped (failed)'),
  })
  .meta({ id: 'VerificationRun' });

const listQuery = pageQuery.strict();

@ApiTags('exports')
@Controller('verification-runs')
export class VerificationRunsController {
  constructor(@Inject(VerificationRunsService) private readonly runs: VerificationRunsService) {}

  @Post()
  @HttpCode(202)
  @RequirePermission('accept')
  @ApiOperation({
    operationId: 'startVerificationRun',
    summary:
      'Read every synced export back from Spectrum now and flag what changed there since (VER-5); runs in the background, one at a time',
  })
  @ZodResponse(202, verificationRunSchema, 'Started')
  @ApiProblems(409)
  start(@CurrentUser() actor: AuthUser) {
    return this.runs.start('manual', actor.id);
  }

  @Get()
  @RequirePermission('view')
  @ZodQuery(listQuery)
  @ApiOperation({ operationId: 'listVerificationRuns', summary: 'Verification runs, newest first (VER-5)' })
  @ZodResponse(200, pageOf(verificationRunSchema, 'VerificationRunPage'))
  list(@Query() q: z.infer<typeof listQuery>) {
    return this.runs.list(decodeCursor(q.cursor), q.limit);
  }
}
