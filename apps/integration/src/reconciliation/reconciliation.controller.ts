import { Controller, Get, Inject, Query, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { z } from 'zod';
import { RequirePermission } from '../auth/permission.guard.js';
import { decodeCursor, encodeCursor } from '../platform/http/pagination.js';
import { ApiProblems, ZodQuery, ZodResponse } from '../platform/http/zod.js';
import { reconciliationCsvSchema, reconciliationReportSchema } from './reconciliation.schemas.js';
import {
  CompanyWideFailure,
  type JobReconciliation,
  ReconciliationService,
} from './reconciliation.service.js';
import { csvHeader, errorCsv, jobCsv } from './reconciliation-csv.js';

const reportQuery = z
  .object({
    projectId: z.string().trim().min(1).max(100).optional(),
    format: z.enum(['json', 'csv']).default('json'),
    limit: z.coerce.number().int().min(1).max(20).default(5),
    cursor: z.string().max(200).optional(),
  })
  .strict();

/** REC-1, REC-2: the PM side and Spectrum side by side, per job or company-wide. */
@ApiTags('reports')
@Controller('reconciliation')
export class ReconciliationController {
  constructor(@Inject(ReconciliationService) private readonly reconciliation: ReconciliationService) {}

  @Get()
  @RequirePermission('report.view')
  @ZodQuery(reportQuery)
  @ApiOperation({
    operationId: 'getReconciliationReport',
    summary:
      'The PM side and Spectrum side by side per job (budget, commitments, their lines): matched, different (with the fields), only in PM, only in Spectrum, and totals. With projectId one job; without, company-wide in pages of jobs (JSON) or streamed as one CSV',
  })
  @ZodResponse(200, reconciliationReportSchema, 'The report as JSON, or as CSV with format=csv', {
    'text/csv': reconciliationCsvSchema,
  })
  @ApiProblems(400, 404, 422, 502)
  async report(
    @Query() q: z.infer<typeof reportQuery>,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    const generatedAt = this.reconciliation.now().toISOString();
    if (q.projectId) {
      const job = await this.reconciliation.forProject(q.projectId);
      if (q.format === 'csv')
        return this.csv(res, generatedAt, `job-${job.jobNumber}`, csvHeader() + jobCsv(job));
      return { generatedAt, jobs: [job], nextCursor: null };
    }
    const after = decodeCursor(q.cursor);
    if (q.format === 'json') {
      const client = await this.reconciliation.client();
      const page = await this.reconciliation.linkedProjects(after, q.limit);
      const jobs: JobReconciliation[] = [];
      for (const p of page.rows) jobs.push(await this.reconciliation.job(p, client));
      return { generatedAt, jobs, nextCursor: page.full && page.last ? encodeCursor(page.last) : null };
    }
    const client = await this.reconciliation.companyWideClient();
    // company-wide CSV: every linked job in job-number order, each written as it is reconciled from Spectrum's
    // tables streamed once in job order (never the whole company in memory); limit and cursor page the JSON only
    res.status(200);
    res.type('text/csv; charset=utf-8');
    res.setHeader(
      'Content-Disposition',
      `attachment; filename="reconciliation-${generatedAt.slice(0, 10)}.csv"`,
    );
    let closed = false;
    req.on('close', () => {
      closed = true;
    });
    res.write(csvHeader());
    const jobs = this.reconciliation.companyWide(client);
    try {
      for await (const job of jobs) {
        if (closed) return undefined;
        res.write(jobCsv(job));
      }
    } catch (e) {
      // the header is sent: a failure mid-report is written as the report's last line, in plain words
      const failed = e instanceof CompanyWideFailure ? e : null;
      res.end(errorCsv(failed?.jobNumber ?? '', failed?.projectName ?? '', String((e as Error).message)));
      return undefined;
    }
    res.end();
    return undefined;
  }

  private csv(res: Response, generatedAt: string, name: string, body: string) {
    res.type('text/csv; charset=utf-8');
    res.setHeader(
      'Content-Disposition',
      `attachment; filename="reconciliation-${name}-${generatedAt.slice(0, 10)}.csv"`,
    );
    return body;
  }
}
