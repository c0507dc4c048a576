import { checkStandardCostCodeListCreate } from '@bridge/rules';
import { isSpectrumError } from '@bridge/spectrum-client';
import { Inject, Injectable } from '@nestjs/common';
import { LinksRepository } from '../../links/links.repository.js';
import { IMPORT_TX, TransactionHost, type TxHost } from '../../platform/transactions.js';
import { ProjectsRepository } from '../../projects/projects.repository.js';
import { IntegrationFactsService } from '../../settings/integration-facts.service.js';
import type { IncomingRow, SnapshotChanges } from '../../snapshots/snapshot-importer.js';
import { SnapshotImporter } from '../../snapshots/snapshot-importer.js';
import { compositeKey, type ImportRunContext, KIND } from '../import-context.js';
import { ImportsRepository } from '../imports.repository.js';
import { type CostTypeRow, type PhaseRow, type StandardPhaseRow, withoutCompany } from '../spectrum-rows.js';
import { ProjectCostCodesSync } from './project-cost-codes.sync.js';

/** Rows per phase batch (whole jobs): a batch is read completely from Spectrum before any of it is written. */
const PHASE_BATCH_ROWS = 5_000;

export function countChanges(ctx: ImportRunContext, c: SnapshotChanges<unknown>): void {
  ctx.count('read', c.read);
  ctx.count('created', c.createdCount);
  ctx.count('updated', c.updatedCount);
  ctx.count('unchanged', c.unchanged);
  ctx.count('vanished', c.vanished.length);
}

export const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** A Spectrum error ends the run; anything else concerns one item, which is recorded and skipped. */
export function rethrowSpectrum(e: unknown): void {
  if (isSpectrumError(e)) throw e;
}

/**
 * The `cost_codes` sync group (SCH-1 a, SCH-2): standard phases into the one Spectrum Standard Cost Codes list
 * (WBS-1, LIM-2), cost types, every job's phases into the snapshot (beyond the 500-row cap: the client narrows),
 * and for jobs linked to projects their cost codes (WBS-3), new budget lines (WBS-4), job-to-date costs (JC-1) and
 * the budget importable.
 */
@Injectable()
export class CostCodesImportService {
  constructor(
    @Inject(TransactionHost) private readonly txHost: TxHost,
    @Inject(SnapshotImporter) private readonly importer: SnapshotImporter,
    @Inject(ImportsRepository) private readonly repo: ImportsRepository,
    @Inject(LinksRepository) private readonly links: LinksRepository,
    @Inject(ProjectsRepository) private readonly projects: ProjectsRepository,
    @Inject(IntegrationFactsService) private readonly facts: IntegrationFactsService,
    @Inject(ProjectCostCodesSync) private readonly projectSync: ProjectCostCodesSync,
  ) {}

  async run(ctx: ImportRunContext): Promise<void> {
    await this.standardPhases(ctx);
    await this.costTypes(ctx);
    await this.jobPhases(ctx);
  }

  /** WBS-1, LIM-2: the list is created on the first run and kept equal to Spectrum's standard phases. */
  async standardPhases(ctx: ImportRunContext): Promise<void> {
    const rows = (await ctx.client.listStandardPhases().toArray()).map(withoutCompany);
    const incoming: IncomingRow<StandardPhaseRow>[] = rows.map((r) => ({ key: r.phaseCode.trim(), data: r }));
    countChanges(ctx, await this.importer.import(KIND.standardPhase, incoming, { keepChanges: false }));
    const { listId, updates } = await this.txHost.withTransaction(IMPORT_TX, async () => {
      const list = await this.repo.ensureStandardList((ids) => checkStandardCostCodeListCreate(ids).ok);
      const codes = await this.repo.listCodes(list.id);
      const missing = rows
        .filter((r) => !codes.has(r.phaseCode.trim()))
        .map((r) => ({ code: r.phaseCode.trim(), description: r.description.trim() }));
      await this.repo.insertListCodes(list.id, missing);
      const changed = rows.filter((r) => {
        const d = codes.get(r.phaseCode.trim());
        return d !== undefined && d !== r.description.trim();
      });
      return { listId: list.id, updates: changed };
    });
    for (const r of updates) {
      try {
        await this.repo.updateListCode(listId, r.phaseCode.trim(), r.description.trim());
      } catch (e) {
        await ctx.fail('cost_code', r.phaseCode, errorText(e));
      }
    }
  }

