import {
  type Commitment,
  checkCommitmentExport,
  deriveSubcontractNumber,
  explainSubcontractNumber,
  type IntegrationFacts,
  mapCommitmentToSubcontract,
  type Reason,
  reason,
  validateApproverKey,
} from '@bridge/rules';
import { Inject, Injectable } from '@nestjs/common';
import { CompaniesRepository } from '../companies/companies.repository.js';
import { CostCodesRepository } from '../cost-codes/cost-codes.repository.js';
import {
  type CheckContext,
  type ExportCheck,
  type Exporter,
  type PlanContext,
  type Prepared,
  spectrumFacts,
} from '../exports/exporter.js';
import { stepsOf } from '../exports/planning/key-plans.js';
import { sideBySide } from '../platform/transactions.js';
import { ProjectsRepository } from '../projects/projects.repository.js';
import { SpectrumPreflightFactsService } from '../snapshots/spectrum-preflight-facts.service.js';
import { CommitmentsRepository } from './commitments.repository.js';

/** COM-1…COM-5: a commitment becomes a Spectrum subcontract (header and one line per phase and cost type). */
@Injectable()
export class CommitmentExporter implements Exporter {
  readonly type = 'commitment' as const;
  readonly label = 'commitment';
  readonly keyKind = 'subcontract' as const;
  readonly linkTypes = ['commitment'] as const;
  readonly unlinkRule = 'COM-5';
  /** The subcontract header takes the template job's GL account. */
  readonly settingsFedSteps: ReadonlySet<string> = new Set(['UpdateSubcontract']);

  constructor(
    @Inject(CommitmentsRepository) private readonly commitments: CommitmentsRepository,
    @Inject(CompaniesRepository) private readonly companies: CompaniesRepository,
    @Inject(ProjectsRepository) private readonly projects: ProjectsRepository,
    @Inject(CostCodesRepository) private readonly costCodes: CostCodesRepository,
    @Inject(SpectrumPreflightFactsService) private readonly spectrum: SpectrumPreflightFactsService,
  ) {}

  lock(id: string): Promise<void> {
    return this.commitments.lock(id);
  }

  async check(id: string, { facts, source }: CheckContext): Promise<ExportCheck | null> {
    const c = await this.commitments.loadDomain(id);
    if (!c) return null;
    const { company, codes, jobNumber } = await this.parties(c, facts);
    const spectrum = await spectrumFacts(this.spectrum, source, {
      jobNumber,
      vendorCode: company.vendorCode,
    });
    return {
      check: checkCommitmentExport(c, company, codes, { ...spectrum, jobNumber }),
      snapshot: { ...c },
    };
  }

  /**
   * What a commitment's check (and its change orders' checks) reads beside it: its company (by id when it is gone),
   * the standard cost codes, and its project's Spectrum job.
   */
  async parties(c: Commitment, facts: IntegrationFacts) {
    const [found, codes, project] = await sideBySide(
      () => this.companies.loadDomain(c.companyId),
      () => this.costCodes.codesOfList(facts.standardCostCodeListId),
      () => this.projects.loadDomain(c.projectId),
    );
    const company = found ?? { name: c.companyId, vendorCode: null };
    return { company, codes, jobNumber: project?.jobNumber ?? null };
  }

  async prepare(id: string, ctx: PlanContext): Promise<Prepared | null> {
    const c = await this.commitments.loadDomain(id);
    if (!c) return null;
    const { client, facts } = ctx;
    const [company, project] = await Promise.all([
      this.companies.loadDomain(c.companyId),
      this.projects.loadDomain(c.projectId),
    ]);
    const blockers: Reason[] = [];
    const vendorCode = company?.vendorCode ?? '';
    const jobNumber = project?.jobNumber ?? '';
    if (!vendorCode)
      blockers.push(reason('vendor-not-linked', 'VEN-4', 'The company is not linked to a Spectrum vendor.'));
    if (!jobNumber)
      blockers.push(reason('job-not-linked', 'COM-2', 'The project is not linked to a Spectrum job.'));
    const costType = c.lines[0]?.costType.trim().toUpperCase() ?? '';
    let glAccount = facts.templateJob?.glAccount?.trim() ?? '';
    // the cost type's GL account and the vendor's subcontracts, side by side (the item's own records only)
    const [costTypeRow, subs] = await Promise.all([
      !glAccount && costType ? client.listCostTypes({ costType }).toArray() : [],
      vendorCode ? client.listSubcontracts({ vendorCode }).toArray() : [],
    ]);
    if (!glAccount) glAccount = costTypeRow[0]?.glAccount.trim() ?? '';
    if (!glAccount) {
      blockers.push(
        reason(
          'gl-account-missing',
          'COM-2',
          `Neither the template job nor cost type ${costType} in Spectrum names a GL account for the subcontract.`,
        ),
      );
    }
    const numbering = { pmNumber: c.number, kind: c.kind, usePmNumber: facts.settings.usePmContractNumber };
    return {
      kind: 'subcontract',
      scope: { vendorCode },
      spectrumTaken: subs.map((s) => s.subcontractNumber),
      blockers,
      derive: (taken) => {
        const d = deriveSubcontractNumber({ ...numbering, taken });
        return d.ok ? d.value : null;
      },
      explain: (value) => explainSubcontractNumber(numbering, value),
      validate: (value, taken) => validateApproverKey({ value, kind: 'subcontract', taken }),
      build: (subcontractNumber) => {
        const { header: mapped, lines } = mapCommitmentToSubcontract(
          c,
          company ?? { id: c.companyId, name: '', vendorCode },
          { companyCode: ctx.companyCode, jobNumber, vendorCode, subcontractNumber, glAccount },
        );
        // Spectrum takes Contract_Type in capitals (the simulator refuses "Subcontract" with an I row);
        // the mapper's values are kept, only their case changes.
        const header = { ...mapped, Contract_Type: mapped.Contract_Type.toUpperCase() };
        return {
          spectrumKey: `${vendorCode}/${subcontractNumber}`,
          keyFields: { vendorCode, subcontractNumber, jobNumber },
          steps: [
            {
              name: 'subcontract header',
              service: 'UpdateSubcontract',
              input: header as unknown as Record<string, string>,
            },
            ...stepsOf(
              'UpdateSubcontractPhases',
              lines,
              (l, i) => `line ${i + 1} of ${lines.length} (${l.Phase_Code} ${l.Cost_Type})`,
            ),
          ],
        };
      },
    };
  }
}
