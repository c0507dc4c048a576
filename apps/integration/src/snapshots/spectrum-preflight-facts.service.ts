import { billingItemKey, phaseCostTypeKey, type SpectrumPreflightFacts } from '@bridge/rules';
import {
  type ContractItem,
  type CostType,
  type InfoLinkJob,
  type Phase,
  SpectrumRowCapError,
  type VendorMasterRow,
} from '@bridge/spectrum-client';
import { Inject, Injectable } from '@nestjs/common';
import { sideBySide } from '../platform/transactions.js';
import type { BridgeSpectrumClient } from '../spectrum/spectrum-client.factory.js';
import { SnapshotRepository } from './snapshot.repository.js';

/** Snapshot kinds and key forms the imports write (`import-context.ts`). */
const KIND = {
  phase: 'phase',
  vendor: 'vendor',
  costType: 'cost_type',
  contract: 'contract',
  contractItem: 'contract_item',
  job: 'job',
  customer: 'customer',
} as const;
const contractKey = (jobNumber: string, customerCode: string) => `${jobNumber.trim()}|${customerCode.trim()}`;

/**
 * PRE-3: the customer an export writes: a given one (a prime contract's), or the template job's (a project's job
 * takes it), with `fallback` when the template job is not known (the settings' value).
 */
export interface CustomerWanted {
  code?: string | null;
  templateJobNumber?: string | null;
  fallback?: string | null;
}

type Wanted = {
  jobNumber?: string | null;
  vendorCode?: string | null;
  contract?: { jobNumber: string; customerCode: string };
  costTypes?: boolean;
  customer?: CustomerWanted;
  /** PRE-4: the contract a change request is written on: the job, and the customer when the PM side knows it. */
  changeRequestContract?: { jobNumber: string | null; customerCode?: string | null };
};

const phaseSet = (rows: readonly Pick<Phase, 'phaseCode' | 'costType'>[]) =>
  new Set(rows.map((r) => phaseCostTypeKey(r.phaseCode, r.costType)));

/**
 * The Spectrum side of the PRE-1 pre-flight: what an item's `@bridge/rules` export check needs to know of Spectrum.
 * `stored*` read the last synced Spectrum data (for `blockedBy` and `sendToErp`); `fresh*` read Spectrum itself, only
 * the records of the item being accepted (one job's phases, one vendor, one contract's items), never a whole list.
 */
@Injectable()
export class SpectrumPreflightFactsService {
  constructor(@Inject(SnapshotRepository) private readonly snapshot: SnapshotRepository) {}

  /** Phase × cost type keys of each job as last synced; a job with no synced phases is left out (not known). */
  async storedJobPhases(jobNumbers: readonly (string | null)[]): Promise<Map<string, Set<string>>> {
    const jobs = jobNumbers.filter((j): j is string => !!j);
    const rows = await this.snapshot.liveByParents<Pick<Phase, 'phaseCode' | 'costType'>>(KIND.phase, jobs);
    return new Map([...rows].map(([job, phases]) => [job, phaseSet(phases)]));
  }

  /** Status of each vendor as last synced (`''` when it left Spectrum); vendors never synced are left out. */
  async storedVendorStatuses(vendorCodes: readonly (string | null)[]): Promise<Map<string, string>> {
    const codes = vendorCodes.filter((c): c is string => !!c);
    const rows = await this.snapshot.byKeys<Pick<VendorMasterRow, 'status'>>(KIND.vendor, codes);
    return new Map([...rows].map(([code, r]) => [code, r.vanished ? '' : (r.data.status ?? '').trim()]));
  }

  /** The company's cost types as last synced (null when never synced). */
  async storedCostTypes(): Promise<Set<string> | null> {
    const keys = await this.snapshot.liveKeys(KIND.costType);
    return keys.length ? new Set(keys.map((k) => k.trim().toUpperCase())) : null;
  }

