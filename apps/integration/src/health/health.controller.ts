import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '../auth/auth.guard.js';
import { ZodResponse } from '../platform/http/zod.js';
import type { ServiceLifecycle } from '../platform/runtime/lifecycle.js';
import { LIFECYCLE } from '../platform/tokens.js';
import { SettingsRepository } from '../settings/settings.repository.js';
import { HealthRepository } from './health.repository.js';
import { healthSchema, livenessSchema, readinessSchema } from './health.schemas.js';

/**
 * Health: the summary with the last known Spectrum connection status (GEN-3), and the probes of an orchestrator
 * (OPS-2): liveness (the process answers) and readiness (start-up done, not stopping, database up and migrated).
 */
@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    @Inject(HealthRepository) private readonly probes: HealthRepository,
    @Inject(SettingsRepository) private readonly settings: SettingsRepository,
    @Inject(LIFECYCLE) private readonly lifecycle: ServiceLifecycle,
  ) {}

  @Get('live')
  @Public()
  @ApiOperation({
    operationId: 'getLiveness',
    summary:
      'Liveness probe: the process answers (no dependency is checked; restart it only when this fails)',
  })
  @ZodResponse(200, livenessSchema, 'The process answers')
  live() {
    return { status: 'alive' as const };
  }

  @Get('ready')
  @Public()
  @ApiOperation({
    operationId: 'getReadiness',
    summary:
      'Readiness probe: 200 when start-up is done, the instance is not stopping and the database answers with every migration applied; 503 otherwise',
  })
  @ZodResponse(200, readinessSchema, 'Ready for traffic')
  @ZodResponse(503, readinessSchema, 'Not ready: starting, stopping, or the database is down or not migrated')
  async ready(@Res({ passthrough: true }) res: Response) {
    const db = await this.probes.database();
    const phase = this.lifecycle.phase; // read after the query: a stop that began meanwhile counts
    const ok = phase === 'ready' && db.database === 'up' && db.migrations === 'applied';
    if (!ok) res.status(503);
    return {
      status: ok ? ('ready' as const) : ('not_ready' as const),
      checks: {
        startup: phase === 'starting' ? ('pending' as const) : ('done' as const),
        shutdown: phase === 'stopping' ? ('stopping' as const) : ('running' as const),
        database: db.database,
        migrations: db.migrations,
      },
    };
  }

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
      const s = await this.settings.find();
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
