import type { PermissionLevel } from '@bridge/rules';
import { Inject, Injectable } from '@nestjs/common';
import type { AuthUser } from '../../auth/auth-user.js';
import { assertAllowed } from '../../auth/authorization.js';
import { notFound } from '../../platform/http/problem.js';
import { CLOCK, type Clock } from '../../platform/tokens.js';
import { IMPORT_TX, TransactionHost, type TxHost } from '../../platform/transactions.js';
import {
  type PrimeContractSpectrumFields,
  primeContractView,
} from '../../prime-contracts/prime-contract-records.js';
import { PrimeContractsRepository } from '../../prime-contracts/prime-contracts.repository.js';
import { ProjectsRepository } from '../../projects/projects.repository.js';
import {
  type ActionResult,
  actionResult,
  assertOk,
  ImportActionLinks,
  linkChange,
} from '../import-actions.js';
import { ImportableChecks, type PrimeContractFacts } from '../importable-checks.js';
import { isUnitPriceContract, primeContractTitle } from '../spectrum-rows.js';

/** PC-1, PC-2: what Spectrum's contract and billing items set on the PM prime contract. */
function contractData(f: PrimeContractFacts): PrimeContractSpectrumFields {
  const c = f.contract;
  if (!c) throw new Error('contract facts without a contract');
  return {
    title: primeContractTitle(c),
    status: c.approved ? 'approved' : 'draft',
    unitPrice: isUnitPriceContract(c, f.items),
    originalContractCents: c.originalContractCents,
    lines: f.items.map((i) => ({
      billingItem: i.billingItem.trim(),
      description: i.billingDescription.trim() || null,
      amountCents: i.originalContractCents,
    })),
  };
}

/** The Ready to Import actions of a staged Spectrum contract (API-1): import into a project, and re-import. */
@Injectable()
export class PrimeContractImportActionsService {
  constructor(
    @Inject(TransactionHost) private readonly txHost: TxHost,
    @Inject(ImportActionLinks) private readonly actions: ImportActionLinks,
    @Inject(PrimeContractsRepository) private readonly primeContracts: PrimeContractsRepository,
    @Inject(ProjectsRepository) private readonly projects: ProjectsRepository,
    @Inject(ImportableChecks) private readonly checks: ImportableChecks,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** PC-1, PC-4: the contract and its billing items into the project linked to its job. */
  async importPrimeContract(id: string, projectId: string, actor: AuthUser): Promise<ActionResult> {
    return this.txHost.withTransaction(IMPORT_TX, async () => {
      const link = await this.actions.locked(id, 'prime_contract');
      if (!(await this.projects.exists(projectId))) throw notFound('Project', projectId);
      const f = await this.checks.primeContractFacts(link);
      if (link.state === 'synced' && f.imported?.projectId === projectId)
        return actionResult(link, false, { primeContractId: f.imported.id, projectId });
      const checks = await this.checks.primeContractChecks(link, f, projectId);
      assertOk(checks.importPrimeContract, `Prime contract ${link.spectrumKey} cannot be imported.`);
      const now = this.clock.now();
      const pc = await this.primeContracts.createImported(
        { projectId, jobNumber: f.jobNumber, customerCode: f.customerCode },
        contractData(f),
        now,
      );
      const done = await this.actions.markSynced(
        actor,
        link,
        { pmId: pc.id, hash: f.hash, at: now },
        (done) => ({
          action: 'import.prime_contract',
          itemType: 'prime_contract',
          itemId: pc.id,
          ...linkChange(link, done, { primeContract: primeContractView(pc) }),
        }),
      );
      return actionResult(done, true, { primeContractId: pc.id, projectId });
    });
  }

  /**
   * PC-2, PC-3, PERM-5: overwrites the PM contract with Spectrum's current values. Needs admin on the ERP tool and
   * admin on the project's prime contracts tool (`primeContractsToolLevel`, from the request context).
   */
  async reimportPrimeContract(
    id: string,
    actor: AuthUser,
    primeContractsToolLevel: PermissionLevel,
  ): Promise<ActionResult> {
    assertAllowed(actor, 'prime_contract.reimport', { primeContractsToolLevel });
    return this.txHost.withTransaction(IMPORT_TX, async () => {
      const link = await this.actions.locked(id, 'prime_contract');
      const f = await this.checks.primeContractFacts(link);
      const checks = await this.checks.primeContractChecks(link, f, f.imported?.projectId ?? null);
      assertOk(checks.reimportPrimeContract, `Prime contract ${link.spectrumKey} cannot be re-imported.`);
      const pc = f.imported as NonNullable<PrimeContractFacts['imported']>;
      const now = this.clock.now();
      const after = await this.primeContracts.overwriteImported(pc.id, contractData(f), now);
      const done = await this.actions.markSynced(actor, link, { hash: f.hash, at: now }, () => ({
        action: 'reimport.prime_contract',
        itemType: 'prime_contract',
        itemId: pc.id,
        before: primeContractView(pc),
        after: primeContractView(after),
      }));
      return actionResult(done, false, { primeContractId: pc.id, projectId: pc.projectId });
    });
  }
}
