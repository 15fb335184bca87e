import 'reflect-metadata';
import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { ApiDependencies, AppModule } from './app.module';
import { ErrorFilter } from './common/error.filter';

/** Builds the API (not yet listening): routes under /api, OpenAPI UI at /docs and JSON at /docs-json. */
export async function createApiApp(deps: ApiDependencies, options: { logger?: boolean } = {}): Promise<INestApplication> {
  const app = await NestFactory.create(AppModule.forRoot(deps), { logger: options.logger === false ? false : ['warn', 'error'] });
  app.setGlobalPrefix('api');
  app.useGlobalFilters(new ErrorFilter());
  app.enableShutdownHooks();
  const config = new DocumentBuilder()
    .setTitle('cacscreen API')
    .setDescription('Coronary artery calcium screening: sweeps, results and the coordinators\' worklist')
    .setVersion('0.1.0')
    .build();
  SwaggerModule.setup('docs', app, () => SwaggerModule.createDocument(app, config));
  return app;
}
