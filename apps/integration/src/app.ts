import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import type { Logger } from 'pino';
import { AppModule } from './app.module.js';
import type { Env } from './config/env.js';
import type { PrismaClient } from './generated/prisma/client.js';
import {
  answerClientErrors,
  closeWhileStopping,
  jsonBodiesOnly,
  notFoundProblem,
  securityHeaders,
} from './platform/http/http-edges.js';
import { InputTextPipe } from './platform/http/input-text.js';
import { ProblemFilter } from './platform/http/problem.filter.js';
import { ReadCache, ReadCacheInterceptor } from './platform/http/read-cache.js';
import { ResponseConformanceInterceptor } from './platform/http/response-conformance.js';
import { serveWebApp } from './platform/http/web-app.js';
import { addSchemaComponents } from './platform/http/zod.js';
import { accessLog } from './platform/logging/access-log.js';
import { correlationMiddleware } from './platform/logging/correlation.js';
import { PinoNestLogger } from './platform/logging/logger.js';
import { HttpMetrics } from './platform/metrics/http-metrics.js';
import { metricsEndpoint } from './platform/metrics/metrics-endpoint.js';
import type { MetricsRegistry } from './platform/metrics/metrics-registry.js';
import type { ServiceLifecycle } from './platform/runtime/lifecycle.js';
import {
  type Clock,
  DATABASE_SNAPSHOTS,
  LIFECYCLE,
  METRICS,
  type RequestSnapshots,
  systemClock,
} from './platform/tokens.js';
import type { InfoLinkSqlExecutorFactory } from './spectrum/spectrum-client.factory.js';
import { ensureDemoUsers } from './users/demo-users.js';
import { UsersRepository } from './users/users.repository.js';

export interface AppDeps {
  env: Env;
  logger: Logger;
  prisma: PrismaClient;
  clock?: Clock;
  /** Tests: how the Info-Link SQL executor is opened (the simulator's PostgreSQL mirror instead of SQL Server). */
  infoLinkSqlExecutor?: InfoLinkSqlExecutorFactory;
  /** The run state and the work drained at shutdown (OPS-1, OPS-2); `main` marks it ready once listening. */
  lifecycle?: ServiceLifecycle;
}

/**
 * Builds and initialises the HTTP application (not listening yet): API under /api/v1, OpenAPI at /api/openapi.json,
 * docs at /api/docs, the web app at `/` when it is built; security headers on every response, JSON bodies only
 * (INPUT-2), text checked (INPUT-1) and a problem for every path no route serves (INPUT-3).
 */
export async function createApp(deps: AppDeps, options: { init?: boolean } = {}): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(
    AppModule.register({
      env: deps.env,
      logger: deps.logger,
      prisma: deps.prisma,
      clock: deps.clock ?? systemClock,
      ...(deps.infoLinkSqlExecutor
        ? { infoLinkSqlExecutor: deps.infoLinkSqlExecutor as (c: never) => unknown }
        : {}),
      ...(deps.lifecycle ? { lifecycle: deps.lifecycle } : {}),
    }),
    { logger: new PinoNestLogger(deps.logger), bodyParser: true },
  );
  app.setGlobalPrefix('api/v1', { exclude: ['health', 'health/live', 'health/ready'] });
  app.useGlobalFilters(new ProblemFilter(deps.logger));
  app.useGlobalPipes(new InputTextPipe());
  const metrics = app.get<MetricsRegistry>(METRICS);
  // First, so that a kept answer is the one every inner interceptor made (docs/decisions.md, "Heavy reads kept").
  const readCache = deps.env.READ_CACHE_MB > 0 ? new ReadCache(deps.env.READ_CACHE_MB * 1024 * 1024) : null;
  app.useGlobalInterceptors(
    new ReadCacheInterceptor(readCache, app.get<RequestSnapshots | null>(DATABASE_SNAPSHOTS), metrics),
  );
  // Tests check every 2xx answer against the response schema its operation documents.
  if (deps.env.NODE_ENV === 'test') app.useGlobalInterceptors(new ResponseConformanceInterceptor());
  const lifecycle = app.get<ServiceLifecycle>(LIFECYCLE);
  // while stopping, every answer closes its connection: keep-alive clients reconnect to a ready instance (OPS-1)
  const httpMetrics = new HttpMetrics(metrics);
  // the correlation id first, so that everything after it (and every log line) has it (OPS-3)
  app.use(
    correlationMiddleware(),
    httpMetrics.middleware(),
    accessLog(deps.logger, (req) => httpMetrics.operationOfRequest(req)),
    securityHeaders(),
    closeWhileStopping(lifecycle),
    jsonBodiesOnly(),
  );
  // Prometheus metrics, only for the holder of METRICS_TOKEN (OPS-5); before the web app, whose fallback page would
  // otherwise answer the path
  app.use('/metrics', metricsEndpoint(metrics, deps.env.METRICS_TOKEN));
  // after the security headers (the app's pages get the CSP too), before the routes (it never answers /api or /health)
  serveWebApp(app, deps.env.WEB_DIST_DIR, deps.logger);
  answerClientErrors(app.getHttpServer());
  const document = openApiDocument(app);
  httpMetrics.learn(document.paths as never); // HTTP latency labelled by operationId (OPS-8)
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/openapi.json', raw: ['json'] });
  // `init: false` builds the modules only (the API document): no lifecycle hook runs, nothing touches the database
  if (options.init === false) return app;
  if (deps.env.DEMO_MODE) await ensureDemoUsers(app.get(UsersRepository));
  await app.init();
  // After every route: what none of them serves is a problem, not Express's HTML page (INPUT-3).
  app.use(notFoundProblem());
  return app;
}

/** The OpenAPI document of the API (every operation with its responses; named schemas in components). */
export function openApiDocument(app: INestApplication): OpenAPIObject {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Spectrum Bridge API')
      .setDescription(
        'Project financials <-> Viewpoint Spectrum. Errors are RFC 9457 problem details with errors[] ' +
          '({ field?, rule?, code, message }); lists are { items, nextCursor }. An operation marked ' +
          '`x-read-cache: snapshot` answers again from memory while the database has not changed since its answer ' +
          'was computed (never a stale answer); `Cache-Control: no-cache` has it computed again.',
      )
      .setVersion('1')
      .addBearerAuth()
      .addSecurityRequirements('bearer')
      .build(),
  );
  return addSchemaComponents(document);
}
