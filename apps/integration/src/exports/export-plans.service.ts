import {
  allOf,
  type Check,
  checkFrom,
  counterCandidates,
  deriveChangeRequestNumber,
  deriveSubcontractNumber,
  type ExportableType,
  explainChangeRequestNumber,
  explainJobNumber,
  explainSubcontractNumber,
  explainVendorCode,
  firstFreeWithCounter,
  type IntegrationFacts,
  keepTail,
  mapBudgetChangeToChangeRequest,
  mapBudgetToAddPhases,
  mapCommitmentChangeOrderToChangeRequest,
  mapCommitmentToSubcontract,
  mapCompanyToAddVendor,
  mapForecastToProjections,
  mapPrimeContractChangeOrderToChangeRequest,
  mapProjectCostCodesToAddPhases,
  mapProjectToAddJob,
  normalizeKeyText,
  type Reason,
  reason,
  type SpectrumWriteService,
  type TemplateJob,
  upperSet,
  validateApproverKey,
  validateJobNumber,
  validatePayload,
  validateVendorCode,
  withFieldPrefix,
} from '@bridge/rules';
import { Inject, Injectable } from '@nestjs/common';
import type { Tx } from '../projects/pm-common.js';
import type { BridgeSpectrumClient } from '../spectrum/spectrum-client.factory.js';
import { ExportItemsService } from './export-items.service.js';
import { type ExportRequestRecord, ExportsRepository, type NewStep } from './exports.repository.js';

/**
 * Spectrum change request status codes the exports write [I]: the codes are user-defined per Spectrum company
 * (the demo company has `OP PE RJ AP EX`); approved items go over as `AP` (an approving status, so that
 * `Approved_Date` is accepted), others as `OP`.
 */
export const CHANGE_REQUEST_STATUS = Object.freeze({ approved: 'AP', open: 'OP' });

/** What the approver may type at accept time (COM-2, CCO-2, PCCO-2). */
export interface KeyInput {
  spectrumId?: string | undefined;
  changeRequestId?: string | undefined;
}

export type KeyKind = 'job' | 'vendor' | 'subcontract' | 'change_request' | 'none';

/** The facts read from Spectrum and the PM side before the accept transaction opens. */
export interface Prepared {
  kind: KeyKind;
  /** The scope keys are unique in (vendor; job + customer), stored in `keyFields`. */
  scope: Record<string, string>;
  /** Keys Spectrum already uses in that scope. */
  spectrumTaken: string[];
  /**
   * Job and vendor keys (one company-wide scope): the only keys the accept can fix (the candidates Spectrum was asked
   * about and the typed key), so the reserved keys are read for these only.
   */
  candidates?: string[];
  /** Reasons that stop the accept whatever key is chosen (e.g. no GL account). */
  blockers: Reason[];
  derive(taken: ReadonlySet<string>): string | null;
  /** How a derived key was made from the PM record, in words (shown beside the pre-filled key). */
  explain?(value: string): string;
  validate(value: string, taken: ReadonlySet<string>): Check;
  build(value: string): { spectrumKey: string; keyFields: Record<string, string>; steps: NewStep[] };
}

export interface Plan {
  spectrumKey: string;
  keyFields: Record<string, string>;
  steps: NewStep[];
}

const today = (d: Date) => d.toISOString().slice(0, 10);

/** `24-101/C100/PCO003`: a change request's link key (job, customer, number). */
export const changeRequestKey = (job: string, customer: string, number: string) =>
  `${job}/${customer}/${number}`;

/** How many free candidate keys a job or vendor accept looks for in Spectrum (other accepts may hold some). */
const FREE_CANDIDATES = 4;

/**
 * The candidate keys Spectrum already has, asked one key at a time (never its whole job or vendor list): candidates
 * in order until `FREE_CANDIDATES` free ones were seen, and the approver's typed key. `probed` lists every key asked
 * about, so a pre-fill is only ever a key Spectrum was asked about.
 */
async function takenAmong(
  candidates: Iterable<string>,
  exists: (key: string) => Promise<boolean>,
  typed: string | undefined,
): Promise<{ taken: string[]; probed: Set<string> }> {
  const taken: string[] = [];
  const probed = new Set<string>();
  const ask = async (key: string) => {
    probed.add(key.toUpperCase());
    if (await exists(key)) taken.push(key);
    else return true;
    return false;
  };
  let free = 0;
  for (const c of candidates) {
    if (free >= FREE_CANDIDATES) break;
    if (await ask(c)) free++;
  }
  if (typed && !probed.has(typed)) await ask(typed);
  return { taken, probed };
}

