import { Global, Module } from '@nestjs/common';
import { type Env, isEmbeddedUrl } from '../config/env.js';
import { ENV, SPECTRUM_CLIENT_FACTORY } from '../platform/tokens.js';
import { LocalCallPermits } from './local-call-permits.js';
import { SpectrumCallLimiter } from './spectrum-call-limiter.js';
import { CALL_PERMITS, SpectrumCallPermitsRepository } from './spectrum-call-permits.repository.js';
import { StoredSettingsSpectrumClientFactory } from './spectrum-client.factory.js';
import { SpectrumMetrics } from './spectrum-metrics.js';

/** `SPECTRUM_CLIENT_FACTORY`: Spectrum clients built from the stored connection settings, behind the shared call limit. */
@Global()
@Module({
  providers: [
    SpectrumMetrics,
    SpectrumCallPermitsRepository,
    {
      // the embedded database has one instance: its call limit needs no statement (docs/decisions.md)
      provide: CALL_PERMITS,
      useFactory: (env: Env, shared: SpectrumCallPermitsRepository) =>
        isEmbeddedUrl(env.DATABASE_URL) ? new LocalCallPermits() : shared,
      inject: [ENV, SpectrumCallPermitsRepository],
    },
    SpectrumCallLimiter,
    StoredSettingsSpectrumClientFactory,
    { provide: SPECTRUM_CLIENT_FACTORY, useExisting: StoredSettingsSpectrumClientFactory },
  ],
  exports: [SPECTRUM_CLIENT_FACTORY, StoredSettingsSpectrumClientFactory, SpectrumCallLimiter, CALL_PERMITS],
})
export class SpectrumModule {}
