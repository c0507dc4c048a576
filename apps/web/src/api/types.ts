// The shapes the screens use: the service's own schemas, from the generated OpenAPI types.
import type { components } from './schema';

type S = components['schemas'];

export type Reason = S['Reason'];
export type DoctorReport = S['DoctorReport'];
export type DoctorCheck = S['DoctorCheck'];
export type BlockedAction = S['BlockedAction'];
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}
export type PermissionLevel = S['PermissionLevel'];
export type CurrentUser = S['User'];
export type SignInOptions = S['SignInOptions'];
export type SyncState = S['SyncState'];
export type Importable = S['Importable'];
export type VendorMatch = S['VendorMatchSuggestion'];
export type Project = S['Project'];
export type Company = S['Company'];
export type Commitment = S['Commitment'];
export type CommitmentLine = Commitment['lines'][number];
export type ExportRequestState = S['ExportRequestState'];
export type ExportStep = S['ExportStep'];
/** A request as the queue lists it; its own page adds the steps and the pre-filled key. */
export type ExportRequest = S['ExportRequestListItem'] &
  Partial<Pick<S['ExportRequestDetail'], 'steps' | 'spectrumCalls' | 'prefill'>>;
export type ExportPreview = S['ExportPreview'];
export type PreviewWrite = S['PreviewWrite'];
export type BulkDecisionOutcome = S['BulkDecisionOutcome'];
export type BulkDecisionResult = S['BulkDecisionResult'];
export type ConnectionSettings = S['ConnectionSettings'];
export type SyncGroup = S['SyncGroup'];
export type SyncSchedule = S['SyncSchedule'];
export type SyncRun = S['SyncRun'];
/** The fields every exportable and importable item carries (API-4, API-5). */
export type SyncItem = Pick<
  Project,
  'id' | 'type' | 'state' | 'spectrumKey' | 'lastError' | 'lastSyncedAt' | 'blockedBy'
>;
export type CommitmentChangeOrder = S['CommitmentChangeOrder'];
export type Budget = S['Budget'];
export type BudgetLine = S['BudgetLine'];
export type BudgetChange = S['BudgetChange'];
export type JobReconciliation = S['JobReconciliation'];
export type ReconciledRow = S['ReconciledRow'];
export type ReconciliationSection = S['ReconciliationSection'];
export type ReconciliationReport = S['ReconciliationReport'];
