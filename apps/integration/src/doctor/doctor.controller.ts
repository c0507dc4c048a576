import { Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequirePermission } from '../auth/permission.guard.js';
import { ZodResponse } from '../platform/http/zod.js';
import { doctorReportSchema } from './doctor.schemas.js';
import { DoctorService } from './doctor.service.js';

/** PROD-11: the connection doctor over the API (PERM-3: admin only). */
@ApiTags('settings')
@Controller('settings')
export class DoctorController {
  constructor(@Inject(DoctorService) private readonly doctor: DoctorService) {}

  @Post('connection/diagnose')
  @HttpCode(200)
  @RequirePermission('connection.test')
  @ApiOperation({
    operationId: 'diagnoseConnection',
    summary:
      'Check the configured Spectrum end to end with harmless reads (PROD-11 … PROD-19): server and certificate, ' +
      'clocks, each SDX service, OAuth, the Authorization ID, each Info-Link table, the vendor type filter and the ' +
      'template job. One entry per check with its remedy; never writes to Spectrum.',
  })
  @ZodResponse(200, doctorReportSchema)
  diagnose() {
    return this.doctor.diagnose();
  }
}
