/**
 * The PM-side records as the rules see them: plain data, camelCase, money in integer cents, dates as ISO strings.
 * The service maps its storage rows to these shapes; nothing here knows about a database.
 */

/** Integer cents (a safe integer). */
export type Cents = number;
/** `YYYY-MM-DD`. */
export type IsoDate = string;
/** ISO 8601 instant, e.g. `2026-11-22T02:00:00.000Z`. */
export type IsoDateTime = string;

export const SYNC_STATES = [
  'ready_to_import',
  'ready_to_export',
  'exporting',
  'synced',
  'rejected',
  'failed',
  'unlinked',
] as const;
export type SyncState = (typeof SYNC_STATES)[number];

export const ITEM_TYPES = [
  'job',
  'vendor',
  'cost_code',
  'budget',
  'budget_change',
  'commitment',
  'commitment_change_order',
  'prime_contract',
  'prime_contract_change_order',
  'forecast',
  'project',
  'company',
] as const;
export type ItemType = (typeof ITEM_TYPES)[number];

/** Items a PM user can send to the ERP (APP-1). */
export const EXPORTABLE_TYPES = [
  'project',
  'company',
  'budget',
  'budget_change',
  'commitment',
  'commitment_change_order',
  'prime_contract_change_order',
  'forecast',
] as const;
export type ExportableType = (typeof EXPORTABLE_TYPES)[number];

/** Items staged from Spectrum for a person to act on. */
export const IMPORTABLE_TYPES = ['job', 'vendor', 'cost_code', 'budget', 'prime_contract'] as const;
export type ImportableType = (typeof IMPORTABLE_TYPES)[number];

export type PriceMethodCode = 'F' | 'T' | 'C' | 'U';

/** GEN-4 general settings. */
export interface GeneralSettings {
  usePmContractNumber: boolean;
  usePmChangeOrderNumber: boolean;
  autoAddCostCodesToBudgets: boolean;
  budgetDirectCosts: 'populate_from_erp' | 'editable';
  vendors: 'auto_update' | 'do_not_update';
}

export const DEFAULT_GENERAL_SETTINGS: GeneralSettings = Object.freeze({
  usePmContractNumber: true,
  usePmChangeOrderNumber: true,
  autoAddCostCodesToBudgets: false,
  budgetDirectCosts: 'populate_from_erp',
  vendors: 'auto_update',
});

/** JOB-3: the configured Spectrum template job whose attributes a new job copies. */
export interface TemplateJob {
  jobNumber: string;
  division: string;
  costCenter: string;
  customerCode: string;
  taxable: boolean;
  priceMethodCode: PriceMethodCode;
  phaseMask?: string;
  glAccount?: string;
}

/** Where the integration stands: the facts most checks need. */
export interface IntegrationFacts {
  /** When the PM account was connected to Spectrum (JOB-2); null when not connected yet. */
  connectedAt: IsoDateTime | null;
  /** Connection status of the last check (GEN-3). */
  connected: boolean;
  /** Id of the one "Spectrum Standard Cost Codes" list (LIM-2, WBS-1); null before the first cost code sync. */
  standardCostCodeListId: string | null;
  templateJob: TemplateJob | null;
  settings: GeneralSettings;
}

export interface ProjectCostCode {
  /** Code as people write it, possibly with dashes (`01-3100`). */
  code: string;
  description: string;
  /** Cost types attached to the code on this project. */
  costTypes: string[];
  /** Whether the code + cost types are known to Spectrum on the linked job (BUD-5). */
  syncedWithSpectrum: boolean;
}

export interface Project {
  id: string;
  name: string;
  number?: string | null;
  createdAt: IsoDateTime;
  costCodeListId: string | null;
  costCodes: ProjectCostCode[];
  address1?: string | null;
  address2?: string | null;
  city?: string | null;
  state?: string | null;
  zip?: string | null;
  phone?: string | null;
  /** Spectrum job number when linked (JOB-4). */
  jobNumber: string | null;
  /** LIM-3: a sub job (of a Spectrum master job). */
  isSubJob: boolean;
  tools: { budget: boolean; primeContracts: boolean };
  /** FC-1: forecast export enabled in the project's budget settings. */
  forecastExportEnabled?: boolean;
  syncState?: SyncState | null;
}

