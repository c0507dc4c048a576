import { SpectrumRowCapError } from '@bridge/spectrum-client';
import { Inject, Injectable } from '@nestjs/common';
import { LinksRepository } from '../../links/links.repository.js';
import { SnapshotImporter } from '../../snapshots/snapshot-importer.js';
import { countChanges } from '../cost-codes/cost-codes-import.service.js';
import { compositeKey, type ImportRunContext, KIND } from '../import-context.js';
import { ImportsRepository } from '../imports.repository.js';
import { type ContractItemRow, type ContractRow, type JobRow, withoutCompany } from '../spectrum-rows.js';
import { markVanishedLinks } from '../vendors/vendors-import.service.js';

/**
 * The `jobs` sync group (SCH-1 c): the Info-Link job master (every status, with `Master_Job`) into the snapshot; new
 * jobs staged as Ready to Import (JOB-1; sub jobs and Complete jobs too, their import is refused by LIM-3 and JOB-5 with
 * the reason, so every Spectrum job is listed somewhere); prime
 * contracts and their billing items into the snapshot, each contract staged as a `prime_contract` importable (PC).
 * Everything is read from Spectrum before anything is written.
 */
@Injectable()
export class JobsImportService {
  constructor(
    @Inject(SnapshotImporter) private readonly importer: SnapshotImporter,
    @Inject(ImportsRepository) private readonly repo: ImportsRepository,
    @Inject(LinksRepository) private readonly links: LinksRepository,
  ) {}

  async run(ctx: ImportRunContext): Promise<void> {
    const jobs: JobRow[] = (await ctx.client.listJobs().toArray()).map(withoutCompany);
    const contracts: ContractRow[] = (await ctx.client.listContracts().toArray()).map(withoutCompany);
    const items: ContractItemRow[] = (await ctx.client.listContractItems().toArray()).map(withoutCompany);
    const customers = await readCustomers(ctx);

    countChanges(
      ctx,
      await this.importer.import(
        KIND.job,
        (function* () {
          for (const j of jobs) yield { key: j.jobNumber.trim(), data: j };
        })(),
        { keepChanges: false },
      ),
    );
    countChanges(
      ctx,
      await this.importer.import(
        KIND.contract,
        (function* () {
          for (const c of contracts)
            yield { key: compositeKey(c.jobNumber, c.customerCode), parentKey: c.jobNumber.trim(), data: c };
        })(),
        { keepChanges: false },
      ),
    );
    countChanges(
      ctx,
      await this.importer.import(
        KIND.contractItem,
        (function* () {
          for (const i of items)
            yield {
              key: compositeKey(i.jobNumber, i.customerCode, i.billingItem),
              parentKey: compositeKey(i.jobNumber, i.customerCode),
              data: i,
            };
        })(),
        { keepChanges: false },
      ),
    );

    // PRE-3: the customers, only to know at send which ones exist (not counted: nothing is staged from them)
    if (customers)
      await this.importer.import(
        KIND.customer,
        (function* () {
          for (const c of customers) yield { key: c.customerCode.trim(), data: { name: c.name.trim() } };
        })(),
        { keepChanges: false },
      );

    // JOB-1: stage new jobs, of every status: a Complete job is listed with the reason it cannot be imported (JOB-5)
    const jobLinks = await this.links.rowsOfType('job');
    const linkedJobs = new Set(jobLinks.map((l) => l.spectrumKey));
    const newJobs = jobs.map((j) => j.jobNumber.trim()).filter((k) => !linkedJobs.has(k));
    if (newJobs.length) ctx.count('created', await this.links.stage('job', newJobs));
    await markVanishedLinks(this.links, 'Job', jobLinks, await this.repo.snapshotIndex(KIND.job));

    // PC: stage new prime contracts
    const pcLinks = await this.links.rowsOfType('prime_contract');
    const linkedPcs = new Set(pcLinks.map((l) => l.spectrumKey));
    const newPcs = contracts
      .map((c) => compositeKey(c.jobNumber, c.customerCode))
      .filter((k) => !linkedPcs.has(k));
    if (newPcs.length) ctx.count('created', await this.links.stage('prime_contract', newPcs));
    await markVanishedLinks(
      this.links,
      'Prime contract',
      pcLinks,
      await this.repo.snapshotIndex(KIND.contract),
    );
  }
}

/**
 * PRE-3: every Spectrum customer (any status). `GetCustomers` cannot be narrowed, so a company with more than one
 * read's worth (500) keeps its last customer snapshot and the send-time customer check says nothing new; the
 * accept-time check answers instead.
 */
async function readCustomers(
  ctx: ImportRunContext,
): Promise<{ customerCode: string; name: string }[] | null> {
  try {
    return await ctx.client.getCustomers({ status: 'ALL' }).toArray();
  } catch (e) {
    if (e instanceof SpectrumRowCapError) return null;
    throw e;
  }
}
