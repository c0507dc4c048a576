import { validateCostType, validatePhaseCode } from '@bridge/rules';
import {
  Body,
  Controller,
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
import { anyFieldSent, cents, isoDate, optionalText, requiredText } from '../projects/pm-input.js';
import { BudgetChangesService } from './budget-changes.service.js';
import { budgetChangePageSchema, budgetChangeSchema, budgetSchema } from './budgets.schemas.js';
import { BudgetsService } from './budgets.service.js';

const costCode = z.string().refine((v) => validatePhaseCode(v).ok, {
  message: 'must be a cost code of letters and digits (dashes allowed), at most 20 characters without dashes',
});
const costType = z.string().refine((v) => validateCostType(v).ok, {
  message: 'must be a cost type of 1 to 3 uppercase letters or digits',
});

const addBudgetLineBody = z
  .object({
    costCode,
    costType,
    description: optionalText(200),
    amountCents: cents,
    directCostsCents: cents.nullable().optional(),
    estimatedCostAtCompletionCents: cents.nullable().optional(),
  })
  .strict();

const updateBudgetLineBody = z
  .object({
    description: optionalText(200),
    amountCents: cents.optional(),
    directCostsCents: cents.nullable().optional(),
    estimatedCostAtCompletionCents: cents.nullable().optional(),
  })
  .strict()
  .refine(anyFieldSent, { message: 'send at least one field' });

const createBudgetChangeBody = z
  .object({
    number: requiredText(30),
    title: requiredText(250),
    date: isoDate.nullable().optional(),
    lines: z
      .array(z.object({ costCode, costType, description: optionalText(200), amountCents: cents }).strict())
      .min(1)
      .max(500),
  })
  .strict();

const listQuery = pageQuery.strict();

/** The budget of a project (BUD-5, BUD-6, BUD-7, JC-1, FC-1) and its budget changes (BCH-1). */
@ApiTags('budgets')
@UseInterceptors(PermissionReasonsInterceptor)
@Controller()
export class BudgetsController {
  constructor(
    @Inject(BudgetsService) private readonly budgets: BudgetsService,
    @Inject(BudgetChangesService) private readonly changes: BudgetChangesService,
  ) {}

  @Get('projects/:projectId/budget')
  @CachedRead()
  @RequirePermission('view')
  @ApiOperation({
    operationId: 'getBudget',
    summary: 'The budget of a project: lines with amount, direct costs, estimated cost at completion, totals',
  })
  @ZodResponse(200, budgetSchema)
  @ApiProblems(404)
  get(@Param('projectId') projectId: string) {
    return this.budgets.get(projectId);
  }

  @Post('projects/:projectId/budget/lock')
  @HttpCode(200)
  @RequirePermission('pm.edit')
  @ApiOperation({ operationId: 'lockBudget', summary: 'Lock the budget (BUD-5: needed before sending it)' })
  @ZodResponse(200, budgetSchema)
  @ApiProblems(404)
  lock(@CurrentUser() actor: AuthUser, @Param('projectId') projectId: string) {
    return this.budgets.lock(actor, projectId);
  }

  @Post('projects/:projectId/budget/unlock')
  @HttpCode(200)
  @RequirePermission('pm.edit')
  @ApiOperation({
    operationId: 'unlockBudget',
    summary: 'Unlock the budget (BUD-6: not while an export is in flight)',
  })
  @ZodResponse(200, budgetSchema)
  @ApiProblems(404, 422)
  unlock(@CurrentUser() actor: AuthUser, @Param('projectId') projectId: string) {
    return this.budgets.unlock(actor, projectId);
  }

  @Post('projects/:projectId/budget/lines')
  @HttpCode(201)
  @RequirePermission('pm.edit')
  @ZodBody(addBudgetLineBody)
  @ApiOperation({
    operationId: 'addBudgetLine',
    summary: 'Add a line to an unlocked budget; answers the budget (BUD-6)',
  })
  @ZodResponse(201, budgetSchema, 'The line was added; the whole budget')
  @ApiProblems(404, 409, 422)
  addLine(
    @CurrentUser() actor: AuthUser,
    @Param('projectId') projectId: string,
    @Body() body: z.infer<typeof addBudgetLineBody>,
  ) {
    return this.budgets.addLine(actor, projectId, body);
  }

  @Patch('projects/:projectId/budget/lines/:lineId')
  @RequirePermission('pm.edit')
  @ZodBody(updateBudgetLineBody)
  @ApiOperation({
    operationId: 'updateBudgetLine',
    summary: 'Change a budget line; answers the budget (BUD-6; locked budgets keep amounts)',
  })
  @ZodResponse(200, budgetSchema)
  @ApiProblems(404, 422)
  updateLine(
    @CurrentUser() actor: AuthUser,
    @Param('projectId') projectId: string,
    @Param('lineId') lineId: string,
    @Body() body: z.infer<typeof updateBudgetLineBody>,
  ) {
    return this.budgets.updateLine(actor, projectId, lineId, body);
  }

  @Post('projects/:projectId/budget-changes')
  @HttpCode(201)
  @RequirePermission('pm.edit')
  @ZodBody(createBudgetChangeBody)
  @ApiOperation({ operationId: 'createBudgetChange', summary: 'Record a budget change (BCH-1)' })
  @ZodResponse(201, budgetChangeSchema, 'Created')
  @ApiProblems(404, 409, 422)
  createChange(
    @CurrentUser() actor: AuthUser,
    @Param('projectId') projectId: string,
    @Body() body: z.infer<typeof createBudgetChangeBody>,
  ) {
    return this.changes.createChange(actor, projectId, body);
  }

  @Get('projects/:projectId/budget-changes')
  @CachedRead()
  @RequirePermission('view')
  @ZodQuery(listQuery)
  @ApiOperation({ operationId: 'listBudgetChanges', summary: 'The budget changes of a project' })
  @ZodResponse(200, budgetChangePageSchema)
  @ApiProblems(404)
  listChanges(@Param('projectId') projectId: string, @Query() q: z.infer<typeof listQuery>) {
    return this.changes.listChanges(projectId, decodeCursor(q.cursor), q.limit);
  }

  @Get('budget-changes/:id')
  @CachedRead()
  @RequirePermission('view')
  @ApiOperation({ operationId: 'getBudgetChange', summary: 'A budget change with its lines' })
  @ZodResponse(200, budgetChangeSchema)
  @ApiProblems(404)
  getChange(@Param('id') id: string) {
    return this.changes.getChange(id);
  }
}
