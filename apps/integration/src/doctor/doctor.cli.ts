import { pino } from 'pino';
import type { Env } from '../config/env.js';
import { SecretBox } from '../platform/crypto/secret-box.js';
import { MetricsRegistry } from '../platform/metrics/metrics-registry.js';
import { systemClock } from '../platform/tokens.js';
import type { SettingsRepository } from '../settings/settings.repository.js';
import { SpectrumCallLimiter } from '../spectrum/spectrum-call-limiter.js';
import type { CallPermits } from '../spectrum/spectrum-call-permits.repository.js';
import { StoredSettingsSpectrumClientFactory } from '../spectrum/spectrum-client.factory.js';
import { SpectrumMetrics } from '../spectrum/spectrum-metrics.js';
import { DoctorService } from './doctor.service.js';
import type { DoctorReport } from './doctor-report.js';

/** `bridge doctor`: the connection doctor on the stored settings, without starting the service. */
export async function runDoctor(
  env: Env,
  settings: SettingsRepository,
  permits: CallPermits,
): Promise<DoctorReport> {
  const logger = pino({ level: 'silent' });
  // the doctor's calls take permits of the shared call limit like every other Spectrum call
  const limiter = new SpectrumCallLimiter(permits, env, logger);
  const factory = new StoredSettingsSpectrumClientFactory(
    settings,
    new SecretBox(env.ENCRYPTION_KEY),
    env,
    logger,
    // a one-off command: its calls are measured into a registry nobody scrapes
    new SpectrumMetrics(new MetricsRegistry({ processMetrics: false })),
    limiter,
  );
  try {
    return await new DoctorService(factory, settings, systemClock, env, logger).diagnose();
  } finally {
    await factory.onModuleDestroy();
    await limiter.onModuleDestroy();
  }
}
