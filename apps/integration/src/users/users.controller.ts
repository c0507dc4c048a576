import { isLevelDirectlyEditable, PERMISSION_LEVELS } from '@bridge/rules';
import { Body, Controller, Get, HttpCode, Inject, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { AuditService } from '../audit/audit.service.js';
import type { AuthUser } from '../auth/auth-user.js';
import { assertAllowed, CurrentUser } from '../auth/authorization.js';
import { RequirePermission } from '../auth/permission.guard.js';
import { hashToken, newApiToken } from '../auth/tokens.js';
import { decodeCursor, pageQuery, toPage } from '../platform/http/pagination.js';
import { conflict, notFound } from '../platform/http/problem.js';
import { CachedRead } from '../platform/http/read-cache.js';
import { ApiProblems, ZodBody, ZodQuery, ZodResponse } from '../platform/http/zod.js';
import { type UserRecord, UsersRepository } from './users.repository.js';
import { createdUserSchema, permissionsTableSchema, userPageSchema, userSchema } from './users.schemas.js';

const updatePermissionBody = z
  .object({
    level: z.enum(PERMISSION_LEVELS).optional(),
    canPushToAccounting: z.boolean().optional(),
    primeContractsLevel: z.enum(PERMISSION_LEVELS).optional(),
  })
  .strict()
  .refine(
    (v) =>
      v.level !== undefined || v.canPushToAccounting !== undefined || v.primeContractsLevel !== undefined,
    { message: 'send level, canPushToAccounting and/or primeContractsLevel' },
  );

const createUserBody = z
  .object({
    name: z.string().trim().min(1).max(100),
    email: z.email().max(200),
    level: z.enum(PERMISSION_LEVELS).default('none'),
    canPushToAccounting: z.boolean().default(false),
  })
  .strict();

const view = (u: UserRecord) => ({
  id: u.id,
  name: u.name,
  email: u.email,
  level: u.level,
  canPushToAccounting: u.canPushToAccounting,
  primeContractsLevel: u.primeContractsLevel,
  isDirectoryAdmin: u.isDirectoryAdmin ?? false,
  permissionTemplate: u.permissionTemplate,
  levelEditable: isLevelDirectlyEditable(u),
});

/** PERM-1: users, their level on the ERP integrations tool and the approver privilege. */
@ApiTags('permissions')
@Controller()
export class UsersController {
  constructor(
    @Inject(UsersRepository) private readonly users: UsersRepository,
    @Inject(AuditService) private readonly audit: AuditService,
  ) {}

  @Get('me')
  @CachedRead()
  @RequirePermission('view')
  @ApiOperation({ operationId: 'getCurrentUser', summary: 'The caller and what they may do' })
  @ZodResponse(200, userSchema)
  @ApiProblems(404)
  async me(@CurrentUser() user: AuthUser) {
    const record = await this.users.findById(user.id);
    if (!record) throw notFound('User', user.id);
    return view(record);
  }

  @Get('users')
  @CachedRead()
  @RequirePermission('permissions.view')
  @ZodQuery(pageQuery)
  @ApiOperation({ operationId: 'listUsers', summary: 'Users and their ERP integrations permission' })
  @ZodResponse(200, userPageSchema)
  async list(@Query() q: z.infer<typeof pageQuery>) {
    const rows = await this.users.list(decodeCursor(q.cursor), q.limit + 1);
    return toPage(rows, q.limit, view);
  }

  @Get('permissions')
  @CachedRead()
  @RequirePermission('permissions.view')
  @ApiOperation({
    operationId: 'getPermissionsTable',
    summary: 'The permissions table (PERM-1), one row per user',
  })
  @ZodResponse(200, permissionsTableSchema)
  async table() {
    const rows = await this.users.listAll();
    return {
      levels: PERMISSION_LEVELS,
      rows: rows.map((u) => ({
        ...view(u),
        editableReason: isLevelDirectlyEditable(u)
          ? null
          : u.isDirectoryAdmin
            ? 'Company directory administrators are always Admin.'
            : `Set by the permission template "${u.permissionTemplate}".`,
      })),
    };
  }

  @Post('users')
  @HttpCode(201)
  @RequirePermission('permissions.update')
  @ZodBody(createUserBody)
  @ApiOperation({
    operationId: 'createUser',
    summary: 'Create a user; the response carries their API token once',
  })
  @ZodResponse(201, createdUserSchema, 'Created; the token is shown only in this response')
  @ApiProblems(409)
  async create(@CurrentUser() actor: AuthUser, @Body() body: z.infer<typeof createUserBody>) {
    const token = newApiToken();
    try {
      const user = await this.users.createWithToken(body, {
        hash: hashToken(token),
        label: 'created by admin',
      });
      await this.audit.record({
        actorId: actor.id,
        action: 'user.create',
        itemType: 'user',
        itemId: user.id,
        after: view(user),
      });
      return { ...view(user), token };
    } catch (e) {
      if ((e as { code?: string }).code === 'P2002')
        throw conflict('email-taken', `${body.email} already has a user.`, 'email');
      throw e;
    }
  }

  @Patch('users/:id/permission')
  @RequirePermission('permissions.update')
  @ZodBody(updatePermissionBody)
  @ApiOperation({
    operationId: 'updateUserPermission',
    summary: "Change a user's level or approver privilege",
  })
  @ZodResponse(200, userSchema)
  @ApiProblems(404)
  async update(
    @CurrentUser() actor: AuthUser,
    @Param('id') id: string,
    @Body() body: z.infer<typeof updatePermissionBody>,
  ) {
    const target = await this.users.findById(id);
    if (!target) throw notFound('User', id);
    if (body.level !== undefined) assertAllowed(actor, 'permissions.update', { targetUser: target });
    const updated = await this.users.updatePermission(id, body);
    await this.audit.record({
      actorId: actor.id,
      action: 'user.permission.update',
      itemType: 'user',
      itemId: id,
      before: {
        level: target.level,
        canPushToAccounting: target.canPushToAccounting,
        primeContractsLevel: target.primeContractsLevel,
      },
      after: {
        level: updated.level,
        canPushToAccounting: updated.canPushToAccounting,
        primeContractsLevel: updated.primeContractsLevel,
      },
    });
    return view(updated);
  }
}
