import { Global, Module } from '@nestjs/common';
import { SPECTRUM_CLIENT_FACTORY } from '../platform/tokens.js';
import { SpectrumCallLimiter } from './spectrum-call-limiter.js';
import { SpectrumCallPermitsRepository } from './spectrum-call-permits.repository.js';
import { StoredSettingsSpectrumClientFactory } from './spectrum-client.factory.js';

/** `SPECTRUM_CLIENT_FACTORY`: Spectrum clients built from the stored connection settings, behind the shared call limit. */
@Global()
@Module({
  providers: [
    SpectrumCallPermitsRepository,
    SpectrumCallLimiter,
    StoredSettingsSpectrumClientFactory,
    { provide: SPECTRUM_CLIENT_FACTORY, useExisting: StoredSettingsSpectrumClientFactory },
  ],
  exports: [SPECTRUM_CLIENT_FACTORY, StoredSettingsSpectrumClientFactory, SpectrumCallLimiter],
})
export class SpectrumModule {}
