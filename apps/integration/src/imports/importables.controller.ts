import { IMPORTABLE_TYPES, SYNC_STATES } from '@bridge/rules';
import {
  Body,
  Controller,
  Get,
  HttpCode,
  Inject,
  Param,
  Post,
  Query,
  Res,
  UseInterceptors,
} from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { z } from 'zod';
import type { AuthUser } from '../auth/auth-user.js';
import { CurrentUser } from '../auth/authorization.js';
import { RequirePermission } from '../auth/permission.guard.js';
import { PermissionReasonsInterceptor } from '../auth/permission-reasons.interceptor.js';
import { pageQuery } from '../platform/http/pagination.js';
import { CachedRead } from '../platform/http/read-cache.js';
import { ApiProblems, ZodBody, ZodQuery, ZodResponse } from '../platform/http/zod.js';
import { BudgetImportActionsService } from './budgets/budget-import-actions.service.js';
import type { ActionResult } from './import-actions.js';
import { ImportablesService } from './importables.service.js';
import {
  importablePageSchema,
  importableSchema,
  importBudgetResultSchema,
  importJobResultSchema,
  importVendorResultSchema,
  linkVendorResultSchema,
  primeContractImportResultSchema,
  reimportBudgetResultSchema,
} from './imports.schemas.js';
import { JobImportActionsService } from './jobs/job-import-actions.service.js';
import { PrimeContractImportActionsService } from './prime-contracts/prime-contract-import-actions.service.js';
import { VendorImportActionsService } from './vendors/vendor-import-actions.service.js';

const listQuery = pageQuery
  .extend({ type: z.enum(IMPORTABLE_TYPES).optional(), state: z.enum(SYNC_STATES).optional() })
  .strict();
const empty = z.object({}).strict();
const linkVendorBody = z.object({ companyId: z.string().trim().min(1).max(64) }).strict();
const reimportBudgetBody = z.object({ confirm: z.boolean().optional() }).strict();
const importPrimeContractBody = z.object({ projectId: z.string().trim().min(1).max(64) }).strict();

/** 201 when the action created or linked something now, 200 when it repeated a request that had already done it. */
function send(res: Response, r: ActionResult): ActionResult {
  res.status((typeof r.linked === 'boolean' ? r.linked : r.created) ? 201 : 200);
  return r;
}

/** The Ready to Import list and its actions (docs/spec.md API-1, API-4, API-5). */
@ApiTags('imports')
@UseInterceptors(PermissionReasonsInterceptor)
@Controller('importables')
export class ImportablesController {
  constructor(
    @Inject(ImportablesService) private readonly importables: ImportablesService,
    @Inject(JobImportActionsService) private readonly jobs: JobImportActionsService,
    @Inject(VendorImportActionsService) private readonly vendors: VendorImportActionsService,
    @Inject(BudgetImportActionsService) private readonly budgets: BudgetImportActionsService,
    @Inject(PrimeContractImportActionsService)
    private readonly primeContracts: PrimeContractImportActionsService,
  ) {}

  @Get()
  @CachedRead()
  @RequirePermission('view')
  @ZodQuery(listQuery)
  @ApiOperation({
    operationId: 'listImportables',
    summary:
      'Spectrum records staged for import (jobs, vendors, budgets, prime contracts) with blockedBy reasons',
  })
  @ZodResponse(200, importablePageSchema)
  list(@Query() q: z.infer<typeof listQuery>) {
    return this.importables.list(q);
  }

  @Get(':id')
  @CachedRead()
  @RequirePermission('view')
  @ApiOperation({ operationId: 'getImportable', summary: 'One staged Spectrum record' })
  @ZodResponse(200, importableSchema)
  @ApiProblems(404)
  get(@Param('id') id: string) {
    return this.importables.get(id);
  }

  @Post(':id/import-job')
  @HttpCode(201)
  @RequirePermission('import')
  @ZodBody(empty)
  @ApiOperation({
    operationId: 'importJob',
    summary: 'Create a PM project linked to the staged Spectrum job (JOB-1, JOB-4, LIM-3)',
  })
  @ZodResponse(201, importJobResultSchema, 'The project was created and linked')
  @ZodResponse(200, importJobResultSchema, 'Already imported: the existing link')
  @ApiProblems(404, 409, 422)
  async importJob(
    @CurrentUser() u: AuthUser,
    @Param('id') id: string,
    @Body() _body: z.infer<typeof empty>,
    @Res({ passthrough: true }) res: Response,
  ) {
    return send(res, await this.jobs.importJob(id, u));
  }

