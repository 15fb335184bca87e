export { createApiApp, openApiDocument } from './create-app';
export type { ApiDependencies } from './app.module';
