import { randomBytes } from 'node:crypto';
import type { OpenAPIObject } from '@nestjs/swagger';
import { PrismaPg } from '@prisma/adapter-pg';
import { pino } from 'pino';
import { createApp, openApiDocument } from './app.js';
import { loadEnv } from './config/env.js';
import { PrismaClient } from './generated/prisma/client.js';

/**
 * The OpenAPI document, built from the application's modules without starting the HTTP server or touching a
 * database: the Prisma client it is wired with never connects (building the document runs no query, and no
 * lifecycle hook that would is started). Secrets are not needed either; a throw-away key stands in.
 */
export async function buildOpenApiDocument(source: NodeJS.ProcessEnv): Promise<OpenAPIObject> {
  const env = loadEnv({
    NODE_ENV: source.NODE_ENV === 'development' ? 'development' : 'production',
    ENCRYPTION_KEY: randomBytes(32).toString('hex'),
    DATABASE_URL: 'postgresql://127.0.0.1:9/unused',
    LOG_LEVEL: 'silent',
    SCHEDULER_ENABLED: 'false',
    WORKER_ENABLED: 'false',
    DEMO_MODE: 'false',
    WEB_DIST_DIR: 'none',
  });
  const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: env.DATABASE_URL }) });
  const app = await createApp({ env, logger: pino({ level: 'silent' }), prisma }, { init: false });
  try {
    return openApiDocument(app);
  } finally {
    await app.close();
  }
}
