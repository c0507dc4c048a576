import { readFileSync } from 'node:fs';
import type { INestApplication } from '@nestjs/common';
import { type Logger, pino } from 'pino';
import { createApp } from '../../src/app.js';
import { type Env, loadEnv } from '../../src/config/env.js';
import type { PrismaClient } from '../../src/generated/prisma/client.js';
import { connectDatabase } from '../../src/platform/db/prisma.service.js';
import type { StatementListener } from '../../src/platform/db/statement-counter.js';
import type { ServiceLifecycle } from '../../src/platform/runtime/lifecycle.js';
import { type Clock, LIFECYCLE } from '../../src/platform/tokens.js';
import type { InfoLinkSqlExecutorFactory } from '../../src/spectrum/spectrum-client.factory.js';

export const TEST_KEY = '00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff';

export interface TestApp {
  app: INestApplication;
  prisma: PrismaClient;
  env: Env;
  http: ReturnType<INestApplication['getHttpServer']>;
  close(): Promise<void>;
}

export class FakeClock implements Clock {
  constructor(private t: Date = new Date('2026-03-02T15:00:00.000Z')) {}
  now(): Date {
    return new Date(this.t);
  }
  set(iso: string): void {
    this.t = new Date(iso);
  }
  advance(ms: number): void {
    this.t = new Date(this.t.getTime() + ms);
  }
}

/** The migrated database dumped by the global setup (embedded in-memory databases only). */
export function migratedSnapshot(url: string): Blob | undefined {
  const file = process.env.BRIDGE_TEST_PGLITE_SNAPSHOT;
  return file && url === 'pglite://memory' ? new Blob([readFileSync(file)]) : undefined;
}

/** A service on a fresh embedded database (or `databaseUrl`), not listening: use `http` with supertest. */
export async function startTestApp(
  options: {
    env?: Record<string, string>;
    databaseUrl?: string;
    clock?: Clock;
    logger?: Logger;
    infoLinkSqlExecutor?: InfoLinkSqlExecutorFactory;
    onStatement?: StatementListener;
  } = {},
): Promise<TestApp> {
  const env = loadEnv({
    NODE_ENV: 'test',
    DATABASE_URL: options.databaseUrl ?? 'pglite://memory',
    ENCRYPTION_KEY: TEST_KEY,
    LOG_LEVEL: 'silent',
    SCHEDULER_ENABLED: 'false',
    WORKER_ENABLED: 'false',
    DEMO_MODE: 'true',
    WEB_DIST_DIR: 'none',
    ...options.env,
  });
  const db = await connectDatabase(env.DATABASE_URL, {
    migrate: true,
    loadDataDir: migratedSnapshot(env.DATABASE_URL),
    ...(options.onStatement ? { onStatement: options.onStatement } : {}),
  });
  const app = await createApp({
    env,
    logger: options.logger ?? pino({ level: 'silent' }),
    prisma: db.prisma,
    clock: options.clock,
    ...(options.infoLinkSqlExecutor ? { infoLinkSqlExecutor: options.infoLinkSqlExecutor } : {}),
  });
  await app.init();
  app.get<ServiceLifecycle>(LIFECYCLE).markReady(); // as `main` does once listening
  return {
    app,
    prisma: db.prisma,
    env,
    http: app.getHttpServer(),
    close: async () => {
      await app.close();
      await db.close();
    },
  };
}

export const ADMIN = 'demo-admin-token';
export const APPROVER = 'demo-approver-token';
export const PM = 'demo-pm-token';
export const VIEWER = 'demo-viewer-token';
export const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
