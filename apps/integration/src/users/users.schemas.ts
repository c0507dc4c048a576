import { PERMISSION_LEVELS } from '@bridge/rules';
import { z } from 'zod';
import { pageOf } from '../platform/http/pagination.js';

const permissionLevel = z.enum(PERMISSION_LEVELS).meta({ id: 'PermissionLevel' });

/** A user and their ERP integrations permission (PERM-1). */
export const userSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    email: z.string(),
    level: permissionLevel,
    canPushToAccounting: z.boolean(),
    primeContractsLevel: permissionLevel,
    isDirectoryAdmin: z.boolean(),
    permissionTemplate: z.string().nullable(),
    levelEditable: z.boolean().describe('False when a directory role or permission template sets the level'),
  })
  .meta({ id: 'User' });

export const userPageSchema = pageOf(userSchema, 'UserPage');

/** `createUser`: the user with their API token, shown this once. */
export const createdUserSchema = userSchema
  .extend({ token: z.string().describe('The API token, shown once; it is stored hashed') })
  .meta({ id: 'CreatedUser' });

/** `getPermissionsTable`: the levels and one row per user with why their level cannot be edited here. */
export const permissionsTableSchema = z
  .object({
    levels: z.array(permissionLevel),
    rows: z.array(
      userSchema.extend({ editableReason: z.string().nullable() }).meta({ id: 'PermissionsTableRow' }),
    ),
  })
  .meta({ id: 'PermissionsTable' });
