// The shapes the screens use, as the service answers them.

export interface Reason {
  code: string;
  rule: string;
  message: string;
  field?: string;
}

/** An action that is unavailable right now, with every reason (API-4). */
export interface BlockedAction {
  action: string;
  reasons: Reason[];
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export type PermissionLevel = 'none' | 'read_only' | 'standard' | 'admin';

export interface CurrentUser {
  id: string;
  name: string;
  email: string;
  level: PermissionLevel;
  canPushToAccounting: boolean;
}

export interface SignInOptions {
  demoMode: boolean;
  demoUsers: { name: string; level: PermissionLevel; canPushToAccounting: boolean }[];
}

export type SyncState =
  | 'ready_to_import'
  | 'ready_to_export'
  | 'exporting'
  | 'synced'
  | 'rejected'
  | 'failed'
  | 'unlinked';

/** The fields every exportable and importable item carries (API-4, API-5). */
export interface SyncItem {
  id: string;
  type: string;
  state: SyncState | null;
  spectrumKey: string | null;
  lastError: string | null;
  lastSyncedAt: string | null;
  blockedBy: BlockedAction[];
}

export interface VendorMatch {
  companyId: string;
  companyName: string;
  score: number;
  reasons: ('name' | 'phone' | 'address' | 'zip' | 'city')[];
}

export interface Importable extends SyncItem {
  pmId: string | null;
  spectrum: Record<string, string | number | boolean | null>;
  matchSuggestions?: VendorMatch[];
}

export interface Project extends SyncItem {
  name: string;
  number: string | null;
  status: string;
  costCodeCount: number;
}

export interface Company extends SyncItem {
  name: string;
  vendorType: string | null;
  city: string | null;
}

export interface CommitmentLine {
  costCode: string;
  costType: string;
  description: string | null;
  amountCents: number;
  taxCode?: string | null;
}

export interface Commitment extends SyncItem {
  projectId: string;
  companyId: string;
  companyName: string;
  kind: 'subcontract' | 'purchase_order';
  number: string;
  title: string;
  description: string | null;
  status: string;
  contractDate: string | null;
  lines: CommitmentLine[];
  totalCents: number;
  updatedAt: string;
}

export type ExportRequestState =
  | 'ready_to_export'
  | 'exporting'
  | 'synced'
  | 'rejected'
  | 'failed'
  | 'retrieved';

export interface ExportStep {
  seq: number;
  name: string;
  service: string;
  status: 'pending' | 'done';
  doneAt: string | null;
}

export interface ExportRequest {
  id: string;
  type: string;
  itemId: string;
  state: ExportRequestState;
  sentById: string;
  sentAt: string;
  decidedAt: string | null;
  note: string | null;
  rejectReason: string | null;
  spectrumKey: string | null;
  attempts: number;
  lastError: string | null;
  finishedAt: string | null;
  item: Record<string, unknown> | null;
  blockedBy?: BlockedAction[];
  steps?: ExportStep[];
  spectrumCalls?: number;
  prefill?: {
    spectrumId?: string | null;
    changeRequestId?: string | null;
    blockedBy?: Reason[];
    error?: string;
  } | null;
}

export interface ConnectionSettings {
  serviceUrl: string | null;
  companyCode: string | null;
  serviceUser: string | null;
  authMode: 'none' | 'basic' | 'oauth';
  servicePasswordSet: boolean;
  clientSecretSet: boolean;
  connectionStatus: string;
  connectionCheckedAt: string | null;
  connectionError: string | null;
}

export type SyncGroup = 'cost_codes' | 'vendors' | 'jobs';

export interface SyncSchedule {
  groups: { group: SyncGroup; frequency: string; cronExpression: string | null; nextRunAt: string | null }[];
}

export interface SyncRun {
  id: string;
  group: SyncGroup;
  trigger: string;
  status: 'running' | 'succeeded' | 'failed' | string;
  startedAt: string;
  endedAt: string | null;
  counts: {
    read: number;
    created: number;
    updated: number;
    unchanged: number;
    vanished: number;
    failed: number;
  };
  error: string | null;
}
