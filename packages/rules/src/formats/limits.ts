/**
 * Field sizes of the Spectrum Data Exchange services (docs/spectrum-wire.md §5–§7). Values longer than these
 * are refused by Spectrum's Put services or cut on its Get services, so the product checks them before sending.
 */
export const SPECTRUM_LIMITS = Object.freeze({
  companyCode: 3,
  jobNumber: 10,
  jobDescription: 25,
  division: 5,
  costCenter: 10,
  phaseCode: 20,
  phaseMask: 20,
  phaseDescription: 25,
  costType: 3,
  costTypeDescription: 25,
  unitOfMeasure: 3,
  vendorCode: 10,
  vendorName: 30,
  vendorType: 6,
  alphaSortVendor: 6,
  customerCode: 10,
  customerName: 30,
  contactName: 20,
  email: 80,
  address: 30,
  city: 25,
  state: 2,
  zip: 10,
  phone: 14,
  subcontractNumber: 10,
  subcontractComment: 120,
  contractType: 15,
  glAccount: 12,
  billDescription: 25,
  bidItemNumber: 10,
  changeRequestNumber: 8,
  changeRequestDescription: 250,
  changeOrderNumber: 8,
  subChangeOrderDescription: 30,
  billingItemCode: 11,
  billingItemDescription: 30,
  billingAdditionalDescription: 40,
  projectionNote: 80,
  guid: 36,
  authorizationId: 20,
});

/** Numeric formats as Spectrum's help pages write them: optional sign, integer digits, decimals. */
export const SPECTRUM_NUMERIC_FORMATS = Object.freeze({
  /** Change request amounts, projections, AddPhase estimates. */
  amount: '-10.2',
  /** Subcontract line original contract amount. */
  subcontractLineAmount: '-9.2',
  /** AddJob / UpdateJob original contract. */
  contractAmount: '-12.2',
  /** Phase original / current estimate cost. */
  estimateCost: '-10.2',
});
