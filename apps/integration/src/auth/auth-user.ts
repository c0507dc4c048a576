import type { Actor } from '@bridge/rules';

/** The authenticated caller of a request. */
export interface AuthUser extends Actor {
  name: string;
  email: string;
}
