import type { Vendor } from '../rest/rest-services.js';
import type { Customer, Job, JobDates, JobMain, Phase, PhaseEnhanced } from '../services/get-services.js';
import type { SpectrumMockData } from './mock-data.js';

/** A small, realistic company (`ABC`) shaped after captures of real servers (docs/spectrum-wire.md §5). */
export function sampleJob(overrides: Partial<Job> = {}): Job {
  return {
    companyCode: 'ABC',
    jobNumber: '24-101',
    jobDescription: 'Riverside Medical Office',
    division: '1',
    address1: '100 River Rd',
    address2: '',
    city: 'Springfield',
    state: 'IL',
    zipCode: '62701',
    projectManager: 'JSMITH',
    superintendent: 'BJONES',
    estimator: 'KLEE',
    certifiedFlag: 'N',
    customerCode: 'ACME',
    statusCode: 'A',
    workStateTaxCode: 'IL',
    contractNumber: 'C-2024-01',
    costCenter: 'BLD',
    ...overrides,
  };
}

export function samplePhase(overrides: Partial<Phase & PhaseEnhanced> = {}): Phase & Partial<PhaseEnhanced> {
  return {
    companyCode: 'ABC',
    jobNumber: '24-101',
    phaseCode: '013100',
    costType: 'L',
    description: 'Project Management',
    statusCode: 'A',
    unitOfMeasure: 'HR',
    jtdQuantity: '0.00',
    jtdHours: '12.50',
    jtdActualCents: 85951,
    projectedQuantity: '0.00',
    projectedHours: '100.00',
    projectedCents: 1250000,
    estimatedQuantity: '0.00',
    estimatedHours: '100.00',
    currentEstimateCents: 1200000,
    costCenter: 'BLD',
    priceMethodCode: 'F',
    completeDate: null,
    startDate: '2024-03-01',
    endDate: null,
    comment: '',
    ...overrides,
  };
}

export function sampleCustomer(overrides: Partial<Customer> = {}): Customer {
  return {
    companyCode: 'ABC',
    customerCode: 'ACME',
    name: 'Acme Health Partners',
    address1: '1 Main St',
    address2: '',
    city: 'Springfield',
    state: 'IL',
    zipCode: '62701',
    firstName: 'Ann',
    lastName: 'Owens',
    phoneNumber: '2175550100',
    email: 'ap@acme.example',
    priceLevelMaterial: '',
    taxableFlag: 'N',
    status: 'Active',
    ...overrides,
  };
}

export function sampleVendor(overrides: Partial<Vendor> = {}): Vendor {
  return {
    companyCode: 'ABC',
    vendorCode: 'STEEL01',
    name: 'Prairie Steel Erectors',
    address1: '9 Mill St',
    address2: '',
    city: 'Decatur',
    state: 'IL',
    zipCode: '62521',
    firstName: 'Sam',
    lastName: 'Ortiz',
    phoneNumber: '2175550199',
    email: 'office@prairiesteel.example',
    accountReference: 'ABC-001',
    paymentTerms: 'A',
    paymentTermDays: 30,
    discountTerms: 'A',
    discountTermDays: 10,
    discountPercent: '2',
    purchaseLocationName: '',
    purchaseAddress1: '',
    purchaseAddress2: '',
    purchaseCity: '',
    purchaseState: '',
    purchaseZip: '',
    paymentLocationName: '',
    paymentAddress1: '',
    paymentAddress2: '',
    ...overrides,
  };
}

