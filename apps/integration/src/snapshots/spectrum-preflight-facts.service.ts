import { billingItemKey, phaseCostTypeKey, type SpectrumPreflightFacts } from '@bridge/rules';
import type { ContractItem, CostType, Phase, VendorMasterRow } from '@bridge/spectrum-client';
import { Inject, Injectable } from '@nestjs/common';
import type { Prisma } from '../generated/prisma/client.js';
import type { BridgeSpectrumClient } from '../spectrum/spectrum-client.factory.js';
import { SnapshotRepository } from './snapshot.repository.js';

type Tx = Prisma.TransactionClient;

/** Snapshot kinds and key forms the imports write (`import-context.ts`). */
const KIND = {
  phase: 'phase',
  vendor: 'vendor',
  costType: 'cost_type',
  contract: 'contract',
  contractItem: 'contract_item',
} as const;
const contractKey = (jobNumber: string, customerCode: string) => `${jobNumber.trim()}|${customerCode.trim()}`;

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
  async storedJobPhases(jobNumbers: readonly (string | null)[], tx?: Tx): Promise<Map<string, Set<string>>> {
    const jobs = jobNumbers.filter((j): j is string => !!j);
    const rows = await this.snapshot.liveByParents<Pick<Phase, 'phaseCode' | 'costType'>>(
      KIND.phase,
      jobs,
      tx,
    );
    return new Map([...rows].map(([job, phases]) => [job, phaseSet(phases)]));
  }

  /** Status of each vendor as last synced (`''` when it left Spectrum); vendors never synced are left out. */
  async storedVendorStatuses(vendorCodes: readonly (string | null)[], tx?: Tx): Promise<Map<string, string>> {
    const codes = vendorCodes.filter((c): c is string => !!c);
    const rows = await this.snapshot.byKeys<Pick<VendorMasterRow, 'status'>>(KIND.vendor, codes, tx);
    return new Map([...rows].map(([code, r]) => [code, r.vanished ? '' : (r.data.status ?? '').trim()]));
  }

  /** The company's cost types as last synced (null when never synced). */
  async storedCostTypes(tx?: Tx): Promise<Set<string> | null> {
    const keys = await this.snapshot.liveKeys(KIND.costType, tx);
    return keys.length ? new Set(keys.map((k) => k.trim().toUpperCase())) : null;
  }

  /** Billing items of a prime contract as last synced (none when it has none; null when never synced). */
  async storedContractItems(jobNumber: string, customerCode: string, tx?: Tx): Promise<Set<string> | null> {
    const key = contractKey(jobNumber, customerCode);
    const contract = (await this.snapshot.byKeys(KIND.contract, [key], tx)).get(key);
    if (!contract || contract.vanished) return null;
    const rows = await this.snapshot.liveByParents<Pick<ContractItem, 'billingItem'>>(
      KIND.contractItem,
      [key],
      tx,
    );
    return new Set(
      (rows.get(key) ?? [])
        .filter((i) => typeof i.billingItem === 'string')
        .map((i) => billingItemKey(i.billingItem)),
    );
  }

  /** The stored facts of one item, shaped for its rules check. */
  async stored(
    what: {
      jobNumber?: string | null;
      vendorCode?: string | null;
      contract?: { jobNumber: string; customerCode: string };
      costTypes?: boolean;
    },
    tx?: Tx,
  ): Promise<SpectrumPreflightFacts> {
    const facts: SpectrumPreflightFacts = {};
    if (what.jobNumber)
      facts.jobPhases = (await this.storedJobPhases([what.jobNumber], tx)).get(what.jobNumber) ?? null;
    if (what.vendorCode)
      facts.vendorStatus =
        (await this.storedVendorStatuses([what.vendorCode], tx)).get(what.vendorCode) ?? null;
    if (what.contract)
      facts.contractItems = await this.storedContractItems(
        what.contract.jobNumber,
        what.contract.customerCode,
        tx,
      );
    if (what.costTypes) facts.costTypes = await this.storedCostTypes(tx);
    return facts;
  }

  /** The same facts read from Spectrum now, for the accept-time pre-flight. */
  async fresh(
    client: BridgeSpectrumClient,
    what: {
      jobNumber?: string | null;
      vendorCode?: string | null;
      contract?: { jobNumber: string; customerCode: string };
      costTypes?: boolean;
    },
  ): Promise<SpectrumPreflightFacts> {
    // the item's own records, read side by side (one round of Spectrum latency, not one per record)
    const [jobPhases, vendorStatus, contractItems, costTypes] = await Promise.all([
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
    ]);
    const facts: SpectrumPreflightFacts = {};
    if (jobPhases !== undefined) facts.jobPhases = jobPhases;
    if (vendorStatus !== undefined) facts.vendorStatus = vendorStatus;
    if (contractItems !== undefined) facts.contractItems = contractItems;
    if (costTypes !== undefined) facts.costTypes = costTypes;
    return facts;
  }
}
