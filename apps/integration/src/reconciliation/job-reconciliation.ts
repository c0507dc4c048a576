import {
  addTo,
  type Fields,
  type ReconciledRow,
  reconcileRows,
  type SectionTotals,
  sectionTotals,
  stripPhaseDashes,
} from '@bridge/rules';

export interface Section {
  rows: ReconciledRow[];
  totals: SectionTotals;
}

/** One job: the PM project and the Spectrum job side by side, section by section (REC-1, REC-2). */
export interface JobReconciliation {
  projectId: string;
  projectName: string;
  jobNumber: string;
  /** matched when every row of every section matched. */
  status: 'matched' | 'different';
  /** Per cost code and cost type: the PM budget against Spectrum's current estimate, with committed and job-to-date cost. */
  budget: Section;
  /** Per subcontract (vendor/number): the PM commitment's total against the subcontract's amount. */
  commitments: Section;
  /** Per subcontract line (vendor/number/phase/cost type). */
  commitmentLines: Section;
  /** Per prime contract (customer) and billing item (customer/item): the PM contract against Spectrum's contract. */
  primeContracts: Section;
  /**
   * Per change request (customer/number): the PM change orders and budget changes exported to it against Spectrum's
   * change request, cost and revenue.
   */
  changeRequests: Section;
}

/** A project linked to a Spectrum job. */
export interface LinkedProject {
  id: string;
  name: string;
  jobNumber: string;
}

/** The PM side of one project, keyed as Spectrum keys its records. */
export interface PmSide {
  budget: Map<string, number>;
  committedByLine: Map<string, number>;
  commitments: Map<string, Fields>;
  commitmentLines: Map<string, Fields>;
  primeContracts: Map<string, Fields>;
  changeRequests: Map<string, Fields>;
}

/** The Spectrum side of one job. */
export interface SpectrumSide {
  phases: Map<string, { estimateCents: number; jobToDateCostCents: number }>;
  subcontracts: Map<string, Fields>;
  subcontractLines: Map<string, Fields>;
  contracts: Map<string, Fields>;
  changeRequests: Map<string, Fields>;
}

const code = (phase: string) => stripPhaseDashes(phase.trim()).toUpperCase();
/** A budget line's key: the cost code without dashes and the cost type, upper-cased. */
export const lineKey = (phase: string, costType: string) => `${code(phase)}/${costType.trim().toUpperCase()}`;

/**
 * Collects one job's Spectrum rows, whichever way they were read (narrowed to the job, or taken from whole tables
 * streamed in job order), into the side the reconciliation compares. Rows are added table by table: phases,
 * subcontracts, subcontract lines, contracts, contract items, change requests, then their cost and revenue lines.
 */
export class SpectrumSideBuilder {
  private readonly phases = new Map<string, { estimateCents: number; jobToDateCostCents: number }>();
  private readonly subcontracts = new Map<string, Fields>();
  private readonly lineSums = new Map<string, number>();
  private readonly contracts = new Map<string, Fields>();
  private readonly requests = new Map<string, { costCents: number; revenueCents: number; status: string }>();

  phase(p: { phaseCode: string; costType: string; currentEstimateCents: number; jtdActualCents: number }) {
    const key = lineKey(p.phaseCode, p.costType);
    const prev = this.phases.get(key);
    this.phases.set(key, {
      estimateCents: (prev?.estimateCents ?? 0) + p.currentEstimateCents,
      jobToDateCostCents: (prev?.jobToDateCostCents ?? 0) + p.jtdActualCents,
    });
  }

  subcontract(s: {
    vendorCode: string;
    subcontractNumber: string;
    originalAmountCents: number;
    statusCode: string;
  }) {
    this.subcontracts.set(`${s.vendorCode}/${s.subcontractNumber}`, {
      amountCents: s.originalAmountCents,
      status: s.statusCode,
    });
  }