  @Post(':id/import-vendor')
  @HttpCode(201)
  @RequirePermission('import')
  @ZodBody(empty)
  @ApiOperation({
    operationId: 'importVendor',
    summary: 'Create a directory company from the staged vendor (VEN-1)',
  })
  @ZodResponse(201, importVendorResultSchema, 'The company was created and linked')
  @ZodResponse(200, importVendorResultSchema, 'Already imported: the existing link')
  @ApiProblems(404, 409, 422)
  async importVendor(
    @CurrentUser() u: AuthUser,
    @Param('id') id: string,
    @Body() _body: z.infer<typeof empty>,
    @Res({ passthrough: true }) res: Response,
  ) {
    return send(res, await this.vendors.importVendor(id, u));
  }

  @Post(':id/link-vendor')
  @HttpCode(201)
  @RequirePermission('link')
  @ZodBody(linkVendorBody)
  @ApiOperation({
    operationId: 'linkVendor',
    summary: 'Link the staged vendor to an existing directory company (VEN-1, VEN-6)',
  })
  @ZodResponse(201, linkVendorResultSchema, 'Linked')
  @ZodResponse(200, linkVendorResultSchema, 'Already linked to this company')
  @ApiProblems(404, 409, 422)
  async linkVendor(
    @CurrentUser() u: AuthUser,
    @Param('id') id: string,
    @Body() body: z.infer<typeof linkVendorBody>,
    @Res({ passthrough: true }) res: Response,
  ) {
    return send(res, await this.vendors.linkVendor(id, body.companyId, u));
  }

  @Post(':id/import-budget')
  @HttpCode(201)
  @RequirePermission('budget.import')
  @ZodBody(empty)
  @ApiOperation({
    operationId: 'importBudget',
    summary: "Import the job's Spectrum estimate as the project's budget (BUD-1, BUD-2, BUD-7)",
  })
  @ZodResponse(201, importBudgetResultSchema, 'The budget was imported')
  @ZodResponse(200, importBudgetResultSchema, 'Already imported')
  @ApiProblems(404, 409, 422)
  async importBudget(
    @CurrentUser() u: AuthUser,
    @Param('id') id: string,
    @Body() _body: z.infer<typeof empty>,
    @Res({ passthrough: true }) res: Response,
  ) {
    return send(res, await this.budgets.importBudget(id, u));
  }

  @Post(':id/reimport-budget')
  @HttpCode(200)
  @RequirePermission('budget.reimport')
  @ZodBody(reimportBudgetBody)
  @ApiOperation({
    operationId: 'reimportBudget',
    summary:
      'Overwrite the budget lines with the current Spectrum values; needs { confirm: true } (BUD-3, BUD-4)',
  })
  @ZodResponse(200, reimportBudgetResultSchema, 'The budget lines were overwritten')
  @ApiProblems(404, 409, 422)
  reimportBudget(
    @CurrentUser() u: AuthUser,
    @Param('id') id: string,
    @Body() body: z.infer<typeof reimportBudgetBody>,
  ) {
    return this.budgets.reimportBudget(id, body.confirm === true, u);
  }

  @Post(':id/import-prime-contract')
  @HttpCode(201)
  @RequirePermission('prime_contract.import')
  @ZodBody(importPrimeContractBody)
  @ApiOperation({
    operationId: 'importPrimeContract',
    summary: 'Import the Spectrum prime contract into the project linked to its job (PC-1, PC-4)',
  })
  @ZodResponse(201, primeContractImportResultSchema, 'The prime contract was imported')
  @ZodResponse(200, primeContractImportResultSchema, 'Already imported')
  @ApiProblems(404, 409, 422)
  async importPrimeContract(
    @CurrentUser() u: AuthUser,
    @Param('id') id: string,
    @Body() body: z.infer<typeof importPrimeContractBody>,
    @Res({ passthrough: true }) res: Response,
  ) {
    return send(res, await this.primeContracts.importPrimeContract(id, body.projectId, u));
  }

  @Post(':id/reimport-prime-contract')
  @HttpCode(200)
  // PERM-5: the gate checks the ERP tool level; the service checks the user's prime contracts tool level too
  @RequirePermission('prime_contract.reimport')
  @ZodBody(empty)
  @ApiOperation({
    operationId: 'reimportPrimeContract',
    summary: 'Overwrite the PM prime contract with the current Spectrum values (PC-2, PC-3, PERM-5)',
  })
  @ZodResponse(200, primeContractImportResultSchema, 'The prime contract was overwritten')
  @ApiProblems(404, 409, 422)
  reimportPrimeContract(
    @CurrentUser() u: AuthUser,
    @Param('id') id: string,
    @Body() _body: z.infer<typeof empty>,
  ) {
    return this.primeContracts.reimportPrimeContract(id, u, u.primeContractsLevel);
  }
}
