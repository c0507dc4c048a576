import type { Actor, PermissionLevel } from '@bridge/rules';

/** The authenticated caller of a request. */
export interface AuthUser extends Actor {
  name: string;
  email: string;
  /** PERM-5: level on the projects' prime contracts tool. */
  primeContractsLevel: PermissionLevel;
}
