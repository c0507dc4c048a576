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
import { anyFieldSent, optionalText, requiredText, stateFilter } from '../projects/pm-input.js';
import { companyPageSchema, companySchema } from './companies.schemas.js';
import { CompaniesService } from './companies.service.js';

const companyFields = {
  address1: optionalText(100),
  address2: optionalText(100),
  city: optionalText(60),
  /** The state of the address (`state` is the sync state, API-4). */
  addressState: optionalText(30),
  zip: optionalText(20),
  phone: optionalText(30),
  fax: optionalText(30),
  email: z.email().max(200).nullable().optional(),
  contactName: optionalText(100),
  vendorType: optionalText(20),
  isCustomer: z.boolean().optional(),
};

const createCompanyBody = z.object({ name: requiredText(200), ...companyFields }).strict();
const updateCompanyBody = z
  .object({ name: requiredText(200).optional(), ...companyFields })
  .strict()
  .refine(anyFieldSent, { message: 'send at least one field' });

const listCompaniesQuery = pageQuery
  .extend({ state: stateFilter, q: z.string().trim().min(1).max(200).optional() })
  .strict();

/** The company directory: the PM side of Spectrum vendors (VEN-2, VEN-3, VEN-5, VEN-6). */
@ApiTags('companies')
@UseInterceptors(PermissionReasonsInterceptor)
@Controller('companies')
export class CompaniesController {
  constructor(@Inject(CompaniesService) private readonly companies: CompaniesService) {}

  @Get()
  @CachedRead()
  @RequirePermission('view')
  @ZodQuery(listCompaniesQuery)
  @ApiOperation({
    operationId: 'listCompanies',
    summary: 'Directory companies, filtered by sync state or name',
  })
  @ZodResponse(200, companyPageSchema)
  list(@Query() q: z.infer<typeof listCompaniesQuery>) {
    return this.companies.list({ q: q.q, state: q.state }, decodeCursor(q.cursor), q.limit);
  }

  @Post()
  @HttpCode(201)
  @RequirePermission('pm.edit')
  @ZodBody(createCompanyBody)
  @ApiOperation({ operationId: 'createCompany', summary: 'Add a company to the directory' })
  @ZodResponse(201, companySchema, 'Created')
  create(@CurrentUser() actor: AuthUser, @Body() body: z.infer<typeof createCompanyBody>) {
    return this.companies.create(actor, body);
  }

  @Get(':id')
  @CachedRead()
  @RequirePermission('view')
  @ApiOperation({ operationId: 'getCompany', summary: 'A directory company with its vendor link' })
  @ZodResponse(200, companySchema)
  @ApiProblems(404)
  get(@Param('id') id: string) {
    return this.companies.get(id);
  }

  @Patch(':id')
  @RequirePermission('pm.edit')
  @ZodBody(updateCompanyBody)
  @ApiOperation({
    operationId: 'updateCompany',
    summary: 'Change a directory company (never changes the Spectrum vendor, VEN-3)',
  })
  @ZodResponse(200, companySchema)
  @ApiProblems(404, 422)
  update(
    @CurrentUser() actor: AuthUser,
    @Param('id') id: string,
    @Body() body: z.infer<typeof updateCompanyBody>,
  ) {
    return this.companies.update(actor, id, body);
  }
}
