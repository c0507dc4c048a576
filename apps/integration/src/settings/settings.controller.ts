import { SPECTRUM_LIMITS } from '@bridge/rules';
import { Body, Controller, Get, HttpCode, Inject, Patch, Post, Put } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import type { AuthUser } from '../auth/auth-user.js';
import { CurrentUser } from '../auth/authorization.js';
import { RequirePermission } from '../auth/permission.guard.js';
import { CachedRead } from '../platform/http/read-cache.js';
import { ApiProblems, ZodBody, ZodResponse } from '../platform/http/zod.js';
import { GeneralSettingsService } from './general-settings.service.js';
import { AUTH_MODES, INFOLINK_MODES } from './settings.repository.js';
import {
  connectionSettingsSchema,
  connectionTestSchema,
  generalSettingsSchema,
  vendorTypeFilterSchema,
} from './settings.schemas.js';
import { SettingsService } from './settings.service.js';
import { VendorTypeFilterService } from './vendor-type-filter.service.js';

const connectionBody = z
  .object({
    serviceUrl: z
      .url({ protocol: /^https?$/, error: 'must be an http(s) URL' })
      .max(500)
      .optional(),
    companyCode: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9]{1,3}$/, 'must be 1 to 3 letters or digits')
      .optional(),
    serviceUser: z.string().trim().min(1).max(200).nullable().optional(),
    authMode: z.enum(AUTH_MODES).optional(),
    servicePassword: z
      .string()
      .min(1, 'must not be empty (send null to clear it)')
      .max(SPECTRUM_LIMITS.authorizationId, `has at most ${SPECTRUM_LIMITS.authorizationId} characters`)
      .nullable()
      .optional()
      .describe('Write-only: the Spectrum Authorization ID. Omit to keep the stored one, null to clear it.'),
    clientSecret: z
      .string()
      .min(1, 'must not be empty (send null to clear it)')
      .max(500, 'has at most 500 characters')
      .nullable()
      .optional()
      .describe('Write-only: the OAuth client secret. Omit to keep the stored one, null to clear it.'),
    caBundle: z
      .string()
      .min(1, 'must not be empty (send null to remove the bundle)')
      .max(200_000, 'has at most 200000 characters')
      .nullable()
      .optional()
      .describe(
        "PROD-9: PEM certificates (the company's CA, or the server's own self-signed certificate) trusted in addition to Node's CA store. Null removes the bundle.",
      ),
    infoLink: z
      .object({
        mode: z.enum(INFOLINK_MODES).optional(),
        host: z
          .string()
          .trim()
          .regex(/^[A-Za-z0-9.\-_]{1,253}$/, 'must be a host name or IP address (the port goes in port)')
          .nullable()
          .optional(),
        port: z.number().int().min(1).max(65535).nullable().optional(),
        database: z.string().trim().min(1).max(128).nullable().optional(),
        login: z.string().trim().min(1).max(128).nullable().optional(),
        password: z
          .string()
          .min(1, 'must not be empty (send null to clear it)')
          .max(128, 'has at most 128 characters')
          .nullable()
          .optional()
          .describe(
            'Write-only: the Info-Link login password. Omit to keep the stored one, null to clear it.',
          ),
      })
      .strict()
      .optional()
      .describe(
        'PROD-8: the Info-Link connection (mode sql: a read-only SQL Server login to Spectrum’s database)',
      ),
    maxConcurrentCalls: z
      .number({ error: 'must be a whole number from 1 to 32' })
      .int('must be a whole number from 1 to 32')
      .min(1, 'must be a whole number from 1 to 32')
      .max(32, 'must be a whole number from 1 to 32')
      .optional()
      .describe('OPS-11: Spectrum calls in flight at once, across all instances (default 4).'),
    callsPerSecond: z
      .number({ error: 'must be a whole number from 1 to 500' })
      .int('must be a whole number from 1 to 500')
      .min(1, 'must be a whole number from 1 to 500')
      .max(500, 'must be a whole number from 1 to 500')
      .optional()
      .describe('OPS-11: Spectrum calls started within any one second, across all instances (default 10).'),
  })
  .strict();

const templateJobBody = z
  .object({
    jobNumber: z.string().max(100),
    division: z.string().max(100),
    costCenter: z.string().max(100),
    customerCode: z.string().max(100),
    taxable: z.boolean(),
    priceMethodCode: z.enum(['F', 'T', 'C', 'U']),
    phaseMask: z.string().max(100).optional(),
    glAccount: z.string().max(100).optional(),
  })
  .strict();

