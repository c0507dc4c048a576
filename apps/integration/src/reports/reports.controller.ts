import { Controller, Get, Inject, Query, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { z } from 'zod';
import { RequirePermission } from '../auth/permission.guard.js';
import { SnapshotRead } from '../platform/http/read-cache.js';
import { ZodQuery, ZodResponse } from '../platform/http/zod.js';
import { accountantReportCsv } from './accountant-report.js';
import { AccountantReportService } from './accountant-report.service.js';
import { accountantReportCsvSchema, accountantReportSchema } from './reports.schemas.js';

const reportQuery = z.object({ format: z.enum(['json', 'csv']).default('json') }).strict();

@ApiTags('reports')
@Controller('reports')
export class ReportsController {
  constructor(@Inject(AccountantReportService) private readonly reports: AccountantReportService) {}

  @Get('accountant')
  @SnapshotRead()
  @RequirePermission('report.view')
  @ZodQuery(reportQuery)
  @ApiOperation({
    operationId: 'getAccountantReport',
    summary:
      'Per type: waiting to import/export, synced, rejected, failed; last sync per group; what needs attention',
  })
  @ZodResponse(200, accountantReportSchema, 'The report as JSON, or as CSV with format=csv', {
    'text/csv': accountantReportCsvSchema,
  })
  async accountant(
    @Query() q: z.infer<typeof reportQuery>,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    const report = await this.reports.current(req);
    if (q.format === 'csv') {
      const day = report.generatedAt.slice(0, 10);
      res.type('text/csv; charset=utf-8');
      res.setHeader('Content-Disposition', `attachment; filename="spectrum-bridge-report-${day}.csv"`);
      return accountantReportCsv(report);
    }
    return report;
  }
}
