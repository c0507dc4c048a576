import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Inject,
  Param,
  Patch,
  Post,
  Query,
  UseInterceptors,
} from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import type { AuthUser } from '../auth/auth-user.js';
import { CurrentUser } from '../auth/authorization.js';
import { RequirePermission } from '../auth/permission.guard.js';
import { PermissionReasonsInterceptor } from '../auth/permission-reasons.interceptor.js';
import { decodeCursor, pageQuery } from '../platform/http/pagination.js';
import { CachedRead } from '../platform/http/read-cache.js';
import { ApiProblems, ZodBody, ZodQuery, ZodResponse } from '../platform/http/zod.js';
import {
  anyFieldSent,
  cents,
  isoDate,
  optionalText,
  requiredText,
  stateFilter,
} from '../projects/pm-input.js';
import { CommitmentChangeOrdersService } from './commitment-change-orders.service.js';
import {
  commitmentChangeOrderSchema,
  commitmentPageSchema,
  commitmentSchema,
} from './commitments.schemas.js';
import { CommitmentsService } from './commitments.service.js';

const KINDS = ['subcontract', 'purchase_order'] as const;
const COMMITMENT_STATUSES = [
  'draft',
  'out_for_signature',
  'approved',
  'complete',
  'terminated',
  'void',
] as const;
const CHANGE_ORDER_STATUSES = ['draft', 'pending', 'approved', 'rejected', 'void'] as const;

/** A schedule of values line. Codes that Spectrum cannot take are stored and shown in blockedBy (COM-1). */
const sovLine = z
  .object({
    costCode: z.string().trim().max(40),
    costType: z.string().trim().max(10),
    description: optionalText(200),
    amountCents: cents,
  })
  .strict();
/** Tax codes are kept on the PM side only (COM-6, LIM-8). */
const commitmentLine = sovLine.extend({ taxCode: optionalText(20) }).strict();

const createCommitmentBody = z
  .object({
    projectId: z.string().min(1).max(100),
    companyId: z.string().min(1).max(100),
    kind: z.enum(KINDS),
    number: requiredText(30),
    title: requiredText(250),
    description: optionalText(2000),
    status: z.enum(COMMITMENT_STATUSES).optional(),
    contractDate: isoDate.nullable().optional(),
    lines: z.array(commitmentLine).max(500).default([]),
  })
  .strict();

const updateCommitmentBody = z
  .object({
    companyId: z.string().min(1).max(100).optional(),
    kind: z.enum(KINDS).optional(),
    number: requiredText(30).optional(),
    title: requiredText(250).optional(),
    description: optionalText(2000),
    status: z.enum(COMMITMENT_STATUSES).optional(),
    contractDate: isoDate.nullable().optional(),
    lines: z.array(commitmentLine).max(500).optional(),
  })
  .strict()
  .refine(anyFieldSent, { message: 'send at least one field' });

const listCommitmentsQuery = pageQuery
  .extend({
    projectId: z.string().min(1).max(100).optional(),
    state: stateFilter,
    kind: z.enum(KINDS).optional(),
  })
  .strict();

const createChangeOrderBody = z
  .object({
    number: requiredText(30),
    title: requiredText(250),
    description: optionalText(2000),
    status: z.enum(CHANGE_ORDER_STATUSES).optional(),
    date: isoDate.nullable().optional(),
    lines: z.array(sovLine).max(500).default([]),
  })
  .strict();

const updateChangeOrderBody = z
  .object({
    number: requiredText(30).optional(),
    title: requiredText(250).optional(),
    description: optionalText(2000),
    status: z.enum(CHANGE_ORDER_STATUSES).optional(),
    date: isoDate.nullable().optional(),
    lines: z.array(sovLine).max(500).optional(),
  })
  .strict()
  .refine(anyFieldSent, { message: 'send at least one field' });

/** Commitments (subcontracts and purchase orders, LIM-4) and their change orders (CCO). */
@ApiTags('commitments')
@UseInterceptors(PermissionReasonsInterceptor)
@Controller()
export class CommitmentsController {
  constructor(
    @Inject(CommitmentsService) private readonly commitments: CommitmentsService,
    @Inject(CommitmentChangeOrdersService) private readonly changeOrders: CommitmentChangeOrdersService,
  ) {}

  @Get('commitments')
  @CachedRead()
  @RequirePermission('view')
  @ZodQuery(listCommitmentsQuery)
  @ApiOperation({
    operationId: 'listCommitments',
    summary: 'Commitments, filtered by project, sync state or kind',
  })
  @ZodResponse(200, commitmentPageSchema)
  list(@Query() q: z.infer<typeof listCommitmentsQuery>) {
    return this.commitments.list(
      { projectId: q.projectId, state: q.state, kind: q.kind },
      decodeCursor(q.cursor),
      q.limit,
    );
  }

