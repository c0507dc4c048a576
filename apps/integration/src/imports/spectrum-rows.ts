import type { SpectrumVendorFields } from '@bridge/rules';
import type {
  Contract,
  ContractItem,
  CostType,
  InfoLinkJob,
  Phase,
  StandardPhase,
  VendorMasterRow,
} from '@bridge/spectrum-client';

/** The Spectrum rows the snapshot stores: the client's domain objects without the company code. */
export type StandardPhaseRow = Omit<StandardPhase, 'companyCode'>;
export type CostTypeRow = Omit<CostType, 'companyCode'>;
export type JobRow = Omit<InfoLinkJob, 'companyCode'>;
export type PhaseRow = Omit<Phase, 'companyCode'>;
export type VendorRow = Omit<VendorMasterRow, 'companyCode'>;
export type ContractRow = Omit<Contract, 'companyCode'>;
export type ContractItemRow = Omit<ContractItem, 'companyCode'>;

/** Drops the company code (one integration = one Spectrum company, GEN-1). */
export function withoutCompany<T extends { companyCode: string }>(row: T): Omit<T, 'companyCode'> {
  const { companyCode: _c, ...rest } = row;
  return rest;
}

const text = (v: string | null | undefined) => {
  const t = (v ?? '').trim();
  return t === '' ? null : t;
};

/** JOB-1: a Spectrum job status as a PM project status. */
export function projectStatusOf(statusCode: string): string {
  switch (statusCode.trim().toUpperCase()) {
    case 'I':
      return 'inactive';
    case 'C':
      return 'complete';
    default:
      return 'active';
  }
}

/** JOB-1: the PM project fields a Spectrum job sets (number, description, status, address). */
export function projectFieldsOf(job: JobRow) {
  return {
    name: text(job.jobDescription) ?? job.jobNumber,
    number: job.jobNumber,
    status: projectStatusOf(job.statusCode),
    address1: text(job.address1),
    address2: text(job.address2),
    city: text(job.city),
    state: text(job.state),
    zip: text(job.zipCode),
    phone: text(job.phone),
  };
}

/** VEN-3: the vendor fields that a refresh may copy to the linked company (name, address, phone, fax). */
export function vendorSyncedFields(v: VendorRow) {
  return {
    name: text(v.vendorName) ?? v.vendorCode,
    address1: text(v.address1),
    address2: text(v.address2),
    city: text(v.city),
    state: text(v.state),
    zip: text(v.zipCode),
    phone: text(v.phone),
    fax: text(v.faxPhone),
  } satisfies SpectrumVendorFields;
}

/** VEN-1: the directory company fields a Spectrum vendor sets: the VEN-3 fields, its e-mail, contact and type. */
export function companyFieldsOf(v: VendorRow) {
  return {
    ...vendorSyncedFields(v),
    email: text(v.email),
    contactName: text(v.contactName),
    vendorType: text(v.type),
  };
}

/** LIM-7 / PC-4: a unit-price contract (price method U, or any unit-price billing item). */
export function isUnitPriceContract(contract: ContractRow, items: readonly ContractItemRow[]): boolean {
  return contract.priceMethodCode.trim().toUpperCase() === 'U' || items.some((i) => i.unitPrice === true);
}

/** The PM prime contract title of a Spectrum contract. */
export function primeContractTitle(c: ContractRow): string {
  return text(c.contractDescription) ?? `${c.jobNumber} Prime Contract`;
}