  /** Billing items of a prime contract as last synced (none when it has none; null when never synced). */
  async storedContractItems(jobNumber: string, customerCode: string): Promise<Set<string> | null> {
    const key = contractKey(jobNumber, customerCode);
    const contract = (await this.snapshot.byKeys(KIND.contract, [key])).get(key);
    if (!contract || contract.vanished) return null;
    const rows = await this.snapshot.liveByParents<Pick<ContractItem, 'billingItem'>>(KIND.contractItem, [
      key,
    ]);
    return new Set(
      (rows.get(key) ?? [])
        .filter((i) => typeof i.billingItem === 'string')
        .map((i) => billingItemKey(i.billingItem)),
    );
  }

  /**
   * PRE-3: the customer as last synced: the template job's customer from the job snapshot, and whether the customer
   * snapshot has it (`null` when the customers were never synced).
   */
  async storedCustomer(w: CustomerWanted): Promise<SpectrumPreflightFacts['customer']> {
    let code = w.code?.trim() ?? '';
    if (!w.code && w.templateJobNumber) {
      const job = (
        await this.snapshot.byKeys<Pick<InfoLinkJob, 'customerCode'>>(KIND.job, [w.templateJobNumber])
      ).get(w.templateJobNumber);
      code = job && !job.vanished ? (job.data.customerCode ?? '').trim() : (w.fallback?.trim() ?? '');
    }
    if (code === '') return null;
    const row = (await this.snapshot.byKeys(KIND.customer, [code])).get(code);
    if (row) return { code, exists: !row.vanished };
    return { code, exists: (await this.snapshot.hasAny(KIND.customer)) ? false : null };
  }

  /** PRE-3: the customer as Spectrum has it now (the template job read from Spectrum; every customer, one read). */
  async freshCustomer(
    client: BridgeSpectrumClient,
    w: CustomerWanted,
  ): Promise<SpectrumPreflightFacts['customer']> {
    let code = w.code?.trim() ?? '';
    if (!w.code && w.templateJobNumber) {
      const wanted = w.templateJobNumber.trim().toUpperCase();
      const [job] = (await client.listJobs({ jobNumber: w.templateJobNumber }).toArray()).filter(
        (j) => j.jobNumber.trim().toUpperCase() === wanted,
      );
      // a template job Spectrum lacks is the plan's refusal (template-job-invalid), not a customer's
      code = job?.customerCode.trim() ?? '';
    }
    if (code === '') return null;
    try {
      const customers = await client.getCustomers({ status: 'ALL' }).toArray();
      const upper = code.toUpperCase();
      return { code, exists: customers.some((c) => c.customerCode.trim().toUpperCase() === upper) };
    } catch (e) {
      // GetCustomers cannot be narrowed: past one read's worth of customers, Spectrum's own answer stays (APP-4)
      if (e instanceof SpectrumRowCapError) return { code, exists: null };
      throw e;
    }
  }

  /** PRE-4: the job's contract with the customer (the given one, else the job's own) as last synced. */
  async storedChangeRequestContract(
    w: NonNullable<Wanted['changeRequestContract']>,
  ): Promise<SpectrumPreflightFacts['changeRequestContract']> {
    const jobNumber = w.jobNumber?.trim() ?? '';
    if (jobNumber === '') return null;
    let customerCode = w.customerCode?.trim() ?? '';
    if (customerCode === '') {
      const job = (await this.snapshot.byKeys<Pick<InfoLinkJob, 'customerCode'>>(KIND.job, [jobNumber])).get(
        jobNumber,
      );
      if (!job || job.vanished) return null;
      customerCode = (job.data.customerCode ?? '').trim();
    }
    if (customerCode === '') return null;
    const key = contractKey(jobNumber, customerCode);
    const row = (await this.snapshot.byKeys(KIND.contract, [key])).get(key);
    const exists = row ? !row.vanished : (await this.snapshot.hasAny(KIND.contract)) ? false : null;
    return { jobNumber, customerCode, exists };
  }

