import { Global, Module } from '@nestjs/common';
import { SPECTRUM_CLIENT_FACTORY } from '../platform/tokens.js';
import { StoredSettingsSpectrumClientFactory } from './spectrum-client.factory.js';
import { SpectrumMetrics } from './spectrum-metrics.js';

/** `SPECTRUM_CLIENT_FACTORY`: Spectrum clients built from the stored connection settings. */
@Global()
@Module({
  providers: [
    SpectrumMetrics,
    StoredSettingsSpectrumClientFactory,
    { provide: SPECTRUM_CLIENT_FACTORY, useExisting: StoredSettingsSpectrumClientFactory },
  ],
  exports: [SPECTRUM_CLIENT_FACTORY, StoredSettingsSpectrumClientFactory],
})
export class SpectrumModule {}
