/**
 * Provider states named by the consumer's interactions. The provider side implements each one through
 * the simulator's `/__sim/` control API (pact-provider.test.ts) and fails when a state cannot be set up.
 */
export const STATE = {
  /** The demo scenario, freshly loaded (company ABC, Authorization ID BRIDGEDEMO). */
  demo: 'company ABC holds the demo data',
  /** params: `{ collection, ...columns }` — the demo data holds such a row. */
  rowExists: 'a row exists',
  /** params: `{ collection, ...columns }` — the demo data holds no such row. */
  rowAbsent: 'no such row exists',
  /** 24-105: 135 phase codes × cost types E, L, M, S; the 135 rows of cost type E set inactive. */
  hangarPhases: 'job 24-105 has 540 phase rows, the 135 of cost type E inactive',
  /** Every job except 24-101 removed, so a company-wide phase stream reads one job. */
  singleJob: 'company ABC has the single job 24-101',
  /** READONLY may call the Get services only. */
  readOnlyId: 'Authorization ID READONLY may call Get services only',
  /** NOSUCH is not an Authorization ID of the system. */
  unknownId: 'Authorization ID NOSUCH is not set up',
  /** BRIDGEDEMO is not authorized for company XYZ. */
  foreignCompany: 'Authorization ID BRIDGEDEMO has no access to company XYZ',
  /** params: `{ service }` — every session GUID of that service has timed out. */
  guidExpired: 'the session GUID has timed out',
  /** params: `{ service }` — the service fails with the SOAP Server fault. */
  serverFault: 'the web service fails with a SOAP Server fault',
  /** params: `{ service }` — this Spectrum release has no such web service (SOAP Client fault). */
  missingService: 'this Spectrum release does not have the web service',
  /** OAuth client `bridge-demo` (BRIDGEDEMO) is registered; provides `accessToken` to the request. */
  oauthClient: 'OAuth client bridge-demo is registered for BRIDGEDEMO',
} as const;

export type StateName = (typeof STATE)[keyof typeof STATE];
