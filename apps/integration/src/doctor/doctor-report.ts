import { INFOLINK_TABLES, type ProbedGetService } from '@bridge/spectrum-client';
import type { StoredSettings } from '../settings/settings.repository.js';
import type { ResolvedConnection } from '../spectrum/spectrum-client.factory.js';

/** The connection doctor's report (PROD-11): its checks, how each prints, and the checks it reports as skipped. */

export type CheckStatus = 'pass' | 'fail' | 'skip';

/** The SDX services the integration calls: the Gets it reads with (connection test, cost codes, pre-flight)… */
export const GET_SERVICES_USED = ['GetJob', 'GetPhase'] as const satisfies readonly ProbedGetService[];
/** …and the Puts its exports write with (never a delete: Spectrum's SDX has none, and the integration uses none). */
export const PUT_SERVICES_USED = [
  'AddJob',
  'AddPhase',
  'AddVendor',
  'JobCostProjections',
  'UpdateSubcontract',
  'UpdateSubcontractPhases',
  'ARChangeRequest',
] as const;

/** PROD-11: one check of the connection doctor, with the remedy when it fails. */
export interface DoctorCheck {
  id: string;
  title: string;
  status: CheckStatus;
  detail: string;
  remedy: string | null;
  /** The rule of docs/spec.md the check belongs to. */
  rule: string;
}

export interface DoctorReport {
  ok: boolean;
  checkedAt: string;
  serviceUrl: string | null;
  companyCode: string | null;
  infoLinkMode: 'http' | 'sql';
  checks: DoctorCheck[];
  /** One line per check: `✔`, `✗` (with its remedy) or `–` (not run, with why). */
  lines: string[];
}

const MARK: Record<CheckStatus, string> = { pass: '✔', fail: '✗', skip: '–' };

export function doctorLine(c: DoctorCheck): string {
  return `${MARK[c.status]} ${c.title}: ${c.detail}${c.status === 'fail' && c.remedy ? ` → ${c.remedy}` : ''}`;
}

/** PROD-17: clocks further apart than this fail the check. */
export const CLOCK_TOLERANCE_MS = 5 * 60_000;

/** Every check after the server one, for the report when the server does not answer. */
export function laterChecks(c: ResolvedConnection, stored: StoredSettings) {
  return [
    { id: 'clock', title: 'Clocks', rule: 'PROD-17' },
    ...[...GET_SERVICES_USED, ...PUT_SERVICES_USED].map((s) => ({
      id: `wsdl:${s}`,
      title: `${s} WSDL`,
      rule: 'PROD-13',
    })),
    { id: 'oauth', title: 'OAuth token', rule: 'PROD-15' },
    ...authorizedChecks(c, stored),
  ];
}

/** The checks that need an accepted Authorization ID (or token). */
export function authorizedChecks(c: ResolvedConnection, stored: StoredSettings) {
  return [
    { id: 'authorization', title: `Authorization ID for company ${c.companyCode} (GetJob)`, rule: 'PROD-14' },
    ...GET_SERVICES_USED.filter((s) => s !== 'GetJob').map((s) => ({
      id: `service:${s}`,
      title: `${s} allowed`,
      rule: 'PROD-14',
    })),
    ...INFOLINK_TABLES.map((d) => ({
      id: `infolink:${d.table}`,
      title: `Info-Link ${d.table}`,
      rule: 'PROD-16',
    })),
    { id: 'vendor-types', title: 'Vendor type filter', rule: 'PROD-18' },
    {
      id: 'template-job',
      title: stored.templateJob ? `Template job ${stored.templateJob.jobNumber}` : 'Template job',
      rule: 'PROD-18',
    },
  ];
}
