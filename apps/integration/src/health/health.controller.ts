import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '../auth/auth.guard.js';
import type { PrismaClient } from '../generated/prisma/client.js';
import { ZodResponse } from '../platform/http/zod.js';
import { PRISMA } from '../platform/tokens.js';
import { healthSchema } from './health.schemas.js';

/** Liveness and readiness: database reachability and the last known Spectrum connection status (GEN-3). */
@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(@Inject(PRISMA) private readonly db: PrismaClient) {}

  @Get()
  @Public()
  @ApiOperation({ operationId: 'getHealth', summary: 'Database and Spectrum connection status' })
  @ZodResponse(200, healthSchema, 'The database is reachable')
  @ZodResponse(503, healthSchema, 'The database is unreachable (status degraded)')
  async health(@Res({ passthrough: true }) res: Response) {
    let database: 'up' | 'down' = 'up';
    let spectrum: { status: string; checkedAt: string | null; error: string | null } = {
      status: 'not_connected',
      checkedAt: null,
      error: null,
    };
    try {
      const s = await this.db.integrationSettings.findUnique({ where: { id: 1 } });
      if (s) {
        spectrum = {
          status: s.connectionStatus,
          checkedAt: s.connectionCheckedAt?.toISOString() ?? null,
          error: s.connectionError,
        };
      }
    } catch {
      database = 'down';
    }
    const status = database === 'up' ? 'ok' : 'degraded';
    if (database === 'down') res.status(503);
    return { status, database, spectrum };
  }
}
