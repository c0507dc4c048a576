import { randomBytes } from 'node:crypto';
import type { SpectrumStore } from '../store/spectrum-store.js';
import type { Row } from '../store/table-defs.js';
import * as T from '../store/table-defs.js';

export const NOT_SETUP = 'The Web Service is not authorized. Authorization ID is not setup in the system.';
export const GET_NOT_AUTHORIZED = 'The web service is not Authorized';
export const GUID_TIMEOUT = 'Time out has occurred';

export type Authorization =
  | { ok: true; company: string; authId: string }
  | { ok: false; description: string; column: string };

export interface AuthOptions {
  /** Require an OAuth bearer token on the Spectrum paths ("Enhanced Authentication"). */
  enhanced: boolean;
  /** GUID inactivity time-out in ms; null = GUIDs never expire. */
  guidTimeoutMs: number | null;
  tokenLifetimeSeconds: number;
}

interface Token {
  authId: string;
  expiresAt: number;
}

function list(value: unknown): string[] {
  return String(value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/**
 * Authorization IDs (companies + allowed services per ID), HTTP Basic, OAuth2 client credentials
 * and GUID expiry, as Spectrum's Data Exchange applies them.
 */
export class AuthService {
  private readonly tokens = new Map<string, Token>();
  private readonly guids = new Map<string, number>();

  constructor(
    private readonly store: SpectrumStore,
    private readonly clock: () => Date,
    /** Mutable: the control API switches enhanced mode and GUID expiry at run time. */
    readonly options: AuthOptions,
  ) {}

  lookup(authId: string): Row | undefined {
    if (authId === '') return undefined;
    const row = this.store.get(T.authIds, { Authorization_ID: authId });
    return row && row.Status_Code !== 'I' ? row : undefined;
  }

  /** Can this Authorization ID call this service for this company (blank = the ID's default company)? */
  authorize(authId: string, service: string, company: string, isGet: boolean): Authorization {
    const row = this.lookup(authId);
    const refused = isGet ? GET_NOT_AUTHORIZED : NOT_SETUP;
    if (!row) return { ok: false, description: refused, column: 'Authorization_ID' };
    const services = list(row.Services);
    if (!services.includes('*') && !services.includes(service)) {
      return {
        ok: false,
        description: isGet
          ? GET_NOT_AUTHORIZED
          : `The Web Service ${service} is not authorized for this Authorization ID.`,
        column: 'Authorization_ID',
      };
    }
    const companies = list(row.Company_Codes);
    const target = company === '' ? (companies[0] ?? '') : company;
    if (!companies.includes(target)) {
      return {
        ok: false,
        description: isGet ? GET_NOT_AUTHORIZED : `Authorization ID is not authorized for company ${target}.`,
        column: 'Authorization_ID',
      };
    }
    return { ok: true, company: target, authId };
  }

  /** Companies an Authorization ID may read (REST / Info-Link). */
  companiesOf(authId: string): string[] {
    const row = this.lookup(authId);
    return row ? list(row.Company_Codes) : [];
  }

  /** False when the GUID has been idle longer than the time-out (it stays expired). */
  touchGuid(authId: string, service: string, guid: string): boolean {
    if (guid === '' || this.options.guidTimeoutMs === null) return true;
    const key = `${authId}\u0000${service}\u0000${guid}`;
    const now = this.clock().getTime();
    const last = this.guids.get(key);
    if (last !== undefined && now - last > this.options.guidTimeoutMs) return false;
    if (this.guids.size >= 100_000) this.pruneGuids(now);
    this.guids.set(key, now);
    return true;
  }

  /** Forgets GUIDs idle past the time-out, so callers that send a fresh GUID per call cannot grow memory. */
  private pruneGuids(now: number): void {
    const limit = this.options.guidTimeoutMs ?? 0;
    for (const [key, last] of this.guids) if (now - last > limit) this.guids.delete(key);
    if (this.guids.size >= 100_000) this.guids.clear();
  }

  /** `Authorization: Basic base64(Company_Code:Authorization_ID)` → its parts, when well formed and known. */
  basic(header: string | undefined): { company: string; authId: string } | 'absent' | 'invalid' {
    if (!header) return 'absent';
    const m = /^Basic\s+(.+)$/i.exec(header.trim());
    if (!m) return 'absent';
    const decoded = Buffer.from(m[1] ?? '', 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 0) return 'invalid';
    const company = decoded.slice(0, colon);
    const authId = decoded.slice(colon + 1);
    if (!this.lookup(authId)) return 'invalid';
    return { company, authId };
  }

  bearer(header: string | undefined): { authId: string } | 'absent' | 'invalid' {
    if (!header) return 'absent';
    const m = /^Bearer\s+(.+)$/i.exec(header.trim());
    if (!m) return 'absent';
    const token = this.tokens.get(m[1] ?? '');
    if (!token || token.expiresAt <= this.clock().getTime()) return 'invalid';
    return { authId: token.authId };
  }

  /** OAuth2 client credentials grant; undefined when the client is unknown or the secret wrong. */
  issueToken(clientId: string, secret: string): { accessToken: string; expiresIn: number } | undefined {
    const row = this.store
      .select(T.authIds, { Client_ID: clientId })
      .find((r) => r.Client_Secret === secret && r.Status_Code !== 'I' && clientId !== '');
    if (!row) return undefined;
    const accessToken = randomBytes(24).toString('base64url');
    const expiresIn = this.options.tokenLifetimeSeconds;
    this.tokens.set(accessToken, {
      authId: String(row.Authorization_ID),
      expiresAt: this.clock().getTime() + expiresIn * 1000,
    });
    return { accessToken, expiresIn };
  }

  reset(): void {
    this.tokens.clear();
    this.guids.clear();
  }
}