  subcontractLine(l: {
    vendorCode: string;
    subcontractNumber: string;
    phaseCode: string;
    costType: string;
    originalContractCents: number;
  }) {
    addTo(
      this.lineSums,
      `${l.vendorCode}/${l.subcontractNumber}/${lineKey(l.phaseCode, l.costType)}`,
      l.originalContractCents,
    );
  }

  contract(c: { customerCode: string; originalContractCents: number; contractDescription: string }) {
    this.contracts.set(c.customerCode, {
      originalContractCents: c.originalContractCents,
      title: c.contractDescription,
    });
  }

  contractItem(i: { customerCode: string; billingItem: string; originalContractCents: number }) {
    this.contracts.set(`${i.customerCode}/${i.billingItem}`, {
      originalContractCents: i.originalContractCents,
    });
  }

  changeRequest(r: { customerCode: string; changeRequestNumber: string; status: string }) {
    this.requests.set(`${r.customerCode}/${r.changeRequestNumber}`, {
      costCents: 0,
      revenueCents: 0,
      status: r.status,
    });
  }

  changeRequestLine(l: { customerCode: string; changeRequestNumber: string; amountCents: number }) {
    const r = this.requests.get(`${l.customerCode}/${l.changeRequestNumber}`);
    if (r) r.costCents += l.amountCents;
  }

  changeRequestRevenueLine(l: { customerCode: string; changeRequestNumber: string; revenueCents: number }) {
    const r = this.requests.get(`${l.customerCode}/${l.changeRequestNumber}`);
    if (r) r.revenueCents += l.revenueCents;
  }

  build(): SpectrumSide {
    const subcontractLines = new Map<string, Fields>();
    for (const [k, cents] of this.lineSums) subcontractLines.set(k, { amountCents: cents });
    return {
      phases: this.phases,
      subcontracts: this.subcontracts,
      subcontractLines,
      contracts: this.contracts,
      changeRequests: new Map<string, Fields>(this.requests),
    };
  }
}

function section(rows: ReconciledRow[], amountField: string): Section {
  return { rows, totals: sectionTotals(rows, amountField) };
}

/** One project's PM side against its job's Spectrum side, every section with its totals (REC-1, REC-2). */
export function reconcileJob(project: LinkedProject, pm: PmSide, spectrum: SpectrumSide): JobReconciliation {
  // budget: the PM budget against the current estimate; committed (PM) and job-to-date cost (Spectrum) shown beside
  const budgetPm = new Map<string, Fields>();
  for (const [key, cents] of pm.budget)
    budgetPm.set(key, { estimateCents: cents, committedCents: pm.committedByLine.get(key) ?? 0 });
  const budgetSpectrum = new Map<string, Fields>();
  for (const [key, phase] of spectrum.phases) {
    // a phase with no estimate and no cost is the job's structure, not a budget line (unless the PM budget has it)
    if (!budgetPm.has(key) && phase.estimateCents === 0 && phase.jobToDateCostCents === 0) continue;
    budgetSpectrum.set(key, phase);
  }
  const budget = section(reconcileRows(budgetPm, budgetSpectrum, ['estimateCents']), 'estimateCents');
  const commitments = section(
    reconcileRows(pm.commitments, spectrum.subcontracts, ['amountCents']),
    'amountCents',
  );
  const commitmentLines = section(
    reconcileRows(pm.commitmentLines, spectrum.subcontractLines, ['amountCents']),
    'amountCents',
  );
  const primeContracts = section(
    reconcileRows(pm.primeContracts, spectrum.contracts, ['originalContractCents']),
    'originalContractCents',
  );
  const changeRequests = section(
    reconcileRows(pm.changeRequests, spectrum.changeRequests, ['costCents', 'revenueCents']),
    'costCents',
  );
  const all = [budget, commitments, commitmentLines, primeContracts, changeRequests].flatMap((s) => s.rows);
  return {
    projectId: project.id,
    projectName: project.name,
    jobNumber: project.jobNumber,
    status: all.every((r) => r.status === 'matched') ? 'matched' : 'different',
    budget,
    commitments,
    commitmentLines,
    primeContracts,
    changeRequests,
  };
}
