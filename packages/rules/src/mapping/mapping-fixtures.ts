import type {
  Budget,
  BudgetChange,
  Commitment,
  CommitmentChangeOrder,
  Company,
  PrimeContract,
  PrimeContractChangeOrder,
  Project,
  TemplateJob,
} from '../domain/types.js';

/** Realistic PM records shared by the mapping tests. */

export const template: TemplateJob = {
  jobNumber: 'TEMPLATE',
  division: '10',
  costCenter: 'TPA',
  customerCode: 'OWNER01',
  taxable: true,
  priceMethodCode: 'F',
  phaseMask: 'XX-XXXX',
  glAccount: '5000',
};

export const project: Project = {
  id: 'p-1',
  name: 'Harbor Point Tower Ph 2',
  number: '25-101',
  createdAt: '2026-03-01T12:00:00.000Z',
  costCodeListId: 'list-1',
  costCodes: [
    { code: '01-3100', description: 'Project Management', costTypes: ['L'], syncedWithSpectrum: true },
  ],
  address1: '  400 Channelside Dr ',
  address2: null,
  city: 'Tampa',
  state: 'fl',
  zip: '33602',
  phone: '(813) 555-0100',
  jobNumber: null,
  isSubJob: false,
  tools: { budget: true, primeContracts: true },
};

export const company: Company = {
  id: 'c-1',
  name: 'The Acme Drywall & Paint Company, Inc.',
  address1: '1200 N Harbor Blvd',
  address2: 'Suite 4',
  city: 'Tampa',
  state: 'FL',
  zip: '33602-1234',
  phone: '813-555-0142',
  fax: '(813) 555-0143',
  email: 'office@acmedrywall.example',
  contactName: 'Maria Delgado-Fitzgerald',
  vendorType: 'sub',
  vendorCode: 'ACMEDRY',
  isCustomer: true,
};

export const commitment: Commitment = {
  id: 'cm-1',
  kind: 'subcontract',
  number: 'SC-042',
  title: 'Drywall and paint, levels 1-12',
  status: 'approved',
  companyId: 'c-1',
  projectId: 'p-1',
  contractDate: '2026-04-15',
  retentionPercent: '10',
  syncState: null,
  spectrumKey: null,
  lines: [
    {
      costCode: '09-2900',
      costType: 'S',
      description: 'Gypsum board assemblies, all levels',
      amount: 45000000,
      taxCode: 'TX-FL',
    },
    { costCode: '09-9100', costType: 'S', description: 'Painting', amount: 12500050 },
    {
      costCode: '092900',
      costType: 'S',
      description: 'Gypsum board, level 12 add',
      amount: 1000025,
      taxCode: 'TX-FL',
    },
  ],
};

export const cco: CommitmentChangeOrder = {
  id: 'cco-1',
  number: '003',
  title: 'Add soffits at lobby ceiling and corridor bulkheads',
  status: 'approved',
  commitmentId: 'cm-1',
  date: '2026-06-02',
  syncState: null,
  spectrumKey: null,
  lines: [
    { costCode: '09-2900', costType: 'S', description: 'Lobby soffits', amount: 850000 },
    { costCode: '09-9100', costType: 'S', description: null, amount: -125000 },
    { costCode: '09-2900', costType: 'S', description: 'Corridor bulkheads', amount: 230050 },
  ],
};

export const primeContract: PrimeContract = {
  id: 'pc-1',
  projectId: 'p-1',
  jobNumber: '25-101',
  customerCode: 'OWNER01',
  title: 'Harbor Point Tower GMP',
  status: 'approved',
  unitPrice: false,
  syncState: 'synced',
  lastImportedAt: '2026-05-01T00:00:00.000Z',
};

export const pcco: PrimeContractChangeOrder = {
  id: 'pcco-1',
  number: '004',
  title: 'Owner requested lobby upgrades',
  status: 'approved',
  primeContractId: 'pc-1',
  unitPrice: false,
  approvedDate: '2026-06-10',
  syncState: null,
  spectrumKey: null,
  lines: [
    {
      billingItemCode: '100',
      description: 'Lobby finishes upgrade (owner directive 7)',
      amount: 1500000,
      costCode: '09-2900',
      costType: 'S',
      costAmount: 1200000,
    },
    { billingItemCode: '100', description: 'Lobby finishes, part 2', amount: 250000 },
    {
      billingItemCode: '200',
      description: null,
      amount: 99999,
      costCode: '01-3100',
      costType: 'L',
      costAmount: 50000,
    },
  ],
};

export const budget: Budget = {
  projectId: 'p-1',
  locked: true,
  everExported: false,
  exportInFlight: false,
  lines: [
    {
      costCode: '01-3100',
      costType: 'L',
      amount: 12000000,
      estimatedCostAtCompletion: 12500000,
      quantity: '1200',
      unitOfMeasure: 'HR',
    },
    { costCode: '09-2900', costType: 'S', amount: 46000000, estimatedCostAtCompletion: null },
    { costCode: '01-3100', costType: 'L', amount: 300000, estimatedCostAtCompletion: 250000 },
    { costCode: '03-3000', costType: 'M', amount: 0 },
  ],
};

export const budgetChange: BudgetChange = {
  id: 'bc-1',
  number: '2',
  title: 'Transfer contingency to drywall',
  projectId: 'p-1',
  date: '2026-07-01',
  syncState: null,
  spectrumKey: null,
  lines: [
    { costCode: '09-2900', costType: 'S', amount: 500000 },
    { costCode: '01-9000', costType: 'O', amount: -500000 },
    { costCode: '09-2900', costType: 'S', amount: 1000 },
  ],
};
