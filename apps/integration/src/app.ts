import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import type { Logger } from 'pino';
import { AppModule } from './app.module.js';
import type { Env } from './config/env.js';
import type { PrismaClient } from './generated/prisma/client.js';
import { ProblemFilter } from './platform/http/problem.filter.js';
import { ResponseConformanceInterceptor } from './platform/http/response-conformance.js';
import { serveWebApp } from './platform/http/web-app.js';
import { addSchemaComponents } from './platform/http/zod.js';
import { PinoNestLogger } from './platform/logging/logger.js';
import { type Clock, systemClock } from './platform/tokens.js';
import { ensureDemoUsers } from './users/demo-users.js';
import { UsersRepository } from './users/users.repository.js';

export interface AppDeps {
  env: Env;
  logger: Logger;
  prisma: PrismaClient;
  clock?: Clock;
}

/**
 * Builds the HTTP application (not listening yet): API under /api/v1, OpenAPI at /api/openapi.json, docs at
 * /api/docs, and the web app at `/` when it is built.
 */
export async function createApp(deps: AppDeps): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(
    AppModule.register({
      env: deps.env,
      logger: deps.logger,
      prisma: deps.prisma,
      clock: deps.clock ?? systemClock,
    }),
    { logger: new PinoNestLogger(deps.logger), bodyParser: true },
  );
  app.setGlobalPrefix('api/v1', { exclude: ['health'] });
  serveWebApp(app, deps.env.WEB_DIST_DIR, deps.logger);
  app.useGlobalFilters(new ProblemFilter(deps.logger));
  // Tests check every 2xx answer against the response schema its operation documents.
  if (deps.env.NODE_ENV === 'test') app.useGlobalInterceptors(new ResponseConformanceInterceptor());
  app.enableShutdownHooks();
  const document = openApiDocument(app);
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/openapi.json', raw: ['json'] });
  if (deps.env.DEMO_MODE) await ensureDemoUsers(app.get(UsersRepository));
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
          '({ field?, rule?, code, message }); lists are { items, nextCursor }.',
      )
      .setVersion('1')
      .addBearerAuth()
      .addSecurityRequirements('bearer')
      .build(),
  );
  return addSchemaComponents(document);
}
