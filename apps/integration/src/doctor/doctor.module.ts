import { Module } from '@nestjs/common';
import { DoctorController } from './doctor.controller.js';
import { DoctorService } from './doctor.service.js';

/** PROD-11: the connection doctor (the settings and the Spectrum client factory are global modules). */
@Module({
  controllers: [DoctorController],
  providers: [DoctorService],
  exports: [DoctorService],
})
export class DoctorModule {}