export interface Company {
  id: string;
  name: string;
  address1?: string | null;
  address2?: string | null;
  city?: string | null;
  state?: string | null;
  zip?: string | null;
  phone?: string | null;
  fax?: string | null;
  email?: string | null;
  contactName?: string | null;
  vendorType?: string | null;
  /** Spectrum vendor code when linked. */
  vendorCode: string | null;
  /** A directory company marked as a customer (VEN-5: never exported as an AR customer). */
  isCustomer?: boolean;
  syncState?: SyncState | null;
}

/**
 * A Spectrum vendor's name, address, phone and fax as a directory company holds them: what VEN-3 copies to the
 * linked company and what the vendor matcher compares (VEN-1).
 */
export interface SpectrumVendorFields {
  name: string;
  address1?: string | null;
  address2?: string | null;
  city?: string | null;
  state?: string | null;
  zip?: string | null;
  phone?: string | null;
  fax?: string | null;
}

export interface BudgetLine {
  costCode: string;
  costType: string;
  description?: string | null;
  /** Original budget amount. */
  amount: Cents;
  /** FC-1: estimated cost at completion, when forecasting is used. */
  estimatedCostAtCompletion?: Cents | null;
  /** LIM-8: quantities and units are never synced; kept only to prove they are ignored. */
  quantity?: string | null;
  unitOfMeasure?: string | null;
}

export interface Budget {
  projectId: string;
  locked: boolean;
  /** BUD-6: the budget was exported to Spectrum at least once. */
  everExported: boolean;
  /** BUD-6: an export of this budget is waiting or running. */
  exportInFlight: boolean;
  lines: BudgetLine[];
  syncState?: SyncState | null;
}

export interface SovLine {
  costCode: string;
  costType: string;
  description?: string | null;
  amount: Cents;
  /** LIM-8 / COM-6: tax codes never go to Spectrum. */
  taxCode?: string | null;
  quantity?: string | null;
  unitOfMeasure?: string | null;
  unitPrice?: string | null;
}

export type CommitmentStatus =
  | 'draft'
  | 'out_for_signature'
  | 'approved'
  | 'complete'
  | 'terminated'
  | 'void';

export interface Commitment {
  id: string;
  kind: 'subcontract' | 'purchase_order';
  number: string;
  title: string;
  description?: string | null;
  status: CommitmentStatus;
  companyId: string;
  projectId: string;
  lines: SovLine[];
  contractDate?: IsoDate | null;
  retentionPercent?: string | null;
  syncState: SyncState | null;
  /** Spectrum key once linked (`VENDOR/SUBNUMBER`). */
  spectrumKey: string | null;
  createdBy?: string | null;
}

export type ChangeOrderStatus = 'draft' | 'pending' | 'approved' | 'rejected' | 'void';

export interface CommitmentChangeOrder {
  id: string;
  number: string;
  title: string;
  description?: string | null;
  status: ChangeOrderStatus;
  commitmentId: string;
  lines: SovLine[];
  date?: IsoDate | null;
  syncState: SyncState | null;
  spectrumKey: string | null;
}

export interface PrimeContract {
  id: string;
  projectId: string;
  /** Spectrum key: job + customer. */
  jobNumber: string;
  customerCode: string;
  title: string;
  status: 'draft' | 'approved' | 'complete';
  unitPrice: boolean;
  syncState: SyncState | null;
  /** When the contract was last imported/re-imported (PCCO-1 freshness). */
  lastImportedAt: IsoDateTime | null;
}

export interface PrimeContractChangeOrderLine {
  billingItemCode: string;
  description?: string | null;
  amount: Cents;
  costCode?: string | null;
  costType?: string | null;
  /** The cost side, net of markup (when the PCCO carries cost lines). */
  costAmount?: Cents | null;
}

export interface PrimeContractChangeOrder {
  id: string;
  number: string;
  title: string;
  description?: string | null;
  status: ChangeOrderStatus;
  primeContractId: string;
  unitPrice: boolean;
  lines: PrimeContractChangeOrderLine[];
  approvedDate?: IsoDate | null;
  syncState: SyncState | null;
  spectrumKey: string | null;
}

export interface BudgetChangeLine {
  costCode: string;
  costType: string;
  amount: Cents;
  description?: string | null;
}

export interface BudgetChange {
  id: string;
  number: string;
  title: string;
  projectId: string;
  lines: BudgetChangeLine[];
  date?: IsoDate | null;
  syncState: SyncState | null;
  spectrumKey: string | null;
}