const generalBody = z
  .object({
    usePmContractNumber: z.boolean().optional(),
    usePmChangeOrderNumber: z.boolean().optional(),
    autoAddCostCodesToBudgets: z.boolean().optional(),
    budgetDirectCosts: z.enum(['populate_from_erp', 'editable']).optional(),
    vendors: z.enum(['auto_update', 'do_not_update']).optional(),
    templateJob: templateJobBody.nullable().optional(),
  })
  .strict();

const vendorTypeFilterBody = z.object({ types: z.array(z.string().max(50)).max(500) }).strict();

/** GEN-1 … GEN-5 (PERM-3: admin only). */
@ApiTags('settings')
@Controller('settings')
export class SettingsController {
  constructor(
    @Inject(SettingsService) private readonly settings: SettingsService,
    @Inject(GeneralSettingsService) private readonly general: GeneralSettingsService,
    @Inject(VendorTypeFilterService) private readonly vendorTypes: VendorTypeFilterService,
  ) {}

  @Get('connection')
  @CachedRead()
  @RequirePermission('settings.view')
  @ApiOperation({
    operationId: 'getConnectionSettings',
    summary: 'Connection settings and status (GEN-2, GEN-3); secrets are never returned, only whether set',
  })
  @ZodResponse(200, connectionSettingsSchema)
  getConnection() {
    return this.settings.getConnection();
  }

  @Patch('connection')
  @RequirePermission('settings.update')
  @ZodBody(connectionBody)
  @ApiOperation({
    operationId: 'updateConnectionSettings',
    summary:
      'Change connection settings (GEN-1, GEN-2): omitted fields keep their value; null clears a secret. ' +
      'A second Spectrum company is refused once data was synced (409 second-spectrum-company).',
  })
  @ZodResponse(200, connectionSettingsSchema)
  @ApiProblems(409)
  updateConnection(@CurrentUser() actor: AuthUser, @Body() body: z.infer<typeof connectionBody>) {
    return this.settings.updateConnection(actor.id, body);
  }

  @Post('connection/test')
  @HttpCode(200)
  @RequirePermission('connection.test')
  @ApiOperation({
    operationId: 'testConnection',
    summary: 'Call Spectrum with the stored settings and record Connected / Not Connected (GEN-3)',
  })
  @ZodResponse(200, connectionTestSchema, 'The test ran; connectionStatus says how it went')
  @ApiProblems(503)
  testConnection(@CurrentUser() actor: AuthUser) {
    return this.settings.testConnection(actor.id);
  }

  @Get('general')
  @CachedRead()
  @RequirePermission('settings.view')
  @ApiOperation({
    operationId: 'getGeneralSettings',
    summary: 'General settings and the template job (GEN-4, JOB-3)',
  })
  @ZodResponse(200, generalSettingsSchema)
  getGeneral() {
    return this.general.getGeneral();
  }

  @Patch('general')
  @RequirePermission('settings.update')
  @ZodBody(generalBody)
  @ApiOperation({
    operationId: 'updateGeneralSettings',
    summary:
      'Change general settings (GEN-4) and the template job (JOB-3; null removes it). A new or changed template ' +
      'job is checked against Spectrum first (GEN-6): 422 naming each field Spectrum contradicts, 503 when Spectrum ' +
      'could not be asked; nothing is saved then.',
  })
  @ZodResponse(200, generalSettingsSchema)
  @ApiProblems(422, 503)
  updateGeneral(@CurrentUser() actor: AuthUser, @Body() body: z.infer<typeof generalBody>) {
    return this.general.updateGeneral(actor.id, body);
  }

  @Get('vendor-type-filter')
  @CachedRead()
  @RequirePermission('settings.view')
  @ApiOperation({
    operationId: 'getVendorTypeFilter',
    summary: 'Vendor types that are imported; locked ones have synced data and cannot be removed (GEN-5)',
  })
  @ZodResponse(200, vendorTypeFilterSchema)
  getVendorTypeFilter() {
    return this.vendorTypes.getVendorTypeFilter();
  }

  @Put('vendor-type-filter')
  @RequirePermission('vendor_type_filter.update')
  @ZodBody(vendorTypeFilterBody)
  @ApiOperation({
    operationId: 'updateVendorTypeFilter',
    summary: 'Replace the vendor type filter (GEN-5, VEN-7: an empty filter imports no vendor)',
  })
  @ZodResponse(200, vendorTypeFilterSchema)
  @ApiProblems(422)
  updateVendorTypeFilter(@CurrentUser() actor: AuthUser, @Body() body: z.infer<typeof vendorTypeFilterBody>) {
    return this.vendorTypes.updateVendorTypeFilter(actor.id, body.types);
  }
}
