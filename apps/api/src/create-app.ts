import 'reflect-metadata';
import path from 'node:path';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Express } from 'express';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import type { INestApplication } from '@nestjs/common';
import { API_CONTROLLERS, ApiDependencies, AppModule } from './app.module';
import { completeOpenApi } from './openapi/complete-openapi';
import { apiConfigFromEnv } from './common/api-config';
import { correlationMiddleware } from './common/correlation.middleware';
import { ErrorFilter } from './common/error.filter';
import { answerMalformedRequests, refuseUnreadBodies } from './common/malformed-requests';
import { methodNotAllowed } from './common/method-not-allowed';

/** The coordinators' web page: static files, resolved from src/ or dist/ alike. */
export const WEB_ROOT = path.resolve(__dirname, '..', 'src', 'web', 'static');

const OPENAPI_INFO = new DocumentBuilder()
  .setTitle('cacscreen API')
  .setDescription(
    "Coronary artery calcium screening: sweeps, results, risk-factor import, exports and the coordinators' worklist. " +
      'Send an API key as `Authorization: Bearer <key>` or `x-api-key: <key>` (see docs/api.md).',
  )
  .setVersion('0.1.0')
  .addBearerAuth()
  .build();

/** The OpenAPI description generated from the controllers (served at /docs-json, committed as docs/openapi.json). */
export function openApiDocument(app: INestApplication): OpenAPIObject {
  return completeOpenApi(SwaggerModule.createDocument(app, OPENAPI_INFO), API_CONTROLLERS);
}

/**
 * Builds the API (not yet listening): routes under /api (API key required except /api/health), OpenAPI UI at /docs
 * and JSON at /docs-json, the coordinators' web page at /app/.
 */
export async function createApiApp(
  deps: ApiDependencies,
  options: { logger?: boolean } = {},
): Promise<NestExpressApplication> {
  // Settings a caller leaves out come from the environment, read and checked once here.
  const config = { ...apiConfigFromEnv(), ...deps.config };
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot({ ...deps, config }), {
    logger: options.logger === false ? false : ['warn', 'error'],
    bodyParser: false,
  });
  app.use(correlationMiddleware);
  app.useBodyParser('json', { limit: '10mb', type: ['application/json', 'application/fhir+json'] });
  app.useBodyParser('text', { limit: '10mb', type: ['text/csv', 'text/plain'] });
  app.use(refuseUnreadBodies);
  app.use(methodNotAllowed(() => openApiDocument(app)));
  answerMalformedRequests(app.getHttpServer());
  app.setGlobalPrefix('api');
  app.useGlobalFilters(new ErrorFilter());
  app.useStaticAssets(WEB_ROOT, { prefix: '/app/', index: 'index.html' });
  (app.getHttpAdapter().getInstance() as Express).get('/', (_request, response) => response.redirect('/app/'));
  app.enableShutdownHooks();
  SwaggerModule.setup('docs', app, () => openApiDocument(app));
  return app;
}
