import { validateCostType, validatePhaseCode } from '@bridge/rules';
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
import { decodeCursor, pageQuery } from '../platform/http/pagination.js';
import { CachedRead } from '../platform/http/read-cache.js';
import { ApiProblems, ZodBody, ZodQuery, ZodResponse } from '../platform/http/zod.js';
import { anyFieldSent, optionalText, requiredText, stateFilter } from './pm-input.js';
import { projectCostCodeSchema, projectPageSchema, projectSchema } from './projects.schemas.js';
import { ProjectsService } from './projects.service.js';

const projectFields = {
  number: optionalText(50),
  address1: optionalText(100),
  address2: optionalText(100),
  city: optionalText(60),
  /** The state of the address (`state` is the sync state, API-4). */
  addressState: optionalText(30),
  zip: optionalText(20),
  phone: optionalText(30),
  costCodeListId: z.string().min(1).max(100).nullable().optional(),
  budgetToolEnabled: z.boolean().optional(),
  primeContractsToolEnabled: z.boolean().optional(),
  forecastExportEnabled: z.boolean().optional(),
};

const createProjectBody = z.object({ name: requiredText(200), ...projectFields }).strict();

const updateProjectBody = z
  .object({ name: requiredText(200).optional(), ...projectFields })
  .strict()
  .refine(anyFieldSent, { message: 'send at least one field' });

const listProjectsQuery = pageQuery
  .extend({ state: stateFilter, q: z.string().trim().min(1).max(200).optional() })
  .strict();

const codeField = z.string().refine((v) => validatePhaseCode(v).ok, {
  message: 'must be a cost code of letters and digits (dashes allowed), at most 20 characters without dashes',
});
const costTypeField = z.string().refine((v) => validateCostType(v).ok, {
  message: 'must be a cost type of 1 to 3 uppercase letters or digits',
});

const addCostCodeBody = z
  .object({
    code: codeField,
    description: requiredText(100).optional(),
    costTypes: z.array(costTypeField).max(50).default([]),
    /** LIM-6: the WBS segments the code uses; only `cost_code` and `cost_type` are supported. */
    segments: z.array(z.string().min(1).max(50)).max(10).optional(),
  })
  .strict();

/** Projects: the PM side of Spectrum jobs (JOB-2, WBS-2, WBS-3, LIM-3, LIM-6). */
@ApiTags('projects')
@UseInterceptors(PermissionReasonsInterceptor)
@Controller('projects')
export class ProjectsController {
  constructor(@Inject(ProjectsService) private readonly projects: ProjectsService) {}

  @Get()
  @CachedRead()
  @RequirePermission('view')
  @ZodQuery(listProjectsQuery)
  @ApiOperation({ operationId: 'listProjects', summary: 'Projects, filtered by sync state or name' })
  @ZodResponse(200, projectPageSchema)
  list(@Query() q: z.infer<typeof listProjectsQuery>) {
    return this.projects.list({ q: q.q, state: q.state }, decodeCursor(q.cursor), q.limit);
  }

  @Post()
  @HttpCode(201)
  @RequirePermission('pm.edit')
  @ZodBody(createProjectBody)
  @ApiOperation({ operationId: 'createProject', summary: 'Create a project' })
  @ZodResponse(201, projectSchema, 'Created')
  create(@CurrentUser() actor: AuthUser, @Body() body: z.infer<typeof createProjectBody>) {
    return this.projects.create(actor, body);
  }

  @Get(':id')
  @CachedRead()
  @RequirePermission('view')
  @ApiOperation({ operationId: 'getProject', summary: 'A project with its cost codes and cost types' })
  @ZodResponse(200, projectSchema)
  @ApiProblems(404)
  get(@Param('id') id: string) {
    return this.projects.get(id);
  }

  @Patch(':id')
  @RequirePermission('pm.edit')
  @ZodBody(updateProjectBody)
  @ApiOperation({
    operationId: 'updateProject',
    summary: 'Change name, number, address, tool switches or cost code list',
  })
  @ZodResponse(200, projectSchema)
  @ApiProblems(404, 422)
  update(
    @CurrentUser() actor: AuthUser,
    @Param('id') id: string,
    @Body() body: z.infer<typeof updateProjectBody>,
  ) {
    return this.projects.update(actor, id, body);
  }

  @Post(':id/cost-codes')
  @RequirePermission('pm.edit')
  @ZodBody(addCostCodeBody)
  @ApiOperation({
    operationId: 'addProjectCostCode',
    summary: 'Add a cost code with its cost types to a project (201), or more cost types to one it has (200)',
  })
  @ZodResponse(201, projectCostCodeSchema, 'The cost code was added')
  @ZodResponse(200, projectCostCodeSchema, 'The project had the cost code: its cost types were added to it')
  @ApiProblems(404, 422)
  async addCostCode(
    @CurrentUser() actor: AuthUser,
    @Param('id') id: string,
    @Body() body: z.infer<typeof addCostCodeBody>,
    @Res({ passthrough: true }) res: Response,
  ) {
    const { view, created } = await this.projects.addCostCode(actor, id, body);
    res.status(created ? 201 : 200);
    return view;
  }

  @Delete(':id/cost-codes/:code')
  @HttpCode(204)
  @RequirePermission('pm.edit')
  @ApiOperation({
    operationId: 'removeProjectCostCode',
    summary:
      'Remove a cost code with its cost types from a project (WBS-5); refused with every reason while a budget, ' +
      'budget change, commitment, change order or prime contract change order line uses it, once it is a phase of ' +
      'the linked Spectrum job, or while the project is in the export queue',
  })
  @ZodResponse(204, null, 'Removed')
  @ApiProblems(404, 422)
  async removeCostCode(
    @CurrentUser() actor: AuthUser,
    @Param('id') id: string,
    @Param('code') code: string,
  ): Promise<void> {
    await this.projects.removeCostCode(actor, id, code);
  }
}
