import { pino } from 'pino';
import type { Env } from '../config/env.js';
import { SecretBox } from '../platform/crypto/secret-box.js';
import { connectDatabase } from '../platform/db/prisma.service.js';
import { systemClock } from '../platform/tokens.js';
import { SettingsRepository } from '../settings/settings.repository.js';
import { StoredSettingsSpectrumClientFactory } from '../spectrum/spectrum-client.factory.js';
import { type DoctorReport, DoctorService } from './doctor.service.js';

/** `bridge doctor`: the connection doctor on the stored settings of DATABASE_URL, without starting the service. */
export async function runDoctor(env: Env): Promise<DoctorReport> {
  const db = await connectDatabase(env.DATABASE_URL);
  const logger = pino({ level: 'silent' });
  const settings = new SettingsRepository(db.prisma);
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
    await db.close();
  }
}