export function sampleData(): SpectrumMockData {
  const jobs = [
    sampleJob(),
    sampleJob({ jobNumber: '24-102', jobDescription: 'Elm St Parking Deck', statusCode: 'I', division: '2' }),
    sampleJob({ jobNumber: '23-050', jobDescription: 'Lakeview School', statusCode: 'C' }),
  ];
  const jobMain: JobMain[] = jobs.map((j) => ({
    companyCode: j.companyCode,
    jobNumber: j.jobNumber,
    jobDescription: j.jobDescription,
    division: j.division,
    address1: j.address1,
    address2: j.address2,
    city: j.city,
    state: j.state,
    zipCode: j.zipCode,
    phone: '2175550111',
    faxPhone: '',
    jobSitePhone: '',
    customerCode: j.customerCode,
    customerName: 'Acme Health Partners',
    originalContractCents: 1234567890,
    contractNumber: j.contractNumber,
    ownerName: 'Acme Health',
    woSite: '',
    comment: '',
    priceMethodCode: 'F',
    totalUnits: '0',
    unitOfMeasure: '',
    statusCode: j.statusCode,
    latitude: '',
    longitude: '',
    legalDesc: '',
    costCenter: j.costCenter,
  }));
  const jobDates: JobDates[] = jobs.map((j) => ({
    companyCode: j.companyCode,
    jobNumber: j.jobNumber,
    jobDescription: j.jobDescription,
    estStartDate: '2024-03-01',
    estCompleteDate: '2025-06-30',
    projectedCompleteDate: null,
    createDate: '2024-01-14',
    startDate: '2024-03-04',
    completeDate: null,
  }));
  return {
    companyCode: 'ABC',
    jobs,
    jobMain,
    jobDates,
    phases: [
      samplePhase(),
      samplePhase({ costType: 'M', jtdActualCents: 0, unitOfMeasure: '' }),
      samplePhase({
        phaseCode: '033000',
        costType: 'S',
        description: 'Cast-in-Place Concrete',
        jtdActualCents: 3341117,
      }),
      samplePhase({ jobNumber: '24-102', phaseCode: '013100', costType: 'L', statusCode: 'I' }),
    ],
    customers: [sampleCustomer()],
    vendors: [sampleVendor()],
    infoLink: {
      JC_JOB_MASTER_MC: jobs.map((j) => ({ ...j, originalContractCents: 1234567890, taxableFlag: 'N' })),
      JC_COST_TYPE_MASTER_MC: [
        {
          costType: 'L',
          description: 'Labor',
          summaryName: 'LABOR',
          glAccount: '5000',
          detailPostingFlag: 'Y',
        },
        {
          costType: 'M',
          description: 'Material',
          summaryName: 'MATERIAL',
          glAccount: '5100',
          detailPostingFlag: 'Y',
        },
        {
          costType: 'S',
          description: 'Subcontract',
          summaryName: 'SUBS',
          glAccount: '5200',
          detailPostingFlag: 'Y',
        },
      ],
      JC_STD_PHASE_DESCRIPTION_MC: [
        { phaseCode: '013100', description: 'Project Management', phaseCategory: 'STD' },
        { phaseCode: '033000', description: 'Cast-in-Place Concrete', phaseCategory: 'STD' },
      ],
      VN_VENDOR_MASTER_MC: [
        {
          vendorCode: 'STEEL01',
          vendorName: 'Prairie Steel Erectors',
          alphaSort: 'PRAIRI',
          status: 'A',
          termsDays: 30,
        },
      ],
      VN_SUBCONTRACT_MC: [
        {
          vendorCode: 'STEEL01',
          subcontractNumber: '24-101-01',
          jobNumber: '24-101',
          statusCode: 'A',
          dateIssued: '2024-04-02',
          glAccount: '5200',
          retentionPercent: '10.00',
          originalAmountCents: 45000000,
        },
      ],
      VN_SUBCONTRACT_PHASE_MC: [
        {
          vendorCode: 'STEEL01',
          subcontractNumber: '24-101-01',
          phaseCode: '051200',
          costType: 'S',
          bidItemNumber: '',
          jobNumber: '24-101',
          billDescription: 'Structural steel',
          unitOfMeasure: 'LS',
          retentionFlag: 'Y',
          unitPrice: '0.0000',
          originalContractQuantity: '0.00',
          originalContractCents: 45000000,
        },
      ],
      CR_CONTRACT_MASTER_MC: [
        {
          jobNumber: '24-101',
          customerCode: 'ACME',
          contractDescription: 'Prime contract',
          originalContractCents: 1234567890,
          approved: true,
        },
      ],
      CR_BID_ITEM_DES_MC: [
        {
          jobNumber: '24-101',
          customerCode: 'ACME',
          billingItem: '100',
          billingDescription: 'General Conditions',
          originalContractCents: 25000000,
          projectedRevenueCents: 25000000,
          unitPrice: false,
        },
      ],
      CR_CHNG_REQ_HDR_MC: [
        {
          jobNumber: '24-101',
          customerCode: 'ACME',
          changeRequestNumber: 'CR001',
          description: 'Added canopy',
          status: 'AP',
          originationDate: '2024-05-01',
        },
      ],
      CR_CHNG_REQ_CON_DET_MC: [
        {
          jobNumber: '24-101',
          customerCode: 'ACME',
          changeRequestNumber: 'CR001',
          lineNumber: 1,
          phaseCode: '051200',
          costType: 'S',
          amountCents: 1500000,
        },
      ],
      CR_CHNG_REQ_REV_MC: [
        {
          jobNumber: '24-101',
          customerCode: 'ACME',
          changeRequestNumber: 'CR001',
          lineNumber: 1,
          billingItemCode: '100',
          unitPrice: '0.0000',
          quantity: '0.00',
          revenueCents: 1650000,
        },
      ],
      JC_TRANSACTION_HISTORY_MC: [
        {
          transactionNumber: 1,
          jobNumber: '24-101',
          phaseCode: '013100',
          costType: 'L',
          tranDate: '2024-04-30',
          tranTypeCode: 'PR',
          amountCents: 85951,
          totalHours: '12.50',
        },
      ],
    },
  };
}
