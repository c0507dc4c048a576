import { createHash, randomBytes } from 'node:crypto';

/** A new API token: `brg_` + 32 random bytes. Only its hash is stored. */
export function newApiToken(): string {
  return `brg_${randomBytes(32).toString('base64url')}`;
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}
