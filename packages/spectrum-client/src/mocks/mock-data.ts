import type { INFOLINK_TABLES } from '../infolink/infolink-tables.js';
import type { Vendor } from '../rest/rest-services.js';
import type { Customer, Job, JobDates, JobMain, Phase, PhaseEnhanced } from '../services/get-services.js';

export type InfoLinkTableName = (typeof INFOLINK_TABLES)[number]['table'];

/** What the mock Spectrum holds. Rows are domain objects (camelCase, cents, ISO dates). */
export interface SpectrumMockData {
  companyCode?: string;
  /** When set, SOAP calls with another Authorization_ID get the `E`/`A` not-authorized row. */
  authorizationId?: string;
  jobs?: Job[];
  jobMain?: JobMain[];
  jobDates?: JobDates[];
  phases?: (Phase & Partial<PhaseEnhanced>)[];
  customers?: Customer[];
  vendors?: Vendor[];
  /** Info-Link rows per table (domain objects of the matching reader type). */
  infoLink?: Partial<Record<InfoLinkTableName, Record<string, unknown>[]>>;
  /** Values a Put service generates (`G` rows): service -> column -> value. */
  generated?: Record<string, Record<string, string>>;
  /** Row cap of Get services (default 500, like Spectrum). */
  rowCap?: number;
  /** OAuth client accepted by `/connect/token` (default: any). */
  oauth?: { clientId: string; clientSecret: string; expiresIn?: number };
  /** Called with every Put request's fields (wire names), for assertions. */
  onPut?: (service: string, fields: Record<string, string>) => void;
}
