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
import { anyFieldSent, cents, isoDate, optionalText, requiredText } from '../projects/pm-input.js';
import {
  primeContractChangeOrderSchema,
  primeContractPageSchema,
  primeContractSchema,
} from './prime-contracts.schemas.js';
import { PrimeContractsService } from './prime-contracts.service.js';

const CHANGE_ORDER_STATUSES = ['draft', 'pending', 'approved', 'rejected', 'void'] as const;

/** Lengths Spectrum cannot take (PCCO-1 title, PCCO-2 billing item) are stored and shown in blockedBy. */
const pccoLine = z
  .object({
    billingItemCode: z.string().trim().max(50),
    description: optionalText(200),
    amountCents: cents,
    costCode: optionalText(40),
    costType: optionalText(10),
    costAmountCents: cents.nullable().optional(),
  })
  .strict();

const createPccoBody = z
  .object({
    number: requiredText(30),
    title: requiredText(1000),
    description: optionalText(2000),
    status: z.enum(CHANGE_ORDER_STATUSES).optional(),
    unitPrice: z.boolean().optional(),
    approvedDate: isoDate.nullable().optional(),
    lines: z.array(pccoLine).max(500).default([]),
  })
  .strict();

const updatePccoBody = z
  .object({
    number: requiredText(30).optional(),
    title: requiredText(1000).optional(),
    description: optionalText(2000),
    status: z.enum(CHANGE_ORDER_STATUSES).optional(),
    unitPrice: z.boolean().optional(),
    approvedDate: isoDate.nullable().optional(),
    lines: z.array(pccoLine).max(500).optional(),
  })
  .strict()
  .refine(anyFieldSent, { message: 'send at least one field' });

const listPrimeContractsQuery = pageQuery
  .extend({ projectId: z.string().min(1).max(100).optional() })
  .strict();

/**
 * Prime contracts come from Spectrum by import and are read-only here (PC-2: no create or update operation);
 * their change orders (PCCOs) are made on the PM side and exported.
 */
@ApiTags('prime-contracts')
@UseInterceptors(PermissionReasonsInterceptor)
@Controller()
export class PrimeContractsController {
  constructor(@Inject(PrimeContractsService) private readonly contracts: PrimeContractsService) {}

  @Get('prime-contracts')
  @CachedRead()
  @RequirePermission('view')
  @ZodQuery(listPrimeContractsQuery)
  @ApiOperation({
    operationId: 'listPrimeContracts',
    summary: 'Imported prime contracts, filtered by project',
  })
  @ZodResponse(200, primeContractPageSchema)
  list(@Query() q: z.infer<typeof listPrimeContractsQuery>) {
    return this.contracts.list({ projectId: q.projectId }, decodeCursor(q.cursor), q.limit);
  }

  @Get('prime-contracts/:id')
  @CachedRead()
  @RequirePermission('view')
  @ApiOperation({
    operationId: 'getPrimeContract',
    summary: 'A prime contract (read-only, PC-2) with its line items, change orders and totals',
  })
  @ZodResponse(200, primeContractSchema)
  @ApiProblems(404)
  get(@Param('id') id: string) {
    return this.contracts.get(id);
  }

  @Post('prime-contracts/:id/change-orders')
  @HttpCode(201)
  @RequirePermission('pm.edit')
  @ZodBody(createPccoBody)
  @ApiOperation({
    operationId: 'createPrimeContractChangeOrder',
    summary: 'Record a prime contract change order',
  })
  @ZodResponse(201, primeContractChangeOrderSchema, 'Created')
  @ApiProblems(404, 409)
  createChangeOrder(
    @CurrentUser() actor: AuthUser,
    @Param('id') id: string,
    @Body() body: z.infer<typeof createPccoBody>,
  ) {
    return this.contracts.createChangeOrder(actor, id, body);
  }

  @Get('prime-contract-change-orders/:id')
  @CachedRead()
  @RequirePermission('view')
  @ApiOperation({ operationId: 'getPrimeContractChangeOrder', summary: 'A prime contract change order' })
  @ZodResponse(200, primeContractChangeOrderSchema)
  @ApiProblems(404)
  getChangeOrder(@Param('id') id: string) {
    return this.contracts.getChangeOrder(id);
  }

  @Patch('prime-contract-change-orders/:id')
  @RequirePermission('pm.edit')
  @ZodBody(updatePccoBody)
  @ApiOperation({
    operationId: 'updatePrimeContractChangeOrder',
    summary: 'Change a prime contract change order; `lines` replaces its lines (APP-1, PCCO-2)',
  })
  @ZodResponse(200, primeContractChangeOrderSchema)
  @ApiProblems(404, 409, 422)
  updateChangeOrder(
    @CurrentUser() actor: AuthUser,
    @Param('id') id: string,
    @Body() body: z.infer<typeof updatePccoBody>,
  ) {
    return this.contracts.updateChangeOrder(actor, id, body);
  }

  @Delete('prime-contract-change-orders/:id')
  @HttpCode(204)
  @RequirePermission('pm.edit')
  @ApiOperation({
    operationId: 'deletePrimeContractChangeOrder',
    summary: 'Delete a prime contract change order for good (not approved, not linked)',
  })
  @ZodResponse(204, null, 'Deleted')
  @ApiProblems(404, 422)
  async removeChangeOrder(@CurrentUser() actor: AuthUser, @Param('id') id: string): Promise<void> {
    await this.contracts.deleteChangeOrder(actor, id);
  }
}
