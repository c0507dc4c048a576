import { pino } from 'pino';
import type { Env } from '../config/env.js';
import { SecretBox } from '../platform/crypto/secret-box.js';
import { systemClock } from '../platform/tokens.js';
import type { SettingsRepository } from '../settings/settings.repository.js';
import { StoredSettingsSpectrumClientFactory } from '../spectrum/spectrum-client.factory.js';
import { type DoctorReport, DoctorService } from './doctor.service.js';

/** `bridge doctor`: the connection doctor on the stored settings, without starting the service. */
export async function runDoctor(env: Env, settings: SettingsRepository): Promise<DoctorReport> {
  const logger = pino({ level: 'silent' });
  const factory = new StoredSettingsSpectrumClientFactory(
    settings,
    new SecretBox(env.ENCRYPTION_KEY),
    env,
    logger,
  );
  try {
    return await new DoctorService(factory, settings, systemClock, env, logger).diagnose();
  } finally {
    await factory.onModuleDestroy();
  }
}