  /** PRE-4: the same, read from Spectrum now (the job's customer from Spectrum when the PM side has none). */
  async freshChangeRequestContract(
    client: BridgeSpectrumClient,
    w: NonNullable<Wanted['changeRequestContract']>,
  ): Promise<SpectrumPreflightFacts['changeRequestContract']> {
    const jobNumber = w.jobNumber?.trim() ?? '';
    if (jobNumber === '') return null;
    let customerCode = w.customerCode?.trim() ?? '';
    if (customerCode === '') {
      const [job] = (await client.listJobs({ jobNumber }).toArray()).filter(
        (j) => j.jobNumber.trim() === jobNumber,
      );
      customerCode = job?.customerCode.trim() ?? '';
    }
    if (customerCode === '') return null;
    const contracts = await client.listContracts({ jobNumber, customerCode }).toArray();
    const exists = contracts.some(
      (c) => c.jobNumber.trim() === jobNumber && c.customerCode.trim() === customerCode,
    );
    return { jobNumber, customerCode, exists };
  }

  /**
   * The stored facts of one item, shaped for its rules check: read side by side outside a transaction (the snapshot's
   * key and parent reads of one tick are one statement), one after the other inside one.
   */
  async stored(what: Wanted): Promise<SpectrumPreflightFacts> {
    const { jobNumber, vendorCode, contract, customer, changeRequestContract } = what;
    const skip = async () => undefined;
    const [jobPhases, vendorStatus, contractItems, costTypes, customerFact, crContract] = await sideBySide(
      jobNumber ? async () => (await this.storedJobPhases([jobNumber])).get(jobNumber) ?? null : skip,
      vendorCode ? async () => (await this.storedVendorStatuses([vendorCode])).get(vendorCode) ?? null : skip,
      contract ? () => this.storedContractItems(contract.jobNumber, contract.customerCode) : skip,
      what.costTypes ? () => this.storedCostTypes() : skip,
      customer ? () => this.storedCustomer(customer) : skip,
      changeRequestContract ? () => this.storedChangeRequestContract(changeRequestContract) : skip,
    );
    const facts: SpectrumPreflightFacts = {};
    if (jobNumber) facts.jobPhases = jobPhases;
    if (vendorCode) facts.vendorStatus = vendorStatus;
    if (contract) facts.contractItems = contractItems;
    if (what.costTypes) facts.costTypes = costTypes;
    if (customer) facts.customer = customerFact;
    if (changeRequestContract) facts.changeRequestContract = crContract;
    return facts;
  }

  /** The same facts read from Spectrum now, for the accept-time pre-flight. */
  async fresh(client: BridgeSpectrumClient, what: Wanted): Promise<SpectrumPreflightFacts> {
    // the item's own records, read side by side (one round of Spectrum latency, not one per record)
    const [jobPhases, vendorStatus, contractItems, costTypes, customer, changeRequestContract] =
      await Promise.all([
        what.jobNumber ? client.getPhases({ jobNumber: what.jobNumber }).toArray().then(phaseSet) : undefined,
        what.vendorCode
          ? client
              .listVendorMaster({ vendorCode: what.vendorCode })
              .toArray()
              .then(
                (rows: VendorMasterRow[]) =>
                  rows.find((v) => v.vendorCode.trim() === what.vendorCode)?.status.trim() ?? '',
              )
          : undefined,
        what.contract
          ? client
              .listContractItems({
                jobNumber: what.contract.jobNumber,
                customerCode: what.contract.customerCode,
              })
              .toArray()
              .then((items) => new Set(items.map((i) => billingItemKey(i.billingItem))))
          : undefined,
        what.costTypes
          ? client
              .listCostTypes()
              .toArray()
              .then((types: CostType[]) => new Set(types.map((t) => t.costType.trim().toUpperCase())))
          : undefined,
        what.customer ? this.freshCustomer(client, what.customer) : undefined,
        what.changeRequestContract
          ? this.freshChangeRequestContract(client, what.changeRequestContract)
          : undefined,
      ]);
    const facts: SpectrumPreflightFacts = {};
    if (jobPhases !== undefined) facts.jobPhases = jobPhases;
    if (vendorStatus !== undefined) facts.vendorStatus = vendorStatus;
    if (contractItems !== undefined) facts.contractItems = contractItems;
    if (costTypes !== undefined) facts.costTypes = costTypes;
    if (customer !== undefined) facts.customer = customer;
    if (changeRequestContract !== undefined) facts.changeRequestContract = changeRequestContract;
    return facts;
  }
}