  @Post('commitments')
  @HttpCode(201)
  @RequirePermission('pm.edit')
  @ZodBody(createCommitmentBody)
  @ApiOperation({
    operationId: 'createCommitment',
    summary: 'Create a subcontract or purchase order with its SOV',
  })
  @ZodResponse(201, commitmentSchema, 'Created')
  @ApiProblems(409)
  create(@CurrentUser() actor: AuthUser, @Body() body: z.infer<typeof createCommitmentBody>) {
    return this.commitments.create(actor, body);
  }

  @Get('commitments/:id')
  @CachedRead()
  @RequirePermission('view')
  @ApiOperation({ operationId: 'getCommitment', summary: 'A commitment with its SOV and change orders' })
  @ZodResponse(200, commitmentSchema)
  @ApiProblems(404)
  get(@Param('id') id: string) {
    return this.commitments.get(id);
  }

  @Patch('commitments/:id')
  @RequirePermission('pm.edit')
  @ZodBody(updateCommitmentBody)
  @ApiOperation({
    operationId: 'updateCommitment',
    summary: 'Change a commitment; `lines` replaces the SOV (COM-4, APP-1)',
  })
  @ZodResponse(200, commitmentSchema)
  @ApiProblems(404, 409, 422)
  update(
    @CurrentUser() actor: AuthUser,
    @Param('id') id: string,
    @Body() body: z.infer<typeof updateCommitmentBody>,
  ) {
    return this.commitments.update(actor, id, body);
  }

  @Delete('commitments/:id')
  @HttpCode(204)
  @RequirePermission('pm.edit')
  @ApiOperation({
    operationId: 'deleteCommitment',
    summary: 'Delete a commitment and its change orders for good (COM-5, CCO-3)',
  })
  @ZodResponse(204, null, 'Deleted')
  @ApiProblems(404, 422)
  async remove(@CurrentUser() actor: AuthUser, @Param('id') id: string): Promise<void> {
    await this.commitments.delete(actor, id);
  }

  @Post('commitments/:id/change-orders')
  @HttpCode(201)
  @RequirePermission('pm.edit')
  @ZodBody(createChangeOrderBody)
  @ApiOperation({ operationId: 'createCommitmentChangeOrder', summary: 'Add a change order to a commitment' })
  @ZodResponse(201, commitmentChangeOrderSchema, 'Created')
  @ApiProblems(404, 409)
  createChangeOrder(
    @CurrentUser() actor: AuthUser,
    @Param('id') id: string,
    @Body() body: z.infer<typeof createChangeOrderBody>,
  ) {
    return this.changeOrders.createChangeOrder(actor, id, body);
  }

  @Get('commitment-change-orders/:id')
  @CachedRead()
  @RequirePermission('view')
  @ApiOperation({
    operationId: 'getCommitmentChangeOrder',
    summary: 'A commitment change order with its SOV',
  })
  @ZodResponse(200, commitmentChangeOrderSchema)
  @ApiProblems(404)
  getChangeOrder(@Param('id') id: string) {
    return this.changeOrders.getChangeOrder(id);
  }

  @Patch('commitment-change-orders/:id')
  @RequirePermission('pm.edit')
  @ZodBody(updateChangeOrderBody)
  @ApiOperation({
    operationId: 'updateCommitmentChangeOrder',
    summary: 'Change a commitment change order; `lines` replaces its SOV (APP-1)',
  })
  @ZodResponse(200, commitmentChangeOrderSchema)
  @ApiProblems(404, 409, 422)
  updateChangeOrder(
    @CurrentUser() actor: AuthUser,
    @Param('id') id: string,
    @Body() body: z.infer<typeof updateChangeOrderBody>,
  ) {
    return this.changeOrders.updateChangeOrder(actor, id, body);
  }

  @Delete('commitment-change-orders/:id')
  @HttpCode(204)
  @RequirePermission('pm.edit')
  @ApiOperation({
    operationId: 'deleteCommitmentChangeOrder',
    summary: 'Delete a commitment change order for good (CCO-3)',
  })
  @ZodResponse(204, null, 'Deleted')
  @ApiProblems(404, 422)
  async removeChangeOrder(@CurrentUser() actor: AuthUser, @Param('id') id: string): Promise<void> {
    await this.changeOrders.deleteChangeOrder(actor, id);
  }
}