  /** Cost types (WBS-3: the cost types of project cost codes). */
  async costTypes(ctx: ImportRunContext): Promise<void> {
    const rows = (await ctx.client.listCostTypes().toArray()).map(withoutCompany);
    const incoming: IncomingRow<CostTypeRow>[] = rows.map((r) => ({ key: r.costType.trim(), data: r }));
    countChanges(ctx, await this.importer.import(KIND.costType, incoming, { keepChanges: false }));
    const existing = await this.repo.costTypes();
    await this.repo.insertCostTypes(
      rows
        .filter((r) => !existing.has(r.costType.trim()))
        .map((r) => ({ code: r.costType.trim(), description: r.description.trim() })),
    );
    for (const r of rows) {
      const d = existing.get(r.costType.trim());
      if (d === undefined || d === r.description.trim()) continue;
      try {
        await this.repo.updateCostType(r.costType.trim(), r.description.trim());
      } catch (e) {
        await ctx.fail('cost_type', r.costType, errorText(e));
      }
    }
  }

  /**
   * Every job's phases, in batches of whole jobs: a batch is read completely before it is written (a Spectrum error
   * leaves it unwritten), and the next batch is read while the current one is written.
   */
  async jobPhases(ctx: ImportRunContext): Promise<void> {
    const jobs = [...new Set((await ctx.client.listJobs().toArray()).map((j) => j.jobNumber.trim()))].sort();
    const facts = await this.facts.get();
    const linked = new Map<string, string>();
    for (const l of await this.links.rowsOfType('job')) {
      if (l.state === 'synced' && l.pmId && l.spectrumKey) linked.set(l.spectrumKey, l.pmId);
    }
    type Part = { jobs: string[]; rows: Map<string, PhaseRow[]>; next: number };
    /** Reads whole jobs from `from` until the part holds about PHASE_BATCH_ROWS rows. */
    const read = async (from: number): Promise<Part> => {
      const part: Part = { jobs: [], rows: new Map(), next: from };
      let n = 0;
      while (part.next < jobs.length && n < PHASE_BATCH_ROWS) {
        const job = jobs[part.next++] as string;
        const rows = (await ctx.client.getPhases({ jobNumber: job }, { signal: ctx.signal }).toArray()).map(
          withoutCompany,
        );
        part.jobs.push(job);
        part.rows.set(job, rows);
        n += rows.length;
      }
      return part;
    };

    // one part is written while the next one is read (at most two parts in memory)
    let next: Promise<Part> | null = jobs.length ? read(0) : null;
    while (next) {
      const current: Part = await next;
      next = current.next < jobs.length ? read(current.next) : null;
      // a failed write must not leave the read-ahead's rejection unhandled
      next?.catch(() => undefined);
      await this.writePhases(ctx, current, linked, facts.settings);
    }

    // jobs that left Spectrum: their phases vanish too
    const listed = new Set(jobs);
    const gone = (await this.repo.snapshotParents(KIND.phase)).filter((j) => !listed.has(j));
    if (gone.length) {
      countChanges(
        ctx,
        await this.importer.import(KIND.phase, [], { scope: { parentKeys: gone }, keepChanges: false }),
      );
    }
  }

  private async writePhases(
    ctx: ImportRunContext,
    part: { jobs: string[]; rows: Map<string, PhaseRow[]> },
    linked: Map<string, string>,
    settings: Awaited<ReturnType<IntegrationFactsService['get']>>['settings'],
  ): Promise<void> {
    function* incoming(): Iterable<IncomingRow<PhaseRow>> {
      for (const [job, rows] of part.rows) {
        for (const r of rows)
          yield { key: compositeKey(job, r.phaseCode, r.costType), parentKey: job, data: r };
      }
    }
    countChanges(
      ctx,
      await this.importer.import(KIND.phase, incoming(), {
        scope: { parentKeys: part.jobs },
        keepChanges: false,
      }),
    );
    const budgets: string[] = [];
    for (const job of part.jobs) {
      const projectId = linked.get(job);
      if (!projectId) continue;
      const rows = part.rows.get(job) ?? [];
      try {
        await this.txHost.withTransaction(IMPORT_TX, async () => {
          const project = await this.projects.findBasics(projectId);
          if (!project) return;
          await this.projectSync.apply(
            { id: project.id, budgetToolEnabled: project.budgetToolEnabled, jobNumber: job },
            rows,
            { settings, autoAddNewCombos: true },
          );
        });
      } catch (e) {
        rethrowSpectrum(e);
        await ctx.fail(
          'job',
          job,
          `Project cost codes, budget lines or job costs not updated: ${errorText(e)}`,
        );
      }
      if (rows.some((r) => r.currentEstimateCents > 0)) budgets.push(job);
    }
    if (budgets.length) {
      const existing = await this.links.rowsByKeys('budget', budgets);
      const missing = budgets.filter((b) => !existing.has(b));
      if (missing.length) ctx.count('created', await this.links.stage('budget', missing));
    }
  }
}