/** The derived key when Spectrum was asked about it, else none (the approver types one). */
const probedOnly = (key: string | null, probed: ReadonlySet<string>) =>
  key !== null && probed.has(key.toUpperCase()) ? key : null;

function checked(service: SpectrumWriteService, payload: object, prefix: string): Check {
  return withFieldPrefix(validatePayload(service, payload), prefix);
}

function steps(
  service: string,
  payloads: readonly object[],
  name: (p: Record<string, string>, i: number) => string,
) {
  return payloads.map((p, i) => ({
    name: name(p as Record<string, string>, i),
    service,
    input: p as Record<string, string>,
  }));
}

/**
 * Accept-time planning (docs/decisions.md → Exports): the Spectrum key each export writes (pre-filled per GEN-4,
 * editable by the approver, checked against Spectrum's keys and the keys other accepted exports reserved) and the
 * ordered steps built from the `@bridge/rules` payload mappers.
 */
@Injectable()
export class ExportPlansService {
  constructor(
    @Inject(ExportItemsService) private readonly items: ExportItemsService,
    @Inject(ExportsRepository) private readonly repo: ExportsRepository,
  ) {}

  /** Reads what the plan needs (Spectrum's keys in the item's scope, GL account, customer); no transaction held. */
  async prepare(
    req: Pick<ExportRequestRecord, 'type' | 'itemId'>,
    client: BridgeSpectrumClient,
    facts: IntegrationFacts & { companyCode: string | null },
    now: Date,
    typedKey?: string,
  ): Promise<Prepared> {
    const typed = typedKey?.trim().toUpperCase() || undefined;
    const companyCode = facts.companyCode ?? client.companyCode;
    const type = req.type as ExportableType;
    const id = req.itemId;
    const blockers: Reason[] = [];
    const notFound = (): Prepared => ({
      kind: 'none',
      scope: {},
      spectrumTaken: [],
      blockers: [reason('item-not-found', 'APP-1', `The ${this.items.label(type)} no longer exists.`)],
      derive: () => null,
      validate: () => checkFrom([]),
      build: () => ({ spectrumKey: '', keyFields: {}, steps: [] }),
    });
    switch (type) {
      case 'project': {
        const p = await this.items.projects.loadDomain(id);
        if (!p) return notFound();
        const template = await this.templateJob(facts.templateJob, client, blockers);
        const base = keepTail(normalizeKeyText(p.number ?? ''), 10);
        const jobs = await takenAmong(
          base === '' ? [] : counterCandidates(base, 10),
          async (jobNumber) => (await client.listJobs({ jobNumber }).toArray()).length > 0,
          typed,
        );
        return {
          kind: 'job',
          scope: {},
          spectrumTaken: jobs.taken,
          candidates: [...jobs.probed],
          blockers,
          derive: (taken) =>
            base === '' ? null : probedOnly(firstFreeWithCounter(base, 10, upperSet(taken)), jobs.probed),
          explain: (value) => explainJobNumber(p.number ?? '', value),
          validate: (value, taken) =>
            allOf(
              validateJobNumber(value, { field: 'spectrumId', rule: 'JOB-2' }),
              checkFrom([
                upperSet(taken).has(value.toUpperCase()) &&
                  reason(
                    'spectrum-key-taken',
                    'JOB-4',
                    `Job ${value} already exists in Spectrum; choose another.`,
                    'spectrumId',
                  ),
              ]),
            ),
          build: (jobNumber) => {
            const payload = mapProjectToAddJob(p, template ?? fallbackTemplate, { companyCode, jobNumber });
            // WBS-3: the job takes the project's cost codes along as its phases (in the same export)
            const phases = mapProjectCostCodesToAddPhases(p, {
              companyCode,
              jobNumber,
              priceMethodCode: (template ?? fallbackTemplate).priceMethodCode,
            });
            return {
              spectrumKey: jobNumber,
              keyFields: { jobNumber },
              steps: [
                {
                  name: `job ${jobNumber}`,
                  service: 'AddJob',
                  input: payload as unknown as Record<string, string>,
                },
                ...steps(
                  'AddPhase',
                  phases,
                  (ph, i) => `phase ${i + 1} of ${phases.length} (${ph.Phase_Code} ${ph.Cost_Type})`,
                ),
              ],
            };
          },
        };
      }
      case 'company': {
        const c = await this.items.companies.loadDomain(id);
        if (!c) return notFound();
        const base = normalizeKeyText(c.name).replace(/-/g, '').slice(0, 8);
        const vendors = await takenAmong(
          base === '' ? [] : counterCandidates(base, 10),
          async (vendorCode) => (await client.listVendorMaster({ vendorCode }).toArray()).length > 0,
          typed,
        );
        return {
          kind: 'vendor',
          scope: {},
          spectrumTaken: vendors.taken,
          candidates: [...vendors.probed],
          blockers,
          derive: (taken) =>
            base === '' ? null : probedOnly(firstFreeWithCounter(base, 10, upperSet(taken)), vendors.probed),
          explain: (value) => explainVendorCode(c.name, value),
          validate: (value, taken) =>
            allOf(
              validateVendorCode(value, { field: 'spectrumId', rule: 'VEN-2' }),
              checkFrom([
                upperSet(taken).has(value.toUpperCase()) &&
                  reason(
                    'spectrum-key-taken',
                    'VEN-2',
                    `Vendor ${value} already exists in Spectrum; choose another.`,
                    'spectrumId',
                  ),
              ]),
            ),
          build: (vendorCode) => ({
            spectrumKey: vendorCode,
            keyFields: { vendorCode },
            steps: [
              {
                name: `vendor ${vendorCode}`,
                service: 'AddVendor',
                input: mapCompanyToAddVendor(c, { companyCode, vendorCode }) as unknown as Record<
                  string,
                  string
                >,
              },
            ],
          }),
        };
      }
      case 'commitment': {
        const c = await this.items.commitments.loadDomain(id);
        if (!c) return notFound();
        const [company, project] = await Promise.all([
          this.items.companies.loadDomain(c.companyId),
          this.items.projects.loadDomain(c.projectId),
        ]);
        const vendorCode = company?.vendorCode ?? '';
        const jobNumber = project?.jobNumber ?? '';
        if (!vendorCode)
          blockers.push(
            reason('vendor-not-linked', 'VEN-4', 'The company is not linked to a Spectrum vendor.'),
          );
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
        return {
          kind: 'subcontract',
          scope: { vendorCode },
          spectrumTaken: subs.map((s) => s.subcontractNumber),
          blockers,
          derive: (taken) => {
            const d = deriveSubcontractNumber({
              pmNumber: c.number,
              kind: c.kind,
              usePmNumber: facts.settings.usePmContractNumber,
              taken,
            });
            return d.ok ? d.value : null;
          },
          explain: (value) =>
            explainSubcontractNumber(
              { pmNumber: c.number, kind: c.kind, usePmNumber: facts.settings.usePmContractNumber },
              value,
            ),
          validate: (value, taken) => validateApproverKey({ value, kind: 'subcontract', taken }),
          build: (subcontractNumber) => {
            const { header: mapped, lines } = mapCommitmentToSubcontract(
              c,
              company ?? { id: c.companyId, name: '', vendorCode },
              {
                companyCode,
                jobNumber,
                vendorCode,
                subcontractNumber,
                glAccount,
              },
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
                ...steps(
                  'UpdateSubcontractPhases',
                  lines,
                  (l, i) => `line ${i + 1} of ${lines.length} (${l.Phase_Code} ${l.Cost_Type})`,
                ),
              ],
            };
          },
        };
      }
      case 'commitment_change_order':
      case 'prime_contract_change_order':
      case 'budget_change': {
        const target = await this.changeRequestTarget(type, id, client);
        if (!target) return notFound();
        blockers.push(...target.blockers);
        const { jobNumber, customerCode } = target;
        const existing =
          jobNumber && customerCode
            ? await client.listChangeRequests({ jobNumber, customerCode }).toArray()
            : [];
        const rule =
          type === 'prime_contract_change_order' ? 'PCCO-2' : type === 'budget_change' ? 'BCH-1' : 'CCO-2';
        return {
          kind: 'change_request',
          scope: { jobNumber, customerCode },
          spectrumTaken: existing.map((r) => r.changeRequestNumber),
          blockers,
          derive: (taken) => {
            const d = deriveChangeRequestNumber({
              pmNumber: target.pmNumber,
              parentNumber: target.parentNumber,
              usePmNumber: facts.settings.usePmChangeOrderNumber,
              taken,
              source: type,
            });
            return d.ok ? d.value : null;
          },
          explain: (value) =>
            explainChangeRequestNumber(
              {
                pmNumber: target.pmNumber,
                parentNumber: target.parentNumber,
                usePmNumber: facts.settings.usePmChangeOrderNumber,
                source: type,
              },
              value,
            ),
          validate: (value, taken) => validateApproverKey({ value, kind: 'change_request', taken, rule }),
          build: (changeRequestNumber) => {
            const payloads = target.map(companyCode, changeRequestNumber);
            return {
              spectrumKey: changeRequestKey(jobNumber, customerCode, changeRequestNumber),
              keyFields: { jobNumber, customerCode, changeRequestNumber },
              steps: steps('ARChangeRequest', payloads, (p, i) => {
                const what = p.CR_Billing_Item_Code
                  ? `billing item ${p.CR_Billing_Item_Code}`
                  : `${p.CR_Phase_Code} ${p.CR_Cost_Type}`;
                return `change request line ${i + 1} of ${payloads.length} (${what})`;
              }),
            };
          },
        };
      }
      case 'budget':
      case 'forecast': {
        const projectId = await this.repo.budgetProject(id);
        const project = projectId ? await this.items.projects.loadDomain(projectId) : null;
        if (!projectId || !project) return notFound();
        const budget = await this.items.budgets.loadDomain(projectId);
        const jobNumber = project.jobNumber ?? '';
        if (!jobNumber)
          blockers.push(
            reason(
              'job-not-linked',
              type === 'budget' ? 'BUD-5' : 'FC-1',
              'The project is not linked to a Spectrum job.',
            ),
          );
        return {
          kind: 'none',
          scope: { jobNumber },
          spectrumTaken: [],
          blockers,
          derive: () => jobNumber,
          validate: () => checkFrom([]),
          build: () => {
            if (type === 'budget') {
              const payloads = mapBudgetToAddPhases(budget, { companyCode, jobNumber });
              return {
                spectrumKey: jobNumber,
                keyFields: { jobNumber },
                steps: steps(
                  'AddPhase',
                  payloads,
                  (p, i) => `estimate ${i + 1} of ${payloads.length} (${p.Phase_Code} ${p.Cost_Type})`,
                ),
              };
            }
            const payloads = mapForecastToProjections(budget, {
              companyCode,
              jobNumber,
              transactionDate: today(now),
            });
            return {
              spectrumKey: jobNumber,
              keyFields: { jobNumber },
              steps: steps(
                'JobCostProjections',
                payloads,
                (p, i) => `projection ${i + 1} of ${payloads.length} (${p.Phase_Code} ${p.Cost_Type})`,
              ),
            };
          },
        };
      }
    }
  }

  /**
   * JOB-3: the template job's values as Spectrum has them (division, cost center, customer, taxable flag, price
   * method), read for this accept; the settings only name the job (and a GL account). A template job Spectrum does
   * not have refuses the accept with that reason, before anything is written.
   */
  private async templateJob(
    configured: TemplateJob | null,
    client: BridgeSpectrumClient,
    blockers: Reason[],
  ): Promise<TemplateJob | null> {
    if (!configured) {
      blockers.push(reason('template-job-missing', 'JOB-3', 'No template job is configured.'));
      return null;
    }
    const [job] = await client.listJobs({ jobNumber: configured.jobNumber }).toArray();
    if (!job) {
      blockers.push(
        reason(
          'template-job-invalid',
          'JOB-3',
          `The template job ${configured.jobNumber} does not exist in Spectrum; name an existing job in the general settings.`,
        ),
      );
      return null;
    }
    const price = job.priceMethodCode.trim().toUpperCase();
    return {
      ...configured,
      division: job.division.trim(),
      costCenter: job.costCenter.trim(),
      customerCode: job.customerCode.trim(),
      taxable: job.taxableFlag.trim().toUpperCase() === 'Y',
      priceMethodCode: (['F', 'T', 'C', 'U'].includes(price)
        ? price
        : configured.priceMethodCode) as TemplateJob['priceMethodCode'],
    };
  }

  /** Job, customer and payload mapper of a change request export (CCO-2, PCCO-2, BCH-1). */
  private async changeRequestTarget(type: ExportableType, id: string, client: BridgeSpectrumClient) {
    const blockers: Reason[] = [];
    const customerOfJob = async (projectId: string, jobNumber: string) => {
      const own = await this.repo.projectContractCustomer(projectId);
      if (own) return own;
      if (!jobNumber) return '';
      const [job] = await client.listJobs({ jobNumber }).toArray();
      return job?.customerCode.trim() ?? '';
    };
    if (type === 'commitment_change_order') {
      const cco = await this.items.commitments.loadChangeOrderDomain(id);
      const c = cco ? await this.items.commitments.loadDomain(cco.commitmentId) : null;
      if (!cco || !c) return null;
      const company = (await this.items.companies.loadDomain(c.companyId)) ?? {
        id: c.companyId,
        name: '',
        vendorCode: null,
      };
      const project = await this.items.projects.loadDomain(c.projectId);
      const jobNumber = project?.jobNumber ?? '';
      const customerCode = await customerOfJob(c.projectId, jobNumber);
      if (!jobNumber)
        blockers.push(reason('job-not-linked', 'CCO-2', 'The project is not linked to a Spectrum job.'));
      if (!customerCode)
        blockers.push(
          reason(
            'customer-unknown',
            'CCO-2',
            'The Spectrum job has no customer to write the change request for.',
          ),
        );
      return {
        jobNumber,
        customerCode,
        pmNumber: cco.number,
        parentNumber: c.number,
        blockers,
        map: (companyCode: string, changeRequestNumber: string) =>
          mapCommitmentChangeOrderToChangeRequest(cco, c, company, {
            companyCode,
            jobNumber,
            customerCode,
            changeRequestNumber,
            status: cco.status === 'approved' ? CHANGE_REQUEST_STATUS.approved : CHANGE_REQUEST_STATUS.open,
          }),
      };
    }
    if (type === 'prime_contract_change_order') {
      const pcco = await this.items.primeContracts.loadChangeOrderDomain(id);
      const contract = pcco ? await this.items.primeContracts.loadDomain(pcco.primeContractId) : null;
      if (!pcco || !contract) return null;
      return {
        jobNumber: contract.jobNumber,
        customerCode: contract.customerCode,
        pmNumber: pcco.number,
        parentNumber: null,
        blockers,
        map: (companyCode: string, changeRequestNumber: string) =>
          mapPrimeContractChangeOrderToChangeRequest(pcco, contract, {
            companyCode,
            changeRequestNumber,
            status: pcco.status === 'approved' ? CHANGE_REQUEST_STATUS.approved : CHANGE_REQUEST_STATUS.open,
          }),
      };
    }
    const change = await this.items.budgets.loadChangeDomain(id);
    const project = change ? await this.items.projects.loadDomain(change.projectId) : null;
    if (!change || !project) return null;
    const jobNumber = project.jobNumber ?? '';
    const customerCode = await customerOfJob(change.projectId, jobNumber);
    if (!jobNumber)
      blockers.push(reason('job-not-linked', 'BCH-1', 'The project is not linked to a Spectrum job.'));
    if (!customerCode)
      blockers.push(
        reason(
          'customer-unknown',
          'BCH-1',
          'The Spectrum job has no customer to write the change request for.',
        ),
      );
    return {
      jobNumber,
      customerCode,
      pmNumber: change.number,
      parentNumber: null,
      blockers,
      map: (companyCode: string, changeRequestNumber: string) =>
        mapBudgetChangeToChangeRequest(change, {
          companyCode,
          jobNumber,
          customerCode,
          changeRequestNumber,
          status: CHANGE_REQUEST_STATUS.approved,
          approved: true,
        }),
    };
  }

  /**
   * Keys other accepted exports and links already hold in the same scope (inside the accept transaction), read for
   * that scope only: the job or vendor candidates of this accept, one vendor's subcontracts, one job and customer's
   * change requests.
   */
  async reservedKeys(
    prepared: Prepared,
    type: ExportableType,
    requestId: string,
    tx?: Tx,
  ): Promise<string[]> {
    const out: string[] = [];
    const keys = prepared.candidates ?? [];
    switch (prepared.kind) {
      case 'job':
        out.push(...(await this.repo.reservedRequestKeys(['project'], { keys }, requestId, tx)));
        out.push(...(await this.repo.reservedLinkKeys(['job', 'project'], { keys }, tx)));
        break;
      case 'vendor':
        out.push(...(await this.repo.reservedRequestKeys(['company'], { keys }, requestId, tx)));
        out.push(...(await this.repo.reservedLinkKeys(['vendor', 'company'], { keys }, tx)));
        break;
      case 'subcontract': {
        const prefix = `${prepared.scope.vendorCode}/`;
        for (const k of [
          ...(await this.repo.reservedRequestKeys(['commitment'], { prefix }, requestId, tx)),
          ...(await this.repo.reservedLinkKeys(['commitment'], { prefix }, tx)),
        ])
          out.push(k.slice(prefix.length));
        break;
      }
      case 'change_request': {
        const types = ['commitment_change_order', 'prime_contract_change_order', 'budget_change'] as const;
        const prefix = `${prepared.scope.jobNumber}/${prepared.scope.customerCode}/`;
        for (const k of [
          ...(await this.repo.reservedRequestKeys(types, { prefix }, requestId, tx)),
          ...(await this.repo.reservedLinkKeys(types, { prefix }, tx)),
        ])
          out.push(k.slice(prefix.length));
        break;
      }
      case 'none':
        break;
    }
    void type;
    return out.filter((k) => k !== '');
  }

  /**
   * How the pre-filled key was made, in words: a key an earlier accepted request of the item fixed is kept (APP-3),
   * any other pre-fill comes from the item's PM number or name by the type's rule.
   */
  prefillRule(prepared: Prepared, prefill: string | null, ownKey: string | null): string | null {
    if (prefill === null) return null;
    if (ownKey !== null && prefill.toUpperCase() === ownKey.toUpperCase())
      return 'the key an earlier accepted export of this item fixed in Spectrum, kept so that Spectrum gets the item once';
    return prepared.explain?.(prefill) ?? null;
  }

  /**
   * The key (approver's or pre-filled) and the steps, or every reason the accept is refused. `ownKey` is a key an
   * earlier accepted request of the same item already fixed (a re-sent item keeps its Spectrum key, APP-3).
   */
  decide(
    prepared: Prepared,
    type: ExportableType,
    input: KeyInput,
    reserved: readonly string[],
    ownKey: string | null,
  ): { ok: true; plan: Plan; value: string } | { ok: false; reasons: Reason[]; prefill: string | null } {
    const taken = new Set(
      [...prepared.spectrumTaken, ...reserved].filter(
        (k) => !ownKey || k.toUpperCase() !== ownKey.toUpperCase(),
      ),
    );
    const typed = prepared.kind === 'change_request' ? input.changeRequestId : input.spectrumId;
    const prefill = ownKey ?? prepared.derive(taken);
    // one reason per code: the pre-flight and the plan may both say the template job is missing
    const reasons: Reason[] = prepared.blockers.filter(
      (b, i, all) => all.findIndex((x) => x.code === b.code) === i,
    );
    if (reasons.length > 0) return { ok: false, reasons, prefill };
    const value = (typed ?? prefill ?? '').trim();
    if (value === '') {
      const field = prepared.kind === 'change_request' ? 'changeRequestId' : 'spectrumId';
      return {
        ok: false,
        reasons: [reason('spectrum-key-required', 'COM-2', 'Enter the Spectrum key for this export.', field)],
        prefill,
      };
    }
    const check = prepared.validate(value, taken);
    if (!check.ok) return { ok: false, reasons: [...check.reasons], prefill };
    const plan = prepared.build(value);
    const payloadChecks = plan.steps.map((s, i) =>
      checked(s.service as SpectrumWriteService, s.input, `steps[${i}]`),
    );
    const all = allOf(...payloadChecks);
    if (!all.ok) return { ok: false, reasons: [...all.reasons], prefill };
    if (plan.steps.length === 0) {
      return {
        ok: false,
        reasons: [
          reason(
            'nothing-to-export',
            'APP-1',
            `The ${this.items.label(type)} has nothing to send to Spectrum.`,
          ),
        ],
        prefill,
      };
    }
    return { ok: true, plan, value };
  }
}

/** Only used when the template job is missing, which `blockers` already refuses (JOB-3). */
const fallbackTemplate = {
  jobNumber: '',
  division: '',
  costCenter: '',
  customerCode: '',
  taxable: false,
  priceMethodCode: 'F' as const,
};
