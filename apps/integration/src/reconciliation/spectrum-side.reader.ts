import type { BridgeSpectrumClient } from '../spectrum/spectrum-client.factory.js';
import { JobOrderedStream } from './job-ordered-stream.js';
import { type SpectrumSide, SpectrumSideBuilder } from './job-reconciliation.js';

/**
 * One job's Spectrum side read now, narrowed to the job: its phases (GetPhase: current estimate and job-to-date
 * cost), subcontracts and their lines, contract and billing items, change requests with their cost and revenue
 * lines (Info-Link).
 */
export async function readSpectrumJob(
  jobNumber: string,
  client: BridgeSpectrumClient,
): Promise<SpectrumSide> {
  const b = new SpectrumSideBuilder();
  const il = client.infoLink;
  for await (const p of client.getPhases({ jobNumber })) b.phase(p);
  for await (const s of il.listSubcontracts({ jobNumber })) b.subcontract(s);
  for await (const l of il.listSubcontractLines({ jobNumber })) b.subcontractLine(l);
  for await (const c of il.listContracts({ jobNumber })) b.contract(c);
  for await (const i of il.listContractItems({ jobNumber })) b.contractItem(i);
  for await (const r of il.listChangeRequests({ jobNumber })) b.changeRequest(r);
  for await (const l of il.listChangeRequestLines({ jobNumber })) b.changeRequestLine(l);
  for await (const l of il.listChangeRequestRevenueLines({ jobNumber })) b.changeRequestRevenueLine(l);
  return b.build();
}

const byJob = <T extends { jobNumber: string }>(table: string, rows: AsyncIterable<T>, readAhead?: number) =>
  new JobOrderedStream(table, rows, (r) => r.jobNumber.trim(), readAhead);

/**
 * The whole company's Spectrum side, every table read once in job order and taken job by job (jobs asked for in
 * ascending order). Phases come from the phase master (JC_PHASE_MASTER_MC: current estimate and job-to-date cost,
 * keyed by job first) instead of GetPhase, which can only be read job by job; the subcontract tables are read in job
 * order (`…ByJob`); the contract and change request tables are keyed by job already.
 */
export class CompanySpectrumStreams {
  private readonly phases;
  private readonly subcontracts;
  private readonly subcontractLines;
  private readonly contracts;
  private readonly contractItems;
  private readonly changeRequests;
  private readonly changeRequestLines;
  private readonly revenueLines;

  constructor(client: BridgeSpectrumClient) {
    const il = client.infoLink;
    this.phases = byJob('JC_PHASE_MASTER_MC', il.listPhaseMaster(), 4_000);
    this.subcontracts = byJob('VN_SUBCONTRACT_MC', il.listSubcontractsByJob());
    this.subcontractLines = byJob('VN_SUBCONTRACT_PHASE_MC', il.listSubcontractLinesByJob());
    this.contracts = byJob('CR_CONTRACT_MASTER_MC', il.listContracts());
    this.contractItems = byJob('CR_BID_ITEM_DES_MC', il.listContractItems());
    this.changeRequests = byJob('CR_CHNG_REQ_HDR_MC', il.listChangeRequests());
    this.changeRequestLines = byJob('CR_CHNG_REQ_CON_DET_MC', il.listChangeRequestLines());
    this.revenueLines = byJob('CR_CHNG_REQ_REV_MC', il.listChangeRequestRevenueLines());
  }

  /** The Spectrum side of `jobNumber` (trimmed); rows of jobs before it that nobody asked for are passed over. */
  async take(jobNumber: string): Promise<SpectrumSide> {
    const job = jobNumber.trim();
    const [phases, subcontracts, lines, contracts, items, requests, costLines, revenueLines] =
      await Promise.all([
        this.phases.take(job),
        this.subcontracts.take(job),
        this.subcontractLines.take(job),
        this.contracts.take(job),
        this.contractItems.take(job),
        this.changeRequests.take(job),
        this.changeRequestLines.take(job),
        this.revenueLines.take(job),
      ]);
    const b = new SpectrumSideBuilder();
    for (const p of phases) b.phase(p);
    for (const s of subcontracts) b.subcontract(s);
    for (const l of lines) b.subcontractLine(l);
    for (const c of contracts) b.contract(c);
    for (const i of items) b.contractItem(i);
    for (const r of requests) b.changeRequest(r);
    for (const l of costLines) b.changeRequestLine(l);
    for (const l of revenueLines) b.changeRequestRevenueLine(l);
    return b.build();
  }

  async close(): Promise<void> {
    await Promise.all(
      [
        this.phases,
        this.subcontracts,
        this.subcontractLines,
        this.contracts,
        this.contractItems,
        this.changeRequests,
        this.changeRequestLines,
        this.revenueLines,
      ].map((s) => s.close()),
    );
  }
}
