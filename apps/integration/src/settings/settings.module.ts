import { Global, Module } from '@nestjs/common';
import { GeneralSettingsService } from './general-settings.service.js';
import { SettingsController } from './settings.controller.js';
import { SettingsRepository } from './settings.repository.js';
import { SettingsService } from './settings.service.js';
import { VendorTypeFilterService } from './vendor-type-filter.service.js';

/** GEN-1 … GEN-5. Global: the Spectrum client factory reads the stored connection through the repository. */
@Global()
@Module({
  providers: [SettingsRepository, SettingsService, GeneralSettingsService, VendorTypeFilterService],
  controllers: [SettingsController],
  exports: [SettingsRepository, SettingsService],
})
export class SettingsModule {}
