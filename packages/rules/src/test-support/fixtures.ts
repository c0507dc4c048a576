import type {
  Budget,
  Commitment,
  CommitmentChangeOrder,
  Company,
  IntegrationFacts,
  PrimeContract,
  PrimeContractChangeOrder,
  Project,
} from '../domain/types.js';
import { DEFAULT_GENERAL_SETTINGS } from '../domain/types.js';

export const CONNECTED_AT = '2026-01-15T12:00:00.000Z';
export const SPECTRUM_LIST = 'list-spectrum';

export function integration(over: Partial<IntegrationFacts> = {}): IntegrationFacts {
  return {
    connectedAt: CONNECTED_AT,
    connected: true,
    standardCostCodeListId: SPECTRUM_LIST,
    templateJob: {
      jobNumber: '99-TPL',
      division: '10',
      costCenter: 'ADM',
      customerCode: 'OWNER1',
      taxable: false,
      priceMethodCode: 'F',
      phaseMask: 'XX-XXXX',
    },
    settings: { ...DEFAULT_GENERAL_SETTINGS },
    ...over,
  };
}

export function project(over: Partial<Project> = {}): Project {
  return {
    id: 'p1',
    name: 'Riverside Clinic',
    number: 'RC-1',
    createdAt: '2026-02-01T09:00:00.000Z',
    costCodeListId: SPECTRUM_LIST,
    costCodes: [
      { code: '01-3100', description: 'Project management', costTypes: ['L'], syncedWithSpectrum: true },
      {
        code: '03-3000',
        description: 'Cast-in-place concrete',
        costTypes: ['M', 'S'],
        syncedWithSpectrum: true,
      },
    ],
    jobNumber: null,
    isSubJob: false,
    tools: { budget: true, primeContracts: true },
    forecastExportEnabled: true,
    syncState: null,
    ...over,
  };
}

export function company(over: Partial<Company> = {}): Company {
  return {
    id: 'c1',
    name: 'Acme Drywall, Inc.',
    address1: '12 Main St',
    city: 'Springfield',
    state: 'IL',
    zip: '62701',
    phone: '(217) 555-0100',
    fax: null,
    vendorCode: 'ACMEDRY',
    syncState: null,
    ...over,
  };
}

export function commitment(over: Partial<Commitment> = {}): Commitment {
  return {
    id: 'k1',
    kind: 'subcontract',
    number: 'SC-0001',
    title: 'Drywall package',
    status: 'approved',
    companyId: 'c1',
    projectId: 'p1',
    lines: [
      { costCode: '01-3100', costType: 'S', description: 'Framing', amount: 1_250_000 },
      { costCode: '03-3000', costType: 'S', description: 'Board', amount: 480_050 },
    ],
    syncState: null,
    spectrumKey: null,
    ...over,
  };
}

export function cco(over: Partial<CommitmentChangeOrder> = {}): CommitmentChangeOrder {
  return {
    id: 'cco1',
    number: 'CO-001',
    title: 'Extra soffits',
    status: 'approved',
    commitmentId: 'k1',
    lines: [{ costCode: '03-3000', costType: 'S', description: 'Soffits', amount: 75_000 }],
    syncState: null,
    spectrumKey: null,
    ...over,
  };
}

export function budget(over: Partial<Budget> = {}): Budget {
  return {
    projectId: 'p1',
    locked: true,
    everExported: false,
    exportInFlight: false,
    lines: [
      { costCode: '01-3100', costType: 'L', amount: 1_000_000, estimatedCostAtCompletion: 1_100_000 },
      { costCode: '03-3000', costType: 'M', amount: 2_500_000, estimatedCostAtCompletion: null },
    ],
    syncState: null,
    ...over,
  };
}

export function primeContract(over: Partial<PrimeContract> = {}): PrimeContract {
  return {
    id: 'pc1',
    projectId: 'p1',
    jobNumber: '24-101',
    customerCode: 'OWNER1',
    title: '24-101 Prime Contract',
    status: 'approved',
    unitPrice: false,
    syncState: 'synced',
    lastImportedAt: '2026-03-01T00:00:00.000Z',
    ...over,
  };
}

export function pcco(over: Partial<PrimeContractChangeOrder> = {}): PrimeContractChangeOrder {
  return {
    id: 'pcco1',
    number: '7',
    title: 'Owner-requested canopy',
    status: 'approved',
    primeContractId: 'pc1',
    unitPrice: false,
    lines: [{ billingItemCode: '100', description: 'Canopy', amount: 2_000_000 }],
    syncState: null,
    spectrumKey: null,
    ...over,
  };
}

/** The Spectrum Standard Cost Codes list as a set of codes. */
export const SPECTRUM_CODES: ReadonlySet<string> = new Set(['013100', '033000', '092900']);
