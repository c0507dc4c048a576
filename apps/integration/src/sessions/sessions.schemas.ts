import { PERMISSION_LEVELS } from '@bridge/rules';
import { z } from 'zod';
import { isoDateTime } from '../links/links.schemas.js';

/** What the sign-in page offers (WEB-1). */
export const signInOptionsSchema = z
  .object({
    demoMode: z.boolean(),
    demoUsers: z.array(
      z.object({
        name: z.string(),
        level: z.enum(PERMISSION_LEVELS),
        canPushToAccounting: z.boolean(),
      }),
    ),
  })
  .meta({ id: 'SignInOptions' });

/** A new browser session: who signed in and until when (the cookie itself is HttpOnly). */
export const sessionSchema = z
  .object({
    user: z.object({
      id: z.string(),
      name: z.string(),
      level: z.enum(PERMISSION_LEVELS),
      canPushToAccounting: z.boolean(),
    }),
    expiresAt: isoDateTime,
  })
  .meta({ id: 'Session' });
