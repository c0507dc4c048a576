import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { RequirePermission } from '../auth/permission.guard.js';
import { decodeCursor, pageQuery, toPage } from '../platform/http/pagination.js';
import { notFound } from '../platform/http/problem.js';
import { CachedRead } from '../platform/http/read-cache.js';
import { ApiProblems, ZodQuery, ZodResponse } from '../platform/http/zod.js';
import { IntegrationFactsService } from '../settings/integration-facts.service.js';
import { CostCodesRepository } from './cost-codes.repository.js';
import { costCodeListPageSchema, costCodePageSchema } from './cost-codes.schemas.js';

const listCostCodesQuery = pageQuery
  .extend({ listId: z.string().min(1).max(100).optional(), projectId: z.string().min(1).max(100).optional() })
  .strict()
  .refine((q) => (q.listId === undefined) !== (q.projectId === undefined), {
    message: 'send exactly one of listId and projectId',
    path: ['listId'],
  });

const listCostCodeListsQuery = pageQuery.strict();

/**
 * Cost code lists and cost codes (WBS-1…WBS-3, LIM-2). The "Spectrum Standard Cost Codes" list is filled by the
 * cost code import; a project's codes carry their cost types.
 */
@ApiTags('cost-codes')
@Controller()
export class CostCodesController {
  constructor(
    @Inject(CostCodesRepository) private readonly repo: CostCodesRepository,
    @Inject(IntegrationFactsService) private readonly facts: IntegrationFactsService,
  ) {}

  @Get('cost-code-lists')
  @CachedRead()
  @RequirePermission('view')
  @ZodQuery(listCostCodeListsQuery)
  @ApiOperation({
    operationId: 'listCostCodeLists',
    summary: 'Cost code lists; the Spectrum Standard Cost Codes list is marked isSpectrumList',
  })
  @ZodResponse(200, costCodeListPageSchema)
  async lists(@Query() q: z.infer<typeof listCostCodeListsQuery>) {
    const [rows, facts] = await Promise.all([
      this.repo.lists(decodeCursor(q.cursor), q.limit + 1),
      this.facts.get(),
    ]);
    return toPage(rows, q.limit, (r) => ({
      id: r.id,
      name: r.name,
      isSpectrumList: r.id === facts.standardCostCodeListId,
      codeCount: r.codeCount,
      createdAt: r.createdAt.toISOString(),
    }));
  }

  @Get('cost-codes')
  @CachedRead()
  @RequirePermission('view')
  @ZodQuery(listCostCodesQuery)
  @ApiOperation({
    operationId: 'listCostCodes',
    summary: 'The codes of a cost code list (listId) or of a project with their cost types (projectId)',
  })
  @ZodResponse(200, costCodePageSchema)
  @ApiProblems(404)
  async list(@Query() q: z.infer<typeof listCostCodesQuery>) {
    const after = decodeCursor(q.cursor);
    if (q.projectId !== undefined) {
      if (!(await this.repo.projectExists(q.projectId))) throw notFound('Project', q.projectId);
      const rows = await this.repo.projectCodes(q.projectId, after, q.limit + 1);
      return toPage(rows, q.limit, (r) => r);
    }
    const listId = q.listId as string;
    if (!(await this.repo.listExists(listId))) throw notFound('Cost code list', listId);
    const rows = await this.repo.listCodes(listId, after, q.limit + 1);
    return toPage(rows, q.limit, (r) => r);
  }
}
