import { Global, Module } from '@nestjs/common';
import { SettingsController } from './settings.controller.js';
import { SettingsRepository } from './settings.repository.js';
import { SettingsService } from './settings.service.js';

/** GEN-1 … GEN-5. Global: the Spectrum client factory reads the stored connection through the repository. */
@Global()
@Module({
  providers: [SettingsRepository, SettingsService],
  controllers: [SettingsController],
  exports: [SettingsRepository, SettingsService],
})
export class SettingsModule {}
